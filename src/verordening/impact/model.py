"""The impact report as data: pydantic models, also the JSON form (``--formaat json``).

Money is in eurocents; values of facts and parameters keep their JSON type. The
report holds no timing and no absolute paths of temporary folders, so the same
rulesets and caseload always give the same report.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSIE = 1

#: A value of a Voorstel field, fact or parameter in its JSON form.
JsonWaarde = bool | int | str | list[str] | None


class _Model(BaseModel):
    """Base of the report models: frozen, and no field outside the declared ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Probleem(_Model):
    """One problem with one input line."""

    pad: str = Field(description="Plaats in de situatie als JSON-pad, bijv. '$.personen[0].rol'.")
    bericht: str = Field(description="Het probleem in gewone taal.")


class OngeldigeInvoer(_Model):
    """An input line that was not evaluated, with every problem."""

    regelnummer: int = Field(description="Regelnummer in het situatiebestand (vanaf 1).")
    kenmerk: str | None = Field(default=None, description="Kenmerk, als dat te lezen was.")
    problemen: tuple[Probleem, ...] = Field(description="Wat er mis is.")


class VeldVerschil(_Model):
    """One field of a Voorstel that differs."""

    veld: str = Field(description="Naam van het veld, bijv. 'bedrag' of 'uitkomst'.")
    oud: JsonWaarde = Field(description="Waarde met de oude regels.")
    nieuw: JsonWaarde = Field(description="Waarde met de nieuwe regels.")


class VoorstelVerschil(_Model):
    """How the proposal for one need changed."""

    behoefte: str = Field(description="De behoefte.")
    levensdomein: str = Field(description="Het levensdomein van de behoefte.")
    uitkomst_oud: str | None = Field(
        description="Uitkomst met de oude regels; leeg: geen voorstel."
    )
    uitkomst_nieuw: str | None = Field(description="Uitkomst met de nieuwe regels.")
    instrument_oud: str | None = Field(default=None, description="Instrument met de oude regels.")
    instrument_nieuw: str | None = Field(
        default=None, description="Instrument met de nieuwe regels."
    )
    velden: tuple[VeldVerschil, ...] = Field(description="Alle velden die verschillen.")


class RegelVerschil(_Model):
    """A rule that fired, stopped firing or decided differently."""

    regel: str = Field(description="Id van de regel.")
    artikel: str = Field(description="Artikel (en lid) van de verordening.")
    oud: str | None = Field(
        description="Wat er met de regel gebeurde met de oude regels (soort uit de trace: "
        "toegepast, afgeleid, opzijgezet, in_afwachting, niet_van_toepassing, onbekend); "
        "leeg: de regel bestond niet of speelde niet mee."
    )
    nieuw: str | None = Field(description="Idem met de nieuwe regels.")
    waarde_oud: JsonWaarde = Field(default=None, description="Afgeleide waarde (oud).")
    waarde_nieuw: JsonWaarde = Field(default=None, description="Afgeleide waarde (nieuw).")
    type: str | None = Field(default=None, description="Type van de afgeleide waarde.")
    wat: str = Field(description="Het verschil in woorden.")


class ParameterVerschil(_Model):
    """A parameter used by the deciding rules whose value in force differs."""

    naam: str = Field(description="Naam van de parameter.")
    type: str = Field(description="Type: geld, aantal, basispunten, datum, ja_nee, tekst.")
    oud: JsonWaarde = Field(description="Waarde op de peildatum met de oude regels.")
    nieuw: JsonWaarde = Field(description="Waarde op de peildatum met de nieuwe regels.")
    geldig_vanaf_oud: dt.date | None = Field(description="Geldig vanaf (oud).")
    geldig_vanaf_nieuw: dt.date | None = Field(description="Geldig vanaf (nieuw).")
    regels: tuple[str, ...] = Field(
        default=(), description="Regels uit het regelverschil die de parameter lezen."
    )


