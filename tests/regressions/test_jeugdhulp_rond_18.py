"""Regression (found by the property 'melding vóór 18 wordt op tijd besloten'): a melding
for youth care for a young person of 17 years and 11 months got the ordinary decision term
of eight weeks, which ended after the 18th birthday. A decision on that day refuses youth
care (the young person is no longer a jeugdige), although a decision today would grant it.
Fixed in rulesets/02-hulp-vragen/onderzoek-en-besluit.yaml by rule
melding-jw-besluit-voor-18: the decision is due the day before the 18th birthday."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import verordening

PEILDATUM = dt.date(2025, 3, 3)


def melding_voor_zoon_van_17(alleen_melding: bool = True) -> dict[str, Any]:
    """A mother reports on 3 March 2025 that her son, 18 on 4 April 2025, needs help."""
    return {
        "meldingsdatum": "2025-03-03",
        "personen": [
            {"id": "p1", "rol": "aanvrager", "geboortedatum": "1985-03-03"},
            {"id": "k1", "rol": "kind", "geboortedatum": "2007-04-04", "wlz_indicatie": False},
        ],
        "netwerk": {"beschikbaar": False},
        "hulpvragen": [
            {
                "behoefte": "gezond_en_veilig_opgroeien",
                "persoon": "k1",
                "alleen_melding": alleen_melding,
                "spoed": False,
                "verwijzing_arts": False,
                "voorliggende_voorziening": False,
                "eigen_kracht_toereikend": False,
                "specialistische_hulp_nodig": True,
            }
        ],
    }


@pytest.mark.parametrize("engine", ["durable_rules", "referentie"])
def test_besluit_is_uiterlijk_de_dag_voor_de_18e_verjaardag(
    vo: verordening.Verordening, engine: str
) -> None:
    advies = vo.evaluate(melding_voor_zoon_van_17(), peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
    (stap,) = advies.voorstellen
    assert (stap.uitkomst, stap.regel) == ("procedureel", "melding-jw-besluit-voor-18")
    assert stap.uiterlijk == dt.date(2025, 4, 3)


def test_besluit_op_die_dag_geeft_nog_jeugdhulp(vo: verordening.Verordening) -> None:
    aanvraag = melding_voor_zoon_van_17(alleen_melding=False)
    (besluit,) = vo.evaluate(aanvraag, peildatum=dt.date(2025, 4, 3)).voorstellen
    assert (besluit.uitkomst, besluit.regel) == ("toegekend", "jeugd-besluit-voor-18")


def test_met_acute_nood_blijft_het_spoedhulp(vo: verordening.Verordening) -> None:
    situatie = melding_voor_zoon_van_17()
    situatie["hulpvragen"][0]["spoed"] = True
    advies = vo.evaluate(situatie, peildatum=PEILDATUM)
    (voorstel,) = advies.voorstellen
    assert (voorstel.uitkomst, voorstel.regel) == ("toegekend", "melding-jw-spoed")
    assert not [r for r in advies.redenen if r.code == "conflict"]
