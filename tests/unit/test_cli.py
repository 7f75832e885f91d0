from __future__ import annotations

import json
from pathlib import Path

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
    assert advies["voorstellen"][0]["uiterlijk"] == "2025-03-31"
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
    assert "Heeft de aanvrager een indicatie voor de Wet langdurige zorg?" in uitslag.output


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
