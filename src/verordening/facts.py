"""The fact catalogue: every name a rule may use, its type, and how to read it.

This is the model layer of DESIGN §3: facts that are pure arithmetic on the
`Situatie` (age on the peildatum, income totals, counts) are computed here once,
generically, never per rule. Rules see a flat namespace (``aanvrager.leeftijd``)
plus collections (``medebewoners``) for the ``aantal`` operator. A fact that the
situation does not give is absent: *onbekend*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ._types import GegevenType, Waarde
from .models import (
    BesluitSoort,
    DreigendeSituatie,
    Huishoudvermogen,
    Inkomensbron,
    Persoon,
    Rol,
    Situatie,
    Verblijfsstatus,
    Verwijtbaarheid,
    Woonsoort,
)

T = GegevenType
Getter = Callable[["_Ctx"], Waarde | None]


@dataclass(frozen=True, slots=True)
class FactInfo:
    """What a fact name means: type, Dutch description, question, allowed codes."""

    naam: str
    type: GegevenType
    omschrijving: str
    vraag: str | None = None
    waarden: tuple[str, ...] = ()
    invoer: bool = True


@dataclass(frozen=True, slots=True)
class _Spec:
    info: FactInfo
    lees: Getter


@dataclass(slots=True)
class _Ctx:
    situatie: Situatie
    peildatum: dt.date
    aanvrager: Persoon
    partner: Persoon | None


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    """Age in whole years on ``op`` (a birthday on 29 February counts from 1 March)."""
    jaren = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


def leeftijd_maanden(geboortedatum: dt.date, op: dt.date) -> int:
    """Age in whole months on ``op``."""
    maanden = (op.year - geboortedatum.year) * 12 + op.month - geboortedatum.month
    if op.day < geboortedatum.day:
        maanden -= 1
    return maanden


def _inkomen(p: Persoon | None) -> int | None:
    if p is None or p.inkomsten is None:
        return None
    return sum(i.bedrag_per_maand for i in p.inkomsten)


def _codes(enum: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(e) for e in enum)


def _persoon_specs(prefix: str, wie: str, kies: Callable[[_Ctx], Persoon | None]) -> list[_Spec]:
    def veld(attr: str) -> Getter:
        def lees(c: _Ctx) -> Waarde | None:
            p = kies(c)
            if p is None:
                return None
            waarde = getattr(p, attr)
            return str(waarde) if hasattr(waarde, "value") else waarde

        return lees

    def jaren(c: _Ctx) -> int | None:
        p = kies(c)
        return leeftijd(p.geboortedatum, c.peildatum) if p and p.geboortedatum else None

    def geboren(c: _Ctx) -> dt.date | None:
        p = kies(c)
        return p.geboortedatum if p else None

    def maanden(c: _Ctx) -> int | None:
        p = kies(c)
        return leeftijd_maanden(p.geboortedatum, c.peildatum) if p and p.geboortedatum else None

    return [
        _Spec(
            FactInfo(
                f"{prefix}.leeftijd",
                T.aantal,
                f"leeftijd van {wie} in jaren op de peildatum",
                f"Wat is de geboortedatum van {wie}?",
            ),
            jaren,
        ),
        _Spec(
            FactInfo(
                f"{prefix}.leeftijd_maanden",
                T.aantal,
                f"leeftijd van {wie} in maanden op de peildatum",
                f"Wat is de geboortedatum van {wie}?",
            ),
            maanden,
        ),
        _Spec(
            FactInfo(
                f"{prefix}.geboortedatum",
                T.datum,
                f"geboortedatum van {wie}",
                f"Wat is de geboortedatum van {wie}?",
            ),
            geboren,
        ),
        _Spec(
            FactInfo(
                f"{prefix}.verblijfsstatus",
                T.tekst,
                f"verblijfsstatus van {wie}",
                f"Wat is de verblijfsstatus van {wie}?",
                _codes(Verblijfsstatus),
            ),
            veld("verblijfsstatus"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.student_met_studiefinanciering",
                T.ja_nee,
                f"{wie} heeft aanspraak op WSF 2000 of WTOS",
                f"Heeft {wie} aanspraak op studiefinanciering (WSF of WTOS)?",
            ),
            veld("student_met_studiefinanciering"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.inkomen",
                T.geld,
                f"netto inkomen van {wie} per maand",
                f"Wat zijn de inkomsten van {wie} per maand?",
            ),
            lambda c: _inkomen(kies(c)),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.kan_huishouden_doen",
                T.tekst,
                f"kan {wie} het huishouden doen",
                f"Kan {wie} het huishouden (volledig, gedeeltelijk of niet) doen?",
                _codes(Huishoudvermogen),
            ),
            veld("kan_huishouden_doen"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.langdurig_afwezig",
                T.ja_nee,
                f"{wie} is vaak of lang van huis",
                f"Is {wie} vaak of lang van huis?",
            ),
            veld("langdurig_afwezig"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.wlz_indicatie",
                T.ja_nee,
                f"{wie} heeft een Wlz-indicatie",
                f"Heeft {wie} een indicatie voor de Wet langdurige zorg?",
            ),
            veld("wlz_indicatie"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.medisch_urenbeperkt",
                T.ja_nee,
                f"{wie} is medisch urenbeperkt of doelgroep loonkostensubsidie",
                f"Is {wie} medisch urenbeperkt of doelgroep loonkostensubsidie?",
            ),
            veld("medisch_urenbeperkt"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.psychische_of_lichamelijke_belemmering",
                T.ja_nee,
                f"{wie} kan door een belemmering nu geen werk of opleiding zoeken",
                f"Kan {wie} door een psychische of lichamelijke belemmering nu geen werk "
                "of opleiding zoeken?",
            ),
            veld("psychische_of_lichamelijke_belemmering"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.loonwaarde_procent",
                T.aantal,
                f"loonwaarde van {wie} in procenten van het minimumloon",
                f"Wat is de vastgestelde loonwaarde van {wie}?",
            ),
            veld("loonwaarde_procent"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.uwv_advies_beschut_werk",
                T.ja_nee,
                f"UWV adviseert beschut werk voor {wie}",
                f"Heeft UWV geadviseerd dat {wie} alleen beschut kan werken?",
            ),
            veld("uwv_advies_beschut_werk"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.structureel_geen_bijverdienste",
                T.ja_nee,
                f"{wie} kan door ziekte of handicap structureel niet naast de studie werken",
                f"Kan {wie} door ziekte of handicap structureel niet naast de studie werken?",
            ),
            veld("structureel_geen_bijverdienste"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.volgt_onderwijs",
                T.ja_nee,
                f"{wie} gaat naar school of studeert",
                f"Gaat {wie} naar school of studeert {wie}?",
            ),
            veld("volgt_onderwijs"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.mantelzorger",
                T.ja_nee,
                f"{wie} geeft mantelzorg",
                f"Geeft {wie} mantelzorg?",
            ),
            veld("mantelzorger"),
        ),
        _Spec(
            FactInfo(
                f"{prefix}.mantelzorg_uren_per_week",
                T.aantal,
                f"uren mantelzorg per week van {wie}",
                f"Hoeveel uur per week geeft {wie} mantelzorg?",
            ),
            veld("mantelzorg_uren_per_week"),
        ),
    ]


def _sub(attr: str, veld: str) -> Getter:
    def lees(c: _Ctx) -> Waarde | None:
        deel = getattr(c.situatie, attr)
        if deel is None:
            return None
        waarde = getattr(deel, veld)
        return str(waarde) if hasattr(waarde, "value") else waarde

    return lees


def _leeftijd_bij_melding(c: _Ctx) -> int | None:
    geboren, melding = c.aanvrager.geboortedatum, c.situatie.meldingsdatum
    return leeftijd(geboren, melding) if geboren and melding else None


def _dreigend(c: _Ctx) -> bool | None:
    return None if c.situatie.schulden is None else bool(c.situatie.schulden.dreigend)


def _huishouden_inkomen(c: _Ctx) -> int | None:
    a, p = _inkomen(c.aanvrager), _inkomen(c.partner) if c.partner else 0
    return None if a is None or p is None else a + p


def _kinderen(c: _Ctx, minderjarig: bool) -> int | None:
    kinderen = [p for p in c.situatie.personen if p.rol == Rol.kind]
    if not minderjarig:
        return len(kinderen)
    if any(k.geboortedatum is None for k in kinderen):
        return None
    return sum(
        1 for k in kinderen if k.geboortedatum and leeftijd(k.geboortedatum, c.peildatum) < 18
    )


def _handhaving(
    veld: str, soort: GegevenType, omschrijving: str, vraag: str, waarden: tuple[str, ...] = ()
) -> _Spec:
    info = FactInfo(f"handhaving.{veld}", soort, omschrijving, vraag, waarden)
    return _Spec(info, _sub("handhaving", veld))


_STATISCH: list[_Spec] = [
    _Spec(
        FactInfo("peildatum", T.datum, "de peildatum van de beoordeling"),
        lambda c: c.peildatum,
    ),
    _Spec(
        FactInfo("peildatum.jaar_begin", T.datum, "1 januari van het jaar van de peildatum"),
        lambda c: dt.date(c.peildatum.year, 1, 1),
    ),
    _Spec(
        FactInfo(
            "aanvrager.leeftijd_bij_melding",
            T.aantal,
            "leeftijd van de aanvrager in jaren op de meldingsdatum",
            "Wat is de geboortedatum van de aanvrager en wanneer was de melding?",
        ),
        _leeftijd_bij_melding,
    ),
    _Spec(
        FactInfo(
            "meldingsdatum",
            T.datum,
            "datum van de melding",
            "Op welke datum is de hulpvraag gemeld?",
        ),
        lambda c: c.situatie.meldingsdatum,
    ),
    _Spec(
        FactInfo(
            "aanvraagdatum",
            T.datum,
            "datum van de aanvraag",
            "Op welke datum is de aanvraag ingediend?",
        ),
        lambda c: c.situatie.aanvraagdatum,
    ),
    *_persoon_specs("aanvrager", "de aanvrager", lambda c: c.aanvrager),
    _Spec(
        FactInfo("partner.aanwezig", T.ja_nee, "er woont een partner in"),
        lambda c: c.partner is not None,
    ),
    *_persoon_specs("partner", "de partner", lambda c: c.partner),
    _Spec(
        FactInfo("huishouden.aantal_personen", T.aantal, "aantal personen in het huishouden"),
        lambda c: len(c.situatie.personen),
    ),
    _Spec(
        FactInfo("huishouden.aantal_kinderen", T.aantal, "aantal kinderen in het huishouden"),
        lambda c: _kinderen(c, False),
    ),
    _Spec(
        FactInfo(
            "huishouden.aantal_minderjarige_kinderen",
            T.aantal,
            "aantal kinderen jonger dan 18",
            "Wat zijn de geboortedata van de kinderen?",
        ),
        lambda c: _kinderen(c, True),
    ),
    _Spec(
        FactInfo(
            "huishouden.inkomen",
            T.geld,
            "netto inkomen van aanvrager en partner samen per maand",
            "Wat zijn de inkomsten van aanvrager en partner per maand?",
        ),
        _huishouden_inkomen,
    ),
    _Spec(
        FactInfo(
            "woning.soort",
            T.tekst,
            "soort woning",
            "In wat voor woning woont het huishouden?",
            _codes(Woonsoort),
        ),
        _sub("woonsituatie", "soort"),
    ),
    _Spec(
        FactInfo(
            "woning.woonlasten",
            T.geld,
            "woonlasten per maand",
            "Wat zijn de woonlasten per maand?",
        ),
        _sub("woonsituatie", "woonlasten_per_maand"),
    ),
    _Spec(
        FactInfo(
            "vermogen.bedrag",
            T.geld,
            "vermogen van het huishouden",
            "Hoeveel vermogen (spaargeld en bezit min schulden) heeft het huishouden?",
        ),
        _sub("vermogen", "bedrag"),
    ),
    _Spec(
        FactInfo(
            "vermogen.eigen_woning_overwaarde",
            T.geld,
            "vermogen in de eigen woning",
            "Hoeveel vermogen zit er in de eigen woning?",
        ),
        _sub("vermogen", "eigen_woning_overwaarde"),
    ),
    _Spec(
        FactInfo(
            "schulden.heeft_schulden",
            T.ja_nee,
            "het huishouden heeft schulden",
            "Heeft het huishouden schulden?",
        ),
        _sub("schulden", "heeft_schulden"),
    ),
    _Spec(
        FactInfo(
            "schulden.problematisch",
            T.ja_nee,
            "de schulden zijn problematisch",
            "Kan het huishouden de schulden nog zelf betalen?",
        ),
        _sub("schulden", "problematisch"),
    ),
    _Spec(
        FactInfo(
            "schulden.totaal",
            T.geld,
            "totale schuld",
            "Hoe hoog zijn de schulden samen?",
        ),
        _sub("schulden", "totaal"),
    ),
    _Spec(
        FactInfo(
            "schulden.dreigende_situatie",
            T.ja_nee,
            "er dreigt huisuitzetting, afsluiting of opzegging (Wgs 4 lid 2)",
            "Dreigt er een huisuitzetting, afsluiting van energie of water, "
            "of opzegging van de zorgverzekering?",
        ),
        _dreigend,
    ),
    _Spec(
        FactInfo(
            "netwerk.beschikbaar",
            T.ja_nee,
            "het netwerk kan en wil helpen",
            "Kan en wil iemand uit het netwerk helpen?",
        ),
        _sub("netwerk", "beschikbaar"),
    ),
    _Spec(
        FactInfo(
            "netwerk.mantelzorger_overbelast",
            T.ja_nee,
            "de mantelzorger of huisgenoot is overbelast",
            "Is de mantelzorger of huisgenoot overbelast?",
        ),
        _sub("netwerk", "mantelzorger_overbelast"),
    ),
    _handhaving(
        "inlichtingenplicht_geschonden",
        T.ja_nee,
        "de inlichtingenplicht is geschonden",
        "Heeft de inwoner de inlichtingenplicht geschonden?",
    ),
    _handhaving(
        "verplichting_geschonden",
        T.ja_nee,
        "een verplichting bij de bijstand is niet nagekomen",
        "Is een verplichting bij de bijstand niet nagekomen?",
    ),
    _handhaving(
        "verwijtbaarheid",
        T.tekst,
        "mate van verwijtbaarheid (geen, verminderd, volledig)",
        "Hoe verwijtbaar is de gedraging: geen, verminderd of volledig?",
        _codes(Verwijtbaarheid),
    ),
    _handhaving(
        "benadelingsbedrag",
        T.geld,
        "te veel ontvangen bedrag",
        "Hoeveel is er te veel ontvangen?",
    ),
    _handhaving(
        "slachtoffer_financieel_misbruik",
        T.ja_nee,
        "de inwoner is slachtoffer van financieel misbruik",
        "Is de inwoner slachtoffer van financieel misbruik?",
    ),
    _Spec(
        FactInfo(
            "inkomen.maanden_laag_inkomen",
            T.aantal,
            "aantal aaneengesloten maanden met een inkomen rond het sociaal minimum",
            "Hoeveel maanden heeft het huishouden al een inkomen rond het minimum?",
        ),
        _sub("inkomenshistorie", "maanden_laag_inkomen"),
    ),
    _Spec(
        FactInfo(
            "inkomen.uitzicht_op_verbetering",
            T.ja_nee,
            "er is uitzicht op inkomensverbetering",
            "Is er uitzicht op een hoger inkomen?",
        ),
        _sub("inkomenshistorie", "uitzicht_op_inkomensverbetering"),
    ),
]

#: Fields of each collection item, for ``aantal: {van: ..., waar: ...}``.
COLLECTIES: dict[str, dict[str, FactInfo]] = {
    "personen": {
        "rol": FactInfo("rol", T.tekst, "rol in het huishouden", waarden=_codes(Rol)),
        "leeftijd": FactInfo(
            "leeftijd",
            T.aantal,
            "leeftijd in jaren op de peildatum",
            "Wat zijn de geboortedata van de huisgenoten?",
        ),
        "student_met_studiefinanciering": FactInfo(
            "student_met_studiefinanciering",
            T.ja_nee,
            "aanspraak op WSF of WTOS",
            "Hebben de huisgenoten aanspraak op studiefinanciering?",
        ),
        "commerciele_relatie": FactInfo(
            "commerciele_relatie",
            T.ja_nee,
            "commerciële huurder of kostganger",
            "Wonen huisgenoten in als commerciële huurder of kostganger?",
        ),
        "inkomen": FactInfo(
            "inkomen",
            T.geld,
            "netto inkomen per maand",
            "Wat zijn de inkomsten van de huisgenoten?",
        ),
        "wlz_indicatie": FactInfo("wlz_indicatie", T.ja_nee, "Wlz-indicatie"),
        "volgt_onderwijs": FactInfo(
            "volgt_onderwijs",
            T.ja_nee,
            "gaat naar school of studeert",
            "Gaat deze huisgenoot naar school?",
        ),
    },
    "eerdere_besluiten": {
        "soort": FactInfo("soort", T.tekst, "soort besluit", waarden=_codes(BesluitSoort)),
        "datum": FactInfo("datum", T.datum, "datum van het besluit"),
        "einddatum": FactInfo(
            "einddatum", T.datum, "einddatum", "Op welke datum is het eerdere traject beëindigd?"
        ),
        "verwijtbaar_beeindigd": FactInfo(
            "verwijtbaar_beeindigd",
            T.ja_nee,
            "verwijtbaar beëindigd",
            "Is het eerdere traject verwijtbaar beëindigd?",
        ),
        "benadeling_bestuursorgaan": FactInfo(
            "benadeling_bestuursorgaan",
            T.ja_nee,
            "benadeling van een bestuursorgaan",
            "Is bij de fraude een bestuursorgaan financieel benadeeld?",
        ),
        "opzet": FactInfo("opzet", T.ja_nee, "met opzet", "Is de fraude met opzet gepleegd?"),
        "onherroepelijke_sanctie": FactInfo(
            "onherroepelijke_sanctie",
            T.ja_nee,
            "onherroepelijke sanctie",
            "Is voor de fraude een onherroepelijke veroordeling of bestuurlijke sanctie opgelegd?",
        ),
        "openstaand_bedrag": FactInfo("openstaand_bedrag", T.geld, "openstaand bedrag"),
    },
}
COLLECTIES["medebewoners"] = COLLECTIES["personen"]

#: Facts every hulpvraag provides, as ``hulpvraag.<behoefte>.<naam>``.
#: Rules write ``vraag.<naam>``; the compiler fills in their own behoefte.
VRAAG_FEITEN: dict[str, FactInfo] = {
    "gevraagd": FactInfo("gevraagd", T.ja_nee, "de inwoner vraagt hulp voor deze behoefte"),
    "uren_per_week": FactInfo(
        "uren_per_week",
        T.aantal,
        "gevraagde uren per week",
        "Hoeveel uur hulp per week is nodig?",
    ),
    "spoed": FactInfo("spoed", T.ja_nee, "er is acute nood", "Is er acute nood?"),
    "eigen_kracht_toereikend": FactInfo(
        "eigen_kracht_toereikend",
        T.ja_nee,
        "de inwoner lost dit met eigen kracht op",
        "Kan de inwoner dit zelf oplossen?",
    ),
    "algemene_voorziening_toereikend": FactInfo(
        "algemene_voorziening_toereikend",
        T.ja_nee,
        "een algemene voorziening is passend",
        "Is er een passende algemene voorziening beschikbaar?",
    ),
    "voorliggende_voorziening": FactInfo(
        "voorliggende_voorziening",
        T.ja_nee,
        "een voorliggende voorziening is passend",
        "Is er een passende voorliggende voorziening?",
    ),
    "alleen_melding": FactInfo(
        "alleen_melding",
        T.ja_nee,
        "er is alleen een melding; het gesprek of onderzoek moet nog plaatsvinden",
        "Is er alleen een melding gedaan, of ook al een aanvraag?",
    ),
    "kosten": FactInfo(
        "kosten", T.geld, "kosten waarvoor hulp gevraagd wordt", "Hoe hoog zijn de kosten?"
    ),
    "kosten_noodzakelijk": FactInfo(
        "kosten_noodzakelijk",
        T.ja_nee,
        "de kosten zijn noodzakelijk",
        "Zijn de kosten noodzakelijk?",
    ),
    "bijzondere_omstandigheden": FactInfo(
        "bijzondere_omstandigheden",
        T.ja_nee,
        "de kosten komen voort uit bijzondere omstandigheden",
        "Komen de kosten voort uit bijzondere omstandigheden?",
    ),
    "algemeen_gebruikelijk": FactInfo(
        "algemeen_gebruikelijk",
        T.ja_nee,
        "de voorziening is algemeen gebruikelijk",
        "Is de gevraagde voorziening algemeen gebruikelijk?",
    ),
    "goedkoper_alternatief_passend": FactInfo(
        "goedkoper_alternatief_passend",
        T.ja_nee,
        "een goedkopere oplossing is even passend",
        "Is er een goedkopere oplossing die even passend is?",
    ),
    "alternatief_in_eigen_omgeving": FactInfo(
        "alternatief_in_eigen_omgeving",
        T.ja_nee,
        "de goedkopere oplossing houdt de inwoner in de eigen omgeving",
        "Blijft de inwoner met die oplossing in de eigen omgeving?",
    ),
    "pgb_gewenst": FactInfo(
        "pgb_gewenst",
        T.ja_nee,
        "de inwoner vraagt een persoonsgebonden budget",
        "Wil de inwoner een persoonsgebonden budget?",
    ),
    "budgetvaardig": FactInfo(
        "budgetvaardig",
        T.ja_nee,
        "de inwoner (of een vertegenwoordiger) kan het pgb beheren",
        "Kan de inwoner of een vertegenwoordiger het pgb beheren?",
    ),
    "pgb_gemotiveerd": FactInfo(
        "pgb_gemotiveerd",
        T.ja_nee,
        "de inwoner heeft het pgb gemotiveerd",
        "Heeft de inwoner uitgelegd waarom een pgb gewenst is?",
    ),
    "pgb_kwaliteit_gewaarborgd": FactInfo(
        "pgb_kwaliteit_gewaarborgd",
        T.ja_nee,
        "de kwaliteit van de ingekochte hulp is voldoende",
        "Is de kwaliteit van de hulp die met het pgb wordt ingekocht voldoende?",
    ),
    "zorg_in_natura_ongeschikt": FactInfo(
        "zorg_in_natura_ongeschikt",
        T.ja_nee,
        "zorg in natura past niet (gemotiveerd)",
        "Waarom past zorg in natura niet?",
    ),
    "hulp_door_sociaal_netwerk": FactInfo(
        "hulp_door_sociaal_netwerk",
        T.ja_nee,
        "de hulp komt van iemand uit het sociale netwerk",
        "Komt de hulp van iemand uit het sociale netwerk?",
    ),
    "specialistische_hulp_nodig": FactInfo(
        "specialistische_hulp_nodig",
        T.ja_nee,
        "specialistische hulp is nodig",
        "Is specialistische hulp nodig?",
    ),
    "verwijzing_arts": FactInfo(
        "verwijzing_arts",
        T.ja_nee,
        "verwezen door huisarts, jeugdarts, specialist of rechter",
        "Is er een verwijzing van een huisarts, jeugdarts, medisch specialist of de rechter?",
    ),
    "veilig_thuis_wonen_mogelijk": FactInfo(
        "veilig_thuis_wonen_mogelijk",
        T.ja_nee,
        "de inwoner kan veilig thuis wonen",
        "Kan de inwoner veilig thuis wonen?",
    ),
    "situatie_stabiel": FactInfo(
        "situatie_stabiel",
        T.ja_nee,
        "de situatie is stabiel genoeg voor een schuldregeling",
        "Is de situatie stabiel genoeg voor een schuldregeling?",
    ),
    "afspraken_nagekomen": FactInfo(
        "afspraken_nagekomen",
        T.ja_nee,
        "de inwoner komt de afspraken en verplichtingen na",
        "Komt de inwoner de afspraken na?",
    ),
    "arbeidsinschakeling_nodig": FactInfo(
        "arbeidsinschakeling_nodig",
        T.ja_nee,
        "ondersteuning naar werk is nodig",
        "Is ondersteuning nodig om aan het werk te komen of te blijven?",
    ),
    "beroep_op_hardheidsclausule": FactInfo(
        "beroep_op_hardheidsclausule",
        T.ja_nee,
        "er is een beroep op de hardheidsclausule gedaan",
        "Wordt een beroep gedaan op de hardheidsclausule?",
    ),
    "onredelijke_uitkomst": FactInfo(
        "onredelijke_uitkomst",
        T.ja_nee,
        "toepassing van de regels leidt tot een onredelijke uitkomst",
        "Leidt toepassing van de regels tot een onredelijke uitkomst?",
    ),
    "persoon_leeftijd": FactInfo(
        "persoon_leeftijd",
        T.aantal,
        "leeftijd van de persoon voor wie de hulp is",
        "Wat is de geboortedatum van de persoon voor wie de hulp is?",
    ),
    "persoon_rol": FactInfo(
        "persoon_rol", T.tekst, "rol van de persoon voor wie de hulp is", None, _codes(Rol)
    ),
    "persoon_wlz_indicatie": FactInfo(
        "persoon_wlz_indicatie",
        T.ja_nee,
        "de persoon voor wie de hulp is heeft een Wlz-indicatie",
        "Heeft de persoon voor wie de hulp is een Wlz-indicatie?",
    ),
}


def catalogue(behoeften: Iterable[str] = ()) -> dict[str, FactInfo]:
    """All input fact names with their meaning, including per-behoefte facts."""
    uit = {s.info.naam: s.info for s in _STATISCH}
    for behoefte in behoeften:
        for naam, info in VRAAG_FEITEN.items():
            volledig = f"hulpvraag.{behoefte}.{naam}"
            uit[volledig] = FactInfo(volledig, info.type, info.omschrijving, info.vraag)
    return uit


def _item(p: Persoon, peildatum: dt.date) -> dict[str, Waarde | None]:
    return {
        "rol": str(p.rol),
        "leeftijd": leeftijd(p.geboortedatum, peildatum) if p.geboortedatum else None,
        "student_met_studiefinanciering": p.student_met_studiefinanciering,
        "commerciele_relatie": p.commerciele_relatie,
        "inkomen": _inkomen(p),
        "wlz_indicatie": p.wlz_indicatie,
        "volgt_onderwijs": p.volgt_onderwijs,
    }


Feiten = dict[str, Waarde]
Collecties = dict[str, tuple[dict[str, Waarde | None], ...]]


def extract(
    situatie: Situatie, peildatum: dt.date, behoeften: Iterable[str]
) -> tuple[Feiten, Collecties]:
    """Flatten a situation into known facts (unknown ones are left out) and collections."""
    aanvrager = situatie.aanvrager
    partner = next((p for p in situatie.personen if p.rol == Rol.partner), None)
    ctx = _Ctx(situatie, peildatum, aanvrager, partner)
    feiten: Feiten = {}
    for spec in _STATISCH:
        waarde = spec.lees(ctx)
        if waarde is not None:
            feiten[spec.info.naam] = waarde
    gevraagd = {v.behoefte: v for v in situatie.hulpvragen}
    for behoefte in behoeften:
        vraag = gevraagd.get(behoefte)
        feiten[f"hulpvraag.{behoefte}.gevraagd"] = vraag is not None
        if vraag is None:
            continue
        persoon = next((p for p in situatie.personen if p.id == vraag.persoon), aanvrager)
        afgeleid: dict[str, Waarde | None] = {
            "persoon_leeftijd": leeftijd(persoon.geboortedatum, peildatum)
            if persoon.geboortedatum
            else None,
            "persoon_rol": str(persoon.rol),
            "persoon_wlz_indicatie": persoon.wlz_indicatie,
        }
        for naam in VRAAG_FEITEN:
            if naam == "gevraagd":
                continue
            waarde = afgeleid[naam] if naam in afgeleid else getattr(vraag, naam)
            if waarde is not None:
                feiten[f"hulpvraag.{behoefte}.{naam}"] = waarde
    medebewoners = tuple(
        _item(p, peildatum) for p in situatie.personen if p.rol not in (Rol.aanvrager, Rol.partner)
    )
    collecties: Collecties = {
        "personen": tuple(_item(p, peildatum) for p in situatie.personen),
        "medebewoners": medebewoners,
        "eerdere_besluiten": tuple(
            {
                "soort": str(b.soort),
                "datum": b.datum,
                "einddatum": b.einddatum,
                "verwijtbaar_beeindigd": b.verwijtbaar_beeindigd,
                "benadeling_bestuursorgaan": b.benadeling_bestuursorgaan,
                "opzet": b.opzet,
                "onherroepelijke_sanctie": b.onherroepelijke_sanctie,
                "openstaand_bedrag": b.openstaand_bedrag,
            }
            for b in situatie.eerdere_besluiten
        ),
    }
    return feiten, collecties


__all__ = [
    "COLLECTIES",
    "VRAAG_FEITEN",
    "DreigendeSituatie",
    "FactInfo",
    "Inkomensbron",
    "catalogue",
    "extract",
    "leeftijd",
]
