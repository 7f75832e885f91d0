"""Exceptions, split by who has to act on them.

- `RulesetError`: the ruleset author (policy staff) must fix the YAML.
- `SituatieError`: the case system sent invalid input.
- `EvaluatieError`: a genuine engine failure; never raised for legal situations,
  which are results (``vereist_beoordeling``), not exceptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from verordening.diagnostics import Diagnostic, render


class VerordeningError(Exception):
    """Base class of every error this library raises on purpose."""

    TEMPLATE = "{detail}"

    def __init__(self, detail: str) -> None:
        """Keep ``detail`` and make the Dutch message from the class's ``TEMPLATE``."""
        self.detail = detail
        super().__init__(self.TEMPLATE.format(detail=detail))


class RulesetError(VerordeningError):
    """The rulesets contain author errors; ``diagnostics`` lists every one."""

    TEMPLATE = "de regelset bevat {detail}"

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Keep every diagnostic; the message counts the errors among them."""
        self.diagnostics = list(diagnostics)
        fouten = sum(1 for d in self.diagnostics if d.ernst == "fout")
        super().__init__(f"{fouten} fout(en)")

    def __reduce__(self) -> tuple[type[RulesetError], tuple[list[Diagnostic]]]:
        """Pickle by the diagnostics, so the error survives the trip from a worker process."""
        return (type(self), (self.diagnostics,))

    def __str__(self) -> str:
        """The count, then every diagnostic rendered with its place and code frame."""
        return f"{self.args[0]}:\n\n{render(self.diagnostics)}"


@dataclass(frozen=True, slots=True)
class Probleem:
    """One problem in a situation, located by JSON path (``$.personen[0].rol``)."""

    pad: str
    bericht: str

    def __str__(self) -> str:
        """``pad: bericht``, one problem per line in messages."""
        return f"{self.pad}: {self.bericht}"


class SituatieError(VerordeningError):
    """The situation is invalid; ``problemen`` lists every problem by ``$.path``."""

    TEMPLATE = "de situatie is ongeldig: {detail}"

    def __init__(self, problemen: Sequence[Probleem]) -> None:
        """Keep every problem; the message counts them."""
        self.problemen = list(problemen)
        super().__init__(f"{len(self.problemen)} probleem/problemen")

    def __reduce__(self) -> tuple[type[SituatieError], tuple[list[Probleem]]]:
        """Pickle by the problems, so the error survives the trip from a worker process."""
        return (type(self), (self.problemen,))

    def __str__(self) -> str:
        """The count, then every problem on its own indented line."""
        regels = "\n".join(f"  {p}" for p in self.problemen)
        return f"{self.args[0]}\n{regels}"


class EvaluatieError(VerordeningError):
    """The engine failed in a way that is not a legal outcome (a bug or a crash)."""

    TEMPLATE = "de evaluatie is mislukt: {detail}"


class OnbekendeEngineError(VerordeningError, ValueError):
    """An engine name that is not registered; the message lists the registered ones."""

    TEMPLATE = "onbekende engine {detail}"

    def __init__(self, naam: str, namen: Sequence[str]) -> None:
        """Keep the unknown name and the registered ones, which the message lists."""
        self.naam = naam
        self.namen = tuple(namen)
        super().__init__(f"'{naam}'; kies uit: {', '.join(self.namen)}")
