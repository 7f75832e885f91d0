"""The synthetic caseload: valid, deterministic, anonymous, realistic, documented."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import verordening
from verordening.cli import app
from verordening.compiler.facts import leeftijd
from verordening.impact._distributions import BEVINDINGEN, DIMENSIES, KENMERKEN, dimensie
from verordening.impact.caseload import (
    STANDAARD_PEILDATUM,
    CaseloadError,
    gemeten_markdown,
    genereer,
    schrijf,
    verdeling_markdown,
)
from verordening.model.situatie import Situatie

RUNNER = CliRunner()
DOC = Path(__file__).parents[2] / "docs" / "voor-beleidsmedewerkers" / "caseload.md"


@pytest.fixture(scope="module")
def caseload() -> list[dict[str, Any]]:
    return list(genereer(2000, seed=1))


@pytest.mark.langzaam  # evaluates 2,000 situations
def test_every_generated_case_validates_and_evaluates(
    vo: verordening.Verordening, caseload: list[dict[str, Any]]
) -> None:
    vragen = 0
    for data in caseload:
        situatie = Situatie.model_validate(data)
        advies = vo.evaluate(situatie, peildatum=STANDAARD_PEILDATUM)
        assert isinstance(advies, verordening.Advies)
        vragen += bool(advies.vragen)
    # Some facts are left out on purpose, so some advice asks questions — but not most.
    assert 0.05 * len(caseload) < vragen < 0.4 * len(caseload)


def test_same_seed_gives_the_same_bytes_and_a_prefix_is_stable() -> None:
    def tekst(aantal: int, seed: int) -> str:
        uit = io.StringIO()
        schrijf(uit, aantal, seed)
        return uit.getvalue()

    honderd = tekst(100, 7)
    assert honderd == tekst(100, 7)
    assert honderd != tekst(100, 8)
    assert tekst(30, 7) == "".join(honderd.splitlines(keepends=True)[:30])
    assert honderd.count("\n") == 100 and all(json.loads(r) for r in honderd.splitlines())


def test_no_personal_data(caseload: list[dict[str, Any]]) -> None:
    codes = re.compile(r"^[a-z0-9_]+$")
    datum = re.compile(r"^\d{4}-\d{2}-\d{2}$")

    def teksten(waarde: Any) -> list[str]:
        if isinstance(waarde, str):
            return [waarde]
        if isinstance(waarde, dict):
            return [t for w in waarde.values() for t in teksten(w)]
        if isinstance(waarde, list):
            return [t for w in waarde for t in teksten(w)]
        return []

    for i, data in enumerate(caseload, start=1):
        assert data["kenmerk"] == f"synthetisch-{i:06d}"
        assert [p["id"] for p in data["personen"]] == [
            f"p{n}" for n in range(1, len(data["personen"]) + 1)
        ]
        rest = teksten({k: v for k, v in data.items() if k != "kenmerk"})
        # Only codes, ids and dates: no names, addresses, BSNs or free text.
        assert all(codes.match(t) or datum.match(t) for t in rest), rest


def test_all_needs_of_the_shipped_bylaw_occur(
    vo: verordening.Verordening, caseload: list[dict[str, Any]]
) -> None:
    gevraagd = {v["behoefte"] for s in caseload for v in s["hulpvragen"]}
    assert gevraagd == set(vo.compiled.behoeften)
    assert {o.code for o in dimensie("behoefte").opties} == set(vo.compiled.behoeften)


def test_households_ages_and_histories_vary(caseload: list[dict[str, Any]]) -> None:
    rollen = Counter(tuple(sorted({p["rol"] for p in s["personen"]})) for s in caseload)
    assert rollen[("aanvrager",)] > 0.3 * len(caseload)
    assert rollen[("aanvrager", "kind")] > 0 and rollen[("aanvrager", "kind", "partner")] > 0
    assert rollen[("aanvrager", "medebewoner")] > 0 and rollen[("aanvrager", "ouder")] > 0
    jaren = [
        leeftijd(dt.date.fromisoformat(s["personen"][0]["geboortedatum"]), STANDAARD_PEILDATUM)
        for s in caseload
    ]
    for grens in (17, 18, 20, 21, 26, 27, 67, 80):
        assert grens in jaren
    soorten = {b["soort"] for s in caseload for b in s.get("eerdere_besluiten", [])}
    assert {"fraudevordering", "schuldhulptraject", "maatregel", "bijstand"} <= soorten
    assert any(p.get("wlz_indicatie") for s in caseload for p in s["personen"])
    assert any(s.get("handhaving") for s in caseload)
    assert any(s.get("schulden", {}).get("dreigend") for s in caseload)


def test_incomes_cluster_around_the_norm(
    vo: verordening.Verordening, caseload: list[dict[str, Any]]
) -> None:
    waarden = vo.compiled.parameters_op(STANDAARD_PEILDATUM)
    norm = waarden["pw.norm.21_aow.alleenstaande_of_alleenstaande_ouder"][1].waarde
    assert isinstance(norm, int)
    verhoudingen = []
    for s in caseload:
        aanvrager = s["personen"][0]
        jaren = leeftijd(dt.date.fromisoformat(aanvrager["geboortedatum"]), STANDAARD_PEILDATUM)
        if len(s["personen"]) == 1 and 21 <= jaren < 67 and aanvrager.get("inkomsten"):
            verhoudingen.append(aanvrager["inkomsten"][0]["bedrag_per_maand"] / norm)
    rond = sum(0.8 <= v <= 1.15 for v in verhoudingen) / len(verhoudingen)
    assert 0.35 < rond < 0.65
    assert max(verhoudingen) <= 3.0


def test_distribution_tables_add_up_to_100() -> None:
    for d in DIMENSIES:
        assert sum(o.kans for o in d.opties) == 100, d.naam
    for b in (*BEVINDINGEN, *KENMERKEN):
        assert b.ja + b.nee + b.onbekend == 100, b.veld


def test_a_peildatum_without_norms_is_refused() -> None:
    with pytest.raises(CaseloadError, match="geen waarde op 1990-01-01"):
        next(genereer(1, seed=1, peildatum=dt.date(1990, 1, 1)))


def _sectie(tekst: str, naam: str, inhoud: str) -> str:
    begin, einde = f"<!-- {naam}:begin -->\n", f"<!-- {naam}:end -->"
    voor, rest = tekst.split(begin)
    return voor + begin + inhoud + rest[rest.index(einde) :]


def test_caseload_doc_shows_the_tables(update_golden: bool) -> None:
    tekst = DOC.read_text(encoding="utf-8")
    verwacht = _sectie(tekst, "verdeling", verdeling_markdown())
    verwacht = _sectie(verwacht, "gemeten", gemeten_markdown(list(genereer(10_000, seed=1))))
    if update_golden:
        DOC.write_text(verwacht, encoding="utf-8")
        return
    assert tekst == verwacht, f"{DOC} is verouderd; draai pytest --update-golden"


def test_cli_writes_json_lines(tmp_path: Path) -> None:
    uitslag = RUNNER.invoke(app, ["caseload", "--aantal", "5", "--seed", "3"])
    assert uitslag.exit_code == 0, uitslag.output
    regels = uitslag.stdout.splitlines()
    assert len(regels) == 5 and json.loads(regels[4])["kenmerk"] == "synthetisch-000005"
    pad = tmp_path / "c.jsonl"
    uitslag = RUNNER.invoke(
        app,
        [
            "caseload",
            "--aantal",
            "5",
            "--seed",
            "3",
            "--peildatum",
            "2024-03-01",
            "--uitvoer",
            str(pad),
        ],
    )
    assert uitslag.exit_code == 0, uitslag.output
    assert "5 situaties geschreven" in uitslag.stderr
    assert json.loads(pad.read_text(encoding="utf-8").splitlines()[0])["peildatum"] == "2024-03-01"


@pytest.mark.parametrize("peildatum", ["1990-01-01", "1-1-2025"])
def test_cli_refuses_a_bad_peildatum(peildatum: str) -> None:
    uitslag = RUNNER.invoke(
        app, ["caseload", "--aantal", "1", "--seed", "1", "--peildatum", peildatum]
    )
    assert uitslag.exit_code == 2
    assert "peildatum" in uitslag.stderr or "1990-01-01" in uitslag.stderr
