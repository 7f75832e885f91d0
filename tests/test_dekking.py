"""Every rule of the shipped bylaw is exercised by a scenario beside the rules (100 %)."""

from __future__ import annotations

from tests.conftest import RULESETS
from verordening.scenarios import Uitslag, coverage, find_files, run_all


def test_every_rule_is_exercised_by_a_scenario() -> None:
    uitslagen = [u for u in run_all(find_files(RULESETS)) if isinstance(u, Uitslag)]
    assert len(uitslagen) >= 120
    assert all(u.geslaagd for u in uitslagen)
    geraakt, niet = coverage(RULESETS, uitslagen)
    assert niet == [], f"regels zonder scenario: {', '.join(niet)}"
    assert len(geraakt) >= 150
