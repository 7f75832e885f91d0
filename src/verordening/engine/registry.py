"""The registered engines, by name: the one place where an engine name is spelled.

`evaluate`, the facade, the CLI, the benchmark, impact and the scenarios read the names from
here. A new engine implements `Engine` (``naam``, ``run``, ``weigeringen``, ``close``) and is
added with `registreer`; everything after its ``run`` is shared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from verordening.engine._durable import DurableEngine
from verordening.engine.core import Engine, ReferenceEngine
from verordening.errors import OnbekendeEngineError

#: The production engine: durable_rules, per case, with the trace.
PRODUCTIE: Final = "durable_rules"
#: The plain-Python oracle of the differential tests and the baseline of the benchmark.
REFERENTIE: Final = "referentie"

_MAKERS: dict[str, Callable[[], Engine]] = {
    PRODUCTIE: DurableEngine,
    REFERENTIE: ReferenceEngine,
}


def namen() -> tuple[str, ...]:
    """The registered engine names, the production engine first."""
    return tuple(_MAKERS)


def engine_of(naam: str) -> Callable[[], Engine]:
    """The maker registered under ``naam`` (checks a name without making an engine).

    Raises:
        OnbekendeEngineError: no engine is registered under ``naam``; the Dutch message
            lists the registered names.
    """
    maker = _MAKERS.get(naam) if isinstance(naam, str) else None
    if maker is None:
        raise OnbekendeEngineError(str(naam), namen())
    return maker


def maak(naam: str) -> Engine:
    """A new engine of the registered ``naam``.

    Raises:
        OnbekendeEngineError: no engine is registered under ``naam``.
    """
    return engine_of(naam)()


def registreer(naam: str, maker: Callable[[], Engine]) -> None:
    """Register an engine under ``naam`` (a name that is taken is replaced)."""
    _MAKERS[naam] = maker
