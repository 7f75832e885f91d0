"""pytest plugin: collects the YAML scenarios beside the rules as test items.

Registered as a ``pytest11`` entry point, so it works after any install. A file
is collected when it sits in a ``scenarios`` folder under a rulesets tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from verordening.scenarios._scenarios import Scenario, load_file, ruleset_root, run_scenario


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect ``**/scenarios/*.yaml`` files."""
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioError(Exception):
    """A scenario did not give the expected Advies."""


class ScenarioFile(pytest.File):
    """A YAML scenario file."""

    def collect(self) -> Iterator[pytest.Item]:
        """One item per scenario; an unreadable file is one failing item."""
        scenarios, fouten = load_file(self.path)
        if fouten:
            yield BrokenScenarioFile.from_parent(
                self, name="bestand", fouten="\n".join(d.gnu() for d in fouten)
            )
            return
        for scenario, regel in scenarios:
            yield ScenarioItem.from_parent(self, name=scenario.naam, scenario=scenario, regel=regel)


class ScenarioItem(pytest.Item):
    """One scenario, run on both engines."""

    def __init__(self, *, scenario: Scenario, regel: int, **kwargs: Any) -> None:
        """Keep the scenario and the line it starts on, for the report."""
        super().__init__(**kwargs)
        self.scenario = scenario
        self.regel = regel

    def runtest(self) -> None:
        """Evaluate and compare."""
        uitslag = run_scenario(self.scenario, ruleset_root(self.path), str(self.path), self.regel)
        if not uitslag.geslaagd:
            uitleg_tekst = ""
            if uitslag.advies is not None:
                from verordening.uitleg import uitleg

                uitleg_tekst = uitleg(uitslag.advies, vorm="jurist", formaat="tekst")
            raise ScenarioError(
                "\n".join(uitslag.verschillen)
                + ("\n\nUitleg:\n" + uitleg_tekst if uitleg_tekst else "")
            )

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """Dutch difference plus the explanation, never a traceback."""
        if isinstance(excinfo.value, ScenarioError):
            plaats = f"{self.path}:{self.regel}"
            return f"scenario '{self.scenario.naam}' ({plaats}) klopt niet:\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        """Location shown by pytest."""
        return self.path, self.regel - 1, f"scenario: {self.scenario.naam}"


class BrokenScenarioFile(pytest.Item):
    """A scenario file that cannot be read."""

    def __init__(self, *, fouten: str, **kwargs: Any) -> None:
        """Keep the file's rendered diagnostics, which the failure shows."""
        super().__init__(**kwargs)
        self.fouten = fouten

    def runtest(self) -> None:
        """Always fails, with the diagnostics."""
        raise ScenarioError(self.fouten)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The file's diagnostics."""
        return f"scenariobestand {self.path} is ongeldig:\n{excinfo.value}"
