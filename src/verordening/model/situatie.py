"""The input model for case systems: a resident's `Situatie`.

Field names are Dutch and every field says what it means. Only the structural
minimum is required (one person with rol ``aanvrager`` and one hulpvraag); every
other fact may be left out and is then *onbekend*: rules that depend on it turn
into questions, never into guesses. Money is in eurocents per month.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from verordening._types import Levensdomein
from verordening.opmaak import ontsnapt, stuurteken

Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,60}$")]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,40}$")]

#: The largest amount any money field takes: 10^11 eurocent (€ 1 miljard). Far above any
#: real household, and it keeps every sum and percentage the rules compute well inside
#: the exact integer range of both engines.
MAX_BEDRAG = 10**11
#: An amount the law knows only as zero or more (income, costs, woonlasten, debts, claims),
#: in whole eurocents. Strict: ``true``, ``100.0`` and ``"100"`` are refused, not converted.
Bedrag = Annotated[int, Field(strict=True, ge=0, le=MAX_BEDRAG)]
#: A balance that may be negative: net vermogen (bezittingen min schulden, Pw art. 34).
Saldo = Annotated[int, Field(strict=True, ge=-MAX_BEDRAG, le=MAX_BEDRAG)]
#: A whole number (hours, months, percentages); each field states its own bounds.
Aantal = Annotated[int, Field(strict=True)]

_ISO_DATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _datum(waarde: object) -> object:
    """Let only a date or an ISO text ``JJJJ-MM-DD`` through to the date validator.

    Pydantic would also read a number as seconds since 1970 (``0`` is 1970-01-01), a
    datetime at midnight and ``2024-03-01T00:00:00``; a date field takes none of those.
    """
    if isinstance(waarde, str) and _ISO_DATUM.fullmatch(waarde):
        return waarde
    if isinstance(waarde, dt.date) and not isinstance(waarde, dt.datetime):
        return waarde
    raise PydanticCustomError("date_type", "moet een datum zijn (JJJJ-MM-DD)")


# The bounds come before the BeforeValidator: in this order they stay out of the JSON Schema.
Datum = Annotated[
    dt.date, Field(ge=dt.date(1880, 1, 1), le=dt.date(2200, 12, 31)), BeforeValidator(_datum)
]


class _Model(BaseModel):
    """Base of the input models: frozen, no unknown field, enums kept as enum members."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Rol(StrEnum):
    """Rol van een persoon in het huishouden, gezien vanuit de aanvrager."""

    aanvrager = "aanvrager"
    partner = "partner"
    kind = "kind"
    ouder = "ouder"
    medebewoner = "medebewoner"


class Verblijfsstatus(StrEnum):
    """Verblijfsstatus, voor zover die telt voor het recht op bijstand (Pw art. 11, 16)."""

    nederlander = "nederlander"
    gelijkgesteld = "gelijkgesteld"
    geen_rechtmatig_verblijf = "geen_rechtmatig_verblijf"


class Inkomensbron(StrEnum):
    """Bron van een inkomen."""

    loon = "loon"
    uitkering = "uitkering"
    bijstand = "bijstand"
    pensioen = "pensioen"
    alimentatie = "alimentatie"
    studiefinanciering = "studiefinanciering"
    overig = "overig"


class Inkomen(_Model):
    """Eén inkomen van één persoon, netto, in eurocent per maand."""

    bron: Inkomensbron = Field(description="Waar het inkomen vandaan komt.")
    bedrag_per_maand: Bedrag = Field(description="Netto bedrag per maand in eurocent.")


class Huishoudvermogen(StrEnum):
    """In hoeverre een persoon het huishouden kan doen (Wmo, gebruikelijke hulp)."""

    volledig = "volledig"
    gedeeltelijk = "gedeeltelijk"
    niet = "niet"


