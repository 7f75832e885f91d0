"""The searches of `verordening analyse`, one period of the bylaw at a time.

Each search asks the solver for a household with a property (two rules that both
win and propose different things, a need no rule answers …), rebuilds it as a
real situation, confirms the property with the reference evaluator, and shrinks
it to the facts that matter. A solver answer that the evaluator does not confirm
is excluded and the solver asked again, a few times; what stays undecided is
reported as such, never as a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import z3

from verordening.analyse._model import Model, gaat_voor
from verordening.analyse._voorbeeld import Uitvoering, lees, minimaliseer
from verordening.compiler.product import CompiledRegel, Versie
from verordening.engine.core import winners

#: Solver answers tried per question before it counts as undecided.
POGINGEN = 4
#: Milliseconds the solver may spend on one question.
TIJDSLIMIET_MS = 60_000
#: Outcomes that grant something: the ones a double provision (V503) is about.
VERLENEND = frozenset({"toegekend", "gedeeltelijk_toegekend", "alternatief"})


class Onbeslist(Exception):  # noqa: N818 - a state, not an error of the author
    """The solver could not decide a question (time limit or unconfirmed answers)."""


@dataclass
class Zoeker:
    """A solver primed with the household constraints of one period.

    Questions are asked in a push/pop frame on one solver, so the household constraints
    are added once per period; a question carries only the definitions of the fresh
    variables it mentions (`_met_definities`), which keeps each query small.
    """

    model: Model

    def __post_init__(self) -> None:
        """Create the solver with its time limit and the household constraints known so far."""
        self.solver = z3.Solver()
        self.solver.set("timeout", TIJDSLIMIET_MS)
        self.solver.add(*self.model.eisen)
        self._gezien = len(self.model.eisen)
        self._bezocht: dict[int, tuple[Any, tuple[Any, ...]]] = {}

    @property
    def versie(self) -> Versie:
        """The rules in force in this period."""
        return self.model.versie

    def _bij(self) -> None:
        """Give the solver the household constraints added since the last question.

        Encoding a rule may add constraints (a derived fact, a moved date), so the
        model's list grows while the searches run.
        """
        nieuw = self.model.eisen[self._gezien :]
        if nieuw:
            self.solver.add(*nieuw)
            self._gezien = len(self.model.eisen)

    def _met_definities(self, doel: Any, exact: bool = False) -> list[Any]:
        """``doel`` and the definitions of the fresh variables it (transitively) mentions."""
        uit, rij, gezien = [doel], [doel], set()
        while rij:
            for var in _variabelen(rij.pop(), self._bezocht):
                naam = str(var)
                if naam in gezien:
                    continue
                gezien.add(naam)
                extra = self.model.verfijning.get(naam, []) if exact else []
                for definitie in [*self.model.definities.get(naam, []), *extra]:
                    if all(definitie is not d for d in uit):
                        uit.append(definitie)
                        rij.append(definitie)
        return uit

    def mogelijk(self, *doel: Any) -> bool:
        """Whether the encoding admits a household with ``doel`` (no confirmation)."""
        self._bij()
        self.solver.push()
        try:
            self.solver.add(*self._met_definities(z3.And(*doel)))
            uitkomst = self.solver.check()
        finally:
            self.solver.pop()
        if uitkomst == z3.unknown:
            raise Onbeslist(self.solver.reason_unknown())
        return bool(uitkomst == z3.sat)

    def vind(self, doel: Any, predicaat: Callable[[Uitvoering], bool]) -> Uitvoering | None:
        """A confirmed, minimal example of ``doel``; None when there is none."""
        self._bij()
        self.solver.push()
        try:
            self.solver.add(*self._met_definities(doel))
            for poging in range(POGINGEN):
                if poging == 1:
                    # The bounds were too loose for this question: use the exact dates.
                    self.solver.add(*self._met_definities(doel, exact=True)[1:])
                uitkomst = self.solver.check()
                if uitkomst == z3.unsat:
                    return None
                if uitkomst == z3.unknown:
                    raise Onbeslist(self.solver.reason_unknown())
                zm = self.solver.model()
                toewijzing = lees(zm, self.model)
                voorbeeld = minimaliseer(self.model.cv, self.versie, toewijzing, predicaat)
                if voorbeeld is not None:
                    return voorbeeld
                self.solver.add(_anders_dan(zm, self.model))
            raise Onbeslist("de gevonden voorbeelden hielden geen stand in de evaluator")
        finally:
            self.solver.pop()


def _variabelen(formule: Any, bezocht: dict[int, tuple[Any, tuple[Any, ...]]]) -> tuple[Any, ...]:
    """The fresh and fact variables in a formula (a DAG: each shared node visited once).

    The cache keeps each formula alive beside its result, so z3 cannot reuse its id.
    """
    sleutel = formule.get_id()
    if sleutel in bezocht:
        return bezocht[sleutel][1]
    if z3.is_const(formule) and formule.decl().kind() == z3.Z3_OP_UNINTERPRETED:
        uit: tuple[Any, ...] = (formule,)
    else:
        gevonden: dict[int, Any] = {}
        for kind in formule.children():
            for var in _variabelen(kind, bezocht):
                gevonden[var.get_id()] = var
        uit = tuple(gevonden.values())
    bezocht[sleutel] = (formule, uit)
    return uit


def _anders_dan(zm: z3.ModelRef, m: Model) -> Any:
    """Exclude this model's pattern of known facts and atom truths, so the next one differs."""
    delen = []
    for w in m.feiten.values():
        delen.append(w.bekend != zm.eval(w.bekend, model_completion=True))
    for atoom in m.atomen:
        delen.append(atoom != zm.eval(atoom, model_completion=True))
    return z3.Or(delen)


