"""Shared fixtures, hypothesis profiles, the ``langzaam`` marker and ``--update-golden``.

Plain ``pytest`` is the quick run a newcomer starts: the hypothesis profile ``dev`` and no
tests marked ``langzaam`` (long property and solver searches, big fuzz runs, loops over
thousands of cases). CI runs everything fully: ``HYPOTHESIS_PROFILE=ci pytest -m "langzaam
or not langzaam"`` (see ``.ci/run``). Any ``-m`` expression decides for itself, and a test
named by its node id always runs.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import verordening

ROOT = Path(__file__).resolve().parent.parent
RULESETS = ROOT / "rulesets"

# "dev" is the quick run of plain `pytest`; "ci" searches fully (.ci/run).
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


LANGZAAM = "langzaam"
_WEGGELATEN = pytest.StashKey[int]()


def _genoemd(config: pytest.Config) -> tuple[str, ...]:
    """The node ids named on the command line, with an absolute path."""
    basis = config.invocation_params.dir
    uit = []
    for arg in config.args:
        pad, deel, rest = arg.partition("::")
        if deel:
            uit.append(f"{(basis / pad).resolve()}::{rest}")
    return tuple(uit)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the ``langzaam`` tests out of a run without ``-m``, unless named by node id."""
    if config.option.markexpr:
        return
    genoemd = _genoemd(config)
    blijft, weg = [], []
    for item in items:
        absoluut = f"{item.path}::{item.nodeid.partition('::')[2]}"
        if item.get_closest_marker(LANGZAAM) and not any(map(absoluut.startswith, genoemd)):
            weg.append(item)
        else:
            blijft.append(item)
    if weg:
        config.hook.pytest_deselected(items=weg)
        items[:] = blijft
        config.stash[_WEGGELATEN] = len(weg)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Say that long tests were left out, and how CI runs them (nothing is dropped silently)."""
    aantal = config.stash.get(_WEGGELATEN, 0)
    if aantal:
        terminalreporter.write_line(
            f"{aantal} langzame test(s) overgeslagen (marker '{LANGZAAM}'); CI draait ze met: "
            f'HYPOTHESIS_PROFILE=ci pytest -m "{LANGZAAM} or not {LANGZAAM}"'
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Herschrijf de .expected-bestanden (golden tests); bekijk daarna git diff.",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def vo() -> verordening.Verordening:
    return verordening.load(RULESETS)


def _programmas() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium through selenium; skips locally without it, fails under CI=true."""
    programmas = _programmas()
    if programmas is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "chromium en chromedriver ontbreken, maar CI=true: .ci/run moet ze installeren"
            )
        pytest.skip(
            "geen chromium/chromedriver op deze machine (apt-get install chromium chromium-driver)"
        )
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    opties = webdriver.ChromeOptions()
    opties.binary_location = programmas[0]
    for vlag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1200,1600",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        opties.add_argument(vlag)
    opties.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=programmas[1]), options=opties)
    try:
        yield driver
    finally:
        driver.quit()
