"""The distributions of the synthetic caseload, in one declarative place.

`caseload.genereer` draws every situation from these tables and nothing else;
``docs/voor-beleidsmedewerkers/caseload.md`` shows them (its tables are generated
from this module by `caseload.verdeling_markdown` and checked by the tests). A
percentage is the chance of one option within its dimension; every dimension adds
up to 100. Ranges (``bereik``) are in the unit the dimension names: years, percent
of the bijstandsnorm, percent of the vermogensgrens, eurocents.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Optie:
    """One option of a dimension: its code, chance in percent and meaning."""

    code: str
    kans: int
    omschrijving: str
    bereik: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Dimensie:
    """A categorical distribution with the reason for its percentages."""

    naam: str
    titel: str
    eenheid: str
    waarom: str
    opties: tuple[Optie, ...]


@dataclass(frozen=True, slots=True)
class Bevinding:
    """A yes/no finding: chance of ja, of nee, and of deliberately missing (onbekend)."""

    veld: str
    ja: int
    nee: int
    onbekend: int


def _d(naam: str, titel: str, eenheid: str, waarom: str, *opties: Optie) -> Dimensie:
    """A dimension, with its explanation's whitespace folded (written as indented text here)."""
    return Dimensie(naam, titel, eenheid, " ".join(waarom.split()), opties)


_O = Optie

