"""Cross-file declarations, parameter checks and municipal overlays, for the compiler."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ._compiled import EINDE
from ._types import GegevenType
from .diagnostics import Diagnostic, SourceRef, suggest
from .loader import Bron
from .schema import Parameter, Regel


class _Verzamelaar:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def fout(
        self,
        code: str,
        bericht: str,
        bron: SourceRef | None,
        hint: str | None = None,
        ook: Iterable[SourceRef] = (),
        context: str | None = None,
        ernst: str = "fout",
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code,
                bericht=bericht,
                bron=bron,
                hint=hint,
                ook=tuple(ook),
                context=context,
                ernst="fout" if ernst == "fout" else "waarschuwing",
            )
        )


def _declaraties(bronnen: list[Bron], v: _Verzamelaar) -> tuple[dict[str, Any], ...]:
    soorten: dict[str, dict[str, tuple[Any, SourceRef]]] = {
        "kernwaarden": {},
        "grondwaarden": {},
        "behoeften": {},
        "gegevens": {},
        "parameters": {},
    }
    sleutels = {
        "kernwaarden": "code",
        "grondwaarden": "code",
        "behoeften": "code",
        "gegevens": "naam",
        "parameters": "naam",
    }
    for bron in bronnen:
        for soort, tabel in soorten.items():
            for i, item in enumerate(getattr(bron.bestand, soort)):
                naam = getattr(item, sleutels[soort])
                plek = bron.doc.ref((soort, i))
                if soort == "parameters" and bron.overlay and naam in tabel:
                    tabel[naam] = (_overlay_parameter(tabel[naam][0], item), plek)
                    continue
                if naam in tabel:
                    v.fout(
                        "V310",
                        f"'{naam}' is twee keer gedeclareerd in {soort}",
                        plek,
                        ook=[tabel[naam][1]],
                        hint="elke naam wordt één keer gedeclareerd",
                    )
                    continue
                tabel[naam] = (item, plek)
    return tuple({k: w[0] for k, w in soorten[s].items()} for s in soorten)


def _overlay_parameter(model: Parameter, overlay: Parameter) -> Parameter:
    """Overlay values replace the model's values on the dates they cover."""
    eigen = list(overlay.waarden)
    behouden = [
        w
        for w in model.waarden
        if not any(
            o.geldig_vanaf <= (w.geldig_tot or EINDE) and w.geldig_vanaf <= (o.geldig_tot or EINDE)
            for o in eigen
        )
    ]
    waarden = tuple(sorted([*behouden, *eigen], key=lambda w: w.geldig_vanaf))
    return model.model_copy(update={"waarden": waarden, "omschrijving": overlay.omschrijving})


def _check_parameters(
    parameters: dict[str, Parameter],
    plekken: dict[tuple[str, object, str], SourceRef],
    v: _Verzamelaar,
) -> None:
    """Value types, and no gaps or overlaps between the dated values of a parameter."""

    def plek(naam: str, vanaf: dt.date, veld: str) -> SourceRef | None:
        return plekken.get((naam, vanaf, veld)) or plekken.get((naam, None, ""))

    for naam, param in parameters.items():
        waarden = sorted(param.waarden, key=lambda w: w.geldig_vanaf)
        for w in waarden:
            if w.waarde is None:
                continue
            verwacht = {GegevenType.ja_nee: bool, GegevenType.tekst: str}.get(param.type, int)
            if not isinstance(w.waarde, verwacht) or (
                verwacht is int and isinstance(w.waarde, bool)
            ):
                v.fout(
                    "V203",
                    f"parameter '{naam}' ({param.type}) heeft waarde {w.waarde!r} "
                    "van het verkeerde type",
                    plek(naam, w.geldig_vanaf, "waarde"),
                    "geld in eurocent en percentages in basispunten zijn hele getallen",
                )
        for vorige, volgende in itertools.pairwise(waarden):
            eind = vorige.geldig_tot
            if eind is None or eind >= volgende.geldig_vanaf:
                v.fout(
                    "V312",
                    f"parameter '{naam}': de periode vanaf {vorige.geldig_vanaf} "
                    f"overlapt met die vanaf {volgende.geldig_vanaf}",
                    plek(naam, volgende.geldig_vanaf, "geldig_vanaf"),
                    "geef de eerdere waarde een 'geldig_tot'",
                )
            elif eind + dt.timedelta(days=1) < volgende.geldig_vanaf:
                v.fout(
                    "V311",
                    f"parameter '{naam}' heeft geen waarde van {eind + dt.timedelta(days=1)} tot "
                    f"{volgende.geldig_vanaf}",
                    plek(naam, volgende.geldig_vanaf, "geldig_vanaf"),
                    "vul het gat of zet 'waarde: null' met 'bron: onbevestigd'",
                )


@dataclass
class _Ruwe:
    bron: Bron
    regel: Regel
    pad: tuple[str | int, ...]
    artikel_nummer: str
    artikel_titel: str
    wetten: tuple[str, ...]
    artikel_kernwaarden: dict[str, int]


def _verzamel_regels(bronnen: list[Bron], v: _Verzamelaar) -> tuple[list[_Ruwe], dict[str, str]]:
    model: list[_Ruwe] = []
    overlay_nieuw: list[_Ruwe] = []
    vervang: dict[str, _Ruwe] = {}
    vervalt: dict[str, tuple[Bron, int]] = {}
    nummers: dict[str, str] = {}
    for bron in bronnen:
        b = bron.bestand
        doel = overlay_nieuw if bron.overlay else model
        for ai, art in enumerate(b.artikelen):
            for ri, regel in enumerate(art.regels):
                doel.append(
                    _Ruwe(
                        bron,
                        regel,
                        ("artikelen", ai, "regels", ri),
                        art.nummer,
                        art.titel,
                        art.wetten,
                        dict(art.kernwaarden),
                    )
                )
        if bron.overlay:
            for ri, regel in enumerate(b.vervangt):
                vervang[regel.id] = _Ruwe(bron, regel, ("vervangt", ri), "", "", (), {})
            for vi, verval in enumerate(b.vervalt):
                vervalt[verval.regel] = (bron, vi)
            nummers.update(b.artikelnummers)
    bekend = {r.regel.id: r for r in model}
    for rid, ruw in vervang.items():
        origineel = bekend.get(rid)
        if origineel is None:
            v.fout(
                "V307",
                f"de overlay vervangt regel '{rid}', maar die bestaat niet in het model",
                ruw.bron.doc.ref(ruw.pad),
                suggest(rid, bekend),
            )
            continue
        ruw.artikel_nummer, ruw.artikel_titel = (
            origineel.artikel_nummer,
            origineel.artikel_titel,
        )
        ruw.wetten, ruw.artikel_kernwaarden = (
            origineel.wetten,
            origineel.artikel_kernwaarden,
        )
    for rid, (bron, vi) in vervalt.items():
        if rid not in bekend:
            v.fout(
                "V307",
                f"de overlay laat regel '{rid}' vervallen, maar die bestaat niet in het model",
                bron.doc.ref(("vervalt", vi)),
                suggest(rid, bekend),
            )
    regels = [vervang.get(r.regel.id, r) for r in model if r.regel.id not in vervalt]
    return regels + overlay_nieuw, nummers
