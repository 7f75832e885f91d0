"""The immutable products of compilation: rules, versions and the compiled bylaw.

The seam between compile and evaluate: engines, the tracer, analyse and the
documents read only these objects. What a later stage derives from them once
(trace plans, proposal groups) is kept in typed `Voorbereiding` slots beside them,
so the compiled bylaw itself stays frozen.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from verordening.bron.schema import (
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
from verordening.compiler.facts import FactInfo
from verordening.diagnostics import Diagnostic, SourceRef
from verordening.model.trace import Gevolg, KernwaardeGewicht, ParameterGebruik
from verordening.taal import nodes as e
from verordening.taal.logic import CondFn, ExprFn, Verklaar

BEGIN = dt.date(1900, 1, 1)
EINDE = dt.date(9999, 12, 31)
T = TypeVar("T")


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
    #: A procedural step that answers while the onderzoek has open points (``onderzoeksstap``).
    onderzoeksstap: bool = False


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


@dataclass(frozen=True, slots=True)
class CompiledVermoeden:
    """A presumption in force from ``vanaf`` to ``tot``: the value of a fact while it is not given.

    ``gegeven`` is the name as declared: a flat fact (``aanvrager.wlz_indicatie``) or a
    fact of every hulpvraag (``vraag.persoon_wlz_indicatie``).
    """

    gegeven: str
    waarde: Any
    omschrijving: str
    grondslag: str
    controle: str
    vanaf: dt.date
    tot: dt.date
    bron: SourceRef


@dataclass(frozen=True, slots=True)
class Terugval:
    """A parameter without a confirmed value, where the law fixes none: the last confirmed one."""

    naam: str
    waarde: Any
    geldig_vanaf: dt.date
    geldig_tot: dt.date | None
    bron: str


@dataclass(frozen=True, slots=True)
class ParameterStand:
    """The parameter values in force throughout one period, prepared once per bylaw."""

    #: Per parameter the value in force (a value may be None: unconfirmed).
    in_kracht: dict[str, tuple[Parameter, ParameterWaarde]]
    #: ``("parameter.<naam>", value)`` for every confirmed value, in declaration order.
    feiten: tuple[tuple[str, Any], ...]
    #: The trace object of every value in force.
    gebruik: dict[str, ParameterGebruik]
    #: Per parameter whose value in force is unconfirmed and not fixed by law: the last
    #: confirmed value, which `feiten` then holds (an Aanname says so).
    terugval: dict[str, Terugval] = field(default_factory=dict)


def _gebruik(
    naam: str, p: Parameter, w: ParameterWaarde, terug: Terugval | None
) -> ParameterGebruik:
    """The trace object of one parameter value in force (or of the last confirmed one used)."""
    if terug is not None:
        waarde, vanaf, tot, bron, status = (
            terug.waarde,
            terug.geldig_vanaf,
            terug.geldig_tot,
            terug.bron,
            "laatst_bevestigd",
        )
    else:
        waarde, vanaf, tot, bron, status = (
            w.waarde,
            w.geldig_vanaf,
            w.geldig_tot,
            w.bron,
            str(w.status),
        )
    return ParameterGebruik(
        naam=naam,
        waarde=waarde.isoformat() if isinstance(waarde, dt.date) else waarde,
        type=str(p.type),
        geldig_vanaf=vanaf,
        geldig_tot=tot,
        bron=bron,
        status=status,
    )


def _stand(parameters: dict[str, Parameter], peildatum: dt.date) -> ParameterStand:
    """The parameter values in force on ``peildatum``, as facts and as trace objects."""
    in_kracht: dict[str, tuple[Parameter, ParameterWaarde]] = {}
    for naam, param in parameters.items():
        for w in param.waarden:
            if w.geldig_vanaf <= peildatum <= (w.geldig_tot or EINDE):
                in_kracht[naam] = (param, w)
                break
    terugval: dict[str, Terugval] = {}
    for naam, (param, w) in in_kracht.items():
        if w.waarde is not None or param.wet_bepaalt_waarde:
            continue
        eerder = [
            x for x in param.waarden if x.waarde is not None and x.geldig_vanaf < w.geldig_vanaf
        ]
        if eerder:
            laatste = max(eerder, key=lambda x: x.geldig_vanaf)
            terugval[naam] = Terugval(
                naam, laatste.waarde, laatste.geldig_vanaf, laatste.geldig_tot, laatste.bron
            )

    def waarde(n: str, w: ParameterWaarde) -> Any:
        """The value used: the one in force, or the last confirmed one (`terugval`)."""
        return terugval[n].waarde if n in terugval else w.waarde

    return ParameterStand(
        in_kracht=in_kracht,
        feiten=tuple(
            (f"parameter.{n}", waarde(n, w))
            for n, (_, w) in in_kracht.items()
            if waarde(n, w) is not None
        ),
        terugval=terugval,
        gebruik={n: _gebruik(n, p, w, terugval.get(n)) for n, (p, w) in in_kracht.items()},
    )


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
    #: The presumptions (vermoedens) of the bylaw, every period, overlay applied.
    vermoedens: tuple[CompiledVermoeden, ...] = ()
    #: Every date on which some parameter value starts or stops, and the values in force from
    #: each (the first entry: before any of them).
    _param_grenzen: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)
    _param_standen: tuple[ParameterStand, ...] = field(init=False, repr=False, compare=False)
    #: What later stages prepare once per bylaw, by `Voorbereiding` slot (see there).
    _voorbereid: dict[tuple[Voorbereiding[Any], int], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Prepare the parameter values of every period between two parameter dates.

        A parameter's values change only on a few dates, so the values in force are
        computed once per such period, and `parameter_stand` is a binary search.
        """
        punten: set[dt.date] = set()
        for param in self.parameters.values():
            for w in param.waarden:
                punten.add(w.geldig_vanaf)
                if w.geldig_tot is not None and w.geldig_tot < dt.date.max:
                    punten.add(w.geldig_tot + dt.timedelta(days=1))
        grenzen = tuple(sorted(punten))
        voor = grenzen[0] - dt.timedelta(days=1) if grenzen and grenzen[0] > dt.date.min else None
        standen = [_stand(self.parameters, voor) if voor else ParameterStand({}, (), {})]
        standen += [_stand(self.parameters, g) for g in grenzen]
        object.__setattr__(self, "_param_grenzen", grenzen)
        object.__setattr__(self, "_param_standen", tuple(standen))

    def versie_op(self, peildatum: dt.date) -> Versie | None:
        """The version in force on ``peildatum``, if any."""
        i = bisect.bisect_right(self.grenzen, peildatum) - 1
        if i < 0 or i >= len(self.versies):
            return None
        versie = self.versies[i]
        return versie if versie.vanaf <= peildatum <= versie.tot and versie.regels else None

    def parameter_stand(self, peildatum: dt.date) -> ParameterStand:
        """The parameter values in force on ``peildatum`` (shared; never mutate it)."""
        return self._param_standen[bisect.bisect_right(self._param_grenzen, peildatum)]

    def vermoedens_op(self, peildatum: dt.date) -> tuple[CompiledVermoeden, ...]:
        """The presumptions in force on ``peildatum``."""
        return tuple(v for v in self.vermoedens if v.vanaf <= peildatum <= v.tot)

    def parameters_op(self, peildatum: dt.date) -> dict[str, tuple[Parameter, ParameterWaarde]]:
        """Parameter values in force on ``peildatum`` (a value may be None: unconfirmed)."""
        return dict(self.parameter_stand(peildatum).in_kracht)


