"""Presumptions (vermoedens): what the bylaw holds of a fact while a case does not give it.

DESIGN §3 "Missing facts", step 2: only a fact that is an *exception to a right*
(catalogue soort ``uitzondering``: a Wlz indication, studiefinanciering, a breach of the
inlichtingenplicht) may be presumed. A presumption on a professional finding or on an
ordinary fact is an author error (V320); a value that is not of the fact's type is V321.
An overlay may add presumptions (``vermoedens:``, replacing the model's for the same fact)
and drop them (``vervallen_vermoedens:``; naming one that does not exist is V307).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from verordening._types import GegevenType
from verordening.bron.loader import Bron
from verordening.bron.schema import Vermoeden
from verordening.compiler._catalogue import VRAAG_FEITEN, FactInfo, GegevenSoort
from verordening.compiler._sources import _Collector
from verordening.compiler.product import BEGIN, EINDE, CompiledVermoeden
from verordening.diagnostics import SourceRef, suggest

#: How the YAML words for yes and no read.
_JA_NEE = {"ja": True, "nee": False, True: True, False: False}


def _info(gegeven: str, invoer: dict[str, FactInfo]) -> FactInfo | None:
    """The catalogue entry of a presumed fact: a flat input fact or ``vraag.<naam>``."""
    if gegeven.startswith("vraag."):
        return VRAAG_FEITEN.get(gegeven[6:])
    return invoer.get(gegeven)


def _waarde(info: FactInfo, waarde: Any) -> Any | None:
    """The presumed value as the fact's type, or None when it does not fit."""
    if info.type == GegevenType.ja_nee:
        return _JA_NEE.get(waarde) if isinstance(waarde, bool | str) else None
    if info.type == GegevenType.tekst:
        return waarde if isinstance(waarde, str) and waarde in info.waarden else None
    if info.type == GegevenType.datum:
        return waarde if isinstance(waarde, dt.date) else None
    return waarde if isinstance(waarde, int) and not isinstance(waarde, bool) else None


def _compileer(
    bron: Bron, i: int, vm: Vermoeden, invoer: dict[str, FactInfo], v: _Collector
) -> CompiledVermoeden | None:
    """One presumption checked and compiled, or None with a diagnostic."""
    plek = bron.doc.ref(("vermoedens", i, "gegeven"))
    info = _info(vm.gegeven, invoer)
    if info is None:
        namen = [*invoer, *(f"vraag.{n}" for n in VRAAG_FEITEN)]
        v.fout(
            "V301",
            f"vermoeden over onbekend gegeven '{vm.gegeven}'",
            plek,
            suggest(vm.gegeven, namen)
            or "een vermoeden gaat over een invoergegeven (zie gegevens.md)",
            naam=vm.gegeven,
        )
        return None
    if info.soort != GegevenSoort.uitzondering:
        wat = (
            "een bevinding van de professional"
            if info.soort == GegevenSoort.bevinding
            else "een gegeven dat de inwoner zelf opgeeft"
        )
        v.fout(
            "V320",
            f"'{vm.gegeven}' is {wat}, geen uitzondering op een recht: dat mag niet vermoed worden",
            plek,
            "alleen uitzonderingen die de gemeente in een register controleert (Wlz-indicatie, "
            "studiefinanciering, schending van de inlichtingenplicht) krijgen een vermoeden; "
            "een ontbrekende bevinding wordt een onderzoekspunt",
        )
        return None
    waarde = _waarde(info, vm.waarde)
    if waarde is None:
        mogelijk = ", ".join(info.waarden) if info.waarden else str(info.type)
        v.fout(
            "V321",
            f"vermoeden '{vm.waarde}' past niet bij gegeven '{vm.gegeven}' ({info.type})",
            bron.doc.ref(("vermoedens", i, "waarde")),
            "geef ja of nee"
            if info.type == GegevenType.ja_nee
            else f"geef een waarde van het type {info.type}"
            + (f": {mogelijk}" if info.waarden else ""),
        )
        return None
    b = bron.bestand
    return CompiledVermoeden(
        gegeven=vm.gegeven,
        waarde=waarde,
        omschrijving=" ".join(vm.omschrijving.split()),
        grondslag=" ".join(vm.grondslag.split()),
        controle=" ".join(vm.controle.split()),
        vanaf=vm.geldig_vanaf or b.geldig_vanaf or BEGIN,
        tot=vm.geldig_tot or b.geldig_tot or EINDE,
        bron=bron.doc.ref(("vermoedens", i)).model_copy(update={"bestand": bron.rel}),
    )


def vermoedens(
    bronnen: list[Bron], invoer: dict[str, FactInfo], v: _Collector
) -> tuple[CompiledVermoeden, ...]:
    """Every presumption of the bylaw, with the overlay applied; problems go to ``v``.

    Two presumptions of the model for the same fact must not overlap in time (V310). An
    overlay's presumption replaces the model's for that fact; ``vervallen_vermoedens``
    drops one (V307 when the model has none for that fact; V318 outside an overlay).
    """
    model: dict[str, list[tuple[CompiledVermoeden, SourceRef]]] = {}
    eigen: dict[str, list[CompiledVermoeden]] = {}
    vervallen: list[tuple[str, SourceRef]] = []
    for bron in bronnen:
        for i, vm in enumerate(bron.bestand.vermoedens):
            c = _compileer(bron, i, vm, invoer, v)
            if c is None:
                continue
            if bron.overlay:
                eigen.setdefault(c.gegeven, []).append(c)
                continue
            plek = bron.doc.ref(("vermoedens", i))
            for ander, ander_plek in model.get(c.gegeven, ()):
                if ander.vanaf <= c.tot and c.vanaf <= ander.tot:
                    v.fout(
                        "V310",
                        f"'{c.gegeven}' heeft twee vermoedens in dezelfde periode",
                        plek,
                        "geef elk vermoeden een eigen periode (geldig_vanaf, geldig_tot)",
                        ook=[ander_plek],
                    )
            model.setdefault(c.gegeven, []).append((c, plek))
        for i, weg in enumerate(bron.bestand.vervallen_vermoedens):
            plek = bron.doc.ref(("vervallen_vermoedens", i))
            if not bron.overlay:
                v.fout(
                    "V318",
                    "'vervallen_vermoedens' werkt alleen in een gemeente-overlay",
                    bron.doc.key_ref(("vervallen_vermoedens",)),
                    "zet dit in rulesets/gemeenten/<gemeente>/ en laad met --gemeente",
                )
                break
            vervallen.append((weg.gegeven, plek))
    for gegeven, plek in vervallen:
        if gegeven not in model:
            v.fout(
                "V307",
                f"de overlay laat het vermoeden over '{gegeven}' vervallen, maar het model "
                "heeft dat vermoeden niet",
                plek,
                suggest(gegeven, model) or "kijk in rulesets/01-inleiding/vermoedens.yaml",
            )
        model.pop(gegeven, None)
    uit = [c for gegeven, lijst in model.items() if gegeven not in eigen for c, _ in lijst]
    uit += [c for lijst in eigen.values() for c in lijst]
    return tuple(sorted(uit, key=lambda c: (c.gegeven, c.vanaf)))
