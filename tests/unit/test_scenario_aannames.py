"""The scenario expectation `aannames` checks exactly which presumptions an Advies rests on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from verordening.scenarios import Scenario, run_scenario
from verordening.scenarios._scenarios import load_file

RULESETS = Path(__file__).parents[2] / "rulesets"

# An 80-year-old who cannot keep house, no network, no general provision; the Wlz indication
# is not given, so the presumption 'geen Wlz-indicatie' carries the maatwerk.
SITUATIE: dict[str, Any] = {
    "meldingsdatum": "2024-08-20",
    "personen": [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": "1944-03-03",
            "kan_huishouden_doen": "niet",
        }
    ],
    "netwerk": {"beschikbaar": False},
    "hulpvragen": [
        {
            "behoefte": "schoon_en_leefbaar_huis",
            "uren_per_week": 3,
            "eigen_kracht_toereikend": False,
            "algemene_voorziening_toereikend": False,
        }
    ],
}


def _scenario(aannames: list[str], wlz: bool | None = None) -> Scenario:
    situatie: dict[str, Any] = {**SITUATIE, "personen": [dict(SITUATIE["personen"][0])]}
    if wlz is not None:
        situatie["personen"][0]["wlz_indicatie"] = wlz
    return Scenario.model_validate(
        {
            "naam": "x",
            "toelichting": "x",
            "peildatum": dt.date(2024, 9, 2),
            "situatie": situatie,
            "verwacht": {"aannames": aannames},
        }
    )


def test_the_presumption_used_passes_and_a_missing_one_is_reported() -> None:
    assert run_scenario(_scenario(["aanvrager.wlz_indicatie"]), RULESETS).geslaagd
    uit = run_scenario(_scenario([]), RULESETS)
    assert uit.verschillen == ["aannames: verwacht [], gekregen ['aanvrager.wlz_indicatie']"]


def test_a_given_value_leaves_no_presumption_to_expect() -> None:
    uit = run_scenario(_scenario(["aanvrager.wlz_indicatie"], wlz=True), RULESETS)
    assert uit.verschillen == ["aannames: verwacht ['aanvrager.wlz_indicatie'], gekregen []"]
    assert run_scenario(_scenario([], wlz=True), RULESETS).geslaagd


def test_aannames_is_read_from_a_scenario_file(tmp_path: Path) -> None:
    pad = tmp_path / "s.yaml"
    pad.write_text(
        "schema_versie: 1\nscenarios:\n  - naam: n\n    toelichting: t\n"
        "    peildatum: 2024-09-02\n    situatie: {}\n"
        "    verwacht: {aannames: [aanvrager.wlz_indicatie]}\n",
        encoding="utf-8",
    )
    scenarios, fouten = load_file(pad)
    assert fouten == []
    assert scenarios[0][0].verwacht.aannames == ("aanvrager.wlz_indicatie",)
