"""The legal bounds of every amount a proposal can carry, read from the parameters in force.

Shared by the properties on amounts (`test_bedragen.py`, `test_monotonie.py`) and the
extreme-value corpus (`tests/regressions/test_extreme_bedragen.py`). Each bound is computed
independently of the rule that makes the amount: from the parameters in force on the
peildatum and the situation itself, never from a derived fact of the same rules.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Any

import verordening
from tests.conftest import RULESETS
from verordening import Advies, Voorstel
from verordening.compiler.product import CompiledVerordening
from verordening.model.situatie import Situatie

#: The shipped bylaw alone and with each municipal overlay.
GEMEENTEN = (None, "veldhoven")


@functools.cache
def laad(gemeente: str | None) -> verordening.Verordening:
    """The shipped bylaw, with the municipal overlay if ``gemeente`` is given."""
    return verordening.load(RULESETS, gemeente=gemeente)


#: (lowest, highest) an amount may be; None as highest: the parameter is not confirmed,
#: so no amount may be proposed at all.
Grenzen = tuple[int, int | None]
Grens = Callable[[Mapping[str, Any], Advies, Voorstel], Grenzen]


def _parameters(feiten: Mapping[str, Any], voorvoegsel: str) -> list[int]:
    return [
        w
        for naam, w in feiten.items()
        if naam.startswith(f"parameter.{voorvoegsel}") and isinstance(w, int) and w is not True
    ]


def huishoudinkomen(situatie: Situatie) -> int:
    """Net income of aanvrager and partner together (what the bijstand supplements)."""
    return sum(
        i.bedrag_per_maand
        for p in situatie.personen
        if p.rol in ("aanvrager", "partner")
        for i in p.inkomsten or ()
    )


def afgeleid(advies: Advies, gegeven: str) -> Any:
    """The value a rule derived for ``gegeven`` in this case, from the trace; else None."""
    waarden = {
        toepassing.afgeleid.waarde
        for stap in advies.trace.stappen
        for toepassing in stap.knopen
        if toepassing.soort == "afgeleid"
        and toepassing.afgeleid is not None
        and toepassing.afgeleid.naam == gegeven
    }
    assert len(waarden) <= 1, f"{gegeven} twee keer afgeleid: {waarden}"
    return next(iter(waarden), None)


def _algemene_bijstand(feiten: Mapping[str, Any], advies: Advies, v: Voorstel) -> Grenzen:
    """Pw art. 19 and 31: the norm that applies minus the household's income; never more.

    The norm that applies is the one the trace shows, and it must be a norm in force: at
    most the highest ``pw.norm.*`` parameter (the kostendelersnorm only lowers it). The
    bijstand is at most that norm, and at most the norm minus the household's income.
    """
    normen = _parameters(feiten, "pw.norm.")
    norm = afgeleid(advies, "bijstand.norm")
    if not normen or not isinstance(norm, int) or not 0 < norm <= max(normen):
        return (0, None)
    return (0, min(norm, max(0, norm - huishoudinkomen(advies.situatie))))


def _bijzondere_bijstand(feiten: Mapping[str, Any], advies: Advies, v: Voorstel) -> Grenzen:
    """Pw art. 35: the costs asked for, minus the draagkracht; partly granted is less."""
    kosten = next(h.kosten for h in advies.situatie.hulpvragen if h.behoefte == v.behoefte)
    if kosten is None:
        return (0, None)
    if v.uitkomst == "gedeeltelijk_toegekend":
        return (1, kosten - 1)
    return (kosten, kosten)


def _studietoeslag(feiten: Mapping[str, Any], advies: Advies, v: Voorstel) -> Grenzen:
    """Pw art. 36b: the amount for the student's age; at most the highest of them."""
    bedragen = _parameters(feiten, "pw.studietoeslag.")
    return (min(bedragen), max(bedragen)) if bedragen else (0, None)


def _vast(parameter: str) -> Grens:
    def grens(feiten: Mapping[str, Any], advies: Advies, v: Voorstel) -> Grenzen:
        waarde = feiten.get(f"parameter.{parameter}")
        return (waarde, waarde) if isinstance(waarde, int) else (0, None)

    grens.__doc__ = f"Exactly the parameter {parameter} in force."
    return grens


#: Per instrument whose proposals carry a `bedrag`: its legal bounds. A rule set that
#: adds a paying instrument must add its bounds here (`test_elk_betalend_instrument_...`).
BEDRAG_GRENZEN: dict[str, Grens] = {
    "algemene_bijstand": _algemene_bijstand,
    "bijzondere_bijstand": _bijzondere_bijstand,
    "studietoeslag": _studietoeslag,
    "mantelzorgwaardering": _vast("wmo.mantelzorgwaardering.bedrag_per_jaar"),
    "meedoen_voorziening": _vast("gemw.meedoen.internetbijdrage"),
}


