"""The frozen explanation trace, structured by the four steps of the omgekeerde toets.

Every node is anchored to its source (`SourceRef`) and cites the article. The
trace is data; explanations are rendered from it and only from it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from verordening._types import Levensdomein, Waarde
from verordening.diagnostics import SourceRef

#: toegepast/afgeleid: decided the outcome; opzijgezet: held, but another rule went first;
#: in_afwachting: held, but the outcome waits for missing facts or a professional;
#: niet_van_toepassing: did not hold; onbekend: could not be decided (facts missing).
Soort = Literal[
    "toegepast", "afgeleid", "opzijgezet", "in_afwachting", "niet_van_toepassing", "onbekend"
]


class _Model(BaseModel):
    """Base of the models here: frozen, and no field outside the declared ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")


M = TypeVar("M", bound=BaseModel)
_zet_dict = BaseModel.__dict__["__dict__"].__set__
_zet_velden = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_zet_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_zet_privaat = BaseModel.__dict__["__pydantic_private__"].__set__


def vertrouwd(cls: type[M], velden: dict[str, Any], gezet: set[str] | None = None) -> M:
    """Build a frozen model from values that are valid by construction, without validation.

    The evaluator builds thousands of trace objects per second from data it made itself;
    validating them again is most of the cost. ``velden`` must hold every field, in
    declaration order (the order of the JSON keys), with exactly the types validation
    would give (tuples, not lists; plain ``bool``/``int``/``str``; model instances), so the
    object equals a validated one and one reloaded from JSON.

    ``gezet`` names the fields a caller would have passed explicitly (pydantic's
    ``model_fields_set``); by default all of them. Objects share that set: the models are
    frozen, and pydantic copies the set before it ever changes one.
    """
    obj = object.__new__(cls)
    _zet_dict(obj, velden)
    _zet_velden(obj, gezet if gezet is not None else _ALLE_VELDEN.get(cls) or _alle_velden(cls))
    _zet_extra(obj, None)
    _zet_privaat(obj, None)
    return obj


_ALLE_VELDEN: dict[type[BaseModel], set[str]] = {}


def _alle_velden(cls: type[BaseModel]) -> set[str]:
    """The field names of ``cls``, computed once per class (for `vertrouwd`)."""
    return _ALLE_VELDEN.setdefault(cls, set(cls.model_fields))


class GegevenWaarde(_Model):
    """Een gegeven zoals een regel het las; datums zijn ISO-tekst met ``type: datum``."""

    naam: str = Field(description="Naam van het gegeven.")
    type: str = Field(description="Type: geld, aantal, basispunten, datum, ja_nee, tekst.")
    waarde: bool | int | str | None = Field(description="Waarde; leeg = onbekend.")

    @staticmethod
    def van(naam: str, type_: str, waarde: Waarde | None) -> GegevenWaarde:
        """Build from a Python value (dates become ISO text)."""
        soort = type(waarde)
        if waarde is None or soort is bool or soort is int or soort is str:
            return vertrouwd(GegevenWaarde, {"naam": naam, "type": type_, "waarde": waarde})
        if isinstance(waarde, dt.date):
            return vertrouwd(
                GegevenWaarde, {"naam": naam, "type": "datum", "waarde": waarde.isoformat()}
            )
        # Anything else (a str or int subclass) goes through validation, as it always did.
        return GegevenWaarde(naam=naam, type=type_, waarde=waarde)


class KernwaardeGewicht(_Model):
    """Een kernwaarde met het gewicht (1-3 sterren) dat ze voor deze regel heeft."""

    code: str = Field(description="Code van de kernwaarde.")
    tekst: str = Field(description="De kernwaarde in woorden.")
    gewicht: int = Field(ge=1, le=3, description="Gewicht, 1 tot 3 sterren.")
    status: str = Field(
        default="bevestigd",
        description="bevestigd (tekst uit de bron) of gereconstrueerd (nog niet nagelezen).",
    )


