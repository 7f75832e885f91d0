"""Fuzzing the input: any mutated situation gives an Advies or a SituatieError, nothing else."""

from __future__ import annotations

import copy
import datetime as dt
import os
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import verordening
from tests.strategies import paden, situaties

VOORBEELDEN = 10_000 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 100

ONZIN = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["9999-12-31", "0001-01-01", "2024-02-30", "", "ja", "🙂", "1e309", "-1"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)


@settings(max_examples=VOORBEELDEN)
@given(situaties(), st.data())
def test_mutated_situation_gives_advies_or_situatie_error(
    vo: verordening.Verordening, geval: tuple[dict[str, Any], dt.date], data: st.DataObject
) -> None:
    situatie, peildatum = geval
    situatie = copy.deepcopy(situatie)
    for _ in range(data.draw(st.integers(1, 3))):
        pad = data.draw(st.sampled_from(paden(situatie)))
        nieuw = data.draw(ONZIN)
        if not pad:
            situatie = nieuw
            break
        ouder = situatie
        for deel in pad[:-1]:
            ouder = ouder[deel]
        if isinstance(ouder, dict) and data.draw(st.booleans()):
            ouder.pop(pad[-1], None)
        else:
            ouder[pad[-1]] = nieuw
        if data.draw(st.booleans()) and isinstance(ouder, dict):
            ouder[data.draw(st.text(max_size=10))] = nieuw
    fout: verordening.SituatieError | None = None
    try:
        advies = vo.evaluate(situatie, peildatum=peildatum)
    except verordening.SituatieError as exc:
        fout = exc
    if fout is not None:
        assert fout.problemen
        assert all(p.pad.startswith("$") or p.pad == "peildatum" for p in fout.problemen)
        return
    assert isinstance(advies, verordening.Advies)
    assert verordening.Advies.model_validate_json(advies.model_dump_json()) == advies