class Persoon(_Model):
    """Een lid van het huishouden (of de aanvrager alleen)."""

    id: Id = Field(description="Eigen korte sleutel in deze situatie, bijv. 'p1'; geen BSN.")
    rol: Rol = Field(description="Rol in het huishouden, gezien vanuit de aanvrager.")
    geboortedatum: Datum | None = Field(default=None, description="Geboortedatum.")
    verblijfsstatus: Verblijfsstatus | None = Field(
        default=None, description="Verblijfsstatus (Pw art. 11 en 13)."
    )
    student_met_studiefinanciering: bool | None = Field(
        default=None,
        description="Heeft aanspraak op WSF 2000 of WTOS (telt niet als kostendeler, Pw 19a).",
    )
    commerciele_relatie: bool | None = Field(
        default=None,
        description="Woont in als commerciële huurder of kostganger (Pw 19a lid 1).",
    )
    verwant_eerste_of_tweede_graad: bool | None = Field(
        default=None,
        description="Is bloed- of aanverwant in de eerste of tweede graad van de aanvrager of de "
        "partner, bijv. (schoon)ouder, (stief)kind, broer, zus, grootouder of kleinkind "
        "(Pw 19a lid 1 onder b): een commerciële relatie sluit dan de kostendeler niet uit.",
    )
    inkomsten: tuple[Inkomen, ...] | None = Field(
        default=None,
        max_length=20,
        description="Inkomsten van deze persoon; een lege lijst betekent: geen inkomen. "
        "Weglaten betekent: onbekend.",
    )
    kan_huishouden_doen: Huishoudvermogen | None = Field(
        default=None, description="Kan deze persoon het huishouden doen (Wmo)?"
    )
    langdurig_afwezig: bool | None = Field(
        default=None,
        description="Is deze persoon vaak of lang van huis (werk, opname), zodat hij "
        "het huishouden niet kan overnemen?",
    )
    wlz_indicatie: bool | None = Field(
        default=None, description="Heeft een indicatie voor de Wet langdurige zorg."
    )
    medisch_urenbeperkt: bool | None = Field(
        default=None,
        description="Medisch urenbeperkt (Pw art. 6b; uitzondering op de zoektermijn, "
        "Pw art. 41 lid 4 onder b).",
    )
    doelgroep_loonkostensubsidie: bool | None = Field(
        default=None,
        description="Behoort tot de doelgroep loonkostensubsidie (Pw art. 6 lid 1 onder e; "
        "uitzondering op de zoektermijn, Pw art. 41 lid 4 onder b).",
    )
    pro_of_vso_afgelopen_jaar: bool | None = Field(
        default=None,
        description="Stond in het jaar vóór de melding (of staat nog) ingeschreven bij het "
        "praktijkonderwijs of het voortgezet speciaal onderwijs (Pw art. 41 lid 4 onder a).",
    )
    psychische_of_lichamelijke_belemmering: bool | None = Field(
        default=None,
        description="Een belemmering die zoeken naar werk of opleiding nu onmogelijk maakt.",
    )
    loonwaarde_procent: Aantal | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Vastgestelde loonwaarde in procenten van het minimumloon (Pw art. 10d).",
    )
    uwv_advies_beschut_werk: bool | None = Field(
        default=None, description="UWV adviseert dat deze persoon alleen beschut kan werken."
    )
    structureel_geen_bijverdienste: bool | None = Field(
        default=None,
        description="Kan door ziekte of handicap structureel niet naast de studie werken "
        "(studietoeslag, Pw art. 36b).",
    )
    volgt_onderwijs: bool | None = Field(default=None, description="Gaat naar school of studeert.")
    mantelzorger: bool | None = Field(
        default=None, description="Geeft mantelzorg aan iemand in of buiten het huishouden."
    )
    mantelzorg_uren_per_week: Aantal | None = Field(
        default=None, ge=0, le=168, description="Uren mantelzorg per week."
    )


class Woonsoort(StrEnum):
    """Soort woning."""

    huur = "huur"
    koop = "koop"
    kamer = "kamer"
    inwonend = "inwonend"
    instelling = "instelling"
    dakloos = "dakloos"


class Woonsituatie(_Model):
    """Waar en hoe het huishouden woont."""

    soort: Woonsoort | None = Field(default=None, description="Soort woning.")
    woonlasten_per_maand: Bedrag | None = Field(
        default=None, description="Huur of hypotheeklasten per maand in eurocent."
    )


class Vermogen(_Model):
    """Vermogen van het huishouden (Pw art. 34)."""

    bedrag: Saldo | None = Field(
        default=None,
        description="Vermogen min schulden in eurocent (mag negatief zijn).",
    )
    eigen_woning_overwaarde: Bedrag | None = Field(
        default=None, description="Vermogen in de eigen woning in eurocent."
    )


class DreigendeSituatie(StrEnum):
    """Dreigende situaties van Wgs art. 4 lid 2 (eerste gesprek binnen 3 werkdagen)."""

    huisuitzetting = "huisuitzetting"
    afsluiting_energie = "afsluiting_energie"
    afsluiting_water = "afsluiting_water"
    opzegging_zorgverzekering = "opzegging_zorgverzekering"
    opzegging_huurovereenkomst = "opzegging_huurovereenkomst"


