"""Declared fact vocabulary: collections for `aantal` and the facts of every hulpvraag.

Data only, read by `facts` (the full catalogue), by the parser to type-check names,
and by the evaluator for the Dutch question to ask when a fact is missing, and for the
places in a `Situatie` that answer it (`Bron`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from verordening._types import GegevenType
from verordening.model.situatie import Inkomensbron

T = GegevenType

#: Answer type of a path that holds a person's income sources: a list of objects
#: ``{"bron": <code>, "bedrag_per_maand": <eurocent>}``, the codes in the question's
#: ``waarden`` (`INKOMENSBRONNEN`); an empty list is "no income".
INKOMSTEN = "inkomsten"
INKOMENSBRONNEN = tuple(str(b) for b in Inkomensbron)
#: Answer type of a path that holds a list of codes, each one of the question's ``waarden``
#: (an empty list is an answer too: none of them).
CODES = "codes"


@dataclass(frozen=True, slots=True)
class Bron:
    """Where a `Situatie` answers a fact: JSON-path templates, and the answer's type and codes.

    A template names a place in the Situatie (``$.woonsituatie.soort``); an index in braces
    is filled in per case: ``{aanvrager}``, ``{partner}`` and ``{kind}`` (the index of each
    person with that rol in ``personen``), ``{hulpvraag}`` (the hulpvraag of the fact's
    behoefte), ``{persoon}`` (the person that hulpvraag is for) and ``{item}`` (the item of
    a collection). ``type`` and ``waarden`` describe the value at the paths when it is not
    the fact's own (an age is answered by a birth date, an income by its sources).
    """

    paden: tuple[str, ...]
    type: str | None = None
    waarden: tuple[str, ...] | None = None


class GegevenSoort(StrEnum):
    """Who supplies an input fact, which decides what happens while it is missing (DESIGN §3).

    - ``gegeven``: the resident tells it (or a document shows it); missing, it is a question.
    - ``bevinding``: a professional establishes it in the onderzoek; missing, it is an
      onderzoekspunt of the procedural step. Never presumed.
    - ``uitzondering``: an exception to a right that the municipality checks in a register
      (a Wlz indication, studiefinanciering, a breach of the inlichtingenplicht); the
      bylaw may declare a presumption (vermoeden) for it.
    """

    gegeven = "gegeven"
    bevinding = "bevinding"
    uitzondering = "uitzondering"


@dataclass(frozen=True, slots=True)
class FactInfo:
    """What a fact name means: type, Dutch description, question, allowed codes, who supplies it."""

    naam: str
    type: GegevenType
    omschrijving: str
    vraag: str | None = None
    waarden: tuple[str, ...] = ()
    #: Who supplies it; by default derived from the name (`soort_van`).
    soort: GegevenSoort | None = None
    #: Where a Situatie answers it (`Bron`); None for a fact no field holds.
    bron: Bron | None = None

    def __post_init__(self) -> None:
        """Fill in ``soort`` from the name when it is not given."""
        if self.soort is None:
            object.__setattr__(self, "soort", soort_van(self.naam))


#: The last name part of every input fact a professional establishes (onderzoek), for
#: persons, hulpvragen and the situation alike; never presumed (V320).
BEVINDINGEN: frozenset[str] = frozenset(
    {
        # hulpvraag: what the onderzoek of Wmo 2015 art. 2.3.2 lid 4, Jeugdwet art. 2.3 and
        # Pw art. 53a establishes
        "eigen_kracht_toereikend",
        "algemene_voorziening_toereikend",
        "voorliggende_voorziening",
        "kosten_noodzakelijk",
        "bijzondere_omstandigheden",
        "algemeen_gebruikelijk",
        "goedkoper_alternatief_passend",
        "alternatief_in_eigen_omgeving",
        "budgetvaardig",
        "pgb_kwaliteit_gewaarborgd",
        "zorg_in_natura_ongeschikt",
        "specialistische_hulp_nodig",
        "veilig_thuis_wonen_mogelijk",
        "situatie_stabiel",
        "afspraken_nagekomen",
        "arbeidsinschakeling_nodig",
        "onredelijke_uitkomst",
        "bovengebruikelijke_zorg",
        "uren_per_week",
        # person: findings of the professional, UWV or a medical adviser
        "kan_huishouden_doen",
        "psychische_of_lichamelijke_belemmering",
        "medisch_urenbeperkt",
        "loonwaarde_procent",
        "uwv_advies_beschut_werk",
        "structureel_geen_bijverdienste",
        # the situation
        "beschikbaar",
        "mantelzorger_overbelast",
        "problematisch",
        "uitzicht_op_verbetering",
        "verwijtbaarheid",
    }
)

#: The last name part of every input fact that is an exception to a right, checked in a
#: register; only these may carry a presumption (vermoeden).
UITZONDERINGEN: frozenset[str] = frozenset(
    {
        "wlz_indicatie",
        "persoon_wlz_indicatie",
        "student_met_studiefinanciering",
        "doelgroep_loonkostensubsidie",
        "pro_of_vso_afgelopen_jaar",
        "inlichtingenplicht_geschonden",
        "verplichting_geschonden",
    }
)


def soort_van(naam: str) -> GegevenSoort:
    """Who supplies the input fact ``naam`` (by its last name part)."""
    kort = naam.rsplit(".", 1)[-1]
    if kort in BEVINDINGEN:
        return GegevenSoort.bevinding
    if kort in UITZONDERINGEN:
        return GegevenSoort.uitzondering
    return GegevenSoort.gegeven


def met_bron(tabel: dict[str, FactInfo], bronnen: dict[str, Bron], pad: str) -> dict[str, FactInfo]:
    """``tabel`` with a `Bron` for every fact: from ``bronnen``, else the field of that name.

    ``pad`` is the template of the object that holds the fields, e.g. ``$.hulpvragen[{hulpvraag}]``.
    """
    return {n: replace(i, bron=bronnen.get(n, Bron((f"{pad}.{n}",)))) for n, i in tabel.items()}


def _tabel(*rijen: tuple[object, ...]) -> dict[str, FactInfo]:
    """A fact table from rows of `FactInfo` fields, keyed by the name in the first column."""
    uit: dict[str, FactInfo] = {}
    for r in rijen:
        naam = str(r[0])
        uit[naam] = FactInfo(*r)  # type: ignore[arg-type]
    return uit


#: Fields of each collection item, for ``aantal: {van: ..., waar: ...}``.
COLLECTIES: dict[str, dict[str, FactInfo]] = {
    "personen": _tabel(
        (
            "rol",
            T.tekst,
            "rol in het huishouden",
            None,
            ("aanvrager", "partner", "kind", "ouder", "medebewoner"),
        ),
        (
            "leeftijd",
            T.aantal,
            "leeftijd in jaren op de peildatum",
            "Wat zijn de geboortedata van de huisgenoten?",
        ),
        (
            "student_met_studiefinanciering",
            T.ja_nee,
            "aanspraak op WSF of WTOS",
            "Hebben de huisgenoten aanspraak op studiefinanciering?",
        ),
        (
            "commerciele_relatie",
            T.ja_nee,
            "commerciële huurder of kostganger",
            "Wonen huisgenoten in als commerciële huurder of kostganger?",
        ),
        (
            "verwant_eerste_of_tweede_graad",
            T.ja_nee,
            "bloed- of aanverwant in de eerste of tweede graad",
            "Is de huisgenoot die commercieel huurt of in de kost is, een bloed- of aanverwant in "
            "de eerste of tweede graad van de aanvrager of de partner (bijv. (schoon)ouder, "
            "(stief)kind, broer, zus, zwager, schoonzus, grootouder of kleinkind)?",
        ),
        ("inkomen", T.geld, "netto inkomen per maand", "Wat zijn de inkomsten van de huisgenoten?"),
        ("wlz_indicatie", T.ja_nee, "Wlz-indicatie"),
        (
            "volgt_onderwijs",
            T.ja_nee,
            "gaat naar school of studeert",
            "Gaat deze huisgenoot naar school?",
        ),
    ),
    "eerdere_besluiten": _tabel(
        (
            "soort",
            T.tekst,
            "soort besluit",
            None,
            (
                "schuldhulptraject",
                "fraudevordering",
                "maatregel",
                "individuele_inkomenstoeslag",
                "bijstand",
                "wmo_maatwerk",
                "jeugdhulp",
                "terugvordering",
                "pgb",
                "bijzondere_bijstand",
            ),
        ),
        ("datum", T.datum, "datum van het besluit"),
        ("einddatum", T.datum, "einddatum", "Op welke datum is het eerdere traject beëindigd?"),
        (
            "verwijtbaar_beeindigd",
            T.ja_nee,
            "verwijtbaar beëindigd",
            "Is het eerdere traject verwijtbaar beëindigd?",
        ),
        (
            "benadeling_bestuursorgaan",
            T.ja_nee,
            "benadeling van een bestuursorgaan",
            "Is bij de fraude een bestuursorgaan financieel benadeeld?",
        ),
        ("opzet", T.ja_nee, "met opzet", "Is de fraude met opzet gepleegd?"),
        (
            "onherroepelijke_sanctie",
            T.ja_nee,
            "onherroepelijke sanctie",
            "Is voor de fraude een onherroepelijke veroordeling of bestuurlijke sanctie opgelegd?",
        ),
        ("openstaand_bedrag", T.geld, "openstaand bedrag"),
        (
            "persoon",
            T.tekst,
            "voor wie het besluit gold (id)",
            "Voor wie gold het eerdere besluit?",
        ),
    ),
}
#: Where a person item is answered: the computed fields by what they are computed from.
_PERSOON_ITEM_BRON = {
    "leeftijd": Bron(("$.personen[{item}].geboortedatum",), T.datum),
    "inkomen": Bron(("$.personen[{item}].inkomsten",), INKOMSTEN, INKOMENSBRONNEN),
}
COLLECTIES["personen"] = met_bron(COLLECTIES["personen"], _PERSOON_ITEM_BRON, "$.personen[{item}]")
COLLECTIES["eerdere_besluiten"] = met_bron(
    COLLECTIES["eerdere_besluiten"], {}, "$.eerdere_besluiten[{item}]"
)
# Medebewoners are persons: ``{item}`` is their index in ``personen``.
COLLECTIES["medebewoners"] = COLLECTIES["personen"]

#: Facts every hulpvraag provides, as ``hulpvraag.<behoefte>.<naam>``.
#: Rules write ``vraag.<naam>``; the compiler fills in their own behoefte.
VRAAG_FEITEN: dict[str, FactInfo] = _tabel(
    ("gevraagd", T.ja_nee, "de inwoner vraagt hulp voor deze behoefte"),
    ("uren_per_week", T.aantal, "gevraagde uren per week", "Hoeveel uur hulp per week is nodig?"),
    ("spoed", T.ja_nee, "er is acute nood", "Is er acute nood?"),
    (
        "eigen_kracht_toereikend",
        T.ja_nee,
        "de inwoner lost dit met eigen kracht op",
        "Kan de inwoner dit zelf oplossen?",
    ),
    (
        "algemene_voorziening_toereikend",
        T.ja_nee,
        "een algemene voorziening is passend",
        "Is er een passende algemene voorziening beschikbaar?",
    ),
    (
        "voorliggende_voorziening",
        T.ja_nee,
        "een voorliggende voorziening is passend",
        "Is er een passende voorliggende voorziening?",
    ),
    (
        "alleen_melding",
        T.ja_nee,
        "er is alleen een melding; het gesprek of onderzoek moet nog plaatsvinden",
        "Is er alleen een melding gedaan, of ook al een aanvraag?",
    ),
    ("kosten", T.geld, "kosten waarvoor hulp gevraagd wordt", "Hoe hoog zijn de kosten?"),
    (
        "kosten_noodzakelijk",
        T.ja_nee,
        "de kosten zijn noodzakelijk",
        "Zijn de kosten noodzakelijk?",
    ),
    (
        "bijzondere_omstandigheden",
        T.ja_nee,
        "de kosten komen voort uit bijzondere omstandigheden",
        "Komen de kosten voort uit bijzondere omstandigheden?",
    ),
    (
        "algemeen_gebruikelijk",
        T.ja_nee,
        "de voorziening is algemeen gebruikelijk",
        "Is de gevraagde voorziening algemeen gebruikelijk?",
    ),
    (
        "goedkoper_alternatief_passend",
        T.ja_nee,
        "een goedkopere oplossing is even passend",
        "Is er een goedkopere oplossing die even passend is?",
    ),
    (
        "alternatief_in_eigen_omgeving",
        T.ja_nee,
        "de goedkopere oplossing houdt de inwoner in de eigen omgeving",
        "Blijft de inwoner met die oplossing in de eigen omgeving?",
    ),
    (
        "pgb_gewenst",
        T.ja_nee,
        "de inwoner vraagt een persoonsgebonden budget",
        "Wil de inwoner een persoonsgebonden budget?",
    ),
    (
        "budgetvaardig",
        T.ja_nee,
        "de inwoner (of een vertegenwoordiger) kan het pgb beheren",
        "Kan de inwoner of een vertegenwoordiger het pgb beheren?",
    ),
    (
        "pgb_gemotiveerd",
        T.ja_nee,
        "de inwoner heeft het pgb gemotiveerd",
        "Heeft de inwoner uitgelegd waarom een pgb gewenst is?",
    ),
    (
        "pgb_kwaliteit_gewaarborgd",
        T.ja_nee,
        "de kwaliteit van de ingekochte hulp is voldoende",
        "Is de kwaliteit van de hulp die met het pgb wordt ingekocht voldoende?",
    ),
    (
        "zorg_in_natura_ongeschikt",
        T.ja_nee,
        "zorg in natura past niet (gemotiveerd)",
        "Waarom past zorg in natura niet?",
    ),
    (
        "hulp_door_sociaal_netwerk",
        T.ja_nee,
        "de hulp komt van iemand uit het sociale netwerk",
        "Komt de hulp van iemand uit het sociale netwerk?",
    ),
    (
        "specialistische_hulp_nodig",
        T.ja_nee,
        "specialistische hulp is nodig",
        "Is specialistische hulp nodig?",
    ),
    (
        "verwijzing_arts",
        T.ja_nee,
        "verwezen door huisarts, jeugdarts, specialist of rechter",
        "Is er een verwijzing van een huisarts, jeugdarts, medisch specialist of de rechter?",
    ),
    (
        "veilig_thuis_wonen_mogelijk",
        T.ja_nee,
        "de inwoner kan veilig thuis wonen",
        "Kan de inwoner veilig thuis wonen?",
    ),
    (
        "situatie_stabiel",
        T.ja_nee,
        "de situatie is stabiel genoeg voor een schuldregeling",
        "Is de situatie stabiel genoeg voor een schuldregeling?",
    ),
    (
        "afspraken_nagekomen",
        T.ja_nee,
        "de inwoner komt de afspraken en verplichtingen na",
        "Komt de inwoner de afspraken na?",
    ),
    (
        "arbeidsinschakeling_nodig",
        T.ja_nee,
        "ondersteuning naar werk is nodig",
        "Is ondersteuning nodig om aan het werk te komen of te blijven?",
    ),
    (
        "beroep_op_hardheidsclausule",
        T.ja_nee,
        "er is een beroep op de hardheidsclausule gedaan",
        "Wordt een beroep gedaan op de hardheidsclausule?",
    ),
    (
        "onredelijke_uitkomst",
        T.ja_nee,
        "toepassing van de regels leidt tot een onredelijke uitkomst",
        "Leidt toepassing van de regels tot een onredelijke uitkomst?",
    ),
    (
        "persoon_leeftijd",
        T.aantal,
        "leeftijd van de persoon voor wie de hulp is",
        "Wat is de geboortedatum van de persoon voor wie de hulp is?",
    ),
    (
        "persoon_rol",
        T.tekst,
        "rol van de persoon voor wie de hulp is",
        None,
        ("aanvrager", "partner", "kind", "ouder", "medebewoner"),
    ),
    (
        "persoon_wlz_indicatie",
        T.ja_nee,
        "de persoon voor wie de hulp is heeft een Wlz-indicatie",
        "Heeft de persoon voor wie de hulp is een Wlz-indicatie?",
    ),
    ("persoon_id", T.tekst, "id van de persoon voor wie de hulp is"),
    (
        "persoon_geboortedatum",
        T.datum,
        "geboortedatum van de persoon voor wie de hulp is",
        "Wat is de geboortedatum van de persoon voor wie de hulp is?",
    ),
    (
        "bovengebruikelijke_zorg",
        T.ja_nee,
        "de zorg van een ouder gaat uit boven de gebruikelijke zorg",
        "Gaat de zorg die de ouder geeft uit boven de gebruikelijke zorg?",
    ),
)
#: The ``persoon_*`` facts of a hulpvraag are answered in the person the hulpvraag is for;
#: every other fact in the hulpvraag's field of that name.
_VRAAG_PERSOON_BRON = {
    # Whether a need is asked is no field: the hulpvraag is there or not.
    "gevraagd": Bron(()),
    "persoon_leeftijd": Bron(("$.personen[{persoon}].geboortedatum",), T.datum),
    "persoon_geboortedatum": Bron(("$.personen[{persoon}].geboortedatum",)),
    "persoon_wlz_indicatie": Bron(("$.personen[{persoon}].wlz_indicatie",)),
    "persoon_rol": Bron(("$.personen[{persoon}].rol",)),
    "persoon_id": Bron(("$.personen[{persoon}].id",)),
}
VRAAG_FEITEN = met_bron(VRAAG_FEITEN, _VRAAG_PERSOON_BRON, "$.hulpvragen[{hulpvraag}]")
