"""Amounts stay within their legal bounds (issue 14, item 2).

Every instrument whose proposals carry a `bedrag` has bounds in `bedragen.BEDRAG_GRENZEN`,
read from the parameters in force; for any valid situation, on either engine, no proposed
amount is negative or above the norm or maximum that applies, and no Wmo eigen bijdrage
is above the abonnementstarief. The input model makes this hold by construction (incomes,
costs and debts are never negative, every amount is at most `MAX_BEDRAG`); these
properties prove it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import verordening
from tests.property.bedragen import (
    BEDRAG_GRENZEN,
    GEMEENTEN,
    betalende_instrumenten,
    buiten_grenzen,
    getalvelden,
    json_pad,
    laad,
    plekken,
)
from tests.property.conftest import voorbeelden
from tests.strategies import BEHOEFTEN, betalende_situaties, situaties, zet
from verordening.engine import registry
from verordening.model.situatie import MAX_BEDRAG


def test_elk_betalend_instrument_heeft_grenzen() -> None:
    """A rule set that adds a paying instrument must state its legal bounds here too."""
    gevonden: dict[str, str] = {}
    for gemeente in GEMEENTEN:
        gevonden.update(betalende_instrumenten(laad(gemeente).compiled))
    assert set(gevonden) == set(BEDRAG_GRENZEN)
    assert set(gevonden.values()) <= set(BEHOEFTEN)


@st.composite
def gevallen(draw: st.DrawFn, gemeente: str | None) -> tuple[dict[str, Any], dt.date]:
    """Mostly a situation that often reaches a payment; else any (Wmo: eigen bijdragen)."""
    if draw(st.integers(0, 3)) == 3:
        return draw(situaties())
    betalend = sorted(set(betalende_instrumenten(laad(gemeente).compiled).values()))
    return draw(betalende_situaties(draw(st.sampled_from(betalend))))


@pytest.mark.parametrize("gemeente", GEMEENTEN)
@voorbeelden(ci=600)
@given(st.data())
def test_elk_bedrag_blijft_binnen_zijn_wettelijke_grenzen(
    gemeente: str | None, data: st.DataObject
) -> None:
    vo = laad(gemeente)
    situatie, peildatum = data.draw(gevallen(gemeente), label="situatie")
    engine = data.draw(st.sampled_from(registry.namen()), label="engine")
    advies = vo.evaluate(situatie, peildatum=peildatum, engine=engine)
    for v in advies.voorstellen:
        if v.bedrag is not None:
            event(f"bedrag voor {v.instrument}")
        if v.eigen_bijdrage is not None:
            event("eigen bijdrage")
    assert buiten_grenzen(vo.compiled, advies, peildatum) == []


#: Any whole number, the bounds of the input model and just beyond them first.
GETAL = st.one_of(
    st.sampled_from([-1, -100_000, -(10**12), 10**11 + 1, 10**12, -(10**11) - 1]),
    st.integers(-(10**13), 10**13),
    st.integers(-200_000, 200_000),
)


@pytest.mark.parametrize("gemeente", GEMEENTEN)
@voorbeelden(ci=600)
@given(st.data())
def test_elk_getal_in_de_invoer_geeft_redelijke_bedragen_of_een_fout_op_zijn_pad(
    gemeente: str | None, data: st.DataObject
) -> None:
    """Any whole number in any number field: refused at its ``$.path``, or amounts in bounds.

    This is the property that would have caught the negative income of issue 14: the
    strategies give valid situations, so it puts a number from far outside the bounds
    in one field of a situation that otherwise reaches a payment.
    """
    vo = laad(gemeente)
    situatie, peildatum = data.draw(gevallen(gemeente), label="situatie")
    alle = [plek for pad, _, _ in getalvelden() for plek in plekken(situatie, pad)]
    plek = data.draw(st.sampled_from(alle), label="plek")
    zet(situatie, plek, data.draw(GETAL, label="getal"))
    fout: verordening.SituatieError | None = None
    try:
        advies = vo.evaluate(situatie, peildatum=peildatum)
    except verordening.SituatieError as exc:
        fout = exc
    if fout is not None:
        event("geweigerd")
        assert [p.pad for p in fout.problemen] == [json_pad(plek)]
        return
    event(f"aanvaard, {sum(v.bedrag is not None for v in advies.voorstellen)} bedrag(en)")
    assert buiten_grenzen(vo.compiled, advies, peildatum) == []


@pytest.mark.parametrize("gemeente", GEMEENTEN)
@voorbeelden(ci=600)
@given(st.data())
def test_een_negatief_of_enorm_inkomen_verhoogt_nooit_een_bedrag(
    gemeente: str | None, data: st.DataObject
) -> None:
    """The defect of issue 14 itself: an income below 0 or above the maximum.

    The aanvrager's first income is any whole number, mostly negative; the situation is
    refused at that income's ``$.path``, or (a valid income) its amounts are in bounds.
    """
    vo = laad(gemeente)
    betalend = sorted(set(betalende_instrumenten(vo.compiled).values()))
    behoefte = data.draw(st.sampled_from(betalend), label="behoefte")
    situatie, peildatum = data.draw(betalende_situaties(behoefte), label="situatie")
    aanvrager = next(p for p in situatie["personen"] if p["rol"] == "aanvrager")
    if not aanvrager.get("inkomsten"):
        aanvrager["inkomsten"] = [{"bron": "loon", "bedrag_per_maand": 0}]
    bedrag = data.draw(st.one_of(st.integers(-300_000, -1), GETAL), label="inkomen")
    aanvrager["inkomsten"][0]["bedrag_per_maand"] = bedrag
    fout: verordening.SituatieError | None = None
    try:
        advies = vo.evaluate(situatie, peildatum=peildatum)
    except verordening.SituatieError as exc:
        fout = exc
    if fout is not None:
        i = situatie["personen"].index(aanvrager)
        assert [p.pad for p in fout.problemen] == [f"$.personen[{i}].inkomsten[0].bedrag_per_maand"]
        return
    assert buiten_grenzen(vo.compiled, advies, peildatum) == []
    assert 0 <= bedrag <= MAX_BEDRAG
