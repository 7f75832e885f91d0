"""The output model for case systems: an `Advies` (a proposal, never a decision).

An Advies is frozen and reloads exactly from its JSON
(``Advies.model_validate_json``). It carries the situation it was made for, so
`verordening.herhaal` can replay it and show any difference.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from verordening._types import Levensdomein, Uitkomst
from verordening.model.situatie import Situatie
from verordening.model.trace import KernwaardeGewicht, Trace

SCHEMA_VERSIE = 1


class _Model(BaseModel):
    """Base of the models here: frozen, and no field outside the declared ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Onderzoekspunt(_Model):
    """Een open punt dat het onderzoek moet vaststellen voordat het voorstel vast kan staan."""

    gegeven: str = Field(description="Het gegeven dat nog open is.")
    omschrijving: str = Field(description="Wat er vastgesteld moet worden, in gewone taal.")
    soort: str = Field(
        description="bevinding (de professional stelt het vast), gegeven (de inwoner vertelt "
        "het) of parameter (een bedrag of termijn zonder bevestigde waarde)."
    )
    stap: int = Field(ge=1, le=4, description="Stap van de omgekeerde toets waarin het telt.")
    regels: tuple[str, ...] = Field(description="Regels die op dit punt wachten.")


class Voorstel(_Model):
    """Wat de verordening voorstelt voor één behoefte."""

    behoefte: str = Field(description="De behoefte die dit voorstel beantwoordt.")
    levensdomein: Levensdomein = Field(description="Levensdomein.")
    uitkomst: Uitkomst = Field(description="Uitkomst uit de gesloten lijst.")
    instrument: str | None = Field(default=None, description="Code van het instrument.")
    wetten: tuple[str, ...] = Field(default=(), description="Wet(ten) van het instrument.")
    artikel: str | None = Field(default=None, description="Artikel (en lid) van de verordening.")
    grondslag: str | None = Field(default=None, description="Wetsartikel.")
    kernwaarden: tuple[KernwaardeGewicht, ...] = Field(default=(), description="Kernwaarden.")
    bedrag: int | None = Field(default=None, description="Bedrag in eurocent.")
    periode: str | None = Field(default=None, description="per_maand, per_jaar of eenmalig.")
    eigen_bijdrage: int | None = Field(
        default=None, description="Eigen bijdrage in eurocent per maand."
    )
    leveringsvorm: str | None = Field(default=None, description="zorg_in_natura of pgb.")
    ingangsdatum: dt.date | None = Field(default=None, description="Ingangsdatum.")
    einddatum: dt.date | None = Field(default=None, description="Einddatum.")
    uiterlijk: dt.date | None = Field(
        default=None, description="Uiterste datum van de volgende stap."
    )
    verwijzing: str | None = Field(default=None, description="Naar wie de inwoner kan gaan.")
    motivering: str = Field(description="Waarom, in gewone taal.")
    voor_inwoner: str | None = Field(default=None, description="De uitleg voor de inwoner (B1).")
    regel: str | None = Field(default=None, description="Id van de regel die het voorstel deed.")
    vereist_beoordeling: bool = Field(default=False, description="Een professional moet wegen.")
    onderzoekspunten: tuple[Onderzoekspunt, ...] = Field(
        default=(),
        description="Bij een procedurele stap: wat het onderzoek nog moet vaststellen, in de "
        "volgorde van de omgekeerde toets.",
    )


class Reden(_Model):
    """Waarom een professional deze zaak moet wegen."""

    code: str = Field(description="Soort reden, bijv. maatwerk_afwijking, conflict, geen_regel.")
    tekst: str = Field(description="De reden in gewone taal.")
    regels: tuple[str, ...] = Field(default=(), description="Betrokken regels.")


class Vraag(_Model):
    """Een vraag naar een ontbrekend gegeven dat de uitkomst zou veranderen."""

    gegeven: str = Field(description="Het ontbrekende gegeven.")
    vraag: str = Field(description="De vraag in gewone taal.")
    waarom: str = Field(description="Waarom het ertoe doet.")
    regels: tuple[str, ...] = Field(description="Regels die op dit gegeven wachten.")
    paden: tuple[str, ...] = Field(
        default=(),
        description="JSON-paden in de Situatie die deze vraag beantwoorden, bijv. "
        "'$.personen[1].wlz_indicatie'.",
    )
    type: str | None = Field(
        default=None,
        description="Soort antwoord op de paden: ja_nee, geld, aantal, datum, tekst (een van de "
        "waarden), codes (een lijst codes uit de waarden) of inkomsten (een lijst van "
        "{bron, bedrag_per_maand}, met bron uit de waarden).",
    )
    waarden: tuple[str, ...] = Field(
        default=(), description="Toegestane codes (bij tekst, codes en inkomsten)."
    )
    voorstellen: int = Field(
        default=0, ge=0, description="Aantal voorstellen dat op het antwoord wacht."
    )


class Aanname(_Model):
    """Een vermoeden waarop een voorstel rust: een gegeven dat niet is opgegeven."""

    gegeven: str = Field(description="Het gegeven dat vermoed wordt.")
    # dt.date before str: a date reloads from JSON as a date (smart union picks the first match).
    waarde: int | bool | dt.date | str = Field(description="De vermoede waarde.")
    omschrijving: str = Field(description="Het vermoeden in gewone taal.")
    grondslag: str = Field(description="Waarom de wet dit vermoeden toestaat.")
    controle: str = Field(description="Hoe en wanneer een professional het controleert.")
    regels: tuple[str, ...] = Field(description="Regels die dit gegeven lezen.")


class Ontvangstbewijs(_Model):
    """Ontvangstbewijs: precies welke regels, bibliotheek en invoer dit Advies maakten."""

    regelset_hash: str = Field(description="sha256 van de canonieke vorm van de gebruikte versies.")
    regelset_versies: tuple[str, ...] = Field(description="Gebruikte bestanden met hun hash.")
    bibliotheek_versie: str = Field(description="Versie van verordening.")
    schema_versie: int = Field(description="Versie van het Advies-formaat.")
    gemeente: str | None = Field(default=None, description="Gemeente-overlay, of leeg.")
    peildatum: dt.date = Field(description="Peildatum.")
    invoer_hash: str = Field(description="sha256 van de canonieke situatie zonder kenmerk.")
    engine: str = Field(description="durable_rules of referentie.")


class Advies(_Model):
    """Het advies voor één situatie, met de uitleg (trace) en het ontvangstbewijs."""

    schema_versie: int = Field(default=SCHEMA_VERSIE, description="Versie van dit formaat.")
    kenmerk: str | None = Field(default=None, description="Referentie van het zaaksysteem.")
    peildatum: dt.date = Field(description="Peildatum.")
    voorstellen: tuple[Voorstel, ...] = Field(description="Eén voorstel per behoefte.")
    vereist_beoordeling: bool = Field(description="Moet een professional dit geval wegen?")
    redenen: tuple[Reden, ...] = Field(default=(), description="Waarom weging nodig is.")
    vragen: tuple[Vraag, ...] = Field(default=(), description="Vragen voor ontbrekende gegevens.")
    aannames: tuple[Aanname, ...] = Field(
        default=(), description="Vermoedens waarop de voorstellen rusten (controleer ze)."
    )
    trace: Trace = Field(description="De uitleg, in de vier stappen.")
    situatie: Situatie = Field(description="De situatie waarvoor dit advies is gemaakt.")
    ontvangstbewijs: Ontvangstbewijs = Field(description="Ontvangstbewijs.")