# ---------------------------------------------------------------------- properties


def kandidaten(versie: Versie, behoefte: str) -> list[CompiledRegel]:
    """The proposal rules that answer ``behoefte`` in this version.

    A procedural step for open points (``onderzoeksstap``) is no candidate: it answers only
    while the outcome is open, so it neither conflicts with nor doubles a decided proposal
    (as in `engine.evaluate`).
    """
    return [
        r
        for r in (versie.per_id[i] for i in versie.relevant.get(behoefte, ()))
        if r.voorstel and not r.onderzoeksstap
    ]


def _status(u: Uitvoering, r: CompiledRegel) -> bool | None:
    """The status of ``r`` in the evaluated example ``u``: waar, onwaar or onbekend (None)."""
    return r.test(u.feiten, u.collecties, None)


def soort(r: CompiledRegel, u: Uitvoering | None = None) -> Hashable:
    """What a proposal rule proposes (with computed amounts and dates when evaluated)."""
    assert r.voorstel is not None
    v = r.voorstel
    statisch = (str(v.uitkomst), v.instrument, str(v.leveringsvorm), v.vereist_beoordeling)
    if u is None:
        return statisch
    return (
        *statisch,
        tuple((veld, fn(u.feiten, u.collecties, None)) for veld, _, fn in r.voorstel_expr),
    )


def is_leemte(behoefte: str, regels: list[CompiledRegel]) -> Callable[[Uitvoering], bool]:
    """The need is asked for and every rule for it certainly does not apply."""

    def toets(u: Uitvoering) -> bool:
        """Whether ``u`` asks for the need and every rule for it is onwaar."""
        return u.feiten.get(f"hulpvraag.{behoefte}.gevraagd") is True and all(
            _status(u, r) is False for r in regels
        )

    return toets


def is_conflict(
    versie: Versie, a: CompiledRegel, b: CompiledRegel, regels: list[CompiledRegel]
) -> Callable[[Uitvoering], bool]:
    """Both rules hold, both win, and they propose different things."""

    def toets(u: Uitvoering) -> bool:
        """Whether ``a`` and ``b`` both win in ``u`` and propose something different."""
        waar = [r for r in regels if _status(u, r) is True]
        boven = winners(versie, waar)
        return a in boven and b in boven and soort(a, u) != soort(b, u)

    return toets


