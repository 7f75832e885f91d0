"""The bylaw multiplied for the benchmark is a valid bylaw with exactly that many rules."""

from __future__ import annotations

from pathlib import Path

import verordening
from tests.conftest import RULESETS
from verordening._bench_schaal import vermenigvuldig
from verordening.bench import PEILDATUM, synthetic_situations


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
