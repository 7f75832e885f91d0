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
        self.detail = detail
        super().__init__(self.TEMPLATE.format(detail=detail))


class RulesetError(VerordeningError):
    """The rulesets contain author errors; ``diagnostics`` lists every one."""

    TEMPLATE = "de regelset bevat {detail}"

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        fouten = sum(1 for d in self.diagnostics if d.ernst == "fout")
        super().__init__(f"{fouten} fout(en)")

    def __reduce__(self) -> tuple[type[RulesetError], tuple[list[Diagnostic]]]:
        return (type(self), (self.diagnostics,))

    def __str__(self) -> str:
        return f"{self.args[0]}:\n\n{render(self.diagnostics)}"


@dataclass(frozen=True, slots=True)
class Probleem:
    """One problem in a situation, located by JSON path (``$.personen[0].rol``)."""

    pad: str
    bericht: str

    def __str__(self) -> str:
        return f"{self.pad}: {self.bericht}"


class SituatieError(VerordeningError):
    """The situation is invalid; ``problemen`` lists every problem by ``$.path``."""

    TEMPLATE = "de situatie is ongeldig: {detail}"

    def __init__(self, problemen: Sequence[Probleem]) -> None:
        self.problemen = list(problemen)
        super().__init__(f"{len(self.problemen)} probleem/problemen")

    def __reduce__(self) -> tuple[type[SituatieError], tuple[list[Probleem]]]:
        return (type(self), (self.problemen,))

    def __str__(self) -> str:
        regels = "\n".join(f"  {p}" for p in self.problemen)
        return f"{self.args[0]}\n{regels}"


class EvaluatieError(VerordeningError):
    """The engine failed in a way that is not a legal outcome (a bug or a crash)."""

    TEMPLATE = "de evaluatie is mislukt: {detail}"


class OnbekendeEngineError(VerordeningError, ValueError):
    """An engine name that is not registered; the message lists the registered ones."""

    TEMPLATE = "onbekende engine {detail}"

    def __init__(self, naam: str, namen: Sequence[str]) -> None:
        self.naam = naam
        self.namen = tuple(namen)
        super().__init__(f"'{naam}'; kies uit: {', '.join(self.namen)}")
