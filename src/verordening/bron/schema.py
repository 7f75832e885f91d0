"""Pydantic models of a ruleset file *as authored*; field names equal the YAML keys.

This is the single source of truth for the file format (``schema_versie: 1``);
the JSON Schema for editors is generated from it. Conditions and expressions
are kept as plain YAML data here and parsed with positions by `verordening.taal.parse`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from verordening._types import GegevenType, Levensdomein, Uitkomst

RegelId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,60}$")]
WaardeCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{1,40}$")]
FeitNaam = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$", max_length=120)]
Gewicht = Annotated[int, Field(ge=1, le=3)]
#: A condition or expression, as YAML data; parsed and checked by the compiler.
Voorwaarde = Any
Expressie = Any


class _Model(BaseModel):
    """Base of the models here: frozen, and no field outside the declared ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Status(StrEnum):
    """Hoe zeker een waarde of tekst is."""

    bevestigd = "bevestigd"
    afgeleid = "afgeleid"
    gereconstrueerd = "gereconstrueerd"
    onbevestigd = "onbevestigd"


class Delegatie(StrEnum):
    """Of het artikel details overlaat aan verdere regels (Veldhoven geeft dit per artikel aan)."""

    geen = "geen"
    beleidsregel = "beleidsregel"
    nadere_regel = "nadere_regel"


class Bevoegdheid(StrEnum):
    """Wat de wet het college geeft bij de bepaling van de grondslag."""

    kan = "kan"
    moet = "moet"


class Leveringsvorm(StrEnum):
    """Hoe een maatwerkvoorziening geleverd wordt."""

    zorg_in_natura = "zorg_in_natura"
    pgb = "pgb"


class Periode(StrEnum):
    """De periode waar een bedrag voor geldt."""

    per_maand = "per_maand"
    per_jaar = "per_jaar"
    eenmalig = "eenmalig"


class VerordeningMeta(_Model):
    """De verordening als geheel (één keer gedeclareerd, in 01-inleiding)."""

    naam: str = Field(description="Officiële naam van de verordening.")
    citeertitel: str = Field(description="Citeertitel.")
    gemeente: str | None = Field(default=None, description="Gemeente; leeg voor het model.")
    bron: str | None = Field(default=None, description="Vindplaats (CVDR, Gemeenteblad).")
    wetten: tuple[str, ...] = Field(description="De wetten die de verordening uitvoert.")


class Kernwaarde(_Model):
    """Een kernwaarde van artikel 1.3 (één keer gedeclareerd)."""

    code: WaardeCode = Field(description="Code, bijv. KW_PROFESSIONEEL.")
    tekst: str = Field(description="De kernwaarde zoals de verordening die formuleert.")
    status: Status = Field(description="Bevestigd uit de bron of gereconstrueerd.")
    bron: str | None = Field(default=None, description="Waar de tekst vandaan komt.")


class Grondwaarde(_Model):
    """Een grondwaarde van een wet: waarom de wet bestaat (stap 2 van de omgekeerde toets)."""

    code: WaardeCode = Field(description="Code, bijv. BESTAANSZEKERHEID.")
    tekst: str = Field(description="Omschrijving.")
    wetten: tuple[str, ...] = Field(description="Wetten die deze grondwaarde dienen.")


class Behoefte(_Model):
    """Een behoefte die een inwoner kan hebben (waar een hulpvraag om vraagt)."""

    code: Code = Field(description="Code, bijv. schoon_en_leefbaar_huis.")
    levensdomein: Levensdomein = Field(description="Levensdomein van de behoefte.")
    omschrijving: str = Field(description="Wat de inwoner wil bereiken (het effect).")
    grondwaarden: tuple[WaardeCode, ...] = Field(default=(), description="Grondwaarden.")
    overlapt_met: tuple[Code, ...] = Field(
        default=(),
        description="Behoeften die met dezelfde hulp vervuld kunnen worden; 'verordening "
        "analyse' zoekt daar naar dubbele verstrekking onder verschillende wetten.",
    )


