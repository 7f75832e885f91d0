"""The operator table: each comparison and arithmetic keyword of the rule language, once.

Every keyword is defined here with its symbol, its operands, its Dutch phrases and its meaning.
The parser (`taal.parse`) accepts exactly these keywords, the closures (`taal.logic`) compute
with them, the describer (`taal.describe`) phrases them, the durable_rules adapter matches
them and the analyser encodes them. A new operator is one entry here plus, where a stage
dispatches on `RekenOp` with ``match``, one case that mypy's exhaustiveness check points at.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, assert_never


class Afronding(StrEnum):
    """How a division rounds (``afronding``); always stated by the author."""

    NAAR_BENEDEN = "naar_beneden"
    NAAR_BOVEN = "naar_boven"
    #: Half away from zero.
    REKENKUNDIG = "rekenkundig"


def delen(teller: int, noemer: int, afronding: str) -> int:
    """Integer division with the stated rounding (``rekenkundig`` = half away from zero)."""
    if afronding == Afronding.NAAR_BENEDEN:
        return teller // noemer
    if afronding == Afronding.NAAR_BOVEN:
        return -((-teller) // noemer)
    q, r = divmod(abs(teller), abs(noemer))
    if 2 * r >= abs(noemer):
        q += 1
    return q if (teller >= 0) == (noemer > 0) else -q


@dataclass(frozen=True, slots=True)
class Vergelijking:
    """A comparison keyword (``kleiner_dan: …``) and what it means."""

    #: The YAML keyword.
    sleutel: str
    #: The symbol stored on a `Vergelijk` node.
    symbool: str
    #: The symbol of its negation (durable_rules matches *onwaar* with it).
    tegendeel: str
    #: The Dutch phrase between the two sides, in explanations and in the bylaw document.
    tekst: str
    #: The test on two known values (also on z3 terms, which overload the same operators).
    toets: Callable[[Any, Any], Any]


VERGELIJKINGEN: Final = (
    Vergelijking("gelijk", "==", "!=", "is gelijk aan", operator.eq),
    Vergelijking("niet_gelijk", "!=", "==", "is niet gelijk aan", operator.ne),
    Vergelijking("kleiner_dan", "<", ">=", "is kleiner dan", operator.lt),
    Vergelijking("groter_dan", ">", "<=", "is groter dan", operator.gt),
    Vergelijking("ten_minste", ">=", "<", "is ten minste", operator.ge),
    Vergelijking("ten_hoogste", "<=", ">", "is ten hoogste", operator.le),
)
#: By YAML keyword.
PER_SLEUTEL: Final = MappingProxyType({v.sleutel: v for v in VERGELIJKINGEN})
#: By symbol (as stored on a `Vergelijk` node).
PER_SYMBOOL: Final = MappingProxyType({v.symbool: v for v in VERGELIJKINGEN})


#: The other keywords of a value, with their meaning; parsed by `taal.parse.parse_expr`.
WAARDE_SLEUTELWOORDEN: Final = MappingProxyType(
    {
        "gegeven": "de waarde van een gegeven (nodig waar een tekst anders een code is)",
        "parameter": "de waarde van een gedateerde parameter op de peildatum",
        "tekst": "een letterlijke tekst",
        "aantal": "het aantal items van een verzameling waarvoor een voorwaarde geldt",
        "datum_plus": "een datum plus dagen, weken, maanden, jaren of werkdagen",
        "datum_min": "een datum min dagen, weken, maanden, jaren of werkdagen",
        "eerstvolgende_werkdag": "de datum zelf als dat een werkdag is, anders de eerstvolgende",
    }
)
#: The keywords that combine conditions, with their meaning (Kleene logic: onbekend stays
#: onbekend unless the other parts decide); parsed by `taal.parse.parse_cond`.
VOORWAARDE_SLEUTELWOORDEN: Final = MappingProxyType(
    {
        "alle": "alle delen gelden (onwaar zodra één deel onwaar is)",
        "een_van": "ten minste één deel geldt (waar zodra één deel waar is)",
        "niet": "het deel geldt niet",
        "bekend": "het gegeven is bekend (nooit zelf onbekend)",
        "in": "de code is een van de genoemde waarden",
    }
)


class RekenOp(StrEnum):
    """The arithmetic keywords; the value is the YAML keyword."""

    SOM = "som"
    VERSCHIL = "verschil"
    PRODUCT = "product"
    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    DELING = "deling"
    PERCENTAGE_VAN = "percentage_van"


@dataclass(frozen=True, slots=True)
class Rekenoperator:
    """An arithmetic keyword: its operands, its Dutch phrases and its computation."""

    op: RekenOp
    #: Named operands of the mapping form (``deling: {teller, noemer, afronding}``); empty
    #: for the list form (``som: [a, b, …]``).
    velden: tuple[str, ...]
    #: The exact number of operands of the list form; None for two or more.
    aantal: int | None
    #: The phrase of the document, with ``{args}`` (all operands joined), ``{0}``/``{1}``
    #: (one operand) and ``{afronding}`` (the rounding in words).
    zin: str

    @property
    def sleutel(self) -> str:
        """The YAML keyword."""
        return self.op.value

    @property
    def afronding(self) -> bool:
        """Does the author state a rounding (every division does)?"""
        return bool(self.velden)

    @property
    def kort(self) -> str:
        """The short phrase of the trace: ``percentage van(bedrag, punten)``."""
        return self.op.value.replace("_", " ")


REKENOPERATOREN: Final = MappingProxyType(
    {
        o.op: o
        for o in (
            Rekenoperator(RekenOp.SOM, (), None, "de som van {args}"),
            Rekenoperator(RekenOp.VERSCHIL, (), 2, "het verschil tussen {args}"),
            Rekenoperator(RekenOp.PRODUCT, (), None, "het product van {args}"),
            Rekenoperator(RekenOp.MINIMUM, (), None, "het laagste van {args}"),
            Rekenoperator(RekenOp.MAXIMUM, (), None, "het hoogste van {args}"),
            Rekenoperator(
                RekenOp.DELING,
                ("teller", "noemer"),
                2,
                "{0} gedeeld door {1} (afgerond {afronding})",
            ),
            Rekenoperator(
                RekenOp.PERCENTAGE_VAN,
                ("bedrag", "basispunten"),
                2,
                "{1} basispunten van {0} (afgerond {afronding})",
            ),
        )
    }
)


def bereken(op: RekenOp, waarden: Sequence[Any], afronding: str) -> Any:
    """The value of ``op`` over known operand values (None: division by zero)."""
    match op:
        case RekenOp.SOM:
            return int(sum(waarden))
        case RekenOp.VERSCHIL:
            return int(waarden[0] - waarden[1])
        case RekenOp.PRODUCT:
            uit = 1
            for w in waarden:
                uit *= w
            return uit
        case RekenOp.MINIMUM:
            return min(waarden)
        case RekenOp.MAXIMUM:
            return max(waarden)
        case RekenOp.DELING:
            return None if waarden[1] == 0 else delen(waarden[0], waarden[1], afronding)
        case RekenOp.PERCENTAGE_VAN:
            return delen(waarden[0] * waarden[1], 10_000, afronding)
        case _:
            assert_never(op)
