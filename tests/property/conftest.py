"""Fixtures for the property tests: the bylaw with the Veldhoven overlay."""

from __future__ import annotations

import pytest

import verordening
from tests.conftest import RULESETS


@pytest.fixture(scope="session")
def vo_veldhoven() -> verordening.Verordening:
    return verordening.load(RULESETS, gemeente="veldhoven")