class GegevenDeclaratie(_Model):
    """Een afgeleid gegeven dat regels berekenen (afleiding) en andere regels gebruiken."""

    naam: FeitNaam = Field(description="Naam, bijv. bijstand.norm.")
    type: GegevenType = Field(description="Type van het gegeven.")
    omschrijving: str = Field(description="Wat het gegeven betekent.")
    waarden: tuple[str, ...] = Field(default=(), description="Toegestane codes (type tekst).")
    standaard: int | bool | str | dt.date | None = Field(
        default=None,
        description="Waarde als alle afleidende regels zeker niet gelden (ja_nee: onwaar).",
    )


class ParameterWaarde(_Model):
    """Eén gedateerde waarde van een parameter, met de publieke bron."""

    geldig_vanaf: dt.date = Field(description="Eerste dag van geldigheid.")
    geldig_tot: dt.date | None = Field(default=None, description="Laatste dag; leeg = open.")
    waarde: int | bool | dt.date | str | None = Field(
        description="Waarde (geld in eurocent, percentages in basispunten); leeg = onbekend."
    )
    bron: str = Field(description="Publieke bron, of 'onbevestigd'.")
    status: Status = Field(default=Status.bevestigd, description="Zekerheid van de waarde.")
    opmerking: str | None = Field(default=None, description="Toelichting.")

    @field_validator("waarde", mode="before")
    @classmethod
    def _geen_kommagetal(cls, waarde: object) -> object:
        """Refuse a float before pydantic would quietly make it a whole number.

        YAML reads '12.000' as the float 12.0, which an author may have meant as twelve
        thousand; money and percentages are whole eurocents and basispunten.
        """
        if isinstance(waarde, float):
            raise ValueError(
                f"kommagetal {waarde!r} is niet toegestaan: geld in eurocent en percentages in "
                "basispunten zijn hele getallen (let op: YAML leest 12.000 als 12, niet als "
                "twaalfduizend)"
            )
        return waarde

    @model_validator(mode="after")
    def _periode(self) -> ParameterWaarde:
        """A value's period runs forwards, and a value left empty says its source is unconfirmed."""
        if self.geldig_tot is not None and self.geldig_tot < self.geldig_vanaf:
            raise ValueError("geldig_tot ligt vóór geldig_vanaf")
        if self.waarde is None and self.bron != "onbevestigd":
            raise ValueError("een lege waarde moet 'bron: onbevestigd' hebben")
        return self


class Parameter(_Model):
    """Een gedateerd bedrag, een termijn of een grens; nooit los in een regel geschreven."""

    naam: FeitNaam = Field(description="Naam, bijv. pw.norm.21_aow.alleenstaande.")
    type: GegevenType = Field(description="Type (geld in eurocent, basispunten, aantal …).")
    eenheid: str | None = Field(default=None, description="Eenheid in woorden, bijv. 'per maand'.")
    omschrijving: str = Field(description="Wat de parameter betekent.")
    artikel: str | None = Field(default=None, description="Wetsartikel of verordeningsartikel.")
    wet_bepaalt_waarde: bool = Field(
        default=True,
        description="Legt de wet de waarde vast (ja), of kiest de gemeente die (nee)? Zonder "
        "bevestigde waarde wordt bij 'nee' de laatst bevestigde waarde gebruikt; bij 'ja' "
        "wordt het voorstel een processtap met beoordeling.",
    )
    waarden: tuple[ParameterWaarde, ...] = Field(min_length=1, description="Gedateerde waarden.")


class Gevolgen(_Model):
    """Gevolgen waar de regel rekening mee houdt (stap 3 van de omgekeerde toets)."""

    inwoner: str | None = Field(default=None, description="Voor de inwoner.")
    huishouden: str | None = Field(default=None, description="Voor het huishouden.")
    gemeente: str | None = Field(default=None, description="Voor de gemeente.")