class Schulden(_Model):
    """Schulden van het huishouden."""

    heeft_schulden: bool | None = Field(default=None, description="Zijn er schulden?")
    problematisch: bool | None = Field(
        default=None,
        description="Kan het huishouden de schulden niet meer zelf betalen?",
    )
    totaal: Bedrag | None = Field(default=None, description="Totale schuld in eurocent.")
    dreigend: tuple[DreigendeSituatie, ...] = Field(
        default=(), description="Dreigende situaties (Wgs art. 4 lid 2)."
    )


class Netwerk(_Model):
    """Het netwerk van de inwoner en de mantelzorg."""

    beschikbaar: bool | None = Field(
        default=None, description="Kan en wil het netwerk (familie, buren) helpen?"
    )
    mantelzorger_overbelast: bool | None = Field(
        default=None, description="Is de mantelzorger of huisgenoot overbelast?"
    )


class BesluitSoort(StrEnum):
    """Soorten eerdere besluiten waar regels op terugkijken."""

    schuldhulptraject = "schuldhulptraject"
    fraudevordering = "fraudevordering"
    maatregel = "maatregel"
    individuele_inkomenstoeslag = "individuele_inkomenstoeslag"
    bijstand = "bijstand"
    wmo_maatwerk = "wmo_maatwerk"
    jeugdhulp = "jeugdhulp"
    terugvordering = "terugvordering"
    pgb = "pgb"
    bijzondere_bijstand = "bijzondere_bijstand"


class EerderBesluit(_Model):
    """Een eerder besluit, een maatregel of een vordering, met de datum."""

    soort: BesluitSoort = Field(description="Soort besluit.")
    persoon: Id | None = Field(
        default=None, description="Voor wie het besluit gold (id); leeg = het huishouden."
    )
    datum: Datum = Field(description="Datum van het besluit of de vordering.")
    einddatum: Datum | None = Field(default=None, description="Einddatum, als dat er is.")
    verwijtbaar_beeindigd: bool | None = Field(
        default=None, description="Verwijtbaar beëindigd (bijv. schuldhulptraject)?"
    )
    benadeling_bestuursorgaan: bool | None = Field(
        default=None,
        description="Fraude met financiële benadeling van een bestuursorgaan?",
    )
    opzet: bool | None = Field(default=None, description="Met opzet gepleegd?")
    onherroepelijke_sanctie: bool | None = Field(
        default=None,
        description="Onherroepelijke strafrechtelijke veroordeling of leedtoevoegende "
        "bestuurlijke sanctie (Wgs art. 3 lid 3)?",
    )
    openstaand_bedrag: Bedrag | None = Field(
        default=None, description="Nog openstaand bedrag in eurocent."
    )