DIMENSIES: tuple[Dimensie, ...] = (
    _d(
        "huishouden",
        "Huishouden",
        "",
        """Een aanname, geen meting: wie bij het sociaal domein aanklopt, is vaker alleenstaand
        of alleenstaande ouder dan gemiddeld. Er zijn genoeg medebewoners om de
        kostendelersnorm te raken.""",
        _O("alleenstaand", 42, "één persoon"),
        _O("alleenstaande_ouder", 16, "aanvrager met 1 tot 3 kinderen"),
        _O("paar_zonder_kinderen", 14, "aanvrager en partner"),
        _O("paar_met_kinderen", 16, "aanvrager, partner en 1 tot 4 kinderen"),
        _O(
            "met_medebewoners",
            12,
            "aanvrager met 1 of 2 volwassen medebewoners of inwonende kinderen",
        ),
    ),
    _d(
        "leeftijd",
        "Leeftijd van de aanvrager",
        "jaren",
        """Alle leeftijdsgrenzen van de regels komen voor: jongeren (18-20 jaar, zoektermijn tot
        27), de grens van 21 jaar (jongerennorm), 27 jaar (kostendelers, studenten) en de
        AOW-leeftijd. Eén op de twintig aanvragers zit precies op zo'n grens: zij worden die
        grens binnen twee maanden rond de peildatum.""",
        _O("jonger_dan_18", 1, "16 of 17 jaar (meldt zich zelf)", (16, 17)),
        _O("18_tot_21", 6, "18 tot 21 jaar", (18, 20)),
        _O("21_tot_27", 11, "21 tot 27 jaar", (21, 26)),
        _O("27_tot_45", 28, "27 tot 45 jaar", (27, 44)),
        _O("45_tot_aow", 33, "45 jaar tot de AOW-leeftijd", (45, 65)),
        _O("aow", 16, "AOW-leeftijd of ouder", (67, 90)),
        _O("rond_een_grens", 5, "wordt 18, 21, 27 of de AOW-leeftijd rond de peildatum"),
    ),
    _d(
        "verblijfsstatus",
        "Verblijfsstatus",
        "",
        """De meeste aanvragers zijn Nederlander; een kleine groep heeft geen rechtmatig
        verblijf, zodat de regel van Pw art. 11 en 13 geraakt wordt.""",
        _O("nederlander", 86, "Nederlander"),
        _O("gelijkgesteld", 12, "gelijkgesteld (Pw art. 16)"),
        _O("geen_rechtmatig_verblijf", 2, "geen rechtmatig verblijf"),
    ),
    _d(
        "inkomen",
        "Inkomen van aanvrager en partner samen",
        "% van de bijstandsnorm",
        """Het inkomen ligt rond de bijstandsnorm die op de peildatum voor het huishouden
        geldt (parameters in rulesets/parameters/): zo verandert een wijziging van een norm of
        een inkomensgrens (110 % voor de individuele inkomenstoeslag) echt uitkomsten. Veel
        aanvragers van bijstand hebben geen inkomen.""",
        _O("geen", 36, "geen inkomen (lege lijst)", (0, 0)),
        _O("ver_onder", 16, "10 tot 80 % van de norm", (10, 80)),
        _O("net_onder", 15, "80 tot 100 % van de norm", (80, 100)),
        _O("rond_de_grens", 15, "100 tot 115 % van de norm", (100, 115)),
        _O("boven", 12, "115 tot 160 % van de norm", (115, 160)),
        _O("ruim_boven", 6, "160 tot 300 % van de norm", (160, 300)),
    ),
    _d(
        "inkomensbron",
        "Bron van het inkomen (onder de AOW-leeftijd)",
        "",
        """Wie de AOW-leeftijd heeft, krijgt pensioen; de anderen verdienen loon of hebben een
        uitkering. Alimentatie komt alleen bij alleenstaande ouders voor; anders wordt het loon.""",
        _O("loon", 46, "loon"),
        _O("uitkering", 36, "uitkering (WW, WIA, Ziektewet)"),
        _O("alimentatie", 6, "alimentatie"),
        _O("studiefinanciering", 4, "studiefinanciering"),
        _O("overig", 8, "overig inkomen"),
    ),
    _d(
        "vermogen",
        "Vermogen van het huishouden",
        "% van de vermogensgrens",
        """Het vermogen ligt rond de vermogensgrens van Pw art. 34 die op de peildatum voor het
        huishouden geldt. Een deel heeft per saldo schulden (negatief vermogen).""",
        _O("negatief", 15, "schulden groter dan bezit (tot -50 % van de grens)", (-50, -1)),
        _O("laag", 40, "0 tot 25 % van de grens", (0, 25)),
        _O("onder_de_grens", 25, "25 tot 100 % van de grens", (25, 100)),
        _O("net_boven", 8, "100 tot 120 % van de grens", (100, 120)),
        _O("ruim_boven", 12, "120 tot 400 % van de grens", (120, 400)),
    ),
    _d(
        "woning",
        "Woonsituatie",
        "",
        """Vooral huurders; een kleine groep woont in een instelling of is dakloos, zodat de
        regels voor beschermd wonen en opvang geraakt worden. Bij 'onbekend' ontbreekt de
        woonsituatie helemaal.""",
        _O("huur", 57, "huurwoning (woonlasten € 450 tot € 1.100)"),
        _O("koop", 16, "koopwoning (woonlasten € 600 tot € 1.800, met overwaarde)"),
        _O("kamer", 8, "kamer (woonlasten € 300 tot € 600)"),
        _O("inwonend", 9, "inwonend bij anderen"),
        _O("instelling", 3, "instelling"),
        _O("dakloos", 4, "dakloos"),
        _O("onbekend", 3, "woonsituatie niet gegeven"),
    ),
    _d(
        "schulden",
        "Schulden",
        "",
        """Ongeveer de helft van de huishoudens heeft schulden, een kwart problematisch. Bij
        problematische schulden dreigt in ruim een derde van de gevallen een huisuitzetting,
        afsluiting of opzegging (Wgs art. 4 lid 2). Bij 'onbekend' ontbreken de schulden.""",
        _O("geen", 48, "geen schulden"),
        _O("beheersbaar", 20, "schulden die het huishouden zelf kan betalen (€ 200 tot € 5.000)"),
        _O("problematisch", 28, "problematische schulden (€ 2.000 tot € 60.000)"),
        _O("onbekend", 4, "schulden niet gegeven"),
    ),
    _d(
        "dreigend",
        "Dreigende situatie bij problematische schulden",
        "",
        """De dreigende situaties van Wgs art. 4 lid 2, alleen bij problematische schulden.""",
        _O("geen", 64, "niets dreigt"),
        _O("huisuitzetting", 12, "huisuitzetting"),
        _O("afsluiting_energie", 12, "afsluiting van energie"),
        _O("afsluiting_water", 3, "afsluiting van water"),
        _O("opzegging_zorgverzekering", 6, "opzegging van de zorgverzekering"),
        _O("opzegging_huurovereenkomst", 3, "opzegging van de huurovereenkomst"),
    ),
    _d(
        "aantal_hulpvragen",
        "Aantal hulpvragen per situatie",
        "",
        """Een keukentafelgesprek levert vaak meer dan één vraag op; zo ontstaan de
        combinaties die de integrale verordening samen moet beantwoorden.""",
        _O("1", 50, "één hulpvraag"),
        _O("2", 32, "twee hulpvragen"),
        _O("3", 18, "drie hulpvragen"),
    ),
    _d(
        "behoefte",
        "Behoefte (per hulpvraag)",
        "",
        """Alle behoeften van de verordening komen voor; inkomen, schulden en huishouding het
        vaakst (een aanname over de toegang van een gemiddelde gemeente). Jeugdhulp wordt
        alleen gevraagd voor een kind in het huishouden of door een aanvrager tot 23 jaar,
        studietoeslag alleen door een aanvrager van 16 tot 30 jaar; past een behoefte niet bij
        het huishouden, dan valt die af en wordt uit de overige getrokken. Daardoor wijken de
        gemeten aandelen af (zie 'Gemeten').""",
        _O("inkomen_levensonderhoud", 18, "inkomen om van te leven (bijstand)"),
        _O("schulden_op_orde", 12, "schulden op orde"),
        _O("schoon_en_leefbaar_huis", 10, "schoon en leefbaar huis"),
        _O("werk_vinden", 9, "werk vinden"),
        _O("bijzondere_kosten_betalen", 8, "bijzondere kosten betalen"),
        _O("gezond_en_veilig_opgroeien", 8, "gezond en veilig opgroeien (jeugdhulp)"),
        _O("meedoen_in_de_samenleving", 6, "meedoen in de samenleving"),
        _O("zelfstandig_verplaatsen", 6, "zelfstandig verplaatsen"),
        _O("langdurig_laag_inkomen", 6, "langdurig laag inkomen"),
        _O("meedoen_met_laag_inkomen", 5, "meedoen met een laag inkomen"),
        _O("geschikte_woning", 4, "geschikte woning"),
        _O("mantelzorger_ondersteunen", 4, "mantelzorger ondersteunen"),
        _O("veilig_onderdak", 2, "veilig onderdak"),
        _O("studeren_met_beperking", 2, "studeren met een beperking"),
    ),
    _d(
        "huishoudvermogen",
        "Kan de persoon voor wie de hulp is het huishouden doen?",
        "",
        """Alleen bij een vraag om een schoon en leefbaar huis, en bij de partner van zo'n
        aanvrager (gebruikelijke hulp).""",
        _O("niet", 35, "niet"),
        _O("gedeeltelijk", 45, "gedeeltelijk"),
        _O("volledig", 20, "volledig"),
    ),
    _d(
        "eerder_besluit",
        "Eerdere besluiten, maatregelen en vorderingen",
        "",
        """De meeste huishoudens hebben geen voorgeschiedenis die de regels raakt. Een eerder
        schuldhulptraject is in 40 % van de gevallen verwijtbaar beëindigd; een fraudevordering
        is in de helft van de gevallen opzettelijk, met benadeling en een onherroepelijke
        sanctie (de weigeringsgrond van Wgs art. 3 lid 3). Datums liggen tot 6 jaar terug.""",
        _O("geen", 76, "geen eerder besluit"),
        _O("bijstand", 8, "eerdere bijstand"),
        _O("schuldhulptraject", 5, "eerder schuldhulptraject"),
        _O("fraudevordering", 3, "fraudevordering"),
        _O("maatregel", 3, "maatregel (verlaging van de bijstand)"),
        _O("wmo_maatwerk", 3, "eerdere Wmo-maatwerkvoorziening"),
        _O("jeugdhulp", 2, "eerdere jeugdhulp"),
    ),
    _d(
        "handhaving",
        "Handhaving (alleen bij een vraag om inkomen)",
        "",
        """Een kleine groep bijstandsaanvragen heeft een bevinding over de inlichtingenplicht
        of een andere verplichting, zodat de regels van hoofdstuk 10 geraakt worden.""",
        _O("geen", 85, "geen bevinding (niet gegeven)"),
        _O("inlichtingenplicht", 7, "inlichtingenplicht geschonden, met benadelingsbedrag"),
        _O("verplichting", 8, "verplichting niet nagekomen, met mate van verwijtbaarheid"),
    ),
)

