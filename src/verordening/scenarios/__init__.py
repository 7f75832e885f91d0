"""Scenario files beside the rules: load, run on both engines, compare, coverage per rule.

A scenario is a situation, a peildatum and the expected proposals, written by policy
staff in YAML next to the rules it tests. It runs the whole pipeline; the production
engine's Advies must equal the reference engine's and match what is expected. The
pytest plugin (`pytest_plugin`) collects the files as test items; ``verordening
test`` runs them and reports which rules they exercised.
"""

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