class VoorstelSjabloon(_Model):
    """Het voorstel dat een regel doet als de voorwaarden gelden."""

    uitkomst: Uitkomst = Field(description="Uitkomst uit de gesloten lijst.")
    instrument: Code = Field(description="Code van het instrument, bijv. algemene_bijstand.")
    wetten: tuple[str, ...] = Field(min_length=1, description="Wet(ten) van het instrument.")
    bedrag: Expressie | None = Field(default=None, description="Bedrag in eurocent.")
    periode: Periode | None = Field(default=None, description="Waar het bedrag voor geldt.")
    eigen_bijdrage: Expressie | None = Field(
        default=None, description="Eigen bijdrage van de inwoner in eurocent per maand."
    )
    leveringsvorm: Leveringsvorm | None = Field(
        default=None, description="zorg_in_natura of pgb, voor een maatwerkvoorziening."
    )
    ingangsdatum: Expressie | None = Field(default=None, description="Ingangsdatum.")
    einddatum: Expressie | None = Field(default=None, description="Einddatum.")
    uiterlijk: Expressie | None = Field(default=None, description="Uiterste datum volgende stap.")
    verwijzing: str | None = Field(default=None, description="Naar wie de inwoner kan gaan.")
    motivering: str = Field(description="Waarom, in gewone taal.")
    voor_inwoner: str | None = Field(
        default=None,
        description="Dezelfde uitleg voor de inwoner: korte zinnen, 'u', geen artikelnummers.",
    )
    vereist_beoordeling: bool = Field(default=False, description="Moet een professional dit wegen?")
    reden_beoordeling: str | None = Field(default=None, description="Waarom weging nodig is.")

    @model_validator(mode="after")
    def _afwijking(self) -> VoorstelSjabloon:
        """The outcome fits its proposal: never ``onbekend``, with what the outcome requires.

        ``onbekend`` only follows from missing facts; a ``maatwerk_afwijking`` gives
        its ``reden_beoordeling`` and a ``procedureel`` step its ``uiterlijk``.
        """
        if self.uitkomst == Uitkomst.onbekend:
            raise ValueError(
                "'onbekend' is geen uitkomst van een regel; die volgt uit ontbrekende gegevens"
            )
        if self.uitkomst == Uitkomst.maatwerk_afwijking and not self.reden_beoordeling:
            raise ValueError("een maatwerk_afwijking heeft altijd 'reden_beoordeling'")
        if self.uitkomst == Uitkomst.procedureel and self.uiterlijk is None:
            raise ValueError("een procedurele uitkomst heeft altijd 'uiterlijk'")
        return self


class Afleiding(_Model):
    """Een afgeleid gegeven dat de regel vastlegt als de voorwaarden gelden."""

    gegeven: FeitNaam = Field(description="Naam van het afgeleide gegeven.")
    waarde: Expressie | None = Field(default=None, description="Waarde; ja_nee: standaard waar.")