class GevalVerschil(_Model):
    """One case whose Advies changed: the outcome diff and the trace diff."""

    regelnummer: int = Field(description="Regelnummer in het situatiebestand (vanaf 1).")
    kenmerk: str | None = Field(default=None, description="Kenmerk van de situatie.")
    peildatum: dt.date = Field(description="Peildatum van de beoordeling.")
    behoeften: tuple[str, ...] = Field(description="Behoeften waarvan het advies veranderde.")
    voorstellen: tuple[VoorstelVerschil, ...] = Field(default=(), description="Voorstelverschil.")
    vereist_beoordeling_oud: bool = Field(description="Weging nodig met de oude regels.")
    vereist_beoordeling_nieuw: bool = Field(description="Weging nodig met de nieuwe regels.")
    redenen_erbij: tuple[str, ...] = Field(default=(), description="Nieuwe redenen voor weging.")
    redenen_weg: tuple[str, ...] = Field(default=(), description="Vervallen redenen.")
    vragen_erbij: tuple[str, ...] = Field(default=(), description="Nieuwe vragen (gegeven).")
    vragen_weg: tuple[str, ...] = Field(default=(), description="Vervallen vragen (gegeven).")
    regels: tuple[RegelVerschil, ...] = Field(default=(), description="Het regelverschil.")
    parameters: tuple[ParameterVerschil, ...] = Field(
        default=(), description="Parameters die de beslissende regels lezen en die verschillen."
    )


class Telling(_Model):
    """How many cases changed for one behoefte, levensdomein, instrument or kernwaarde."""

    code: str = Field(description="Code van de behoefte, het instrument of de kernwaarde.")
    levensdomein: str | None = Field(default=None, description="Levensdomein (bij een behoefte).")
    totaal: int = Field(description="Aantal gevallen waarin dit voorkomt (oud of nieuw).")
    gewijzigd: int = Field(description="Aantal daarvan waarvan het advies hierin veranderde.")


class Overgang(_Model):
    """How often the outcome for a need went from one code to another."""

    behoefte: str = Field(description="De behoefte.")
    oud: str = Field(description="Uitkomst met de oude regels ('geen' zonder voorstel).")
    nieuw: str = Field(description="Uitkomst met de nieuwe regels.")
    aantal: int = Field(description="Aantal gevallen.")


class Bedragen(_Model):
    """Total amounts of one instrument and period, before and after."""

    instrument: str = Field(description="Instrument.")
    periode: str | None = Field(description="per_maand, per_jaar, eenmalig of leeg.")
    aantal_oud: int = Field(description="Voorstellen met een bedrag (oud).")
    totaal_oud: int = Field(description="Som van de bedragen in eurocent (oud).")
    aantal_nieuw: int = Field(description="Voorstellen met een bedrag (nieuw).")
    totaal_nieuw: int = Field(description="Som van de bedragen in eurocent (nieuw).")
    verschil: int = Field(description="totaal_nieuw - totaal_oud, in eurocent.")


class ImpactRapport(_Model):
    """What a change of the rulesets does to a caseload."""

    schema_versie: int = Field(default=SCHEMA_VERSIE, description="Versie van dit formaat.")
    oud: str = Field(description="De oude regelset: map of git:REVISIE.")
    nieuw: str = Field(description="De nieuwe regelset: map of git:REVISIE.")
    situaties: str = Field(description="Het situatiebestand.")
    gemeente: str | None = Field(default=None, description="Gemeente-overlay, of leeg.")
    peildatum: dt.date | None = Field(
        default=None, description="Peildatum voor alle gevallen; leeg: die uit elke situatie."
    )
    engine: str = Field(description="durable_rules of referentie.")
    totaal: int = Field(description="Aantal beoordeelde (geldige) gevallen.")
    ongeldig: int = Field(description="Aantal regels dat niet beoordeeld kon worden.")
    gewijzigd: int = Field(description="Aantal gevallen waarvan het advies veranderde.")
    per_levensdomein: tuple[Telling, ...] = Field(description="Per levensdomein.")
    per_behoefte: tuple[Telling, ...] = Field(description="Per behoefte.")
    per_instrument: tuple[Telling, ...] = Field(description="Per instrument.")
    per_kernwaarde: tuple[Telling, ...] = Field(description="Per kernwaarde.")
    overgangen: tuple[Overgang, ...] = Field(description="Uitkomst oud → nieuw, per behoefte.")
    bedragen: tuple[Bedragen, ...] = Field(description="Totale bedragen per instrument.")
    gevallen: tuple[GevalVerschil, ...] = Field(description="Alle gewijzigde gevallen.")
    ongeldige_invoer: tuple[OngeldigeInvoer, ...] = Field(
        description="Regels die niet beoordeeld konden worden."
    )