class Voorbereiding(Generic[T]):
    """A typed slot for something a later stage prepares once per versie of a compiled bylaw.

    The compiled bylaw stays frozen for everything it declares itself; what engines and the
    tracer derive from it (trace plans, proposal groups) is kept beside it, per slot and
    versie, made on first use. Declare a slot once at module level, with the function that
    makes the value::

        PLANS = Voorbereiding("trace-plan", _build_plan)
        plan = PLANS.van(cv, versie)

    Two threads may both make a value once; the first one stored wins, and both are equal.
    """

    __slots__ = ("maak", "naam")

    def __init__(self, naam: str, maak: Callable[[CompiledVerordening, Versie | None], T]) -> None:
        """Declare slot ``naam``; ``maak`` makes its value from the bylaw and a versie (or None)."""
        self.naam = naam
        self.maak = maak

    def van(self, cv: CompiledVerordening, versie: Versie | None = None) -> T:
        """The value for ``versie`` (or for the whole bylaw when None), made on first use."""
        sleutel = (self, id(versie))
        opgeslagen = cv._voorbereid
        try:
            return opgeslagen[sleutel]  # type: ignore[no-any-return]
        except KeyError:
            return opgeslagen.setdefault(sleutel, self.maak(cv, versie))  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        """The slot by name, for debugging and error messages."""
        return f"Voorbereiding({self.naam!r})"
