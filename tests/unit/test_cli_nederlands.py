"""Typer's frame in Dutch (issue 14, item 7): help, missing arguments, wrong options."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from verordening.cli import app
from verordening.cli._nl import installeer, vertaal_melding

#: English of typer's and click's frame; none of it may reach a user.
ENGELS = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|Missing|Invalid value|No such|"
    r"Try '|for help|Error|Input should|Aborted|<str>|<bool>|<int>|<path>|\[default|"
    r"\[required\]|\[OPTIONS\]|COMMAND"
)


def _draai(*args: str) -> tuple[int, str]:
    resultaat = CliRunner().invoke(app, list(args), prog_name="verordening")
    return resultaat.exit_code, resultaat.output  # stdout and stderr together


def test_hulp_is_nederlands() -> None:
    code, tekst = _draai("--help")
    assert code == 0
    assert "Gebruik: verordening [OPTIES] OPDRACHT [ARGUMENTEN]..." in tekst
    for woord in ("Opties", "Opdrachten", "Toon deze hulp en stop."):
        assert woord in tekst
    assert not ENGELS.search(tekst), ENGELS.search(tekst)


@pytest.mark.parametrize("opdracht", ["check", "evaluate", "uitleg", "caseload", "impact"])
def test_hulp_per_opdracht_is_nederlands(opdracht: str) -> None:
    code, tekst = _draai(opdracht, "--help")
    assert code == 0
    assert f"Gebruik: verordening {opdracht} [OPTIES]" in tekst
    assert "Opties" in tekst
    gevonden = ENGELS.search(tekst)
    assert gevonden is None, gevonden


def test_hulp_noemt_argumenten_en_verplicht() -> None:
    _, tekst = _draai("evaluate", "--help")
    assert "Argumenten" in tekst
    assert "[verplicht]" in tekst
    assert "[standaard: json]" in tekst


def test_ontbrekend_argument_is_nederlands() -> None:
    code, tekst = _draai("evaluate")
    assert code == 2
    assert "Ontbrekend argument 'situatie'." in tekst
    assert "Zie 'verordening evaluate --help' voor hulp." in tekst
    assert "Fout" in tekst
    assert not ENGELS.search(tekst), ENGELS.search(tekst)


def test_ontbrekende_optie_is_nederlands() -> None:
    code, tekst = _draai("caseload", "--aantal", "1")
    assert code == 2
    assert "Ontbrekende optie '--seed'." in tekst
    assert not ENGELS.search(tekst), ENGELS.search(tekst)


def test_onbekende_optie_is_nederlands() -> None:
    code, tekst = _draai("check", "--formaa", "gnu")
    assert code == 2
    assert "Onbekende optie: --formaa" in tekst
    assert "--formaat" in tekst  # the suggestion survives
    assert not ENGELS.search(tekst), ENGELS.search(tekst)


def test_ongeldige_waarde_is_nederlands() -> None:
    code, tekst = _draai("caseload", "--aantal", "veel", "--seed", "1")
    assert code == 2
    assert "Ongeldige waarde voor '--aantal': moet een geheel getal zijn" in tekst
    assert not ENGELS.search(tekst), ENGELS.search(tekst)


def test_ongeldige_keuze_is_nederlands() -> None:
    code, tekst = _draai("check", "--formaat", "pdf")
    assert code == 2
    assert "Ongeldige waarde voor '--formaat'" in tekst
    assert not ENGELS.search(tekst), ENGELS.search(tekst)


def test_extra_argument_is_nederlands() -> None:
    code, tekst = _draai("check", "a", "b")
    assert code == 2
    assert "Onverwachte extra argumenten (b)" in tekst
    assert not ENGELS.search(tekst), ENGELS.search(tekst)


def test_installeer_twee_keer_verandert_niets() -> None:
    installeer()
    installeer()
    _, tekst = _draai("evaluate")
    assert tekst.count("Gebruik:") == 1
    assert "Ontbrekend argument 'situatie'." in tekst


@pytest.mark.parametrize(
    ("engels", "nederlands"),
    [
        ("Missing option '--seed'.", "Ontbrekende optie '--seed'."),
        ("Missing argument 'SITUATIE'.", "Ontbrekend argument 'SITUATIE'."),
        ("No such option: --foo", "Onbekende optie: --foo"),
        (
            "No such option: --formaa Did you mean --formaat?",
            "Onbekende optie: --formaa. Bedoelde u --formaat?",
        ),
        ("No such command 'evalueer'.", "Onbekende opdracht 'evalueer'."),
        ("Got unexpected extra argument (b)", "Onverwachte extra argumenten (b)"),
        ("Option '--seed' requires an argument.", "Optie '--seed' vraagt een waarde."),
        (
            "Invalid value for '--formaat': 'pdf' is not one of 'mens', 'gnu', 'json'.",
            "Ongeldige waarde voor '--formaat': 'pdf' is niet een van 'mens', 'gnu', 'json'.",
        ),
        (
            "Invalid value for 'PAD': Path 'x' does not exist.",
            "Ongeldige waarde voor 'PAD': Pad 'x' bestaat niet.",
        ),
        ("iets heel anders", "iets heel anders"),
    ],
)
def test_vertaal_melding(engels: str, nederlands: str) -> None:
    assert vertaal_melding(engels) == nederlands
