"""The immutable products of compilation: rules, versions and the compiled bylaw."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from . import _expr as e
from ._logic import CondFn, ExprFn, Verklaar
from .diagnostics import Diagnostic, SourceRef
from .facts import FactInfo
from .schema import (
    Behoefte,
    GegevenDeclaratie,
    Gevolgen,
    Grondwaarde,
    Kernwaarde,
    Parameter,
    ParameterWaarde,
    VerordeningMeta,
    VoorstelSjabloon,
)
from .trace import Gevolg, KernwaardeGewicht

BEGIN = dt.date(1900, 1, 1)
EINDE = dt.date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class CompiledRegel:
    """A rule ready to run: parsed condition, compiled closures and citations."""

    id: str
    artikel: str
    artikel_nummer: str
    artikel_titel: str
    grondslag: str
    wetten: tuple[str, ...]
    kernwaarden: tuple[tuple[str, int], ...]
    grondwaarden: tuple[str, ...]
    stap: int
    behoefte: str | None
    gevolgen: Gevolgen | None
    toelichting: str
    uitzondering_op: tuple[str, ...]
    prioriteit: int
    restregel: bool
    als: e.Cond
    test: CondFn
    verklaar: Verklaar
    voorstel: VoorstelSjabloon | None
    voorstel_expr: tuple[tuple[str, e.Expr, ExprFn], ...]
    afleiding: str | None
    waarde: tuple[e.Expr, ExprFn] | None
    bron: SourceRef
    plaats: SourceRef
    bestand: str
    deps: frozenset[str]
    gelezen: tuple[str, ...]
    kernwaarde_trace: tuple[KernwaardeGewicht, ...]
    gevolg: Gevolg | None
    vanaf: dt.date
    tot: dt.date


@dataclass(frozen=True)
class Versie:
    """The rules in force for one period, stratified and indexed."""

    vanaf: dt.date
    tot: dt.date
    regels: tuple[CompiledRegel, ...]
    per_id: dict[str, CompiledRegel]
    strata: tuple[tuple[CompiledRegel, ...], ...]
    afgeleid_per_stratum: tuple[tuple[str, ...], ...]
    definities: dict[str, tuple[CompiledRegel, ...]]
    relevant: dict[str, tuple[str, ...]]
    uitzonderingen: dict[str, frozenset[str]]
    bestanden: tuple[str, ...]
    hash: str
    sleutel: str = field(default="")


@dataclass(frozen=True)
class CompiledVerordening:
    """Everything `evaluate` needs; immutable once built."""

    meta: VerordeningMeta
    gemeente: str | None
    kernwaarden: dict[str, Kernwaarde]
    grondwaarden: dict[str, Grondwaarde]
    behoeften: dict[str, Behoefte]
    gegevens: dict[str, GegevenDeclaratie]
    parameters: dict[str, Parameter]
    feiten: dict[str, e.FeitType]
    invoer: dict[str, FactInfo]
    versies: tuple[Versie, ...]
    grenzen: tuple[dt.date, ...]
    artikelnummers: dict[str, str]
    waarschuwingen: tuple[Diagnostic, ...]

    def versie_op(self, peildatum: dt.date) -> Versie | None:
        """The version in force on ``peildatum``, if any."""
        i = bisect.bisect_right(self.grenzen, peildatum) - 1
        if i < 0 or i >= len(self.versies):
            return None
        versie = self.versies[i]
        return versie if versie.vanaf <= peildatum <= versie.tot and versie.regels else None

    def parameters_op(self, peildatum: dt.date) -> dict[str, tuple[Parameter, ParameterWaarde]]:
        """Parameter values in force on ``peildatum`` (a value may be None: unconfirmed)."""
        uit: dict[str, tuple[Parameter, ParameterWaarde]] = {}
        for naam, param in self.parameters.items():
            for w in param.waarden:
                if w.geldig_vanaf <= peildatum <= (w.geldig_tot or EINDE):
                    uit[naam] = (param, w)
                    break
        return uit