#: Yes/no findings per hulpvraag (percent ja / nee / onbekend). The onbekend share is the
#: deliberately missing fraction that makes questions (`vragen`) appear.
BEVINDINGEN: tuple[Bevinding, ...] = (
    Bevinding("spoed", 8, 90, 2),
    Bevinding("eigen_kracht_toereikend", 15, 77, 8),
    Bevinding("algemene_voorziening_toereikend", 30, 62, 8),
    Bevinding("voorliggende_voorziening", 10, 85, 5),
    Bevinding("kosten_noodzakelijk", 75, 20, 5),
    Bevinding("bijzondere_omstandigheden", 70, 25, 5),
    Bevinding("algemeen_gebruikelijk", 20, 75, 5),
    Bevinding("goedkoper_alternatief_passend", 25, 70, 5),
    Bevinding("alternatief_in_eigen_omgeving", 60, 35, 5),
    Bevinding("budgetvaardig", 80, 15, 5),
    Bevinding("pgb_gemotiveerd", 85, 10, 5),
    Bevinding("pgb_kwaliteit_gewaarborgd", 85, 10, 5),
    Bevinding("zorg_in_natura_ongeschikt", 50, 45, 5),
    Bevinding("hulp_door_sociaal_netwerk", 30, 65, 5),
    Bevinding("bovengebruikelijke_zorg", 40, 55, 5),
    Bevinding("specialistische_hulp_nodig", 35, 60, 5),
    Bevinding("verwijzing_arts", 40, 55, 5),
    Bevinding("veilig_thuis_wonen_mogelijk", 55, 40, 5),
    Bevinding("situatie_stabiel", 65, 30, 5),
    Bevinding("afspraken_nagekomen", 85, 10, 5),
    Bevinding("arbeidsinschakeling_nodig", 75, 20, 5),
    Bevinding("onredelijke_uitkomst", 50, 40, 10),
)