class Regel(_Model):
    """Eén uitvoerbare regel onder een artikel."""

    id: RegelId = Field(description="Stabiele id in kebab-case.")
    lid: int | None = Field(default=None, ge=1, description="Lid van het artikel.")
    grondslag: str = Field(
        description="Wetsartikel waarop de regel rust, bijv. 'Pw art. 34 lid 3'."
    )
    bevoegdheid: Bevoegdheid | None = Field(
        default=None,
        description="'kan': de grondslag geeft het college een bevoegdheid (een afweging), "
        "dus het voorstel vraagt altijd beoordeling met een reden die de bepaling noemt; "
        "'moet': een plicht. Weglaten: niet aangegeven.",
    )
    kernwaarden: dict[WaardeCode, Gewicht] = Field(
        default_factory=dict,
        description="Kernwaarden met gewicht 1-3 (erft van het artikel).",
    )
    grondwaarden: tuple[WaardeCode, ...] = Field(default=(), description="Grondwaarden.")
    stap: Annotated[int, Field(ge=1, le=4)] = Field(description="Stap van de omgekeerde toets.")
    behoefte: Code | None = Field(default=None, description="De behoefte die de regel dient.")
    behoeften: Literal["alle"] | tuple[Code, ...] | None = Field(
        default=None,
        description="Of: de regel geldt voor elk van deze behoeften ('alle' = elke "
        "gedeclareerde behoefte), bijv. de hardheidsclausule of een wettelijke termijn.",
    )
    gevolgen: Gevolgen | None = Field(default=None, description="Gevolgen (stap 3).")
    toelichting: str = Field(description="Korte uitleg in gewone taal.")
    uitzondering_op: tuple[RegelId, ...] = Field(
        default=(), description="Regels waarop deze een uitzondering is (gaat voor)."
    )
    prioriteit: int = Field(default=0, ge=-100, le=100, description="Hoger gaat voor.")
    restregel: bool = Field(
        default=False, description="Vangnet als niets anders geldt; altijd beoordeling."
    )
    onderzoeksstap: bool = Field(
        default=False,
        description="Deze processtap is het antwoord zolang het onderzoek voor de behoefte nog "
        "punten open heeft (een bevinding, een gegeven of een onbevestigde parameter).",
    )
    als: Voorwaarde | None = Field(default=None, description="Voorwaarden; leeg = altijd.")
    voorstel: VoorstelSjabloon | None = Field(default=None, description="Voorstel (uitkomst).")
    afleiding: Afleiding | None = Field(default=None, description="Of: een afgeleid gegeven.")

    @model_validator(mode="after")
    def _een_gevolg(self) -> Regel:
        """A rule has one consequence, a proposal or a derived fact, and names its need once.

        A proposal serves a need (``behoefte``, or ``behoeften`` for a rule written once
        for several); a derived fact has at most a ``behoefte``.
        """
        if (self.voorstel is None) == (self.afleiding is None):
            raise ValueError("een regel heeft precies één van 'voorstel' of 'afleiding'")
        if self.behoefte is not None and self.behoeften is not None:
            raise ValueError("een regel noemt 'behoefte' of 'behoeften', niet allebei")
        if self.voorstel is not None and self.behoefte is None and self.behoeften is None:
            raise ValueError("een regel met een voorstel noemt de 'behoefte' die hij dient")
        if self.afleiding is not None and self.behoeften is not None:
            raise ValueError("'behoeften' kan alleen bij een regel met een voorstel")
        return self


class Artikel(_Model):
    """Een artikel van de verordening: nummer, titel, tekst in gewone taal en de regels."""

    nummer: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,3}[a-z]?$")] = Field(
        description="Artikelnummer, bijv. 4.3."
    )
    titel: str = Field(description="Titel van het artikel.")
    tekst: str = Field(description="De tekst in gewone taal.")
    wetten: tuple[str, ...] = Field(default=(), description="Wetten die het artikel uitvoert.")
    kernwaarden: dict[WaardeCode, Gewicht] = Field(
        default_factory=dict, description="Kernwaarden van het artikel (regels erven)."
    )
    delegatie: Delegatie = Field(default=Delegatie.geen, description="Nadere uitwerking.")
    regels: tuple[Regel, ...] = Field(default=(), description="Uitvoerbare regels.")


class Verval(_Model):
    """Een overlay laat een regel van het model vervallen, met de reden."""

    regel: RegelId = Field(description="Id van de regel die vervalt.")
    motivering: str = Field(description="Waarom de gemeente deze regel niet overneemt.")


