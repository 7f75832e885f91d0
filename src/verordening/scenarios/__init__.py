"""Scenario files beside the rules: load, run on both engines, compare, coverage per rule."""

from verordening.scenarios._scenarios import (
    Scenario,
    ScenarioBestand,
    Uitslag,
    compare,
    coverage,
    find_files,
    format_pad,
    load_file,
    ruleset_root,
    run_all,
    run_scenario,
)

__all__ = [
    "Scenario",
    "ScenarioBestand",
    "Uitslag",
    "compare",
    "coverage",
    "find_files",
    "format_pad",
    "load_file",
    "ruleset_root",
    "run_all",
    "run_scenario",
]
