"""Shared fixtures (the rulesets, headless Chromium), hypothesis profiles, ``--update-golden``."""

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

settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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
