"""Cross-file declarations, parameter checks and municipal overlays, for the compiler.

The first step of the compile stage, on the validated files of every folder: merge
the declarations (V310 for a name declared twice), check that a parameter's dated
values neither overlap nor leave gaps (V311, V312), and apply a municipality's
overlay (replaced, removed and added rules, own article numbers; V307).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from verordening._types import GegevenType
from verordening.bron.loader import Bron
from verordening.bron.schema import Parameter, Regel
from verordening.compiler.product import EINDE
from verordening.diagnostics import Diagnostic, SourceRef, suggest


class _Collector:
    """Collects the diagnostics of one compilation, so that every problem is reported at once."""

    def __init__(self) -> None:
        """Start with no diagnostics."""
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
        naam: str | None = None,
    ) -> None:
        """Record a diagnostic (an error unless ``ernst`` says ``waarschuwing``)."""
        self.diagnostics.append(
            Diagnostic(
                code=code,
                bericht=bericht,
                bron=bron,
                hint=hint,
                ook=tuple(ook),
                context=context,
                ernst="fout" if ernst == "fout" else "waarschuwing",
                naam=naam,
            )
        )


#: The declaration list each name error is about; V316 names the list itself in ``naam``.
_SOORT_VAN = {
    "V301": "gegevens",
    "V302": "parameters",
    "V303": "kernwaarden",
    "V304": "grondwaarden",
    "V305": "behoeften",
    "V307": "regels",
    "V313": "gegevens",
}


def _markeer_gevolgen(diagnostics: list[Diagnostic], bronnen: list[Bron]) -> list[Diagnostic]:
    """Mark name errors about a name that a failed file would have declared.

    Such a name is not misspelt: it is missing because its file (or that part of it)
    failed. The diagnostic gets ``gevolg_van`` (so it is grouped under that failure) and
    a hint naming it instead of a did-you-mean that would point at another name.
    """
    verloren: dict[tuple[str, str], SourceRef] = {}
    for bron in bronnen:
        for verlies in bron.verloren:
            verloren.setdefault((verlies.soort, verlies.naam), verlies.oorzaak)
    if not verloren:
        return diagnostics
    per_soort = {soort: oorzaak for (soort, _), oorzaak in reversed(verloren.items())}
    uit: list[Diagnostic] = []
    for diag in diagnostics:
        oorzaak: SourceRef | None = None
        if diag.code == "V316" and diag.naam is not None:
            oorzaak = per_soort.get(diag.naam)
        elif diag.code in _SOORT_VAN and diag.naam is not None:
            oorzaak = verloren.get((_SOORT_VAN[diag.code], diag.naam))
        if oorzaak is not None:
            diag = diag.model_copy(
                update={
                    "gevolg_van": oorzaak,
                    "hint": f"volgt uit de fout in {oorzaak}: daar wordt dit gedeclareerd",
                }
            )
        elif diag.code in _SOORT_VAN and diag.naam is not None:
            diag = _hint_naar_verloren(diag, _SOORT_VAN[diag.code], verloren)
        uit.append(diag)
    return uit


def _hint_naar_verloren(
    diag: Diagnostic, soort: str, verloren: dict[tuple[str, str], SourceRef]
) -> Diagnostic:
    """A typo closest to a lost name: say so, rather than suggest a declared look-alike."""
    assert diag.naam is not None
    namen = [naam for s, naam in verloren if s == soort]
    dichtst = difflib.get_close_matches(diag.naam, namen, n=1, cutoff=0.6)
    if not dichtst:
        return diag
    bestaand = _BEDOELDE.fullmatch(diag.hint or "")
    if bestaand is not None and _gelijkenis(diag.naam, bestaand.group(1)) >= _gelijkenis(
        diag.naam, dichtst[0]
    ):
        return diag
    oorzaak = verloren[(soort, dichtst[0])]
    hint = (
        f"bedoelde u '{dichtst[0]}'? Die wordt gedeclareerd in {oorzaak}, "
        "dat niet gelezen kon worden"
    )
    return diag.model_copy(update={"hint": hint})


_BEDOELDE = re.compile(r"bedoelde u '(.+)'\?")


def _gelijkenis(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _declaraties(bronnen: list[Bron], v: _Collector) -> tuple[dict[str, Any], ...]:
    """The declarations of all files merged, by kind (kernwaarden ... parameters).

    Each name is declared once across the files (V310, pointing at both places); a
    municipal overlay may only redeclare a parameter, whose values then override the
    model's on the dates they cover (`_overlay_parameter`).
    """
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
    v: _Collector,
) -> None:
    """Value types, and no gaps or overlaps between the dated values of a parameter."""

    def plek(naam: str, vanaf: dt.date, veld: str) -> SourceRef | None:
        """The place of ``veld`` of the value from ``vanaf``, else of the parameter itself."""
        return plekken.get((naam, vanaf, veld)) or plekken.get((naam, None, ""))

    for naam, param in parameters.items():
        waarden = sorted(param.waarden, key=lambda w: w.geldig_vanaf)
        for w in waarden:
            if w.waarde is None:
                continue
            verwacht: type = {
                GegevenType.ja_nee: bool,
                GegevenType.tekst: str,
                GegevenType.datum: dt.date,
            }.get(param.type, int)
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
class _RawRule:
    """A rule as authored, with its article's data and the period it is in force.

    ``vanaf``/``tot`` are set when an overlay cuts a model rule's period; otherwise the
    rule takes its file's period.
    """

    bron: Bron
    regel: Regel
    pad: tuple[str | int, ...]
    artikel_nummer: str
    artikel_titel: str
    wetten: tuple[str, ...]
    artikel_kernwaarden: dict[str, int]
    vanaf: dt.date | None = None
    tot: dt.date | None = None


def _verzamel_regels(bronnen: list[Bron], v: _Collector) -> tuple[list[_RawRule], dict[str, str]]:
    """All rules after the overlays, and the overlay's article numbering.

    An overlay's ``vervangt`` and ``vervalt`` must name a model rule and its
    ``artikelnummers`` a model article (V307). A model rule an overlay replaces or
    removes keeps its period outside the overlay's, and a replacement takes the model
    rule's article inside it (`_overlay_periode`). The overlay's own rules are added.
    """
    model: list[_RawRule] = []
    overlay_nieuw: list[_RawRule] = []
    vervang: dict[str, _RawRule] = {}
    vervalt: dict[str, tuple[Bron, int]] = {}
    nummers: dict[str, str] = {}
    for bron in bronnen:
        b = bron.bestand
        doel = overlay_nieuw if bron.overlay else model
        for ai, art in enumerate(b.artikelen):
            for ri, regel in enumerate(art.regels):
                doel.append(
                    _RawRule(
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
                vervang[regel.id] = _RawRule(bron, regel, ("vervangt", ri), "", "", (), {})
            for vi, verval in enumerate(b.vervalt):
                vervalt[verval.regel] = (bron, vi)
            nummers.update(b.artikelnummers)
    bekend = {r.regel.id: r for r in model}
    for rid, ruw in vervang.items():
        if rid not in bekend:
            v.fout(
                "V307",
                f"de overlay vervangt regel '{rid}', maar die bestaat niet in het model",
                ruw.bron.doc.ref(ruw.pad),
                suggest(rid, bekend),
                naam=rid,
            )
    for rid, (bron, vi) in vervalt.items():
        if rid not in bekend:
            v.fout(
                "V307",
                f"de overlay laat regel '{rid}' vervallen, maar die bestaat niet in het model",
                bron.doc.ref(("vervalt", vi)),
                suggest(rid, bekend),
                naam=rid,
            )
    artikelen = {r.artikel_nummer for r in model} | {
        a.nummer for b in bronnen if not b.overlay for a in b.bestand.artikelen
    }
    for bron in bronnen:
        for nummer in bron.bestand.artikelnummers if bron.overlay else ():
            if nummer not in artikelen:
                v.fout(
                    "V307",
                    f"de overlay nummert artikel {nummer} om, maar dat artikel bestaat niet",
                    bron.doc.key_ref(("artikelnummers", nummer)),
                    suggest(nummer, artikelen),
                )
    regels: list[_RawRule] = []
    for r in model:
        ingreep: _RawRule | None = vervang.get(r.regel.id)
        weg = vervalt.get(r.regel.id)
        overlay = ingreep.bron if ingreep else (weg[0] if weg else None)
        if overlay is None:
            regels.append(r)
            continue
        regels.extend(_overlay_periode(r, overlay, ingreep))
    return regels + overlay_nieuw, nummers


def _periode(bron: Bron) -> tuple[dt.date, dt.date]:
    """The period a file is in force, with open ends filled in (1900-01-01, `EINDE`)."""
    return bron.bestand.geldig_vanaf or dt.date(1900, 1, 1), bron.bestand.geldig_tot or EINDE


def _overlay_periode(model: _RawRule, overlay: Bron, ingreep: _RawRule | None) -> list[_RawRule]:
    """The model rule outside the overlay's period, and the replacement (if any) inside it."""
    mv, mt = _periode(model.bron)
    ov, ot = _periode(overlay)
    uit: list[_RawRule] = []
    if mv < ov:
        uit.append(dataclasses.replace(model, vanaf=mv, tot=min(mt, ov - dt.timedelta(days=1))))
    if mt > ot:
        uit.append(dataclasses.replace(model, vanaf=max(mv, ot + dt.timedelta(days=1)), tot=mt))
    if ingreep is not None and max(mv, ov) <= min(mt, ot):
        uit.append(
            dataclasses.replace(
                ingreep,
                artikel_nummer=model.artikel_nummer,
                artikel_titel=model.artikel_titel,
                wetten=model.wetten,
                artikel_kernwaarden=model.artikel_kernwaarden,
                vanaf=max(mv, ov),
                tot=min(mt, ot),
            )
        )
    return uit
