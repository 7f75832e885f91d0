from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verordening.cli import app

RUNNER = CliRunner()
VOORBEELD = Path(__file__).parents[2] / "examples" / "situaties" / "c30-jongere-meldt-zich.yaml"


def test_check_of_the_shipped_rulesets_is_clean() -> None:
    uitslag = RUNNER.invoke(app, ["check"])
    assert uitslag.exit_code == 0, uitslag.output
    assert "0 fout(en)" in uitslag.output


def test_check_reports_author_errors_on_one_line_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "kapot.yaml").write_text(
        "schema_versie: 1\nartikelen:\n  - nummer: 4.1\n    titel: x\n",
        encoding="utf-8",
    )
    uitslag = RUNNER.invoke(app, ["check", str(tmp_path), "--formaat", "gnu"])
    assert uitslag.exit_code == 1
    assert "kapot.yaml:3:" in uitslag.output and "V201" in uitslag.output
    assert "Traceback" not in uitslag.output


def test_evaluate_prints_the_advies_as_json() -> None:
    uitslag = RUNNER.invoke(app, ["evaluate", str(VOORBEELD), "--formaat", "json"])
    assert uitslag.exit_code == 0, uitslag.output
    advies = json.loads(uitslag.output)
    assert advies["voorstellen"][0]["uitkomst"] == "procedureel"
    # Pw art. 41 lid 4: the aanvraag can be made from the end of the zoektermijn (31 March),
    # and the Awb 4:13 term of eight weeks runs from that day.
    assert advies["voorstellen"][0]["ingangsdatum"] == "2025-03-31"
    assert advies["voorstellen"][0]["uiterlijk"] == "2025-05-26"
    assert set(advies) >= {
        "voorstellen",
        "vereist_beoordeling",
        "redenen",
        "vragen",
        "trace",
        "ontvangstbewijs",
    }


def test_evaluate_refuses_without_peildatum(tmp_path: Path) -> None:
    zonder = tmp_path / "s.yaml"
    zonder.write_text(
        "\n".join(
            r
            for r in VOORBEELD.read_text(encoding="utf-8").splitlines()
            if not r.startswith("peildatum")
        ),
        encoding="utf-8",
    )
    uitslag = RUNNER.invoke(app, ["evaluate", str(zonder)])
    assert uitslag.exit_code == 2
    assert "peildatum" in uitslag.output
    assert RUNNER.invoke(app, ["evaluate", str(zonder), "--peildatum", "2025-03-03"]).exit_code == 0


def test_invalid_situation_exits_1_with_paths_and_no_traceback(tmp_path: Path) -> None:
    slecht = tmp_path / "s.json"
    slecht.write_text(
        json.dumps(
            {
                "peildatum": "2024-01-01",
                "personen": [{"id": "p1", "rol": "x"}],
                "hulpvragen": [],
            }
        ),
        encoding="utf-8",
    )
    uitslag = RUNNER.invoke(app, ["evaluate", str(slecht)])
    assert uitslag.exit_code == 1
    assert "$.personen[0].rol" in uitslag.output and "$.hulpvragen" in uitslag.output
    assert "Traceback" not in uitslag.output


def test_vragen_lists_missing_facts(tmp_path: Path) -> None:
    minimaal = tmp_path / "s.yaml"
    minimaal.write_text(
        "peildatum: 2024-03-01\npersonen: [{id: p1, rol: aanvrager}]\n"
        "hulpvragen: [{behoefte: schoon_en_leefbaar_huis}]\n",
        encoding="utf-8",
    )
    uitslag = RUNNER.invoke(app, ["evaluate", str(minimaal), "--vragen", "--formaat", "tekst"])
    assert uitslag.exit_code == 0
    assert "Kan de aanvrager het huishouden" in uitslag.output
    assert (
        "Antwoord in: $.personen[0].kan_huishouden_doen (tekst: volledig, gedeeltelijk, niet)"
        in (uitslag.output)
    )
    # A Wlz indication is presumed absent (vermoedens.yaml), so it is not asked.
    assert "Heeft de aanvrager een indicatie voor de Wet langdurige zorg?" not in uitslag.output


def test_uitleg_of_a_stored_advies_does_not_reevaluate(tmp_path: Path) -> None:
    advies = RUNNER.invoke(app, ["evaluate", str(VOORBEELD)]).output
    opgeslagen = tmp_path / "advies.json"
    opgeslagen.write_text(advies, encoding="utf-8")
    uitslag = RUNNER.invoke(
        app, ["uitleg", str(opgeslagen), "--vorm", "inwoner", "--formaat", "tekst"]
    )
    assert uitslag.exit_code == 0
    assert "31 maart 2025" in uitslag.output


def test_schema_prints_json_schemas() -> None:
    for soort in ("ruleset", "situatie", "advies"):
        uitslag = RUNNER.invoke(app, ["schema", soort])
        assert uitslag.exit_code == 0
        assert "properties" in json.loads(uitslag.output)


def test_usage_error_exits_2() -> None:
    assert RUNNER.invoke(app, ["evaluate"]).exit_code == 2


