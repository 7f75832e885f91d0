"""Three-valued (Kleene) evaluation of parsed conditions, compiled once to closures.

``None`` stands for *onbekend*. ``alle`` is false as soon as one part is false,
``een_van`` true as soon as one part is true, ``niet`` keeps onbekend. Money and
counts are integers; every division rounds as the author stated.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeGuard, assert_never

import holidays

from verordening._types import Waarde
from verordening.diagnostics import SourceRef
from verordening.taal.describe import describe
from verordening.taal.nodes import (
    Aantal,
    Alle,
    Altijd,
    Bekend,
    Cond,
    DatumPlus,
    EenVan,
    Expr,
    In,
    Lit,
    Niet,
    Ref,
    Reken,
    Vergelijk,
)
from verordening.taal.operators import VERGELIJKINGEN, bereken

Feiten = Mapping[str, Any]
Collecties = Mapping[str, Sequence[Mapping[str, Any]]]
Item = Mapping[str, Any] | None
ExprFn = Callable[[Feiten, Collecties, Item], Any]
CondFn = Callable[[Feiten, Collecties, Item], bool | None]

#: Comparison symbol -> its test on two known values (from the operator table).
OPS: dict[str, Callable[[Any, Any], bool]] = {v.symbool: v.toets for v in VERGELIJKINGEN}


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> frozenset[dt.date]:
    """The holidays of Algemene termijnenwet art. 3 in ``jaar``.

    That is the 'public' days plus Goede Vrijdag and 5 mei every year, which the
    holidays package files under 'optional' for the Netherlands.
    """
    return frozenset(holidays.country_holidays("NL", years=jaar, categories=("public", "optional")))


def is_werkdag(dag: dt.date) -> bool:
    """Monday to Friday and not a day of Algemene termijnenwet art. 3."""
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def datum_plus(datum: dt.date, eenheid: str, aantal: int) -> dt.date:
    """Move a date; months and years clamp to the end of a shorter month."""
    if eenheid == "dagen":
        return datum + dt.timedelta(days=aantal)
    if eenheid == "weken":
        return datum + dt.timedelta(weeks=aantal)
    if eenheid in ("maanden", "jaren"):
        maanden = aantal * (12 if eenheid == "jaren" else 1)
        index = datum.year * 12 + datum.month - 1 + maanden
        jaar, maand = divmod(index, 12)
        dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
        return dt.date(jaar, maand + 1, dag)
    if eenheid == "eerstvolgende_werkdag":
        # Algemene termijnenwet art. 1: a term ending on a weekend day or holiday runs on.
        while not is_werkdag(datum):
            datum += dt.timedelta(days=1)
        return datum
    stap = dt.timedelta(days=1 if aantal >= 0 else -1)
    rest = abs(aantal)
    while rest:
        datum += stap
        if is_werkdag(datum):
            rest -= 1
    return datum


def compile_expr(expr: Expr) -> ExprFn:
    """Turn an expression into a closure returning its value or None."""
    if isinstance(expr, Lit):
        waarde = expr.waarde
        return lambda f, c, it: waarde
    if isinstance(expr, Ref):
        naam = expr.naam
        if expr.item:
            return lambda f, c, it: it.get(naam) if it is not None else None
        return lambda f, c, it: f.get(naam)
    if isinstance(expr, Reken):
        return _compile_reken(expr)
    if isinstance(expr, Aantal):
        return _compile_aantal(expr)
    if isinstance(expr, DatumPlus):
        return _compile_datum_plus(expr)
    assert_never(expr)


def _compile_reken(expr: Reken) -> ExprFn:
    """Compile arithmetic (``som``, ``deling``, ...): onbekend when any operand is.

    What an operator computes, and how a division rounds, comes from the operator table
    (`operators.bereken`), so this closure only gathers the operands.
    """
    args = [compile_expr(a) for a in expr.args]
    op, afronding = expr.op, expr.afronding

    def rekenen(f: Feiten, c: Collecties, it: Item) -> int | None:
        """The result of the arithmetic, or None when an operand is onbekend."""
        waarden = [a(f, c, it) for a in args]
        if any(w is None for w in waarden):
            return None
        return bereken(op, waarden, afronding)  # type: ignore[no-any-return]

    return rekenen


def _compile_aantal(expr: Aantal) -> ExprFn:
    """Compile an ``aantal``: the number of items of a collection, those matching ``waar``."""
    collectie = expr.collectie
    waar = compile_cond(expr.waar) if expr.waar is not None else None

    def tel(f: Feiten, c: Collecties, it: Item) -> int | None:
        """The count; onbekend as soon as the condition is onbekend for one item.

        A count with one item undecided could be any of several numbers, so it is not
        guessed: the rule reading it stays onbekend and the evaluator asks for that item.
        """
        items = c.get(collectie, ())
        if waar is None:
            return len(items)
        totaal = 0
        for item in items:
            uit = waar(f, c, item)
            if uit is None:
                return None
            totaal += uit
        return totaal

    return tel


def _compile_datum_plus(expr: DatumPlus) -> ExprFn:
    """Compile a ``datum_plus``: a date moved by a number of units (sign applied here)."""
    datum, aantal, eenheid, teken = (
        compile_expr(expr.datum),
        compile_expr(expr.aantal),
        expr.eenheid,
        expr.teken,
    )

    def verschuif(f: Feiten, c: Collecties, it: Item) -> dt.date | None:
        """The moved date; None when an operand is onbekend or the date leaves the calendar."""
        d, n = datum(f, c, it), aantal(f, c, it)
        if d is None or n is None:
            return None
        try:
            return datum_plus(d, eenheid, teken * n)
        except (OverflowError, ValueError):
            return None

    return verschuif


def compile_cond(cond: Cond) -> CondFn:
    """Turn a condition into a Kleene closure returning True, False or None."""
    if isinstance(cond, Altijd):
        return lambda f, c, it: True
    if isinstance(cond, Vergelijk):
        return _compile_vergelijk(cond)
    if isinstance(cond, In):
        waarden = frozenset(cond.waarden)
        if _is_feit(cond.links):
            naam = cond.links.naam

            def lid_feit(f: Feiten, c: Collecties, it: Item) -> bool | None:
                """``in`` over a plain fact, read straight from the facts (the common shape)."""
                a = f.get(naam)
                return None if a is None else a in waarden

            return lid_feit
        links = compile_expr(cond.links)

        def lid(f: Feiten, c: Collecties, it: Item) -> bool | None:
            """``in`` over any expression."""
            a = links(f, c, it)
            return None if a is None else a in waarden

        return lid
    if isinstance(cond, Bekend):
        naam = cond.naam
        if cond.item:
            return lambda f, c, it: it is not None and it.get(naam) is not None
        return lambda f, c, it: naam in f
    if isinstance(cond, Niet):
        deel = compile_cond(cond.deel)

        def niet(f: Feiten, c: Collecties, it: Item) -> bool | None:
            """Kleene ``niet``: onbekend stays onbekend."""
            uit = deel(f, c, it)
            return None if uit is None else not uit

        return niet
    onder = [compile_cond(d) for d in _plat(cond)]
    if isinstance(cond, Alle):

        def alle(f: Feiten, c: Collecties, it: Item) -> bool | None:
            """Kleene ``alle``: onwaar if one part is, else onbekend if one part is, else waar."""
            onzeker = False
            for d in onder:
                uit = d(f, c, it)
                if uit is False:
                    return False
                if uit is None:
                    onzeker = True
            return None if onzeker else True

        return alle
    if not isinstance(cond, EenVan):
        assert_never(cond)

    def een_van(f: Feiten, c: Collecties, it: Item) -> bool | None:
        """Kleene ``een_van``: waar if one part is, else onbekend if one part is, else onwaar."""
        onzeker = False
        for d in onder:
            uit = d(f, c, it)
            if uit is True:
                return True
            if uit is None:
                onzeker = True
        return None if onzeker else False

    return een_van


def _plat(cond: Alle | EenVan) -> list[Cond]:
    """The parts of a conjunction (disjunction), with nested conjunctions (disjunctions) spliced.

    Kleene ``alle`` and ``een_van`` are associative, and splicing also keeps which parts
    decide the outcome (see `Verklaar`), so evaluation does one call level less.
    """
    delen: list[Cond] = []
    for d in cond.delen:
        if type(d) is type(cond):
            delen.extend(_plat(d))
        else:
            delen.append(d)
    return delen


def _is_feit(expr: Expr) -> TypeGuard[Ref]:
    """A plain fact reference (not an item field): read straight from the facts."""
    return isinstance(expr, Ref) and not expr.item


def _compile_vergelijk(cond: Vergelijk) -> CondFn:
    """A comparison; the common shapes (fact with literal, fact with fact) read facts directly."""
    op = OPS[cond.op]
    if _is_feit(cond.links) and isinstance(cond.rechts, Lit):
        naam, waarde = cond.links.naam, cond.rechts.waarde

        def feit_met_waarde(f: Feiten, c: Collecties, it: Item) -> bool | None:
            """A fact compared with a literal."""
            a = f.get(naam)
            return None if a is None else op(a, waarde)

        return feit_met_waarde
    if _is_feit(cond.links) and _is_feit(cond.rechts):
        naam, ander = cond.links.naam, cond.rechts.naam

        def feit_met_feit(f: Feiten, c: Collecties, it: Item) -> bool | None:
            """Two facts compared; the right one is only read when the left one is known."""
            a = f.get(naam)
            if a is None:
                return None
            b = f.get(ander)
            return None if b is None else op(a, b)

        return feit_met_feit
    links, rechts = compile_expr(cond.links), compile_expr(cond.rechts)

    def vergelijk(f: Feiten, c: Collecties, it: Item) -> bool | None:
        """Any two operands compared; onbekend when either is."""
        a = links(f, c, it)
        if a is None:
            return None
        b = rechts(f, c, it)
        return None if b is None else op(a, b)

    return vergelijk


@dataclass(frozen=True, slots=True)
class AtoomUitkomst:
    """An atom that decided (or blocked) a condition, with the values it read."""

    atoom: Cond
    uitkomst: bool | None
    gelezen: tuple[tuple[str, Waarde | None], ...]
    omschrijving: str = ""
    plaats: SourceRef | None = None


#: One pass over a condition: stores every node's value (and an atom's read values) by slot.
_Meet = Callable[[Feiten, Collecties, list[Any], list[Any]], bool | None]
#: Walks the stored values and collects ``(slot, outcome)`` of the atoms that decide ``doel``.
_Wijs = Callable[[list[Any], bool | None, list[tuple[int, bool | None]]], None]
#: Per slot of an atom: the atom, its description and its place (None for other nodes).
_Atoom = tuple[Cond, str, SourceRef | None] | None


@dataclass(frozen=True, slots=True)
class Verklaar:
    """Which atoms make a condition come out as it does (false or onbekend parts).

    A conjunction lists every part with the outcome of the whole (all that stands in the
    way); a disjunction that holds needs one reason. Every node is evaluated once per call:
    one pass stores the values, a walk over them picks the deciding atoms.
    """

    meet: _Meet
    wijs: _Wijs
    #: Per slot (node of the condition): the atom there, if it is one.
    atomen: tuple[_Atoom, ...]

    def __call__(self, f: Feiten, c: Collecties) -> list[AtoomUitkomst]:
        """The deciding atoms with their outcome and the values they read."""
        uit = []
        beslissend, gelezen = self.beslissend(f, c)
        for plek, doel in beslissend:
            atoom = self.atomen[plek]
            assert atoom is not None
            uit.append(AtoomUitkomst(atoom[0], doel, gelezen[plek], atoom[1], atoom[2]))
        return uit

    def beslissend(
        self, f: Feiten, c: Collecties
    ) -> tuple[list[tuple[int, bool | None]], list[Any]]:
        """The slots of the deciding atoms with their outcome, and what each atom read.

        The low-level form of calling this object, for callers that build their own
        objects from `atomen` (the trace) without an `AtoomUitkomst` in between.
        """
        waarden: list[Any] = [None] * len(self.atomen)
        gelezen: list[Any] = [None] * len(self.atomen)
        uit: list[tuple[int, bool | None]] = []
        self.wijs(waarden, self.meet(f, c, waarden, gelezen), uit)
        return uit, gelezen


def compile_decisive(cond: Cond, bestand: str | None = None) -> Verklaar:
    """Compile once the explanation of ``cond``: see `Verklaar`.

    ``bestand`` renames the atoms' places to the path inside the rulesets folder.
    """
    atomen: list[_Atoom] = []
    meet, wijs = _opname(cond, bestand, atomen)
    return Verklaar(meet, wijs, tuple(atomen))


def _opname(cond: Cond, bestand: str | None, slots: list[_Atoom]) -> tuple[_Meet, _Wijs]:
    """Compile the explanation of the node ``cond``: its measuring and its pointing closure.

    Each node gets a slot in ``slots`` (its index ``i``, in depth-first order), and an
    atom records itself there with its description and its place, renamed to the path
    ``bestand`` when given. The measuring closure stores the node's value in slot ``i``;
    the pointing closure walks down from a node whose value is the target and appends
    ``(slot, outcome)`` of each atom that brings that value about.
    """
    i = len(slots)
    slots.append(None)
    if isinstance(cond, Altijd):

        def altijd(f: Feiten, c: Collecties, w: list[Any], g: list[Any]) -> bool | None:
            """A rule without conditions: always waar."""
            w[i] = True
            return True

        return altijd, lambda w, doel, uit: None
    if isinstance(cond, Niet):
        meet_deel, wijs_deel = _opname(cond.deel, bestand, slots)

        def niet(f: Feiten, c: Collecties, w: list[Any], g: list[Any]) -> bool | None:
            """Measure the part and store its negation (onbekend stays onbekend)."""
            uit = meet_deel(f, c, w, g)
            w[i] = None if uit is None else not uit
            return w[i]  # type: ignore[no-any-return]

        def wijs_niet(w: list[Any], doel: bool | None, uit: list[tuple[int, bool | None]]) -> None:
            """Point into the part, with the negated target."""
            wijs_deel(w, None if doel is None else not doel, uit)

        return niet, wijs_niet
    if isinstance(cond, Alle | EenVan):
        delen = []
        for d in _plat(cond):
            plek = len(slots)
            delen.append((plek, *_opname(d, bestand, slots)))
        metingen = [m for _, m, _ in delen]
        wijzers = [(plek, w) for plek, _, w in delen]
        beslist, anders = (False, True) if isinstance(cond, Alle) else (True, False)
        # Only a disjunction that holds needs one reason; every failing part of a conjunction
        # is listed, so a reader sees all that stands in the way.
        een = isinstance(cond, EenVan)

        def samen(f: Feiten, c: Collecties, w: list[Any], g: list[Any]) -> bool | None:
            """Measure every part (no short cut: each slot is needed) and store the result."""
            beslissend = onzeker = False
            for m in metingen:
                uit = m(f, c, w, g)
                if uit is beslist:
                    beslissend = True
                elif uit is None:
                    onzeker = True
            w[i] = beslist if beslissend else None if onzeker else anders
            return w[i]  # type: ignore[no-any-return]

        def wijs_samen(w: list[Any], doel: bool | None, uit: list[tuple[int, bool | None]]) -> None:
            """Point into each part with the target value; a disjunction that holds needs one."""
            for plek, wijs in wijzers:
                if w[plek] == doel:
                    wijs(w, doel, uit)
                    if doel is True and een:
                        break

        return samen, wijs_samen
    bron: SourceRef | None = getattr(cond, "bron", None)
    plaats = bron.model_copy(update={"bestand": bestand}) if bron and bestand else bron
    slots[i] = (cond, describe(cond), plaats)

    def wijs_atoom(w: list[Any], doel: bool | None, uit: list[tuple[int, bool | None]]) -> None:
        """An atom whose value is the target decides: record it."""
        uit.append((i, doel))

    return _meet_atoom(cond, i), wijs_atoom


def _meet_atoom(atoom: Cond, i: int) -> _Meet:
    """An atom's value and the values it read, each side evaluated once."""
    zijden = _zijden(atoom)
    if isinstance(atoom, Vergelijk) and _is_feit(atoom.links) and isinstance(atoom.rechts, Lit):
        naam, waarde, op = atoom.links.naam, atoom.rechts.waarde, OPS[atoom.op]

        def feit_met_waarde(f: Feiten, c: Collecties, w: list[Any], g: list[Any]) -> bool | None:
            """A fact compared with a literal; records the fact read."""
            a = f.get(naam)
            g[i] = ((naam, a),)
            w[i] = None if a is None else op(a, waarde)
            return w[i]  # type: ignore[no-any-return]

        return feit_met_waarde
    if isinstance(atoom, Vergelijk):
        links, rechts, op = compile_expr(atoom.links), compile_expr(atoom.rechts), OPS[atoom.op]
        naam_l = None if isinstance(atoom.links, Lit) else zijden[0][0]
        naam_r = None if isinstance(atoom.rechts, Lit) else zijden[-1][0]

        def vergelijk(f: Feiten, c: Collecties, w: list[Any], g: list[Any]) -> bool | None:
            """Any comparison; records both non-literal sides with the values they had."""
            a, b = links(f, c, None), rechts(f, c, None)
            if naam_l is None:
                g[i] = () if naam_r is None else ((naam_r, b),)
            else:
                g[i] = ((naam_l, a),) if naam_r is None else ((naam_l, a), (naam_r, b))
            w[i] = None if a is None or b is None else op(a, b)
            return w[i]  # type: ignore[no-any-return]

        return vergelijk
    test = compile_cond(atoom)

    def ander(f: Feiten, c: Collecties, w: list[Any], g: list[Any]) -> bool | None:
        """Any other atom (``in``, ``bekend``): its sides read once more for the record."""
        g[i] = _lees(atoom, zijden, f, c)
        w[i] = test(f, c, None)
        return w[i]  # type: ignore[no-any-return]

    return ander


def _zijden(atoom: Cond) -> list[tuple[str, ExprFn]]:
    """The sides an atom reads, by name, each with its compiled getter (literals left out).

    A reference is named by its fact; a computed side by its Dutch description, so an
    explanation can show the value a ``som`` or ``aantal`` had.
    """
    if isinstance(atoom, Bekend):
        naam = atoom.naam
        return [(naam, lambda f, c, it: f.get(naam))]
    kanten: list[Expr] = []
    if isinstance(atoom, Vergelijk):
        kanten = [atoom.links, atoom.rechts]
    elif isinstance(atoom, In):
        kanten = [atoom.links]
    return [
        (k.naam if isinstance(k, Ref) else describe(k), compile_expr(k))
        for k in kanten
        if not isinstance(k, Lit)
    ]


def _lees(
    atoom: Cond, zijden: list[tuple[str, ExprFn]], f: Feiten, c: Collecties
) -> tuple[tuple[str, Waarde | None], ...]:
    """The value of every side of an atom, by name, as the explanation shows them."""
    return tuple((naam, fn(f, c, None)) for naam, fn in zijden)
