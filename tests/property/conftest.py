"""Fixtures for the property tests, and the number of examples per property in CI."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import settings

import verordening
from tests.conftest import RULESETS

F = TypeVar("F", bound=Callable[..., object])


def in_ci(aantal: int) -> Callable[[F], F]:
    """Run a property ``aantal`` times in the CI profile; the profile's number elsewhere.

    Cheap properties that guard the law (monotonicity, the age of 18) get more examples
    than the profile's 400; properties that evaluate many cases per example get fewer.
    """
    if os.environ.get("HYPOTHESIS_PROFILE") == "ci":
        return settings(max_examples=aantal)  # type: ignore[return-value]
    return lambda test: test


@pytest.fixture(scope="session")
def vo_veldhoven() -> verordening.Verordening:
    return verordening.load(RULESETS, gemeente="veldhoven")