class Hulpvraag(_Model):
    """Wat de inwoner nodig heeft: het effect, in één levensdomein (stap 1)."""

    behoefte: Code = Field(
        description="Code van de behoefte, zoals gedeclareerd in 01-inleiding (bijv. "
        "'schoon_en_leefbaar_huis')."
    )
    levensdomein: Levensdomein | None = Field(
        default=None,
        description="Levensdomein; volgt uit de behoefte als het ontbreekt.",
    )
    persoon: Id | None = Field(
        default=None, description="Voor wie de hulp is (id); standaard de aanvrager."
    )
    gevraagde_voorziening: Code | None = Field(
        default=None, description="Wat de inwoner zelf vroeg (alleen informatief)."
    )
    uren_per_week: Aantal | None = Field(
        default=None,
        ge=0,
        le=168,
        description="Gevraagde omvang in hele uren per week.",
    )
    spoed: bool | None = Field(default=None, description="Is er acute nood?")
    eigen_kracht_toereikend: bool | None = Field(
        default=None,
        description="Bevinding: lost de inwoner dit zelf op (eigen kracht)?",
    )
    algemene_voorziening_toereikend: bool | None = Field(
        default=None,
        description="Bevinding: is een algemene voorziening passend en beschikbaar?",
    )
    alleen_melding: bool = Field(
        default=False,
        description="Er is alleen een melding: het gesprek of onderzoek moet nog plaatsvinden. "
        "Weglaten betekent: nee (er is een aanvraag).",
    )
    kosten: Bedrag | None = Field(
        default=None, description="Kosten waarvoor hulp gevraagd wordt, in eurocent."
    )
    kosten_noodzakelijk: bool | None = Field(
        default=None, description="Bevinding: zijn de kosten noodzakelijk (Pw art. 35)?"
    )
    bijzondere_omstandigheden: bool | None = Field(
        default=None, description="Bevinding: komen de kosten voort uit bijzondere omstandigheden?"
    )
    algemeen_gebruikelijk: bool | None = Field(
        default=None,
        description="Bevinding: is de voorziening algemeen gebruikelijk (CRvB 2019:3535)?",
    )
    goedkoper_alternatief_passend: bool | None = Field(
        default=None,
        description="Bevinding: is er een goedkopere oplossing die even passend is "
        "(goedkoopst adequaat, bijv. verhuizen)?",
    )
    alternatief_in_eigen_omgeving: bool | None = Field(
        default=None,
        description="Houdt die goedkopere oplossing de inwoner in de eigen omgeving "
        "en bij het netwerk?",
    )
    pgb_gewenst: bool = Field(
        default=False,
        description="Vraagt de inwoner een persoonsgebonden budget? Weglaten betekent: nee.",
    )
    budgetvaardig: bool | None = Field(
        default=None,
        description="Bevinding: kan de inwoner (of een vertegenwoordiger) het pgb beheren?",
    )
    pgb_gemotiveerd: bool | None = Field(
        default=None, description="Heeft de inwoner gemotiveerd waarom een pgb gewenst is?"
    )
    pgb_kwaliteit_gewaarborgd: bool | None = Field(
        default=None, description="Bevinding: is de kwaliteit van de ingekochte hulp voldoende?"
    )
    zorg_in_natura_ongeschikt: bool | None = Field(
        default=None,
        description="Jeugdwet: hebben de ouders gemotiveerd waarom zorg in natura niet past?",
    )
    hulp_door_sociaal_netwerk: bool | None = Field(
        default=None,
        description="Wordt de hulp met het pgb geleverd door iemand uit het sociale netwerk?",
    )
    bovengebruikelijke_zorg: bool | None = Field(
        default=None,
        description="Bevinding: gaat de zorg van een ouder uit boven de gebruikelijke zorg "
        "(Jeugdwet art. 8.1.1 lid 3, pgb voor zorg door een ouder)?",
    )
    specialistische_hulp_nodig: bool | None = Field(
        default=None, description="Bevinding: is specialistische (jeugd)hulp nodig?"
    )
    verwijzing_arts: bool | None = Field(
        default=None,
        description="Verwezen door huisarts, jeugdarts, medisch specialist of rechter (Jeugdwet).",
    )
    veilig_thuis_wonen_mogelijk: bool | None = Field(
        default=None,
        description="Bevinding: kan de inwoner veilig thuis wonen (anders beschermd wonen of "
        "opvang)?",
    )
    situatie_stabiel: bool | None = Field(
        default=None,
        description="Bevinding: is de situatie stabiel genoeg voor een schuldregeling?",
    )
    afspraken_nagekomen: bool | None = Field(
        default=None,
        description="Komt de inwoner de afspraken en verplichtingen na (traject, bijstand)?",
    )
    arbeidsinschakeling_nodig: bool | None = Field(
        default=None,
        description="Bevinding: is ondersteuning nodig om aan het werk te komen of te blijven?",
    )
    beroep_op_hardheidsclausule: bool = Field(
        default=False,
        description="Doet de inwoner een beroep op de hardheidsclausule, of vraagt de "
        "professional om afwijking? Weglaten betekent: nee.",
    )
    onredelijke_uitkomst: bool | None = Field(
        default=None,
        description="Bevinding van de professional: leidt toepassing van de regels tot een "
        "onredelijke uitkomst (hardheidsclausule)?",
    )
    voorliggende_voorziening: bool | None = Field(
        default=None,
        description="Bevinding: is er een passende voorliggende voorziening (Pw art. 15)?",
    )


class Verwijtbaarheid(StrEnum):
    """Hoe verwijtbaar het schenden van een verplichting is (Pw art. 18 lid 2, 18a)."""

    geen = "geen"
    verminderd = "verminderd"
    volledig = "volledig"


class Handhaving(_Model):
    """Bevindingen over verplichtingen en misbruik (hoofdstuk 10 van de verordening)."""

    inlichtingenplicht_geschonden: bool | None = Field(
        default=None, description="Is de inlichtingenplicht (Pw art. 17) geschonden?"
    )
    verplichting_geschonden: bool | None = Field(
        default=None,
        description="Is een verplichting verbonden aan de bijstand niet nagekomen "
        "(Pw art. 18 lid 2)?",
    )
    verwijtbaarheid: Verwijtbaarheid | None = Field(
        default=None, description="Mate van verwijtbaarheid."
    )
    benadelingsbedrag: Bedrag | None = Field(
        default=None, description="Te veel ontvangen bedrag in eurocent."
    )
    slachtoffer_financieel_misbruik: bool | None = Field(
        default=None,
        description="Is de inwoner slachtoffer van financieel misbruik (bijv. identiteitsfraude)?",
    )


