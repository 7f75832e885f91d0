"""The synthetic caseload: valid, deterministic, anonymous, realistic, documented."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import typing
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

import verordening
from verordening.cli import app
from verordening.compiler.facts import leeftijd
from verordening.impact._distributions import BEVINDINGEN, DIMENSIES, KENMERKEN, dimensie
from verordening.impact._schaars import WEGLATINGEN, Wanneer, schaars_markdown
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
    verwacht = _sectie(verwacht, "schaars", schaars_markdown())
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


# --- the sparse caseload (--schaars) ---


@pytest.fixture(scope="module")
def schaars(caseload: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(genereer(len(caseload), seed=1, schaars=True))


def _zonder_weglatingen(data: Any, pad: str = "", rol: str | None = None) -> Any:
    """``data`` with the fields of WEGLATINGEN removed, walked bottom-up over every leaf.

    Written apart from the implementation (which follows each path top-down), so the test
    compares two ways of reading the same table.
    """
    regels = {w.pad: w for w in WEGLATINGEN}
    if isinstance(data, list):
        return [_zonder_weglatingen(item, pad + "[]", rol) for item in data]
    if not isinstance(data, dict):
        return data
    rol = data.get("rol", rol)
    uit: dict[str, Any] = {}
    for sleutel, waarde in data.items():
        hier = f"{pad}.{sleutel}" if pad else sleutel
        regel = regels.get(hier)
        if regel is not None and (regel.rollen is None or rol in regel.rollen):
            if regel.wanneer is Wanneer.altijd:
                continue
            if regel.wanneer is Wanneer.onwaar and waarde is False:
                continue
            if regel.wanneer is Wanneer.leeg and waarde == []:
                continue
        nieuw = _zonder_weglatingen(waarde, hier, rol)
        if isinstance(waarde, dict) and waarde and not nieuw:
            continue  # an object emptied by the removals goes too
        uit[sleutel] = nieuw
    return uit


def test_sparse_is_the_full_caseload_minus_exactly_the_declared_fields(
    caseload: list[dict[str, Any]], schaars: list[dict[str, Any]]
) -> None:
    assert len(schaars) == len(caseload)
    for vol, kaal in zip(caseload, schaars, strict=True):
        assert kaal == _zonder_weglatingen(vol), vol["kenmerk"]
    # The same households: persons, roles, birth dates and needs are untouched.
    for vol, kaal in zip(caseload, schaars, strict=True):
        assert [(p["id"], p["rol"], p.get("geboortedatum")) for p in kaal["personen"]] == [
            (p["id"], p["rol"], p.get("geboortedatum")) for p in vol["personen"]
        ]
        assert [v["behoefte"] for v in kaal["hulpvragen"]] == [
            v["behoefte"] for v in vol["hulpvragen"]
        ]
    # The option really leaves things out, and keeps what the resident states.
    assert sum(len(json.dumps(s)) for s in schaars) < 0.7 * sum(
        len(json.dumps(s)) for s in caseload
    )
    assert any(p.get("wlz_indicatie") is True for s in schaars for p in s["personen"])
    assert any(v.get("spoed") is True for s in schaars for v in s["hulpvragen"])
    assert not any("netwerk" in s for s in schaars)
    assert not any("eigen_kracht_toereikend" in v for s in schaars for v in s["hulpvragen"])
    # Without the option nothing is left out: the full caseload still has its "nee" answers.
    assert any(p.get("wlz_indicatie") is False for s in caseload for p in s["personen"])


def test_sparse_keeps_the_stated_empty_income_of_applicant_and_partner_only(
    schaars: list[dict[str, Any]],
) -> None:
    rollen_zonder = {p["rol"] for s in schaars for p in s["personen"] if p.get("inkomsten") == []}
    assert rollen_zonder == {"aanvrager", "partner"}


def test_sparse_situations_are_valid_and_hold_no_false(schaars: list[dict[str, Any]]) -> None:
    def onwaar(waarde: Any, pad: str) -> list[str]:
        if waarde is False:
            return [pad]
        if isinstance(waarde, dict):
            return [x for k, w in waarde.items() for x in onwaar(w, f"{pad}.{k}")]
        if isinstance(waarde, list):
            return [x for i, w in enumerate(waarde) for x in onwaar(w, f"{pad}[{i}]")]
        return []

    for data in schaars:
        Situatie.model_validate(data)
        assert onwaar(data, "$") == [], data["kenmerk"]


def _soorten(annotatie: Any) -> set[Any]:
    """The types inside an annotation: ``bool | None`` gives bool and None, ``tuple[X, ...]`` X."""
    binnen = typing.get_args(annotatie)
    return {annotatie}.union(*(_soorten(a) for a in binnen)) if binnen else {annotatie}


def _model_in(annotatie: Any) -> type[BaseModel] | None:
    """The input model inside an annotation (``Netwerk | None``, ``tuple[Persoon, ...]``)."""
    return next(
        (s for s in _soorten(annotatie) if isinstance(s, type) and issubclass(s, BaseModel)),
        None,
    )


def _velden(model: type[BaseModel], pad: str = "") -> dict[str, Any]:
    """Every field below ``model`` by its table path (``[]`` for the items of a list)."""
    velden: dict[str, Any] = {}
    for naam, veld in model.model_fields.items():
        hier = f"{pad}.{naam}" if pad else naam
        velden[hier] = veld
        onder = _model_in(veld.annotation)
        if onder is not None:
            lijst = "[]" if typing.get_origin(veld.annotation) is tuple else ""
            velden |= _velden(onder, hier + lijst)
    return velden


def test_the_table_decides_every_yes_no_field_and_spares_required_ones() -> None:
    paden = [w.pad for w in WEGLATINGEN]
    assert len(paden) == len(set(paden))
    velden = _velden(Situatie)
    ja_nee = {pad for pad, veld in velden.items() if bool in _soorten(veld.annotation)}
    assert {"hulpvragen[].spoed", "personen[].wlz_indicatie", "netwerk.beschikbaar"} <= ja_nee
    # A new yes/no field in the model needs a decision here, or "nee" would stay behind.
    beslist = {w.pad for w in WEGLATINGEN if w.wanneer in (Wanneer.onwaar, Wanneer.altijd)}
    assert ja_nee - beslist == set()
    # Every path names a field of the model, and never one the model requires.
    for pad in paden:
        assert pad in velden, pad
        assert not velden[pad].is_required(), pad


def test_the_table_is_in_the_docs() -> None:
    tekst = DOC.read_text(encoding="utf-8")
    for w in WEGLATINGEN:
        assert f"`{w.pad}`" in tekst


def test_cli_schaars_writes_the_sparse_caseload(tmp_path: Path) -> None:
    uitslag = RUNNER.invoke(app, ["caseload", "--aantal", "20", "--seed", "3", "--schaars"])
    assert uitslag.exit_code == 0, uitslag.output
    verwacht = io.StringIO()
    schrijf(verwacht, 20, 3, schaars=True)
    assert uitslag.stdout == verwacht.getvalue()
    vol = RUNNER.invoke(app, ["caseload", "--aantal", "20", "--seed", "3"])
    assert vol.stdout != uitslag.stdout and "false" in vol.stdout
    assert "false" not in uitslag.stdout
    pad = tmp_path / "s.jsonl"
    uitslag = RUNNER.invoke(
        app, ["caseload", "--aantal", "20", "--seed", "3", "--schaars", "--uitvoer", str(pad)]
    )
    assert uitslag.exit_code == 0, uitslag.output
    assert pad.read_text(encoding="utf-8") == verwacht.getvalue()
    hulp = RUNNER.invoke(app, ["caseload", "--help"])
    assert "--schaars" in hulp.stdout
