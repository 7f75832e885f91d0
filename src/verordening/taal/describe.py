"""The one Dutch describer of conditions and expressions, in two registers.

*Kort* (the trace and every explanation) names facts by their code and writes arithmetic as
``som(a, b)``; *zinnen* (the bylaw document) names facts by their description and writes
whole Dutch sentences. Both take their operator phrases from `taal.operators`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import assert_never

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
from verordening.taal.operators import PER_SYMBOOL, REKENOPERATOREN


def _code(ref: Ref) -> str:
    """Name a fact by its code: the default of the short register."""
    return ref.naam


class Beschrijver:
    """Describes conditions and expressions in Dutch.

    Args:
        zinnen: whole sentences for readers of the bylaw (else the short register).
        naam: how a fact is named (its code by default).
        datum: how a date literal reads (ISO by default).
    """

    def __init__(
        self,
        *,
        zinnen: bool = False,
        naam: Callable[[Ref], str] = _code,
        datum: Callable[[dt.date], str] = dt.date.isoformat,
    ) -> None:
        """Choose the register and how facts and dates are named (see the class)."""
        self.zinnen = zinnen
        self.naam = naam
        self.datum = datum

    def __call__(self, node: Cond | Expr) -> str:
        """A condition or an expression in words."""
        if isinstance(node, Ref | Lit | Reken | Aantal | DatumPlus):
            return self.expr(node)
        return self.cond(node)

    def expr(self, node: Expr) -> str:
        """An expression in words."""
        match node:
            case Ref():
                return self.naam(node)
            case Lit():
                w = node.waarde
                if isinstance(w, bool):
                    return "ja" if w else "nee"
                if isinstance(w, dt.date) and self.zinnen:
                    return self.datum(w)
                return str(w)
            case Reken():
                operator = REKENOPERATOREN[node.op]
                delen = [self.expr(a) for a in node.args]
                if not self.zinnen:
                    return f"{operator.kort}({', '.join(delen)})"
                afronding = node.afronding.replace("_", " ")
                return operator.zin.format(*delen, args=", ".join(delen), afronding=afronding)
            case Aantal():
                if self.zinnen:
                    waar = f" waarvoor geldt: {self.cond(node.waar)}" if node.waar else ""
                    return f"het aantal {node.collectie.replace('_', ' ')}{waar}"
                waar = f" waarvoor {self.cond(node.waar)}" if node.waar else ""
                return f"aantal {node.collectie}{waar}"
            case DatumPlus():
                if node.eenheid == "eerstvolgende_werkdag":
                    lidwoord = "de " if self.zinnen else ""
                    return f"{lidwoord}eerstvolgende werkdag vanaf {self.expr(node.datum)}"
                if self.zinnen:
                    richting = "na" if node.teken > 0 else "vóór"
                    return (
                        f"{self.expr(node.aantal)} {node.eenheid} {richting} "
                        f"{self.expr(node.datum)}"
                    )
                teken = "+" if node.teken > 0 else "-"
                return f"{self.expr(node.datum)} {teken} {self.expr(node.aantal)} {node.eenheid}"
            case _:
                assert_never(node)

    def cond(self, node: Cond | None) -> str:
        """A condition in words (``altijd`` for none)."""
        match node:
            case None | Altijd():
                return "altijd"
            case Vergelijk():
                rechts = node.rechts
                if self.zinnen and isinstance(rechts, Lit) and isinstance(rechts.waarde, bool):
                    waar = rechts.waarde == (node.op == "==")
                    return self.expr(node.links) if waar else f"niet: {self.expr(node.links)}"
                tekst = PER_SYMBOOL[node.op].tekst
                return f"{self.expr(node.links)} {tekst} {self.expr(rechts)}"
            case In():
                waarden = ", ".join(str(w) for w in node.waarden)
                return f"{self.expr(node.links)} is een van: {waarden}"
            case Bekend():
                return f"{self.naam(Ref(node.naam, '', node.bron))} is bekend"
            case Niet():
                if self.zinnen:
                    return f"het is niet zo dat {self.cond(node.deel)}"
                return f"niet ({self.cond(node.deel)})"
            case Alle() | EenVan():
                verbinding = "en" if isinstance(node, Alle) else "of"
                if self.zinnen:
                    return f" {verbinding} ".join(self.cond(d) for d in node.delen)
                return f" {verbinding} ".join(f"({self.cond(d)})" for d in node.delen)
            case _:
                assert_never(node)


#: The short register: fact codes, arithmetic as functions (the trace's descriptions).
KORT = Beschrijver()


def describe(node: Cond | Expr) -> str:
    """A short Dutch description of a condition or expression, with fact names."""
    return KORT(node)