#: Facts about the household that are yes/no (percent ja / nee / onbekend).
KENMERKEN: tuple[Bevinding, ...] = (
    Bevinding("netwerk.beschikbaar", 40, 50, 10),
    Bevinding("netwerk.mantelzorger_overbelast", 15, 75, 10),
    Bevinding("wlz_indicatie", 3, 95, 2),
    Bevinding("wlz_indicatie_aow", 8, 90, 2),
    Bevinding("medisch_urenbeperkt", 6, 92, 2),
    Bevinding("psychische_of_lichamelijke_belemmering", 8, 90, 2),
    Bevinding("student_met_studiefinanciering_tot_27", 20, 78, 2),
    Bevinding("student_met_studiefinanciering", 2, 96, 2),
    Bevinding("volgt_onderwijs_tot_27", 40, 58, 2),
    Bevinding("uwv_advies_beschut_werk", 5, 90, 5),
    Bevinding("structureel_geen_bijverdienste", 70, 25, 5),
    Bevinding("langdurig_afwezig", 20, 75, 5),
    Bevinding("uitzicht_op_inkomensverbetering", 20, 70, 10),
)

#: Yes/no fields that are never missing (the model's default is nee): percent ja.
ALTIJD_GEGEVEN: dict[str, int] = {
    "alleen_melding": 12,
    "pgb_gewenst": 12,
    "beroep_op_hardheidsclausule": 3,
}

