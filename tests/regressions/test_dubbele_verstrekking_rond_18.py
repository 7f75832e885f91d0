"""Regression (found by the property 'geen dubbele verstrekking'): a young person of 19
with youth care that still runs, or ended less than half a year before the melding, got
verlengde jeugdhulp (Jeugdwet) and, for the same young person, Wmo begeleiding on top.

Fixed in the rules: begeleiding-verlengde-jeugdhulp-voorliggend (article 6.3) turns the
Wmo begeleiding down for a jeugdige of 18 to 23, and the rules of article 8.2 count only a
youth-care decision for this young person or for the whole household (a brother's youth
care made a young person a jeugdige, and the property then found the same double
provision the other way round)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import verordening

PEILDATUM = dt.date(2025, 3, 3)


def jongere_van_19(besluit_voor: str | None, einde: str = "2026-01-01") -> dict[str, Any]:
    """A parent asks youth care and Wmo begeleiding for a son of 19.

    A youth-care decision, for ``besluit_voor`` (None: the household), ends on ``einde``.
    """
    besluit = {"soort": "jeugdhulp", "datum": "2023-01-01", "einddatum": einde}
    if besluit_voor is not None:
        besluit["persoon"] = besluit_voor
    return {
        "meldingsdatum": "2025-03-03",
        "personen": [
            {"id": "p1", "rol": "aanvrager", "geboortedatum": "1980-01-01"},
            {"id": "k1", "rol": "kind", "geboortedatum": "2006-01-01", "wlz_indicatie": False},
            {"id": "k2", "rol": "kind", "geboortedatum": "2010-01-01"},
        ],
        "netwerk": {"beschikbaar": False},
        "eerdere_besluiten": [besluit],
        "hulpvragen": [
            {
                "behoefte": "gezond_en_veilig_opgroeien",
                "persoon": "k1",
                "voorliggende_voorziening": False,
                "verwijzing_arts": False,
                "eigen_kracht_toereikend": False,
                "specialistische_hulp_nodig": True,
            },
            {
                "behoefte": "meedoen_in_de_samenleving",
                "persoon": "k1",
                "eigen_kracht_toereikend": False,
                "algemeen_gebruikelijk": False,
                "algemene_voorziening_toereikend": False,
            },
        ],
    }


@pytest.mark.parametrize("engine", ["durable_rules", "referentie"])
@pytest.mark.parametrize(
    ("besluit_voor", "einde"),
    [("k1", "2026-01-01"), (None, "2026-01-01"), ("k1", "2025-03-02")],
    ids=["loopt", "voor-het-huishouden", "gisteren-geeindigd"],
)
def test_verlengde_jeugdhulp_gaat_voor_wmo_begeleiding(
    vo: verordening.Verordening, engine: str, besluit_voor: str | None, einde: str
) -> None:
    situatie = jongere_van_19(besluit_voor, einde)
    advies = vo.evaluate(situatie, peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
    uitkomst = {v.behoefte: (v.uitkomst, v.instrument) for v in advies.voorstellen}
    assert uitkomst == {
        "gezond_en_veilig_opgroeien": ("toegekend", "verlengde_jeugdhulp"),
        "meedoen_in_de_samenleving": ("afgewezen", "maatwerk_begeleiding"),
    }
    assert not advies.vragen


@pytest.mark.parametrize("besluit_voor", ["k2", "p1"])
def test_jeugdhulp_van_een_ander_telt_niet(vo: verordening.Verordening, besluit_voor: str) -> None:
    advies = vo.evaluate(jongere_van_19(besluit_voor), peildatum=PEILDATUM)
    uitkomst = {v.behoefte: (v.uitkomst, v.regel) for v in advies.voorstellen}
    assert uitkomst == {
        "gezond_en_veilig_opgroeien": ("afgewezen", "jeugd-18-plus-zonder-verlenging"),
        "meedoen_in_de_samenleving": ("toegekend", "begeleiding-maatwerk"),
    }
