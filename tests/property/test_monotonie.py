"""Monotonicity: more means never more, a greater need never less (issues 6 and 14).

Income and assets: for the same household, more income or more assets never increase
the amount of any instrument that pays one (algemene en bijzondere bijstand,
studietoeslag, mantelzorgwaardering, the Veldhoven meedoen-voorziening). Wmo: a greater
need, measured on the facts the Wmo rules read, never lowers the proposal for that need.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import verordening
from tests.property.bedragen import (
    BEDRAG_GRENZEN,
    GEMEENTEN,
    betaald,
    betalende_instrumenten,
    laad,
)
from tests.property.conftest import voorbeelden
from tests.strategies import WMO_BEHOEFTEN, betalende_situaties, situaties

Geval = tuple[dict[str, Any], dt.date]
#: A positive amount in eurocents: round first.
MEER = st.one_of(st.sampled_from([10_000, 100, 50_000]), st.integers(1, 500_000))

#: Outcomes from least to most provided. A lighter rung of the ladder (alternatief: an
#: algemene voorziening) is less than maatwerk; maatwerk_afwijking, procedureel and onbekend
#: are not comparable and are skipped.
RANG = {"afgewezen": 0, "alternatief": 1, "gedeeltelijk_toegekend": 2, "toegekend": 3}

#: A greater need, per fact the Wmo rules read: (place, from, to). Each step raises the need
#: by one: less self-reliance, less help from the network, a cheaper solution no longer fits.
HOGERE_NOOD: tuple[tuple[str, str, Any, Any], ...] = (
    ("aanvrager", "kan_huishouden_doen", "volledig", "gedeeltelijk"),
    ("aanvrager", "kan_huishouden_doen", "gedeeltelijk", "niet"),
    ("partner", "kan_huishouden_doen", "volledig", "gedeeltelijk"),
    ("partner", "kan_huishouden_doen", "gedeeltelijk", "niet"),
    ("partner", "langdurig_afwezig", False, True),
    ("aanvrager", "mantelzorger", False, True),
    ("netwerk", "beschikbaar", True, False),
    ("netwerk", "mantelzorger_overbelast", False, True),
    ("vraag", "eigen_kracht_toereikend", True, False),
    ("vraag", "algemene_voorziening_toereikend", True, False),
    ("vraag", "algemeen_gebruikelijk", True, False),
    ("vraag", "voorliggende_voorziening", True, False),
    ("vraag", "veilig_thuis_wonen_mogelijk", True, False),
    ("vraag", "goedkoper_alternatief_passend", True, False),
)


def _persoon(situatie: dict[str, Any], rol: str) -> dict[str, Any] | None:
    return next((p for p in situatie["personen"] if p["rol"] == rol), None)


@st.composite
def meer_middelen(draw: st.DrawFn, situatie: dict[str, Any]) -> dict[str, Any]:
    """The same household with more income (aanvrager or partner) or more assets."""
    meer = copy.deepcopy(situatie)
    wie = ["aanvrager"] + (["partner"] if _persoon(meer, "partner") else [])
    soort = draw(st.sampled_from(["inkomen", "vermogen", *(f"nieuw_{w}" for w in wie)]))
    bedrag = draw(MEER)
    if soort == "vermogen":
        meer["vermogen"]["bedrag"] += bedrag
    elif soort == "inkomen":
        persoon = _persoon(meer, draw(st.sampled_from(wie)))
        assert persoon is not None
        if not persoon["inkomsten"]:
            persoon["inkomsten"].append({"bron": "loon", "bedrag_per_maand": 0})
        persoon["inkomsten"][0]["bedrag_per_maand"] += bedrag
    else:
        persoon = _persoon(meer, soort.removeprefix("nieuw_"))
        assert persoon is not None
        persoon["inkomsten"].append({"bron": "loon", "bedrag_per_maand": bedrag})
    return meer


#: Every paying instrument, with the gemeente whose bylaw has it and the need it answers.
BETALEND = sorted(
    {
        instrument: (gemeente, behoefte)
        for gemeente in reversed(GEMEENTEN)
        for instrument, behoefte in betalende_instrumenten(laad(gemeente).compiled).items()
    }.items()
)


def test_elk_betalend_instrument_wordt_op_monotonie_getoetst() -> None:
    assert {instrument for instrument, _ in BETALEND} == set(BEDRAG_GRENZEN)


@pytest.mark.parametrize(
    ("instrument", "gemeente", "behoefte"), [(i, g, b) for i, (g, b) in BETALEND]
)
@voorbeelden(ci=600)
@given(st.data())
def test_meer_inkomen_of_vermogen_geeft_nooit_een_hoger_bedrag(
    instrument: str, gemeente: str | None, behoefte: str, data: st.DataObject
) -> None:
    vo = laad(gemeente)
    situatie, peildatum = data.draw(betalende_situaties(behoefte))
    meer = data.draw(meer_middelen(situatie), label="meer")
    voor = betaald(vo.evaluate(situatie, peildatum=peildatum), behoefte, instrument)
    na = betaald(vo.evaluate(meer, peildatum=peildatum), behoefte, instrument)
    event(f"{instrument} vergeleken: {voor is not None and na is not None}")
    event(f"{instrument} betaalde eerst: {bool(voor)}")
    if voor is not None and na is not None:
        assert na <= voor, f"meer middelen, meer {instrument}: {voor} → {na}"


def _nood_stappen(situatie: dict[str, Any], behoefte: str) -> list[tuple[str, str, Any]]:
    """The steps of HOGERE_NOOD that apply to this situation: (place, field, to)."""
    vraag = next(v for v in situatie["hulpvragen"] if v["behoefte"] == behoefte)
    plekken = {
        "aanvrager": _persoon(situatie, "aanvrager"),
        "partner": _persoon(situatie, "partner"),
        "netwerk": situatie.get("netwerk"),
        "vraag": vraag,
    }
    return [
        (plek, veld, naar)
        for plek, veld, van, naar in HOGERE_NOOD
        if plekken[plek] is not None and plekken[plek].get(veld) == van
    ]


@st.composite
def wmo_situaties(draw: st.DrawFn) -> Geval:
    """A complete situation for one Wmo need; half of them with a real need for maatwerk.

    With every rung of the ladder drawn at random, a rung below maatwerk nearly always
    suffices; forcing them off half the time puts the comparisons where the ladder ends.
    """
    situatie, peildatum = draw(situaties([draw(st.sampled_from(WMO_BEHOEFTEN))], compleet=True))
    if draw(st.booleans()):
        vraag = situatie["hulpvragen"][0]
        for veld in ("eigen_kracht_toereikend", "algemene_voorziening_toereikend"):
            vraag[veld] = False
        vraag.update(algemeen_gebruikelijk=False, voorliggende_voorziening=False)
        situatie["netwerk"]["beschikbaar"] = False
        for persoon in situatie["personen"]:
            persoon["wlz_indicatie"] = False
    return situatie, peildatum


@voorbeelden(ci=500, dev=200)
@given(wmo_situaties())
def test_hogere_wmo_nood_verlaagt_het_voorstel_nooit(
    vo: verordening.Verordening, geval: Geval
) -> None:
    """Every single step up in need, from this situation, keeps or raises the proposal."""
    situatie, peildatum = geval
    behoefte = situatie["hulpvragen"][0]["behoefte"]
    (voor,) = vo.evaluate(situatie, peildatum=peildatum).voorstellen
    for plek, veld, naar in _nood_stappen(situatie, behoefte):
        hoger = copy.deepcopy(situatie)
        doel = {
            "aanvrager": _persoon(hoger, "aanvrager"),
            "partner": _persoon(hoger, "partner"),
            "netwerk": hoger.get("netwerk"),
            "vraag": hoger["hulpvragen"][0],
        }[plek]
        assert doel is not None
        doel[veld] = naar
        (na,) = vo.evaluate(hoger, peildatum=peildatum).voorstellen
        vergelijkbaar = voor.uitkomst in RANG and na.uitkomst in RANG
        event(f"wmo vergeleken: {vergelijkbaar}")
        if vergelijkbaar:
            assert RANG[na.uitkomst] >= RANG[voor.uitkomst], (
                f"{plek}.{veld} → {naar}: {voor.uitkomst} ({voor.regel}) werd "
                f"{na.uitkomst} ({na.regel})"
            )