#: Facts left out on purpose in this percentage of situations, so questions appear.
ONTBREEKT: dict[str, int] = {
    "meldingsdatum": 2,
    "aanvraagdatum": 35,
    "geboortedatum_partner": 3,
    "geboortedatum_kind": 2,
    "verblijfsstatus": 2,
    "inkomsten_aanvrager": 3,
    "vermogen": 4,
    "kan_huishouden_doen": 5,
}

#: Which findings each need's hulpvraag carries (read from the rules that serve it).
BEHOEFTE_VELDEN: dict[str, tuple[str, ...]] = {
    "inkomen_levensonderhoud": ("spoed",),
    "schulden_op_orde": ("situatie_stabiel", "afspraken_nagekomen"),
    "schoon_en_leefbaar_huis": (
        "spoed",
        "eigen_kracht_toereikend",
        "algemene_voorziening_toereikend",
        "budgetvaardig",
        "pgb_gemotiveerd",
        "pgb_kwaliteit_gewaarborgd",
    ),
    "werk_vinden": (
        "eigen_kracht_toereikend",
        "voorliggende_voorziening",
        "arbeidsinschakeling_nodig",
    ),
    "bijzondere_kosten_betalen": (
        "kosten_noodzakelijk",
        "bijzondere_omstandigheden",
        "voorliggende_voorziening",
    ),
    "gezond_en_veilig_opgroeien": (
        "spoed",
        "eigen_kracht_toereikend",
        "voorliggende_voorziening",
        "specialistische_hulp_nodig",
        "verwijzing_arts",
        "budgetvaardig",
        "pgb_kwaliteit_gewaarborgd",
        "zorg_in_natura_ongeschikt",
        "hulp_door_sociaal_netwerk",
        "bovengebruikelijke_zorg",
    ),
    "meedoen_in_de_samenleving": (
        "spoed",
        "eigen_kracht_toereikend",
        "algemene_voorziening_toereikend",
        "algemeen_gebruikelijk",
        "budgetvaardig",
        "pgb_gemotiveerd",
        "pgb_kwaliteit_gewaarborgd",
    ),
    "zelfstandig_verplaatsen": (
        "spoed",
        "eigen_kracht_toereikend",
        "algemene_voorziening_toereikend",
        "algemeen_gebruikelijk",
        "budgetvaardig",
        "pgb_gemotiveerd",
        "pgb_kwaliteit_gewaarborgd",
    ),
    "langdurig_laag_inkomen": (),
    "meedoen_met_laag_inkomen": (),
    "geschikte_woning": (
        "spoed",
        "eigen_kracht_toereikend",
        "algemeen_gebruikelijk",
        "goedkoper_alternatief_passend",
        "alternatief_in_eigen_omgeving",
        "budgetvaardig",
        "pgb_gemotiveerd",
        "pgb_kwaliteit_gewaarborgd",
    ),
    "mantelzorger_ondersteunen": ("spoed", "algemene_voorziening_toereikend"),
    "veilig_onderdak": ("spoed", "eigen_kracht_toereikend", "veilig_thuis_wonen_mogelijk"),
    "studeren_met_beperking": (),
}

#: Amounts and counts drawn uniformly from these ranges (eurocents, hours, months, percent).
BEREIKEN: dict[str, tuple[int, int]] = {
    "kosten_bijzondere_bijstand": (5_000, 150_000),
    "uren_huishouden_per_week": (1, 8),
    "mantelzorg_uren_per_week": (2, 30),
    "maanden_laag_inkomen": (0, 120),
    "loonwaarde_procent": (30, 95),
    "benadelingsbedrag": (10_000, 1_500_000),
    "openstaand_bedrag": (0, 800_000),
    "dagen_melding_voor_peildatum": (0, 60),
    "dagen_aanvraag_na_melding": (0, 14),
    "jaren_eerder_besluit": (0, 6),
}

#: Chance in percent that a person has a loonwaarde (only with a werk_vinden hulpvraag).
KANS_LOONWAARDE = 20


def dimensie(naam: str) -> Dimensie:
    """The dimension with this name."""
    for d in DIMENSIES:
        if d.naam == naam:
            return d
    raise KeyError(naam)
