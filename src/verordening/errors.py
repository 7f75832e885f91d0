"""Exceptions, split by who has to act on them.

- `RulesetError`: the ruleset author (policy staff) must fix the YAML.
- `SituatieError`: the case system sent invalid input.
- `EvaluatieError`: a genuine engine failure; never raised for legal situations,
  which are results (``vereist_beoordeling``), not exceptions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from verordening._bestand import os_melding as os_melding  # re-exported
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


# --------------------------------------------------------------------------- Dutch texts

#: Pydantic's error types in Dutch, by ``type``; ``{naam}`` is filled from the error's ``ctx``.
#: Every type a `Situatie` (or another input model) can raise is here; an unknown type
#: still gets a Dutch text (`ONGELDIG`), never pydantic's English ``msg``.
PYDANTIC_NL: dict[str, str] = {
    "missing": "ontbreekt",
    "extra_forbidden": "is geen bekend veld",
    "none_required": "moet leeg (null) zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_parsing_size": "is een te groot getal",
    "int_from_float": "moet een geheel getal zijn (bedragen in eurocent)",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "finite_number": "moet een eindig getal zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "string_type": "moet tekst zijn",
    "string_sub_type": "moet gewone tekst zijn",
    "string_unicode": "moet geldige Unicode-tekst zijn",
    "string_too_short": "moet ten minste {min_length} teken(s) lang zijn",
    "string_too_long": "mag hoogstens {max_length} tekens lang zijn",
    "string_pattern_mismatch": "heeft niet de juiste vorm{pattern}",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_inexact": "moet een datum zonder tijd zijn (JJJJ-MM-DD)",
    "date_past": "moet in het verleden liggen",
    "date_future": "moet in de toekomst liggen",
    "datetime_type": "moet een datum met tijd zijn",
    "datetime_parsing": "moet een datum met tijd zijn",
    "enum": "moet een van deze waarden zijn: {expected}",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet ten minste {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "multiple_of": "moet een veelvoud van {multiple_of} zijn",
    "too_short": "is te kort of leeg",
    "too_long": "mag hoogstens {max_length} elementen bevatten",
    "list_type": "moet een lijst zijn",
    "tuple_type": "moet een lijst zijn",
    "set_type": "moet een lijst zijn",
    "iterable_type": "moet een lijst zijn",
    "dict_type": "moet een object zijn",
    "mapping_type": "moet een object zijn",
    "model_type": "moet een object zijn",
    "model_attributes_type": "moet een object zijn",
    "dataclass_type": "moet een object zijn",
    "is_instance_of": "heeft niet het juiste soort waarde",
    "union_tag_invalid": "heeft een onbekende soort: {tag}",
    "union_tag_not_found": "mist het veld dat de soort aangeeft ({discriminator})",
    "json_invalid": "is geen geldige JSON",
    "json_type": "moet JSON-tekst zijn",
    "recursion_loop": "is te diep genest",
    "frozen_instance": "kan niet gewijzigd worden",
    "frozen_field": "kan niet gewijzigd worden",
    "value_error": "{error}",
    "assertion_error": "{error}",
}
#: The text for a pydantic error type that is not in `PYDANTIC_NL`.
ONGELDIG = "is ongeldig"


def lege_lijst_door_element(
    soort: str, loc: tuple[str | int, ...], plekken: Sequence[tuple[str | int, ...]]
) -> bool:
    """True for pydantic's 'too short' on a list whose item is wrong (reported by itself)."""
    return soort == "too_short" and any(p[: len(loc)] == loc and p != loc for p in plekken)