def is_conflict_afgeleid(
    naam: str, a: CompiledRegel, b: CompiledRegel
) -> Callable[[Uitvoering], bool]:
    """The evaluator reports a conflict on derived fact ``naam`` between ``a`` and ``b``."""

    def toets(u: Uitvoering) -> bool:
        """Whether the evaluator of ``u`` reports ``a`` and ``b`` in conflict on ``naam``."""
        return any(n == naam and {a.id, b.id} <= set(ids) for n, ids in u.run.conflicten)

    return toets


def wint_zeker(
    versie: Versie, r: CompiledRegel, regels: list[CompiledRegel]
) -> Callable[[Uitvoering], bool]:
    """``r`` holds and gives the answer: every rule that would go before it is certainly out."""

    def toets(u: Uitvoering) -> bool:
        """Whether ``r`` holds in ``u`` and every rule that would go before it is onwaar."""
        boven = [s for s in regels if s is not r and gaat_voor(versie, s, r)]
        return _status(u, r) is True and all(_status(u, s) is False for s in boven)

    return toets


def wint(
    versie: Versie, r: CompiledRegel, regels: list[CompiledRegel]
) -> Callable[[Uitvoering], bool]:
    """``r`` holds and wins among the rules that hold."""

    def toets(u: Uitvoering) -> bool:
        """Whether ``r`` is among the winners of the rules that hold in ``u``."""
        waar = [s for s in regels if _status(u, s) is True]
        return r in winners(versie, waar)

    return toets


def geldt(r: CompiledRegel) -> Callable[[Uitvoering], bool]:
    """``r`` holds (whatever else does)."""
    return lambda u: _status(u, r) is True


def dubbel(
    versie: Versie,
    a: CompiledRegel,
    regels_a: list[CompiledRegel],
    b: CompiledRegel,
    regels_b: list[CompiledRegel],
    behoeften: tuple[str, str],
) -> Callable[[Uitvoering], bool]:
    """Both needs are asked for one person and both are granted, by ``a`` and by ``b``."""

    def toets(u: Uitvoering) -> bool:
        """Whether both needs are for the same person in ``u`` and both are surely granted."""
        p1 = u.feiten.get(f"hulpvraag.{behoeften[0]}.persoon_id")
        p2 = u.feiten.get(f"hulpvraag.{behoeften[1]}.persoon_id")
        return (
            p1 is not None
            and p1 == p2
            and wint_zeker(versie, a, regels_a)(u)
            and wint_zeker(versie, b, regels_b)(u)
        )

    return toets


# ---------------------------------------------------------------------- pairs


def botsende_paren(
    versie: Versie, regels: list[CompiledRegel]
) -> Iterable[tuple[CompiledRegel, CompiledRegel]]:
    """Pairs without precedence between them that may propose different things."""
    for i, a in enumerate(regels):
        for b in regels[i + 1 :]:
            if gaat_voor(versie, a, b) or gaat_voor(versie, b, a):
                continue
            if soort(a) == soort(b) and not (a.voorstel_expr or b.voorstel_expr):
                continue
            yield a, b


def verschilt(m: Model, a: CompiledRegel, b: CompiledRegel) -> Any:
    """The two proposals differ: statically, or in a computed amount or date."""
    if soort(a) != soort(b):
        return z3.BoolVal(True)
    velden_a = {veld: expr for veld, expr, _ in a.voorstel_expr}
    velden_b = {veld: expr for veld, expr, _ in b.voorstel_expr}
    delen = []
    for veld in sorted(set(velden_a) | set(velden_b)):
        if veld not in velden_a or veld not in velden_b:
            delen.append(z3.BoolVal(True))
            continue
        x, y = m.expr(velden_a[veld]), m.expr(velden_b[veld])
        delen.append(z3.And(x.bekend, y.bekend, x.waarde != y.waarde))
    return z3.Or(delen) if delen else z3.BoolVal(False)


def periode_tekst(vanaf: dt.date, tot: dt.date) -> str:
    """'vanaf 2025-01-01' or 'van 2025-01-01 tot en met 2025-06-30'."""
    if tot >= dt.date(9000, 1, 1):
        return f"vanaf {vanaf.isoformat()}"
    return f"van {vanaf.isoformat()} tot en met {tot.isoformat()}"