class Voorwaarde(_Model):
    """Een voorwaarde die de uitkomst van een regel bepaalde, met de waarden die ze las."""

    omschrijving: str = Field(description="De voorwaarde in woorden.")
    uitkomst: Literal["waar", "onwaar", "onbekend"] = Field(description="Uitkomst.")
    gegevens: tuple[GegevenWaarde, ...] = Field(default=(), description="Gelezen waarden.")
    bron: SourceRef | None = Field(default=None, description="Waar de voorwaarde staat.")


class Gevolg(_Model):
    """Gevolgen waar een regel rekening mee houdt (stap 3)."""

    inwoner: str | None = None
    huishouden: str | None = None
    gemeente: str | None = None


class TraceKnoop(_Model):
    """Eén regel die voor deze zaak is bekeken."""

    soort: Soort = Field(description="Wat er met de regel gebeurde.")
    regel: str = Field(description="Id van de regel.")
    artikel: str = Field(description="Artikel (en lid) van de verordening.")
    artikel_titel: str = Field(description="Titel van het artikel.")
    grondslag: str = Field(description="Wetsartikel.")
    bron: SourceRef = Field(description="Plaats van de regel in de YAML.")
    behoefte: str | None = Field(default=None, description="De behoefte die de regel dient.")
    kernwaarden: tuple[KernwaardeGewicht, ...] = Field(default=(), description="Kernwaarden.")
    grondwaarden: tuple[str, ...] = Field(default=(), description="Grondwaarden.")
    toelichting: str = Field(description="Uitleg van de regel.")
    gevolgen: Gevolg | None = Field(default=None, description="Gevolgen (stap 3).")
    gegevens: tuple[GegevenWaarde, ...] = Field(
        default=(), description="Gegevens die de regel las."
    )
    voorwaarden: tuple[Voorwaarde, ...] = Field(
        default=(),
        description="Bij niet_van_toepassing/onbekend: de beslissende voorwaarden.",
    )
    afgeleid: GegevenWaarde | None = Field(default=None, description="Afgeleid gegeven.")
    opzijgezet_door: str | None = Field(default=None, description="Regel die voorging.")
    kantelt_uitkomst: bool = Field(
        default=False,
        description="Eén voorwaarde houdt deze regel tegen; zou die wel gelden, dan verandert "
        "het voorstel.",
    )


class TraceStap(_Model):
    """Eén stap van de omgekeerde toets, met de regels die daarin zijn bekeken."""

    nummer: int = Field(ge=1, le=4, description="Stap 1-4.")
    titel: str = Field(description="Titel van de stap.")
    knopen: tuple[TraceKnoop, ...] = Field(default=(), description="Regels in deze stap.")


class Effect(_Model):
    """Stap 1: wat de inwoner wil bereiken."""

    behoefte: str = Field(description="Code van de behoefte.")
    levensdomein: Levensdomein = Field(description="Levensdomein.")
    omschrijving: str = Field(description="Het gewenste effect in woorden.")
    grondwaarden: tuple[str, ...] = Field(default=(), description="Grondwaarden die het dient.")


class ParameterGebruik(_Model):
    """Een parameterwaarde die op de peildatum is gebruikt, met geldigheid en bron."""

    naam: str = Field(description="Naam van de parameter.")
    waarde: bool | int | str | None = Field(description="Waarde op de peildatum.")
    type: str = Field(description="Type van de waarde.")
    geldig_vanaf: dt.date = Field(description="Geldig vanaf.")
    geldig_tot: dt.date | None = Field(default=None, description="Geldig tot en met.")
    bron: str = Field(description="Publieke bron.")
    status: str = Field(
        description="bevestigd, afgeleid, onbevestigd, of laatst_bevestigd (een onbevestigde "
        "waarde die de wet niet vastlegt: de laatst bevestigde waarde is gebruikt)."
    )


class Trace(_Model):
    """De hele uitleg (trace) van één Advies."""

    effecten: tuple[Effect, ...] = Field(description="Stap 1: de gewenste effecten.")
    stappen: tuple[TraceStap, ...] = Field(description="De vier stappen met hun regels.")
    parameters: tuple[ParameterGebruik, ...] = Field(
        default=(), description="Gebruikte parameters."
    )
