"""The bylaw multiplied for the benchmark is a valid bylaw with exactly that many rules."""

from __future__ import annotations

from pathlib import Path

import verordening
from tests.conftest import RULESETS
from verordening.bench import PEILDATUM, synthetic_situations, vermenigvuldig


def _regels(vo: verordening.Verordening) -> int:
    versie = vo.compiled.versie_op(PEILDATUM)
    assert versie is not None
    return len(versie.regels)


def test_twice_the_rules_same_proposals_for_the_original_needs(tmp_path: Path) -> None:
    enkel = verordening.load(RULESETS)
    vermenigvuldig(RULESETS, tmp_path / "rulesets", 2)
    assert not [d for d in verordening.check(tmp_path / "rulesets") if d.ernst == "fout"]
    dubbel = verordening.load(tmp_path / "rulesets")
    try:
        assert _regels(dubbel) == 2 * _regels(enkel)
        for situatie in synthetic_situations(25, seed=5):
            a = enkel.evaluate(situatie, peildatum=PEILDATUM)
            for engine in ("durable_rules", "referentie"):
                b = dubbel.evaluate(situatie, peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
                assert b.voorstellen == a.voorstellen
                assert b.vragen == a.vragen
                assert b.redenen == a.redenen
    finally:
        enkel.close()
        dubbel.close()


def test_a_tiny_bench_run_reports_every_figure_the_issue_asks() -> None:
    from verordening.bench import Omvang, run_bench

    delen: list[str] = []
    uit = run_bench(
        omvang=Omvang(warm=6, latentie=20, proces=8, schaal=8, pool=8, geheugen=12),
        voortgang=lambda deel, gedaan, totaal: delen.append(deel),
    )
    for sleutel in (
        "mediaan_ms",
        "p99_ms",
        "verhouding_referentie",
        "per_seconde_pool",
        "compileren_s",
        "geheugengroei_procent",
    ):
        assert isinstance(uit[sleutel], float) and uit[sleutel] >= 0, sleutel
    assert uit["regels"] == uit["schaal"]["1x"]["regels"] > 100
    assert uit["gevallen"] == 20 and uit["geheugen_gevallen"] == 12
    assert uit["pool_gevallen"] == 8
    assert uit["mediaan_ms"] > 0 and uit["verhouding_referentie"] > 0
    assert 0 <= uit["trace_gedeeld_procent"] <= 100
    assert set(uit["schaal"]) >= {"1x", "2x", "4x", "groei_2x", "groei_4x"}
    assert uit["schaal"]["4x"]["regels"] == 4 * uit["schaal"]["1x"]["regels"]
    assert set(uit["duur_per_deel_s"]) == {
        "laden",
        "latentie",
        "controleren",
        "schaal",
        "geheugen",
        "pool",
    }
    assert "einde" not in delen and "latentie" in delen