class Vermoeden(_Model):
    """Wat geldt zolang een gegeven niet is opgegeven: alleen een uitzondering op een recht."""

    gegeven: FeitNaam = Field(
        description="Het gegeven, bijv. aanvrager.wlz_indicatie of vraag.persoon_wlz_indicatie."
    )
    waarde: bool | int | str | dt.date = Field(description="De vermoede waarde, bijv. nee.")
    omschrijving: str = Field(description="Het vermoeden in gewone taal, voor de inwoner.")
    grondslag: str = Field(description="Waarom de wet dit vermoeden toestaat.")
    controle: str = Field(description="Hoe en wanneer een professional het controleert.")
    geldig_vanaf: dt.date | None = Field(default=None, description="Geldt vanaf.")
    geldig_tot: dt.date | None = Field(default=None, description="Geldt tot en met.")

    @model_validator(mode="after")
    def _periode(self) -> Vermoeden:
        """The period runs forwards."""
        if self.geldig_vanaf and self.geldig_tot and self.geldig_tot < self.geldig_vanaf:
            raise ValueError("geldig_tot ligt vóór geldig_vanaf")
        return self


class VermoedenVerval(_Model):
    """Een overlay laat een vermoeden van het model vervallen, met de reden."""

    gegeven: FeitNaam = Field(description="Het gegeven waarvan het vermoeden vervalt.")
    motivering: str = Field(description="Waarom de gemeente dit vermoeden niet overneemt.")


class Bestand(_Model):
    """Eén regelsetbestand. Alle onderdelen zijn optioneel; één onderwerp per bestand."""

    schema_versie: Literal[1] = Field(description="Versie van dit bestandsformaat.")
    onderwerp: str | None = Field(default=None, description="Onderwerp; standaard de bestandsnaam.")
    titel: str | None = Field(default=None, description="Titel van het onderwerp.")
    hoofdstuk: Annotated[int, Field(ge=1, le=12)] | None = Field(
        default=None, description="Hoofdstuk van de verordening."
    )
    geldig_vanaf: dt.date | None = Field(default=None, description="Versie geldt vanaf.")
    geldig_tot: dt.date | None = Field(default=None, description="Versie geldt tot en met.")
    toelichting: str | None = Field(
        default=None, description="Waarom dit onderwerp zo geregeld is."
    )
    verordening: VerordeningMeta | None = Field(
        default=None, description="Gegevens van de verordening."
    )
    kernwaarden: tuple[Kernwaarde, ...] = Field(default=(), description="Kernwaarden (art. 1.3).")
    grondwaarden: tuple[Grondwaarde, ...] = Field(default=(), description="Grondwaarden.")
    behoeften: tuple[Behoefte, ...] = Field(default=(), description="Behoeften.")
    gegevens: tuple[GegevenDeclaratie, ...] = Field(default=(), description="Afgeleide gegevens.")
    parameters: tuple[Parameter, ...] = Field(default=(), description="Gedateerde parameters.")
    artikelen: tuple[Artikel, ...] = Field(default=(), description="Artikelen met regels.")
    vervangt: tuple[Regel, ...] = Field(
        default=(), description="Overlay: vervangt regels (zelfde id)."
    )
    vervalt: tuple[Verval, ...] = Field(default=(), description="Overlay: laat regels vervallen.")
    artikelnummers: dict[str, str] = Field(
        default_factory=dict, description="Overlay: modelnummer → eigen nummer."
    )
    vermoedens: tuple[Vermoeden, ...] = Field(
        default=(), description="Vermoedens: wat geldt zolang een gegeven ontbreekt."
    )
    vervallen_vermoedens: tuple[VermoedenVerval, ...] = Field(
        default=(), description="Overlay: vermoedens van het model die vervallen."
    )

    @model_validator(mode="after")
    def _periode(self) -> Bestand:
        """A file's period runs forwards (``geldig_tot`` not before ``geldig_vanaf``)."""
        if self.geldig_vanaf and self.geldig_tot and self.geldig_tot < self.geldig_vanaf:
            raise ValueError("geldig_tot ligt vóór geldig_vanaf")
        return self


def json_schema() -> dict[str, Any]:
    """JSON Schema of a ruleset file, for editors."""
    return Bestand.model_json_schema()
