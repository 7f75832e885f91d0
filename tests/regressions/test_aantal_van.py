"""Regression (found by the mutated-ruleset property): a non-text collection name in
``aantal.van`` crashed the parser with an unhashable dict instead of giving V301."""

from __future__ import annotations

import shutil
from pathlib import Path

import verordening
from tests.conftest import RULESETS


def test_collection_given_as_a_mapping_is_a_diagnostic(tmp_path: Path) -> None:
    kopie = tmp_path / "rulesets"
    shutil.copytree(RULESETS, kopie, ignore=shutil.ignore_patterns("scenarios"))
    bestand = kopie / "05-financien" / "toegang-schuldhulp.yaml"
    tekst = bestand.read_text(encoding="utf-8").replace("van: eerdere_besluiten", "van: {x: 1}", 1)
    bestand.write_text(tekst, encoding="utf-8")
    codes = [d.code for d in verordening.check(kopie)]
    assert codes == ["V301"]