class InkomensHistorie(_Model):
    """Inkomen door de tijd, voor de individuele inkomenstoeslag (Pw art. 36)."""

    maanden_laag_inkomen: Aantal | None = Field(
        default=None,
        ge=0,
        le=600,
        description="Aantal aaneengesloten maanden met een inkomen rond het sociaal minimum.",
    )
    uitzicht_op_inkomensverbetering: bool | None = Field(
        default=None, description="Bevinding: is er uitzicht op inkomensverbetering?"
    )


class Situatie(_Model):
    """De situatie van één huishouden, zoals het zaaksysteem die kent."""

    schema_versie: Aantal = Field(default=1, ge=1, le=1, description="Versie van dit model.")
    kenmerk: Annotated[str, StringConstraints(max_length=80)] | None = Field(
        default=None,
        description="Eigen referentie van het zaaksysteem; niet in de invoerhash.",
    )
    peildatum: Datum | None = Field(
        default=None,
        description="Peildatum voor de opdrachtregel (verordening evaluate) als --peildatum "
        "ontbreekt; de Python-API vraagt de peildatum altijd expliciet.",
    )
    meldingsdatum: Datum | None = Field(default=None, description="Datum van de melding.")
    aanvraagdatum: Datum | None = Field(default=None, description="Datum van de aanvraag.")
    personen: tuple[Persoon, ...] = Field(
        min_length=1, max_length=30, description="De leden van het huishouden."
    )
    woonsituatie: Woonsituatie | None = Field(default=None, description="Woonsituatie.")
    vermogen: Vermogen | None = Field(default=None, description="Vermogen van het huishouden.")
    schulden: Schulden | None = Field(default=None, description="Schulden.")
    netwerk: Netwerk | None = Field(default=None, description="Netwerk en mantelzorg.")
    handhaving: Handhaving | None = Field(default=None, description="Handhaving en misbruik.")
    inkomenshistorie: InkomensHistorie | None = Field(
        default=None, description="Inkomen over langere tijd."
    )
    eerdere_besluiten: tuple[EerderBesluit, ...] = Field(
        default=(),
        max_length=200,
        description="Eerdere besluiten, maatregelen en vorderingen.",
    )
    hulpvragen: tuple[Hulpvraag, ...] = Field(
        min_length=1,
        max_length=20,
        description="Wat de inwoner nodig heeft, per levensdomein.",
    )

    @field_validator("kenmerk")
    @classmethod
    def _zichtbaar_kenmerk(cls, kenmerk: str | None) -> str | None:
        """A kenmerk is shown on pages and terminals: no control or format characters."""
        teken = None if kenmerk is None else stuurteken(kenmerk)
        if teken is not None:
            raise ValueError(
                f"bevat een onzichtbaar stuurteken ({ontsnapt(teken)}); een kenmerk mag alleen "
                "zichtbare tekens en spaties bevatten"
            )
        return kenmerk

    @model_validator(mode="after")
    def _structuur(self) -> Situatie:
        """Checks across fields: one applicant, at most one partner, unique ids and needs.

        A hulpvraag's ``persoon`` must be one of the persons.
        """
        aanvragers = [p for p in self.personen if p.rol == Rol.aanvrager]
        if len(aanvragers) != 1:
            raise ValueError("er moet precies één persoon met rol 'aanvrager' zijn")
        if sum(1 for p in self.personen if p.rol == Rol.partner) > 1:
            raise ValueError("er kan hoogstens één partner zijn")
        ids = [p.id for p in self.personen]
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        if dubbel:
            raise ValueError(f"persoon-id komt meer dan eens voor: {', '.join(dubbel)}")
        for vraag in self.hulpvragen:
            if vraag.persoon is not None and vraag.persoon not in ids:
                raise ValueError(f"hulpvraag noemt onbekende persoon '{vraag.persoon}'")
        behoeften = [v.behoefte for v in self.hulpvragen]
        dubbel = sorted({b for b in behoeften if behoeften.count(b) > 1})
        if dubbel:
            raise ValueError(f"behoefte komt meer dan eens voor: {', '.join(dubbel)}")
        return self

    @property
    def aanvrager(self) -> Persoon:
        """The one person with rol ``aanvrager``."""
        return next(p for p in self.personen if p.rol == Rol.aanvrager)
