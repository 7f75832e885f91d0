"""Mutated rulesets never produce a traceback: always coded diagnostics (hypothesis)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import verordening
from tests.conftest import RULESETS
from tests.strategies import paden

# Each example checks and loads the whole bylaw (about two seconds), so the count is capped;
# plain `pytest` tries a few, CI (HYPOTHESIS_PROFILE=ci) the full number.
VOORBEELDEN = 120 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 3

DOELEN = [
    "04-inkomen/algemene-bijstand.yaml",
    "06-huishouding/huishoudelijke-ondersteuning.yaml",
    "05-financien/toegang-schuldhulp.yaml",
    "parameters/kostendelersnorm.yaml",
]
GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.floats(allow_nan=False, allow_infinity=False),
)


@pytest.fixture(scope="module")
def kopie() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        doel = Path(tmp) / "rulesets"
        shutil.copytree(RULESETS, doel, ignore=shutil.ignore_patterns("scenarios"))
        yield doel


def _mutate(data: Any, pad: tuple[Any, ...], soort: str, nieuw: Any) -> Any:
    if not pad:
        return nieuw if soort == "vervang" else data
    ouder = data
    for deel in pad[:-1]:
        ouder = ouder[deel]
    laatste = pad[-1]
    if soort == "verwijder":
        del ouder[laatste]
    elif soort == "hernoem" and isinstance(ouder, dict):
        ouder[f"{laatste}x"] = ouder.pop(laatste)
    else:
        ouder[laatste] = nieuw
    return data


@pytest.mark.langzaam
@settings(max_examples=VOORBEELDEN)
@given(
    st.sampled_from(DOELEN),
    st.data(),
    st.sampled_from(["verwijder", "hernoem", "vervang"]),
    GARBAGE,
)
def test_any_mutation_gives_diagnostics_not_a_traceback(
    kopie: Path, doel: str, data: st.DataObject, soort: str, nieuw: Any
) -> None:
    bestand = kopie / doel
    origineel = (RULESETS / doel).read_text(encoding="utf-8")
    inhoud = yaml.safe_load(origineel)
    pad = data.draw(st.sampled_from(paden(inhoud)[1:]))
    try:
        bestand.write_text(
            yaml.safe_dump(_mutate(inhoud, pad, soort, nieuw), allow_unicode=True),
            encoding="utf-8",
        )
        diagnostics = verordening.check(kopie)
        for d in diagnostics:
            assert d.code[0] == "V" and d.bericht
            assert d.bron is None or d.bron.regel >= 1
        fouten = [d for d in diagnostics if d.ernst == "fout"]
        if fouten:
            with pytest.raises(verordening.RulesetError) as exc:
                verordening.load(kopie)
            assert exc.value.diagnostics == fouten
        else:
            verordening.load(kopie)
    finally:
        bestand.write_text(origineel, encoding="utf-8")


@settings(max_examples=VOORBEELDEN)
@given(st.data())
def test_renaming_a_used_fact_gives_v301_at_its_line(kopie: Path, data: st.DataObject) -> None:
    doel = "06-huishouding/huishoudelijke-ondersteuning.yaml"
    bestand = kopie / doel
    origineel = (RULESETS / doel).read_text(encoding="utf-8")
    regels = origineel.splitlines()
    kandidaten = [
        i
        for i, r in enumerate(regels)
        if r.strip().startswith("- ")
        and ":" in r
        and r.strip()[2:].split(":")[0].count(".") == 1
        and r.strip()[2:].split(":")[0].split(".")[0]
        in ("aanvrager", "partner", "netwerk", "vraag")
    ]
    i = data.draw(st.sampled_from(kandidaten))
    naam = regels[i].strip()[2:].split(":")[0]
    regels[i] = regels[i].replace(naam, naam + "_x", 1)
    try:
        bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")
        codes = [(d.code, d.bron.regel if d.bron else 0) for d in verordening.check(kopie)]
        assert ("V301", i + 1) in codes, codes
    finally:
        bestand.write_text(origineel, encoding="utf-8")
