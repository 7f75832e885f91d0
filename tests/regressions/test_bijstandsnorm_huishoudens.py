"""Regression (found by the property 'vragen beantwoorden geeft een uitkomst', issue 8):
for several households no rule gave the bijstand norm, so algemene bijstand (and every
need that reads the norm) stayed 'onbekend' with no question that could change it.

The shrunk counterexample: an applicant of 40 with a partner of 67 (AOW age) on 3 March
2025. Fixed in rulesets/04-inkomen/algemene-bijstand.yaml with the norms of Pw art. 20
lid 1 and 2 onder b and c (young gehuwden), art. 22 onder c (one partner with AOW age)
and the kostendelersnorm of art. 22a for applicants with AOW age (B = art. 22 onder b
and c); the amounts come from the checked parameter table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import verordening

PEILDATUM = dt.date(2025, 3, 3)


def huishouden(aanvrager: str, partner: str | None, huisgenoot: bool = False) -> dict[str, Any]:
    """An applicant without income or assets, born on ``aanvrager``, maybe with a partner."""
    personen: list[dict[str, Any]] = [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": aanvrager,
            "verblijfsstatus": "nederlander",
            "student_met_studiefinanciering": False,
            "medisch_urenbeperkt": True,
            "inkomsten": [],
        }
    ]
    if partner is not None:
        personen.append({"id": "p2", "rol": "partner", "geboortedatum": partner, "inkomsten": []})
    if huisgenoot:
        personen.append(
            {
                "id": "m1",
                "rol": "medebewoner",
                "geboortedatum": "1985-01-01",
                "student_met_studiefinanciering": False,
                "commerciele_relatie": False,
            }
        )
    return {
        "meldingsdatum": "2025-01-06",
        "aanvraagdatum": "2025-01-06",
        "personen": personen,
        "vermogen": {"bedrag": 0},
        "hulpvragen": [{"behoefte": "inkomen_levensonderhoud", "spoed": False}],
    }


@pytest.mark.parametrize("engine", ["durable_rules", "referentie"])
@pytest.mark.parametrize(
    ("situatie", "bedrag"),
    [
        (huishouden("1985-03-03", "1958-03-03"), 205348),  # art. 22 onder c (gevonden)
        (huishouden("2006-01-01", "2006-01-01"), 66434),  # art. 20 lid 1 onder b
        (huishouden("1995-01-01", "2006-01-01"), 129321),  # art. 20 lid 1 onder c
        (huishouden("1955-01-01", None, huisgenoot=True), 102674),  # art. 22a, B = 22 b
        (huishouden("1957-01-01", "1995-01-01", huisgenoot=True), 177968),  # art. 22a, 22 b + c
    ],
    ids=["40-en-67", "19-en-19", "30-en-19", "70-met-huisgenoot", "68-en-30-met-huisgenoot"],
)
def test_elk_huishouden_heeft_een_norm(
    vo: verordening.Verordening, engine: str, situatie: dict[str, Any], bedrag: int
) -> None:
    advies = vo.evaluate(situatie, peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
    (voorstel,) = advies.voorstellen
    assert (voorstel.uitkomst, voorstel.bedrag) == ("toegekend", bedrag)
    assert not advies.vragen and not advies.redenen