def test_render_the_bylaw_as_markdown_and_html() -> None:
    md = RUNNER.invoke(app, ["render", "--peildatum", "2025-03-01"])
    assert md.exit_code == 0, md.output
    assert "### Artikel 4.4. Zoektermijn voor jongeren" in md.output
    assert "Als: leeftijd van de aanvrager in jaren op de meldingsdatum is kleiner dan" in md.output
    assert "| 1 januari 2025 | 30 juni 2025 | € 1.345,45 |" in md.output
    html = RUNNER.invoke(app, ["render", "--formaat", "html", "--peildatum", "2022-03-01"])
    assert html.exit_code == 0
    assert html.output.startswith("<!DOCTYPE html>")
    assert "Hoofdstuk 12. Slotbepalingen" in html.output


# --- one exit-code table for every command (issue 14, item 7; DESIGN §6) -----------------

ONGELDIG = {"personen": [{"id": "p1", "rol": "onzin"}], "peildatum": "2025-03-03"}
RULESETS = str(Path(__file__).parents[2] / "rulesets")


def _bestanden(tmp_path: Path) -> dict[str, str]:
    ongeldig = tmp_path / "ongeldig.json"
    ongeldig.write_text(json.dumps(ONGELDIG), encoding="utf-8")
    leeg = tmp_path / "leeg.jsonl"
    leeg.write_text("", encoding="utf-8")
    return {"ONGELDIG": str(ongeldig), "LEEG": str(leeg), "WEG": str(tmp_path / "weg")}


EXITCODES = [
    # 0: goed
    (["versie"], 0),
    (["schema", "situatie"], 0),
    (["caseload", "--aantal", "2", "--seed", "1"], 0),
    # 1: ongeldige invoer (the situation is read; its content is wrong)
    (["evaluate", "ONGELDIG"], 1),
    (["uitleg", "ONGELDIG"], 1),
    # 2: verkeerd gebruik: a path that does not exist, for every command that takes one
    (["check", "WEG"], 2),
    (["analyse", "WEG"], 2),
    (["test", "WEG"], 2),
    (["render", "WEG"], 2),
    (["check", "/dev/zero"], 2),
    (["test", "/dev/zero"], 2),
    (["evaluate", "WEG"], 2),
    (["uitleg", "WEG"], 2),
    (["impact", "--oud", RULESETS, "--nieuw", RULESETS, "--situaties", "WEG"], 2),
    (["impact", "--oud", "WEG", "--nieuw", RULESETS, "--situaties", "LEEG"], 2),
    (["impact", "--oud", RULESETS, "--nieuw", "/dev/zero", "--situaties", "LEEG"], 2),
    (["caseload", "--aantal", "2", "--seed", "1", "--uitvoer", "WEG/c.jsonl"], 2),
    # 2: verkeerd gebruik: options
    (["evaluate", str(VOORBEELD), "--peildatum", "gisteren"], 2),
    (["caseload", "--aantal", "2", "--seed", "1", "--peildatum", "2025-13-01"], 2),
    (["schema", "onzin"], 2),
    (["bench", "--onbekend"], 2),
    (["onbekend-commando"], 2),
]


@pytest.mark.parametrize(
    ("args", "code"), EXITCODES, ids=[f"{' '.join(a)} -> {c}" for a, c in EXITCODES]
)
def test_exitcode_per_commando(args: list[str], code: int, tmp_path: Path) -> None:
    bestanden = _bestanden(tmp_path)
    echte = [bestanden.get(a, a).replace("WEG/", bestanden["WEG"] + "/") for a in args]
    uitslag = RUNNER.invoke(app, echte)
    assert uitslag.exit_code == code, uitslag.output
    assert uitslag.exception is None or isinstance(uitslag.exception, SystemExit)
    assert "Traceback" not in uitslag.output


def test_elk_commando_geeft_bij_ctrl_c_afgebroken_en_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import typer

    def onderbroken(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    opdrachten = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    namen = []
    for info in app.registered_commands:
        assert info.callback is not None
        monkeypatch.setattr(info.callback, "__wrapped__", onderbroken)
        namen.append(info.name or info.callback.__name__)
    assert {"check", "evaluate", "uitleg", "test", "impact", "caseload", "versie"} <= set(namen)
    assert set(opdrachten) == set(namen)
    for opdracht in opdrachten.values():
        with pytest.raises(typer.Exit) as einde:
            opdracht.callback()
        assert einde.value.exit_code == 130, opdracht.name
        assert capsys.readouterr().err.strip() == "Afgebroken.", opdracht.name


def test_ctrl_c_echt_signaal_geeft_afgebroken_130() -> None:
    import select
    import signal
    import subprocess
    import sys

    proces = subprocess.Popen(
        [sys.executable, "-c", "from verordening.cli import app; app()", "bench"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        # Wait (bounded, a safety net) for the first progress line: the command is running.
        gelezen, _, _ = select.select([proces.stderr], [], [], 180)
        assert gelezen, "bench meldde geen voortgang"
        proces.send_signal(signal.SIGINT)
        _, fout = proces.communicate(timeout=180)
    finally:
        proces.kill()
        proces.wait()
    assert proces.returncode == 130
    assert fout.decode().strip().endswith("Afgebroken.")
    assert "Traceback" not in fout.decode()
