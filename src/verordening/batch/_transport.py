"""An Advies packed for the trip between processes, and unpacked again exactly.

An Advies on the whole bylaw is about 100 KB of JSON, nearly all of it the static text of
the rules in its trace (articles, citations, kernwaarden, explanations); reading that JSON
back costs more than evaluating the case. Worker and parent of `evaluate_many` compiled
the same bylaw, so the worker sends only what varies per case: for each trace node the
rule's position, its soort and the values it read; for each deciding condition its place
in the rule. The parent rebuilds the Advies from its own trace plan (`_tracer.plan`).
The result equals the worker's Advies and gives the same JSON; a worker whose bylaw
differs (another `vingerafdruk`) sends plain JSON instead.
"""

from __future__ import annotations

from typing import Any

from verordening._types import STAP_TITELS
from verordening.compiler.product import CompiledVerordening
from verordening.engine.tracer import Plan, VasteKnoop, effecten, plan
from verordening.model.advies import (
    SCHEMA_VERSIE,
    Aanname,
    Advies,
    Ontvangstbewijs,
    Reden,
    Voorstel,
    Vraag,
)
from verordening.model.situatie import Situatie
from verordening.model.trace import (
    GegevenWaarde,
    Trace,
    TraceKnoop,
    TraceStap,
    Voorwaarde,
    vertrouwd,
)

_ADVIES_GEZET = set(Advies.model_fields) - {"schema_versie"}

#: A fact as read: (naam, type, waarde).
_Feit = tuple[str, str, Any]


def vingerafdruk(cv: CompiledVerordening) -> tuple[str | None, ...]:
    """What worker and parent must share for packing: every version's hash and the overlay."""
    return (cv.gemeente, *(v.hash for v in cv.versies))


def inpakken(cv: CompiledVerordening, advies: Advies) -> tuple[Any, ...]:
    """The compact form of ``advies`` (made by ``cv``); plain JSON when it cannot be packed."""
    versie = cv.versie_op(advies.peildatum)
    if versie is not None:
        gepakt = _trace(plan(cv, versie), advies)
        if gepakt is not None:
            return (
                "pak",
                *gepakt,
                tuple(v.model_dump(exclude_unset=True) for v in advies.voorstellen),
                tuple(r.model_dump(exclude_unset=True) for r in advies.redenen),
                tuple(v.model_dump(exclude_unset=True) for v in advies.vragen),
                advies.ontvangstbewijs.model_dump(exclude_unset=True),
                advies.situatie.model_dump_json(exclude_unset=True),
                advies.vereist_beoordeling,
                tuple(a.model_dump() for a in advies.aannames),
            )
    return ("json", advies.model_dump_json())


def _trace(p: Plan, advies: Advies) -> tuple[Any, ...] | None:
    """The trace in packed form: per node its plan position and what varies per case.

    Facts read are sent once, by name; a condition by its atom's slot. None when the
    trace does not fit the plan (a rule or atom it does not know): the Advies then
    travels as JSON.
    """
    gelezen: dict[str, tuple[str, Any]] = {}
    stappen = []
    for stap in advies.trace.stappen:
        knopen = []
        for k in stap.knopen:
            positie = p.positie.get(k.regel)
            if positie is None:
                return None
            vast = p.vast[positie]
            if len(k.gegevens) != len(vast.gelezen):
                return None
            for g in k.gegevens:
                gelezen.setdefault(g.naam, (g.type, g.waarde))
            voorwaarden = []
            for v in k.voorwaarden:
                plek = _plek(vast, v)
                if plek is None:
                    return None
                gegevens = tuple((g.naam, g.type, g.waarde) for g in v.gegevens)
                voorwaarden.append((plek, v.uitkomst, gegevens))
            a = k.afgeleid
            knopen.append(
                (
                    positie,
                    k.soort,
                    tuple(voorwaarden),
                    None if a is None else (a.naam, a.type, a.waarde),
                    k.opzijgezet_door,
                    k.kantelt_uitkomst,
                )
            )
        stappen.append(tuple(knopen))
    parameters = tuple(g.naam for g in advies.trace.parameters)
    return gelezen, tuple(stappen), parameters