def pydantic_melding(fout: Mapping[str, Any]) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) in Dutch, by its type.

    Context values are shown as an author writes them: dates as JJJJ-MM-DD, the
    allowed values of an enum joined with "of". Messages of the library's own
    validators (``value_error``) are Dutch already and pass through.
    """
    soort = str(fout.get("type"))
    grenzen = fout.get("ctx") or {}
    if soort == "greater_than_equal" and "ge" in grenzen:
        return _buiten_grens(grenzen["ge"], onder=True)
    if soort == "less_than_equal" and "le" in grenzen:
        return _buiten_grens(grenzen["le"], onder=False)
    sjabloon = PYDANTIC_NL.get(soort, ONGELDIG)
    ctx = {k: _ctx_waarde(k, v) for k, v in grenzen.items()}
    try:
        tekst = sjabloon.format(**ctx)
    except (KeyError, IndexError):  # a context value is missing: leave its part out
        tekst = re.sub(r":? ?\{[a-z_]+\}", "", sjabloon)
    return tekst or ONGELDIG


def _buiten_grens(grens: object, onder: bool) -> str:
    """A number or date outside its bound, in Dutch, with the bound.

    Pydantic gives a date bound as a date or as text (``1880-01-01`` or
    ``datetime.date(1880, 1, 1)``); a lower bound of 0 means "not negative".
    """
    datum = re.fullmatch(
        r"([0-9]{4})-([0-9]{2})-([0-9]{2})|datetime\.date\(([0-9]+), ([0-9]+), ([0-9]+)\)",
        str(grens),
    )
    if datum:
        grens = dt.date(*(int(d) for d in datum.groups() if d is not None))
    if isinstance(grens, dt.date):
        return f"ligt {'vóór' if onder else 'na'} {grens.isoformat()}"
    if onder and grens == 0:
        return "mag niet negatief zijn"
    return f"is te klein (ten minste {grens})" if onder else f"is te groot (hoogstens {grens})"


#: The patterns of the input models in words (a regular expression says nothing to most).
PATRONEN_NL: dict[str, str] = {
    r"^[A-Za-z0-9_.-]{1,40}$": "letters, cijfers, '_', '.' en '-', hoogstens 40 tekens",
    r"^[a-z0-9_]{1,60}$": "kleine letters, cijfers en '_', hoogstens 60 tekens",
}


def _ctx_waarde(sleutel: str, waarde: object) -> str:
    if sleutel == "pattern":
        woorden = PATRONEN_NL.get(str(waarde))
        return f": {woorden}" if woorden else ""
    if isinstance(waarde, BaseException):
        return str(waarde)
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    tekst = str(waarde)
    # pydantic lists allowed values as "'a', 'b' or 'c'"
    return tekst.replace("' or '", "' of '")


#: JSON decoder problems (``json.JSONDecodeError.msg``) in Dutch.
_JSON_NL: tuple[tuple[str, str], ...] = (
    ("Expecting value", "hier wordt een waarde verwacht"),
    (
        "Expecting property name enclosed in double quotes",
        "een veldnaam staat niet tussen dubbele aanhalingstekens (of er staat een komma te veel)",
    ),
    ("Expecting ',' delimiter", "hier ontbreekt een komma"),
    ("Expecting ':' delimiter", "hier ontbreekt een dubbele punt"),
    ("Extra data", "na het einde van de JSON staat nog tekst"),
    ("Unterminated string", "een tekst tussen aanhalingstekens is niet afgesloten"),
    ("Unpaired surrogate", "ongeldige \\u-code in een tekst"),
    ("Invalid control character", "een tekst bevat een stuurteken (bijv. een tab of regeleinde)"),
    ("Invalid \\uXXXX escape", "ongeldige \\u-code in een tekst"),
    ("Invalid \\escape", "ongeldig teken na '\\' in een tekst"),
    ("Unexpected UTF-8 BOM", "het bestand begint met een BOM"),
)


def json_melding(fout: json.JSONDecodeError, *, regel: bool = True) -> str:
    """A JSON syntax error in Dutch, with its line (unless ``regel`` is False) and column.

    Leave the line out for one line of JSON Lines, where "regel" would be confused with
    the line number in the file.
    """
    reden = next((nl for en, nl in _JSON_NL if fout.msg.startswith(en)), "ongeldige JSON")
    plaats = f"regel {fout.lineno}, kolom {fout.colno}" if regel else f"kolom {fout.colno}"
    return f"geen geldige JSON: {reden} ({plaats})"
