"""Shared vocabularies (closed code lists) and type aliases.

Used by every stage, from the authored schema to the Advies: the units of money and
values, the life domains, outcomes and fact types. Their codes appear in the YAML
and in the output, so they are Dutch.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

#: A value a fact can have: money/counts as int, dates, yes/no, text codes.
Waarde = int | bool | str | dt.date


class Levensdomein(StrEnum):
    """De zes levensdomeinen van artikel 1.1 van de modelverordening."""

    meedoen = "meedoen"
    inkomen = "inkomen"
    financien = "financien"
    huishouding = "huishouding"
    wonen = "wonen"
    opgroeien = "opgroeien"


class Uitkomst(StrEnum):
    """Gesloten lijst van uitkomsten van een voorstel (DESIGN §3)."""

    toegekend = "toegekend"
    gedeeltelijk_toegekend = "gedeeltelijk_toegekend"
    afgewezen = "afgewezen"
    alternatief = "alternatief"
    maatwerk_afwijking = "maatwerk_afwijking"
    procedureel = "procedureel"
    onbekend = "onbekend"


class GegevenType(StrEnum):
    """Soorten die een gegeven of parameter kan hebben; de compiler controleert ze."""

    geld = "geld"
    aantal = "aantal"
    basispunten = "basispunten"
    datum = "datum"
    ja_nee = "ja_nee"
    tekst = "tekst"


STAP_TITELS = {
    1: "Het effect: wat de inwoner wil bereiken",
    2: "De grondwaarden en kernwaarden",
    3: "De gevolgen voor inwoner, huishouden en gemeente",
    4: "De juridische toets",
}
