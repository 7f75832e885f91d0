"""Every example script runs, and the worked cases of voorbeelden.md give their expected outcome."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

VOORBEELDEN = Path(__file__).parent.parent / "examples"


def test_case_system_example_reproduces_the_worked_cases(
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = runpy.run_path(str(VOORBEELDEN / "01_beoordeel_situatie.py"))
    uitkomsten = module["main"]()
    assert uitkomsten == {
        "c02-ouders": [("inkomen_levensonderhoud", "toegekend")],
        "c02-zoon": [("inkomen_levensonderhoud", "toegekend")],
        "c26-gezonde-partner": [("schoon_en_leefbaar_huis", "afgewezen")],
        "c30-jongere-meldt-zich": [("inkomen_levensonderhoud", "procedureel")],
        "c35-wlz-indicatie": [("schoon_en_leefbaar_huis", "afgewezen")],
    }
    uit = capsys.readouterr().out
    assert (
        "1708.08 euro per_maand" in uit
    )  # C02: parents keep the full gehuwdennorm (son is 24 < 27)
    assert "740.17 euro per_maand" in uit  # C02: son gets 43,33 % of the gehuwdennorm (A = 3)


def test_policy_example_checks_the_shipped_rulesets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = runpy.run_path(str(VOORBEELDEN / "02_controleer_regelsets.py"))
    assert module["main"]() == 0
    assert "0 fout(en)" in capsys.readouterr().out


def test_policy_example_fails_on_a_broken_ruleset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.yaml").write_text("schema_versie: 2\n", encoding="utf-8")
    module = runpy.run_path(str(VOORBEELDEN / "02_controleer_regelsets.py"))
    assert module["main"](str(tmp_path)) == 1
    assert "V205" in capsys.readouterr().out


def test_readme_example_runs_as_shown() -> None:
    import doctest

    readme = Path(__file__).parent.parent / "README.md"
    uitslag = doctest.testfile(str(readme), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert uitslag.attempted >= 5
    assert uitslag.failed == 0


def test_readme_is_short_and_names_the_two_commands() -> None:
    tekst = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert len(tekst.splitlines()) <= 120
    assert 'pip install -e ".[dev]"' in tekst
    assert "\npytest\n" in tekst
