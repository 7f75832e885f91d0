"""evaluate_many over a process pool gives exactly the Advies of evaluate, in order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

import verordening
from tests.conftest import RULESETS
from verordening.bench import PEILDATUM, synthetic_situations

VOORBEELDEN = sorted((Path(__file__).parents[2] / "examples" / "situaties").glob("*.yaml"))


def test_pool_gives_the_same_advies_and_json_and_stays_for_the_next_call() -> None:
    vo = verordening.load(RULESETS)
    try:
        situaties = synthetic_situations(60, seed=11)
        verwacht = [vo.evaluate(s, peildatum=PEILDATUM) for s in situaties]
        gekregen = list(vo.evaluate_many(situaties, peildatum=PEILDATUM, processen=2, blok=7))
        assert len(gekregen) == len(verwacht)
        for a, b in zip(verwacht, gekregen, strict=True):
            assert a == b
            assert a.model_dump_json() == b.model_dump_json()
        pool = vo.pool(2)
        voorbeelden = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in VOORBEELDEN]
        for data in voorbeelden:
            peildatum = data["peildatum"]
            assert isinstance(peildatum, dt.date)
            [enkel] = vo.evaluate_many([data], peildatum=peildatum, processen=2)
            assert enkel == vo.evaluate(data, peildatum=peildatum, engine="durable_rules")
        assert vo.pool(2) is pool
    finally:
        vo.close()