def eigen_bijdrage_grenzen(feiten: Mapping[str, Any]) -> Grenzen:
    """Wmo 2015 art. 2.1.4a: the abonnementstarief is a maximum per month per household."""
    tarieven = _parameters(feiten, "wmo.abonnementstarief")
    return (0, max(tarieven)) if tarieven else (0, None)


def betalende_instrumenten(cv: CompiledVerordening) -> dict[str, str]:
    """Per instrument whose proposal rules compute a `bedrag`: the behoefte it answers."""
    uit: dict[str, str] = {}
    for versie in cv.versies:
        for regel in versie.regels:
            if regel.voorstel is None or regel.behoefte is None:
                continue
            if any(veld == "bedrag" for veld, _, _ in regel.voorstel_expr):
                assert regel.voorstel.instrument is not None, regel.id
                uit[regel.voorstel.instrument] = regel.behoefte
    return uit


def buiten_grenzen(cv: CompiledVerordening, advies: Advies, peildatum: dt.date) -> list[str]:
    """Every amount of ``advies`` outside its legal bounds, described; empty when all fit."""
    feiten = dict(cv.parameter_stand(peildatum).feiten)
    fouten: list[str] = []
    for v in advies.voorstellen:
        if v.bedrag is not None:
            grens = BEDRAG_GRENZEN.get(v.instrument or "")
            if grens is None:
                fouten.append(f"{v.regel}: bedrag {v.bedrag} voor {v.instrument} zonder grenzen")
            else:
                laag, hoog = grens(feiten, advies, v)
                if hoog is None or not laag <= v.bedrag <= hoog:
                    fouten.append(f"{v.regel}: bedrag {v.bedrag} buiten [{laag}, {hoog}]")
        if v.eigen_bijdrage is not None:
            laag, hoog = eigen_bijdrage_grenzen(feiten)
            if hoog is None or not laag <= v.eigen_bijdrage <= hoog:
                fouten.append(
                    f"{v.regel}: eigen bijdrage {v.eigen_bijdrage} buiten [{laag}, {hoog}]"
                )
    return fouten


def betaald(advies: Advies, behoefte: str, instrument: str) -> int | None:
    """What ``instrument`` pays for ``behoefte``: the amount, 0 when refused, else None.

    None (not comparable) for another instrument, an open or procedural outcome, an
    alternative or a deviation to weigh.
    """
    (voorstel,) = [v for v in advies.voorstellen if v.behoefte == behoefte]
    if voorstel.instrument != instrument:
        return None
    if voorstel.uitkomst == "afgewezen":
        return 0
    if voorstel.uitkomst in ("toegekend", "gedeeltelijk_toegekend"):
        return voorstel.bedrag
    return None


#: A path into a situation: field names, ``"*"`` for every item of a list.
Pad = tuple[str, ...]


def getalvelden() -> list[tuple[Pad, int, int]]:
    """Every whole-number field of the Situatie with its bounds, from its JSON Schema.

    Generated, so a new amount or count field is in the extreme-value corpus at once.
    """
    schema = Situatie.model_json_schema()
    defs = schema["$defs"]

    def loop(knoop: dict[str, Any], pad: Pad) -> list[tuple[Pad, int, int]]:
        if "$ref" in knoop:
            return loop(defs[knoop["$ref"].rsplit("/", 1)[1]], pad)
        uit = [v for alt in knoop.get("anyOf", ()) for v in loop(alt, pad)]
        if knoop.get("type") == "object":
            for naam, sub in knoop.get("properties", {}).items():
                uit += loop(sub, (*pad, naam))
        elif knoop.get("type") == "array" and "items" in knoop:
            uit += loop(knoop["items"], (*pad, "*"))
        elif knoop.get("type") == "integer":
            uit.append((pad, knoop["minimum"], knoop["maximum"]))
        return uit

    return loop(schema, ())


def plekken(situatie: Any, pad: Pad, gedaan: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The concrete places of ``pad`` in ``situatie``: each item for ``"*"``.

    A missing object on the way (``vermogen``) or the field itself may be missing: `zet`
    makes them. A list must be there with at least one item.
    """
    if not pad:
        return [gedaan]
    deel, rest = pad[0], pad[1:]
    if deel == "*":
        if not isinstance(situatie, list):
            return []
        return [p for i, item in enumerate(situatie) for p in plekken(item, rest, (*gedaan, i))]
    if situatie is None:
        situatie = {}
    if not isinstance(situatie, dict):
        return []
    return plekken(situatie.get(deel), rest, (*gedaan, deel))


def json_pad(plek: tuple[Any, ...]) -> str:
    """``("personen", 0, "rol")`` as ``$.personen[0].rol``."""
    return "$" + "".join(f"[{d}]" if isinstance(d, int) else f".{d}" for d in plek)
