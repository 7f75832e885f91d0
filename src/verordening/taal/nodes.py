"""Conditions and expressions: the parsed, type-checked nodes of ``als``/``waarde``.

Authors write structured data, never code strings. A condition is ``alle``,
``een_van``, ``niet``, ``bekend`` or a comparison keyed by a fact name::

    - aanvrager.leeftijd: {ten_minste: 21, kleiner_dan: 27}
    - vermogen.bedrag: {groter_dan: {parameter: pw.vermogen.grens.alleenstaande}}

In a comparison a bare text is a literal code; ``{gegeven: x}`` and
``{parameter: x}`` refer to values. In arithmetic (``som``, ``product`` …) a
bare text is a fact name. Every node keeps its `SourceRef`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import assert_never

from verordening._types import Waarde
from verordening.diagnostics import SourceRef
from verordening.taal.operators import VERGELIJKINGEN, Afronding, RekenOp

#: Numeric literal type: fits geld, aantal and basispunten.
GETAL = "getal"
Type = str

#: Comparison keyword -> the symbol stored on `Vergelijk` (from the operator table).
VERGELIJKING = {v.sleutel: v.symbool for v in VERGELIJKINGEN}
#: Arithmetic keywords (from the operator table).
REKEN = tuple(o.value for o in RekenOp)
#: Rounding keywords (from the operator table).
AFRONDING = tuple(a.value for a in Afronding)
EENHEDEN = ("dagen", "weken", "maanden", "jaren", "werkdagen")
WAAR = ("ja", "waar", "true")
ONWAAR = ("nee", "onwaar", "false")


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to a fact (input, derived or ``parameter.<naam>``) or item field."""

    naam: str
    type: Type
    bron: SourceRef
    item: bool = False


@dataclass(frozen=True, slots=True)
class Lit:
    """A literal value."""

    waarde: Waarde
    type: Type
    bron: SourceRef


@dataclass(frozen=True, slots=True)
class Reken:
    """Arithmetic over eurocents and counts; division states its rounding."""

    op: RekenOp
    args: tuple[Expr, ...]
    type: Type
    bron: SourceRef
    afronding: str = "rekenkundig"


@dataclass(frozen=True, slots=True)
class Aantal:
    """Number of items in a collection that satisfy ``waar``."""

    collectie: str
    waar: Cond | None
    type: Type
    bron: SourceRef


@dataclass(frozen=True, slots=True)
class DatumPlus:
    """A date moved by a number of days, weeks, months, years or working days."""

    datum: Expr
    eenheid: str
    aantal: Expr
    type: Type
    bron: SourceRef
    teken: int = 1


Expr = Ref | Lit | Reken | Aantal | DatumPlus


@dataclass(frozen=True, slots=True)
class Vergelijk:
    """Comparison ``links op rechts``."""

    op: str
    links: Expr
    rechts: Expr
    bron: SourceRef


@dataclass(frozen=True, slots=True)
class In:
    """Membership of a code in a literal list."""

    links: Expr
    waarden: tuple[Waarde, ...]
    bron: SourceRef


@dataclass(frozen=True, slots=True)
class Bekend:
    """True when the fact is known (never onbekend itself)."""

    naam: str
    bron: SourceRef
    item: bool = False


@dataclass(frozen=True, slots=True)
class Alle:
    """Conjunction (Kleene: false if any part is false)."""

    delen: tuple[Cond, ...]
    bron: SourceRef


@dataclass(frozen=True, slots=True)
class EenVan:
    """Disjunction (Kleene: true if any part is true)."""

    delen: tuple[Cond, ...]
    bron: SourceRef


@dataclass(frozen=True, slots=True)
class Niet:
    """Negation (Kleene: onbekend stays onbekend)."""

    deel: Cond
    bron: SourceRef


@dataclass(frozen=True, slots=True)
class Altijd:
    """The empty condition."""

    bron: SourceRef


Cond = Vergelijk | In | Bekend | Alle | EenVan | Niet | Altijd


@dataclass(frozen=True, slots=True)
class FeitType:
    """What the scope knows of a name."""

    type: Type
    waarden: tuple[str, ...] = ()


def refs(node: Cond | Expr | None) -> Iterator[Ref]:
    """Every fact reference in a condition or expression (item fields excluded)."""
    if node is None:
        return
    if isinstance(node, Ref):
        if not node.item:
            yield node
    elif isinstance(node, Reken):
        for a in node.args:
            yield from refs(a)
    elif isinstance(node, Aantal):
        yield from refs(node.waar)
    elif isinstance(node, DatumPlus):
        yield from refs(node.datum)
        yield from refs(node.aantal)
    elif isinstance(node, Vergelijk):
        yield from refs(node.links)
        yield from refs(node.rechts)
    elif isinstance(node, In):
        yield from refs(node.links)
    elif isinstance(node, Bekend):
        if not node.item:
            yield Ref(node.naam, "", node.bron)
    elif isinstance(node, Alle | EenVan):
        for d in node.delen:
            yield from refs(d)
    elif isinstance(node, Niet):
        yield from refs(node.deel)
    elif isinstance(node, Lit | Altijd):
        return
    else:
        assert_never(node)


def walk_atoms(node: Cond, fn: Callable[[Cond], None]) -> None:
    """Call ``fn`` on every atom (comparison, membership, bekend) of a condition."""
    if isinstance(node, Alle | EenVan):
        for d in node.delen:
            walk_atoms(d, fn)
    elif isinstance(node, Niet):
        walk_atoms(node.deel, fn)
    elif not isinstance(node, Altijd):
        fn(node)


def leest_collectie(node: Cond | Expr | None) -> bool:
    """Does the condition or expression count items of a collection (``aantal``)?"""
    if node is None or isinstance(node, Ref | Lit | Bekend | Altijd):
        return False
    if isinstance(node, Aantal):
        return True
    if isinstance(node, Reken):
        return any(leest_collectie(a) for a in node.args)
    if isinstance(node, DatumPlus):
        return leest_collectie(node.datum) or leest_collectie(node.aantal)
    if isinstance(node, Vergelijk):
        return leest_collectie(node.links) or leest_collectie(node.rechts)
    if isinstance(node, In):
        return leest_collectie(node.links)
    if isinstance(node, Alle | EenVan):
        return any(leest_collectie(d) for d in node.delen)
    if isinstance(node, Niet):
        return leest_collectie(node.deel)
    assert_never(node)
