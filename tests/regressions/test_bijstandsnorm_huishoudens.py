"""Regression (found by the property 'vragen beantwoorden geeft een uitkomst', issue 8):
for several households no rule gave the bijstand norm, so algemene bijstand (and every
need that reads the norm) stayed 'onbekend' with no question that could change it.

The shrunk counterexample: an applicant of 40 with a partner of 67 (AOW age) on 3 March
2025. Fixed in rulesets/04-inkomen/algemene-bijstand.yaml with the norms of Pw art. 20
lid 1 and 2 onder b and c (young gehuwden), art. 22 onder c (one partner with AOW age)
and the kostendelersnorm of art. 22a for applicants with AOW age (B = art. 22 onder b
and c); the amounts come from the checked parameter table.

Since the legal review (issue 16, S1-1) a household where the applicant or the partner has the
AOW age gets no municipal algemene bijstand: the SVB is competent (Pw art. 47a lid 1, art. 7
lid 6). Its norm still sets the draagkracht for bijzondere bijstand, so for those households
the applicant earns the norm plus EUR 100 and asks EUR 600 of bijzondere kosten: the grant is
EUR 500 exactly when the norm is right to the cent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import verordening

PEILDATUM = dt.date(2025, 3, 3)


def huishouden(
    aanvrager: str, partner: str | None, huisgenoot: bool = False, aow_norm: int | None = None
) -> dict[str, Any]:
    """An applicant without assets, born on ``aanvrager``, maybe with a partner.

    Without ``aow_norm`` the household has no income and asks algemene bijstand only; with it
    the applicant earns that norm plus EUR 100 and also asks EUR 600 of bijzondere kosten.
    """
    inkomsten = (
        [] if aow_norm is None else [{"bron": "uitkering", "bedrag_per_maand": aow_norm + 10000}]
    )
    personen: list[dict[str, Any]] = [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": aanvrager,
            "verblijfsstatus": "nederlander",
            "student_met_studiefinanciering": False,
            "medisch_urenbeperkt": True,
            "inkomsten": inkomsten,
        }
    ]
    if partner is not None:
        personen.append(
            {
                "id": "p2",
                "rol": "partner",
                "geboortedatum": partner,
                "student_met_studiefinanciering": False,
                "inkomsten": [],
            }
        )
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
        "hulpvragen": [{"behoefte": "inkomen_levensonderhoud", "spoed": False}]
        + (
            []
            if aow_norm is None
            else [
                {
                    "behoefte": "bijzondere_kosten_betalen",
                    "kosten": 60000,
                    "kosten_noodzakelijk": True,
                    "bijzondere_omstandigheden": True,
                    "voorliggende_voorziening": False,
                }
            ]
        ),
    }


@pytest.mark.parametrize("engine", ["durable_rules", "referentie"])
@pytest.mark.parametrize(
    ("situatie", "bedrag"),
    [
        (huishouden("2006-01-01", "2006-01-01"), 66434),  # art. 20 lid 1 onder b
        (huishouden("1995-01-01", "2006-01-01"), 129321),  # art. 20 lid 1 onder c
    ],
    ids=["19-en-19", "30-en-19"],
)
def test_elk_huishouden_heeft_een_norm(
    vo: verordening.Verordening, engine: str, situatie: dict[str, Any], bedrag: int
) -> None:
    advies = vo.evaluate(situatie, peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
    (voorstel,) = advies.voorstellen
    assert (voorstel.uitkomst, voorstel.bedrag) == ("toegekend", bedrag)
    assert not advies.vragen and not advies.redenen


@pytest.mark.parametrize("engine", ["durable_rules", "referentie"])
@pytest.mark.parametrize(
    "situatie",
    [
        huishouden("1985-03-03", "1958-03-03", aow_norm=205348),  # art. 22 onder c (gevonden)
        huishouden("1955-01-01", None, huisgenoot=True, aow_norm=102674),  # art. 22a, B = 22 b
        huishouden("1957-01-01", "1995-01-01", huisgenoot=True, aow_norm=177968),  # 22 b + c
    ],
    ids=["40-en-67", "70-met-huisgenoot", "68-en-30-met-huisgenoot"],
)
def test_aow_huishouden_svb_en_norm_voor_bijzondere_bijstand(
    vo: verordening.Verordening, engine: str, situatie: dict[str, Any]
) -> None:
    advies = vo.evaluate(situatie, peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
    per_behoefte = {v.behoefte: v for v in advies.voorstellen}
    algemeen = per_behoefte["inkomen_levensonderhoud"]
    assert (algemeen.uitkomst, algemeen.regel) == ("afgewezen", "bijstand-aow-svb")
    bijzonder = per_behoefte["bijzondere_kosten_betalen"]
    assert (bijzonder.uitkomst, bijzonder.bedrag) == ("gedeeltelijk_toegekend", 50000)
    assert not advies.vragen and not advies.redenen
