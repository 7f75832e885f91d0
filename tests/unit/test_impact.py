"""`verordening impact`: exactly the affected cases change, with the reason in the trace diff."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import verordening
from verordening import ImpactError, ImpactRapport, impact
from verordening.cli import app
from verordening.impact.caseload import STANDAARD_PEILDATUM, genereer

RUNNER = CliRunner()
RULESETS = Path(__file__).parents[2] / "rulesets"
GOLDEN = Path(__file__).parents[1] / "golden" / "impact"
NORM = "pw.norm.21_aow.alleenstaande_of_alleenstaande_ouder"
GRENS = "pw.vermogen.grens.alleenstaande"
#: Cases in the shared caseload: enough that both changed parameters flip some of them.
AANTAL = 150


def _schrijf(pad: Path, situaties: list[dict[str, Any]]) -> Path:
    pad.write_text("".join(json.dumps(s) + "\n" for s in situaties), encoding="utf-8")
    return pad


@functools.cache
def _geleverd() -> verordening.Verordening:
    """The shipped bylaw, loaded once for this module (read only)."""
    return verordening.load(RULESETS)


def zet_parameter(root: Path, naam: str, peildatum: dt.date, nieuw: Callable[[int], int]) -> None:
    """Change the value of ``naam`` in force on ``peildatum`` in a copied rulesets folder.

    ``root`` is a copy of the shipped rulesets in which ``naam`` was not changed yet, so
    its value is read from the shipped bylaw (loaded once, not once per copy).
    """
    waarde = _geleverd().compiled.parameters_op(peildatum)[naam][1]
    assert isinstance(waarde.waarde, int)
    for bestand in (root / "parameters").glob("*.yaml"):
        regels = bestand.read_text(encoding="utf-8").splitlines(keepends=True)
        kop = [i for i, r in enumerate(regels) if r.strip() == f"- naam: {naam}"]
        if not kop:
            continue
        vanaf = next(
            i
            for i in range(kop[0], len(regels))
            if regels[i].strip().endswith(f"geldig_vanaf: {waarde.geldig_vanaf.isoformat()}")
        )
        plek = next(i for i in range(vanaf, len(regels)) if regels[i].strip().startswith("waarde:"))
        vervangen = f"waarde: {nieuw(waarde.waarde)}"
        regels[plek] = regels[plek].replace(f"waarde: {waarde.waarde}", vervangen)
        bestand.write_text("".join(regels), encoding="utf-8")
        return
    raise AssertionError(f"parameter {naam} niet gevonden")


@pytest.fixture(scope="module")
def caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pad = tmp_path_factory.mktemp("caseload") / "c.jsonl"
    return _schrijf(pad, list(genereer(AANTAL, seed=11)))


@pytest.fixture(scope="module")
def norm_hoger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nieuw") / "rulesets"
    shutil.copytree(RULESETS, root)
    zet_parameter(root, NORM, STANDAARD_PEILDATUM, lambda w: w + 3_094)
    return root


@pytest.fixture(scope="module")
def rapport_norm_hoger(caseload: Path, norm_hoger: Path) -> ImpactRapport:
    """The report of the raised norm over the caseload, in this process (shared, frozen)."""
    return impact(RULESETS, norm_hoger, caseload, processen=1)


@pytest.fixture(scope="module")
def verwacht_norm_hoger(caseload: Path, norm_hoger: Path) -> set[int]:
    """The lines the raised norm changes, computed independently with the public API."""
    return _verwacht(RULESETS, norm_hoger, caseload)


def _verwacht(oud: Path, nieuw: Path, caseload: Path) -> set[int]:
    """The changed line numbers, computed independently with the public API."""
    vo_oud = _geleverd() if oud == RULESETS else verordening.load(oud)
    vo_nieuw = verordening.load(nieuw)
    weg = {"ontvangstbewijs", "trace", "situatie"}
    gewijzigd = set()
    for nummer, regel in enumerate(caseload.read_text(encoding="utf-8").splitlines(), start=1):
        data = json.loads(regel)
        a = vo_oud.evaluate(data, peildatum=STANDAARD_PEILDATUM).model_dump(exclude=weg)
        b = vo_nieuw.evaluate(data, peildatum=STANDAARD_PEILDATUM).model_dump(exclude=weg)
        if a != b:
            gewijzigd.add(nummer)
    return gewijzigd


@pytest.mark.parametrize("eenmaal", [True, False], ids=["eenmaal", "tweemaal"])
def test_identical_rulesets_give_no_differences(caseload: Path, eenmaal: bool) -> None:
    rapport = impact(RULESETS, RULESETS, caseload, processen=1, gelijke_versie_eenmaal=eenmaal)
    assert (rapport.totaal, rapport.ongeldig, rapport.gewijzigd) == (AANTAL, 0, 0)
    assert rapport.gevallen == () and rapport.overgangen == ()
    assert all(b.verschil == 0 for b in rapport.bedragen) and rapport.bedragen
    assert all(t.gewijzigd == 0 for t in rapport.per_behoefte)


def test_one_changed_parameter_changes_exactly_the_affected_cases(
    rapport_norm_hoger: ImpactRapport, verwacht_norm_hoger: set[int]
) -> None:
    rapport, verwacht = rapport_norm_hoger, verwacht_norm_hoger
    assert verwacht, "de wijziging raakt geen enkel geval; kies een andere parameter"
    assert {g.regelnummer for g in rapport.gevallen} == verwacht
    assert rapport.gewijzigd == len(verwacht) < rapport.totaal
    for geval in rapport.gevallen:
        parameters = {p.naam: p for p in geval.parameters}
        assert NORM in parameters, geval
        assert parameters[NORM].nieuw == parameters[NORM].oud + 3_094  # type: ignore[operator]
        assert parameters[NORM].geldig_vanaf_nieuw == dt.date(2025, 7, 1)
        assert geval.regels and geval.voorstellen
    bijstand = next(b for b in rapport.bedragen if b.instrument == "algemene_bijstand")
    assert bijstand.verschil > 0 and bijstand.periode == "per_maand"
    domein = {t.code: t for t in rapport.per_levensdomein}
    assert domein["inkomen"].gewijzigd > 0 and domein["wonen"].gewijzigd == 0
    assert {t.code for t in rapport.per_instrument if t.gewijzigd} >= {"algemene_bijstand"}


def test_the_process_pool_gives_the_same_report(
    caseload: Path, norm_hoger: Path, rapport_norm_hoger: ImpactRapport
) -> None:
    hier = rapport_norm_hoger
    gemeld: list[int] = []
    pool = impact(RULESETS, norm_hoger, caseload, processen=2, blok=40, voortgang=gemeld.append)
    assert pool == hier
    assert gemeld == sorted(gemeld) and gemeld[-1] == AANTAL


def test_a_lower_limit_flips_outcomes_and_names_the_rule(caseload: Path, tmp_path: Path) -> None:
    root = tmp_path / "rulesets"
    shutil.copytree(RULESETS, root)
    zet_parameter(root, GRENS, STANDAARD_PEILDATUM, lambda w: 100_000)
    rapport = impact(RULESETS, root, caseload, processen=1, engine="referentie")
    assert {g.regelnummer for g in rapport.gevallen} == _verwacht(RULESETS, root, caseload)
    overgangen = {(o.behoefte, o.oud, o.nieuw) for o in rapport.overgangen}
    assert ("inkomen_levensonderhoud", "toegekend", "afgewezen") in overgangen
    omgeslagen = [
        r
        for g in rapport.gevallen
        for r in g.regels
        if r.regel == "bijstand-vermogen-te-hoog" and r.nieuw == "toegepast"
    ]
    assert omgeslagen and omgeslagen[0].oud == "niet_van_toepassing"
    assert all(GRENS in {p.naam for p in g.parameters} for g in rapport.gevallen)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_git_revisions(
    caseload: Path,
    verwacht_norm_hoger: set[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(RULESETS, repo / "rulesets")
    _git(repo, "init", "-q")
    _git(repo, "add", "rulesets")
    _git(repo, "commit", "-q", "-m", "model")
    zet_parameter(repo / "rulesets", NORM, STANDAARD_PEILDATUM, lambda w: w + 3_094)
    _git(repo, "commit", "-q", "-a", "-m", "norm hoger")
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    tijdelijk = tmp_path / "tmp"
    tijdelijk.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tijdelijk))
    rapport = impact("git:HEAD~1", "git:HEAD", caseload, processen=1)
    # HEAD raises the norm exactly as the norm_hoger fixture does.
    assert {g.regelnummer for g in rapport.gevallen} == verwacht_norm_hoger
    assert rapport.gewijzigd == len(verwacht_norm_hoger) > 0
    assert (rapport.oud, rapport.nieuw) == ("git:HEAD~1", "git:HEAD")
    assert list(tijdelijk.iterdir()) == []  # the exports are cleaned up
    assert impact("git:HEAD", repo / "rulesets", caseload, processen=1).gewijzigd == 0
    with pytest.raises(ImpactError, match="bestaat niet"):
        impact("git:v9.9", "git:HEAD", caseload, processen=1)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ImpactError, match="git-repository"):
        impact("git:HEAD", RULESETS, caseload, processen=1)


def test_invalid_lines_are_reported_and_the_rest_is_evaluated(tmp_path: Path) -> None:
    goed = list(genereer(4, seed=5))
    fout_veld = {**goed[1], "personen": [{**goed[1]["personen"][0], "rol": "baas"}]}
    onbekend = {**goed[2], "hulpvragen": [{"behoefte": "vakantie"}]}
    regels = [
        json.dumps(goed[0]),
        "{dit is geen json",
        json.dumps(fout_veld),
        "",
        json.dumps(onbekend),
        json.dumps(goed[3]),
    ]
    pad = tmp_path / "c.jsonl"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    rapport = impact(RULESETS, RULESETS, pad, processen=1)
    assert (rapport.totaal, rapport.ongeldig, rapport.gewijzigd) == (2, 3, 0)
    plekken = [(o.regelnummer, p.pad) for o in rapport.ongeldige_invoer for p in o.problemen]
    assert plekken == [(2, "$"), (3, "$.personen[0].rol"), (5, "$.hulpvragen[0].behoefte")]
    assert rapport.ongeldige_invoer[1].kenmerk == "synthetisch-000002"


def test_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path: Path) -> None:
    pad = tmp_path / "c.jsonl"
    regels = [json.dumps(s) for s in genereer(3, seed=4)]
    pad.write_bytes(("\ufeff" + "\r\n".join(regels) + "\r\n").encode("utf-8"))
    rapport = impact(RULESETS, RULESETS, pad, processen=1)
    assert (rapport.totaal, rapport.ongeldig) == (3, 0)


def test_a_case_without_peildatum_needs_the_option(tmp_path: Path) -> None:
    data = next(genereer(1, seed=1))
    del data["peildatum"]
    pad = _schrijf(tmp_path / "c.jsonl", [data])
    for processen in (1, 2):
        with pytest.raises(ImpactError, match="geen peildatum voor de situatie op regel 1"):
            impact(RULESETS, RULESETS, pad, processen=processen)
    rapport = impact(RULESETS, RULESETS, pad, processen=1, peildatum=dt.date(2024, 3, 1))
    assert rapport.totaal == 1 and rapport.peildatum == dt.date(2024, 3, 1)


def test_cli_json_schema_and_exit_codes(
    caseload: Path, norm_hoger: Path, rapport_norm_hoger: ImpactRapport, tmp_path: Path
) -> None:
    argumenten = ["impact", "--oud", str(RULESETS), "--situaties", str(caseload)]
    uitslag = RUNNER.invoke(
        app, [*argumenten, "--nieuw", str(norm_hoger), "--processen", "1", "--formaat", "json"]
    )
    assert uitslag.exit_code == 0, uitslag.output
    data = json.loads(uitslag.stdout)
    assert isinstance(data["gewijzigd"], int) and data["gewijzigd"] > 0
    assert data["gewijzigd"] == rapport_norm_hoger.gewijzigd
    assert data["totaal"] == AANTAL and data["ongeldig"] == 0
    for sleutel in ("per_behoefte", "per_instrument", "per_kernwaarde", "bedragen", "gevallen"):
        assert data[sleutel], sleutel
    assert ImpactRapport.model_validate(data).gewijzigd == data["gewijzigd"]
    assert uitslag.stderr == ""  # no progress bar outside a terminal

    kapot = tmp_path / "kapot.jsonl"
    vijf = caseload.read_text(encoding="utf-8").splitlines(keepends=True)[:5]
    kapot.write_text("".join(vijf) + "{\n", encoding="utf-8")
    argumenten = ["--oud", str(RULESETS), "--nieuw", str(RULESETS), "--processen", "1"]
    uitslag = RUNNER.invoke(app, ["impact", *argumenten, "--situaties", str(kapot)])
    assert uitslag.exit_code == 1
    assert "0 van 5 adviezen veranderd" in uitslag.stdout
    assert "regelnummer 6: $: geen geldige JSON" in uitslag.stdout

    zonder = _schrijf(
        tmp_path / "z.jsonl", [{k: v for k, v in next(genereer(1, 1)).items() if k != "peildatum"}]
    )
    for extra, melding in (
        (["--situaties", str(zonder)], "geen peildatum"),
        (["--situaties", str(tmp_path / "weg.jsonl")], "bestaat niet"),
        (["--situaties", str(caseload), "--peildatum", "1-3-2025"], "ongeldige peildatum"),
    ):
        uitslag = RUNNER.invoke(app, ["impact", *argumenten, *extra])
        assert uitslag.exit_code == 2, uitslag.output
        assert melding in uitslag.stderr


def test_cli_terminal_summary(caseload: Path, norm_hoger: Path) -> None:
    argumenten = ["--oud", str(RULESETS), "--nieuw", str(norm_hoger), "--situaties", str(caseload)]
    uitslag = RUNNER.invoke(app, ["impact", *argumenten])
    assert uitslag.exit_code == 0, uitslag.output
    uit = uitslag.stdout
    gewijzigd = re.search(rf"(\d+) van {AANTAL} adviezen veranderd \((\d+,\d) %\)", uit)
    assert gewijzigd is not None
    assert f"Gewijzigde gevallen ({gewijzigd.group(1)} van {gewijzigd.group(1)})" in uit
    assert "Per behoefte" in uit and "inkomen_levensonderhoud" in uit and NORM in uit
    assert "Bedragen per instrument" in uit and "+€ " in uit


def test_terminal_summary_caps_the_case_list(rapport_norm_hoger: ImpactRapport) -> None:
    from rich.console import Console

    from verordening.impact.report import toon

    rapport = rapport_norm_hoger
    console = Console(record=True, width=100)
    toon(rapport, console, max_gevallen=5)
    tekst = console.export_text()
    assert f"Gewijzigde gevallen (5 van {rapport.gewijzigd})" in tekst
    assert f"en nog {rapport.gewijzigd - 5} gewijzigde gevallen" in tekst
    assert tekst.count("(regelnummer ") == 5


def test_html_report_is_self_contained_and_dutch(rapport_norm_hoger: ImpactRapport) -> None:
    from verordening.impact.report import render

    rapport = rapport_norm_hoger
    html = render(rapport, "html")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "<script" not in html and "<link" not in html and "src=" not in html
    assert f"{rapport.gewijzigd} van {AANTAL} adviezen veranderd" in html
    assert html.count('<section class="geval">') == rapport.gewijzigd


def test_golden_markdown_report(tmp_path: Path, update_golden: bool) -> None:
    situaties = _schrijf(tmp_path / "klein.jsonl", list(genereer(40, seed=2)))
    with situaties.open("a", encoding="utf-8") as bestand:
        bestand.write('{"kenmerk": "kapot", "personen": []}\n')
    root = tmp_path / "rulesets"
    shutil.copytree(RULESETS, root)
    zet_parameter(root, NORM, STANDAARD_PEILDATUM, lambda w: w + 10_000)
    zet_parameter(root, GRENS, STANDAARD_PEILDATUM, lambda w: w // 10)
    from verordening.impact.report import render

    rapport = impact(RULESETS, root, situaties, processen=1)
    tekst = render(rapport, "markdown").replace(str(tmp_path), "<tmp>")
    tekst = tekst.replace(str(RULESETS), "rulesets")
    doel = GOLDEN / "norm-hoger.md"
    if update_golden:
        doel.parent.mkdir(parents=True, exist_ok=True)
        doel.write_text(tekst, encoding="utf-8")
        return
    if not doel.exists():
        pytest.fail(f"{doel} ontbreekt; draai pytest --update-golden en bekijk git diff")
    assert tekst == doel.read_text(encoding="utf-8")