def _plek(vast: VasteKnoop, v: Voorwaarde) -> int | None:
    """The slot of the atom condition ``v`` describes in ``vast``, or None.

    The evaluator puts the atom's own description and place in the condition, so the
    identity test nearly always decides; equality is the fallback (a reloaded Advies).
    """
    for plek, atoom in enumerate(vast.atomen):
        if atoom is not None and atoom[2] is v.bron and atoom[1] is v.omschrijving:
            return plek
    for plek, atoom in enumerate(vast.atomen):
        if atoom is not None and atoom[1] == v.omschrijving and atoom[2] == v.bron:
            return plek
    return None


def _gegeven(feit: _Feit, p: Plan | None = None) -> GegevenWaarde:
    """The trace object of a fact as read; the plan's shared one for onbekend, ja and nee."""
    if p is not None:
        gedeeld = p.gedeeld(feit[0], feit[2])
        if gedeeld is not None and gedeeld.type == feit[1]:
            return gedeeld
    return vertrouwd(GegevenWaarde, {"naam": feit[0], "type": feit[1], "waarde": feit[2]})


def uitpakken(cv: CompiledVerordening, pakket: tuple[Any, ...]) -> Advies:
    """The Advies that `inpakken` packed, rebuilt with ``cv`` (the same bylaw)."""
    if pakket[0] == "json":
        return Advies.model_validate_json(pakket[1])
    (_, gelezen, stappen, parameters, voorstellen, redenen, vragen, bewijs, situatie_json) = pakket[
        :9
    ]
    vereist, aannames = pakket[9], pakket[10]
    situatie = Situatie.model_validate_json(situatie_json)
    ontvangstbewijs = Ontvangstbewijs.model_validate(bewijs)
    versie = cv.versie_op(ontvangstbewijs.peildatum)
    assert versie is not None
    p = plan(cv, versie)
    objecten = {naam: _gegeven((naam, t, w), p) for naam, (t, w) in gelezen.items()}
    trace_stappen = []
    for nummer, knopen in enumerate(stappen, start=1):
        gebouwd = []
        for positie, soort, voorwaarden, afgeleid, opzij, kantelt in knopen:
            vast = p.vast[positie]
            velden = vast.sjabloon.copy()
            velden["soort"] = soort
            velden["gegevens"] = tuple(objecten[n] for n in vast.gelezen)
            velden["voorwaarden"] = tuple(
                vertrouwd(
                    Voorwaarde,
                    {
                        "omschrijving": vast.atomen[plek][1],
                        "uitkomst": uitkomst,
                        "gegevens": tuple(_gegeven(f, p) for f in gegevens),
                        "bron": vast.atomen[plek][2],
                    },
                )
                for plek, uitkomst, gegevens in voorwaarden
            )
            velden["afgeleid"] = None if afgeleid is None else _gegeven(afgeleid)
            velden["opzijgezet_door"] = opzij
            velden["kantelt_uitkomst"] = kantelt
            gebouwd.append(vertrouwd(TraceKnoop, velden))
        trace_stappen.append(
            vertrouwd(
                TraceStap,
                {"nummer": nummer, "titel": STAP_TITELS[nummer], "knopen": tuple(gebouwd)},
            )
        )
    stand = cv.parameter_stand(ontvangstbewijs.peildatum)
    alle_effecten = effecten(cv)
    trace = vertrouwd(
        Trace,
        {
            "effecten": tuple(alle_effecten[v.behoefte] for v in situatie.hulpvragen),
            "stappen": tuple(trace_stappen),
            "parameters": tuple(stand.gebruik[n] for n in parameters),
        },
    )
    return vertrouwd(
        Advies,
        {
            "schema_versie": SCHEMA_VERSIE,
            "kenmerk": situatie.kenmerk,
            "peildatum": ontvangstbewijs.peildatum,
            "voorstellen": tuple(Voorstel.model_validate(v) for v in voorstellen),
            "vereist_beoordeling": vereist,
            "redenen": tuple(Reden.model_validate(r) for r in redenen),
            "vragen": tuple(Vraag.model_validate(v) for v in vragen),
            "aannames": tuple(Aanname.model_validate(a) for a in aannames),
            "trace": trace,
            "situatie": situatie,
            "ontvangstbewijs": ontvangstbewijs,
        },
        _ADVIES_GEZET,
    )
