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


def voorbeelden(ci: int, dev: int | None = None) -> Callable[[F], F]:
    """Run a property ``ci`` times in the CI profile (and ``dev`` times elsewhere, if given).

    Cheap properties that guard the law (monotonicity, the age of 18) get more examples
    than the profile's 400; properties that evaluate many cases per example get fewer.
    """
    aantal = ci if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else dev
    if aantal is None:
        return lambda test: test
    return settings(max_examples=aantal)  # type: ignore[return-value]


@pytest.fixture(scope="session")
def vo_veldhoven() -> verordening.Verordening:
    return verordening.load(RULESETS, gemeente="veldhoven")


@pytest.fixture(scope="session", params=[None, "veldhoven"], ids=["model", "veldhoven"])
def bylaw(
    request: pytest.FixtureRequest,
    vo: verordening.Verordening,
    vo_veldhoven: verordening.Verordening,
) -> verordening.Verordening:
    """The model bylaw, and the bylaw with Veldhoven's overlay: properties hold for both."""
    return vo if request.param is None else vo_veldhoven
