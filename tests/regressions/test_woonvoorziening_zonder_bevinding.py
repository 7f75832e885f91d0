"""Regression (found by the property 'ontbrekend gegeven geeft een vraag, nooit een gok'):
with the finding 'goedkoper_alternatief_passend' left out, a housing adaptation was
granted by rule woon-aanpassing without a professional's weighing; with the finding 'ja'
(and a move that would take the resident away from his network) rule
woon-aanpassing-eigen-omgeving grants the same adaptation but asks for that weighing. The
missing finding decided whether a professional weighs the case: a guess.

Fixed in rulesets/07-wonen/woonvoorzieningen.yaml: woon-aanpassing requires the finding
that no cheaper solution is just as suitable, as its own explanation says, so a missing
finding becomes a question (since issue 15: an onderzoekspunt of the Wmo onderzoek). (The
engine treats two proposals that differ only in
'vereist_beoordeling' as the same outcome; see the report on src.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import verordening

PEILDATUM = dt.date(2025, 3, 3)


def woning_aanpassen(**bevindingen: Any) -> dict[str, Any]:
    """A resident of 60 whose home must be adapted; ``bevindingen`` go in the hulpvraag."""
    return {
        "meldingsdatum": "2025-03-03",
        "personen": [
            {"id": "p1", "rol": "aanvrager", "geboortedatum": "1965-01-01", "wlz_indicatie": False}
        ],
        "woonsituatie": {"soort": "huur"},
        "hulpvragen": [
            {
                "behoefte": "geschikte_woning",
                "eigen_kracht_toereikend": False,
                "algemeen_gebruikelijk": False,
                "alternatief_in_eigen_omgeving": False,
                **bevindingen,
            }
        ],
    }


@pytest.mark.parametrize("engine", ["durable_rules", "referentie"])
def test_zonder_bevinding_een_vraag(vo: verordening.Verordening, engine: str) -> None:
    advies = vo.evaluate(woning_aanpassen(), peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
    (voorstel,) = advies.voorstellen
    # Since issue 15 the missing finding goes to the Wmo onderzoek (art. 2.3.2 lid 1): six
    # weeks after the melding of Monday 3 March 2025 is Monday 14 April 2025.
    assert voorstel.uitkomst == "procedureel"
    assert voorstel.uiterlijk == dt.date(2025, 4, 14)
    assert [p.gegeven for p in voorstel.onderzoekspunten] == [
        "hulpvraag.geschikte_woning.goedkoper_alternatief_passend"
    ]
    assert [v.gegeven for v in advies.vragen] == [
        "hulpvraag.geschikte_woning.goedkoper_alternatief_passend"
    ]


@pytest.mark.parametrize(
    ("goedkoper", "regel", "weging"),
    [(True, "woon-aanpassing-eigen-omgeving", True), (False, "woon-aanpassing", False)],
)
def test_met_bevinding_de_aanpassing(
    vo: verordening.Verordening, goedkoper: bool, regel: str, weging: bool
) -> None:
    situatie = woning_aanpassen(goedkoper_alternatief_passend=goedkoper)
    (voorstel,) = vo.evaluate(situatie, peildatum=PEILDATUM).voorstellen
    assert (voorstel.uitkomst, voorstel.regel) == ("toegekend", regel)
    assert voorstel.vereist_beoordeling is weging
