"""The fact catalogue: every name a rule may use, its type, and how to read it.

This is the model layer of DESIGN §3: facts that are pure arithmetic on the
`Situatie` (age on the peildatum, income totals, counts) are computed here once,
generically, never per rule. Rules see a flat namespace (``aanvrager.leeftijd``)
plus collections (``medebewoners``) for the ``aantal`` operator. A fact that the
situation does not give is absent: *onbekend*.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from verordening._types import GegevenType, Waarde
from verordening.compiler._catalogue import (
    CODES,
    COLLECTIES,
    INKOMENSBRONNEN,
    INKOMSTEN,
    VRAAG_FEITEN,
    Bron,
    FactInfo,
    GegevenSoort,
)
from verordening.model.situatie import (
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
class _Spec:
    """One input fact: what the catalogue says of it, and how to read it from a case."""

    info: FactInfo
    lees: Getter


@dataclass(slots=True)
class _Ctx:
    """What every getter reads from: the case, its peildatum, and its applicant and partner."""

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
    """The monthly income of ``p``: the sum of its sources; onbekend when none are given."""
    if p is None or p.inkomsten is None:
        return None
    return sum(i.bedrag_per_maand for i in p.inkomsten)


def _codes(enum: Iterable[object]) -> tuple[str, ...]:
    """The codes of an enum, as the catalogue lists a fact's possible values."""
    return tuple(str(e) for e in enum)


#: Per person (aanvrager, partner): (name, type, description, question, codes); ``{wie}`` is
#: filled in. Names that match a `Persoon` field are read from it; the others are computed.
_PERSOON: tuple[tuple[str, GegevenType, str, str | None, tuple[str, ...]], ...] = (
    (
        "leeftijd",
        T.aantal,
        "leeftijd van {wie} in jaren op de peildatum",
        "Wat is de geboortedatum van {wie}?",
        (),
    ),
    (
        "leeftijd_maanden",
        T.aantal,
        "leeftijd van {wie} in maanden op de peildatum",
        "Wat is de geboortedatum van {wie}?",
        (),
    ),
    ("geboortedatum", T.datum, "geboortedatum van {wie}", "Wat is de geboortedatum van {wie}?", ()),
    (
        "verblijfsstatus",
        T.tekst,
        "verblijfsstatus van {wie}",
        "Wat is de verblijfsstatus van {wie}?",
        _codes(Verblijfsstatus),
    ),
    (
        "student_met_studiefinanciering",
        T.ja_nee,
        "{wie} heeft aanspraak op WSF 2000 of WTOS",
        "Heeft {wie} aanspraak op studiefinanciering (WSF of WTOS)?",
        (),
    ),
    (
        "inkomen",
        T.geld,
        "netto inkomen van {wie} per maand",
        "Wat zijn de inkomsten van {wie} per maand?",
        (),
    ),
    (
        "kan_huishouden_doen",
        T.tekst,
        "kan {wie} het huishouden doen",
        "Kan {wie} het huishouden (volledig, gedeeltelijk of niet) doen?",
        _codes(Huishoudvermogen),
    ),
    (
        "langdurig_afwezig",
        T.ja_nee,
        "{wie} is vaak of lang van huis",
        "Is {wie} vaak of lang van huis?",
        (),
    ),
    (
        "wlz_indicatie",
        T.ja_nee,
        "{wie} heeft een Wlz-indicatie",
        "Heeft {wie} een indicatie voor de Wet langdurige zorg?",
        (),
    ),
    (
        "medisch_urenbeperkt",
        T.ja_nee,
        "{wie} is medisch urenbeperkt",
        "Is {wie} medisch urenbeperkt?",
        (),
    ),
    (
        "doelgroep_loonkostensubsidie",
        T.ja_nee,
        "{wie} behoort tot de doelgroep loonkostensubsidie",
        "Behoort {wie} tot de doelgroep loonkostensubsidie?",
        (),
    ),
    (
        "pro_of_vso_afgelopen_jaar",
        T.ja_nee,
        "{wie} stond in het jaar vóór de melding ingeschreven bij het praktijkonderwijs of het "
        "voortgezet speciaal onderwijs",
        "Stond {wie} in het jaar vóór de melding ingeschreven bij het praktijkonderwijs of het "
        "voortgezet speciaal onderwijs?",
        (),
    ),
    (
        "psychische_of_lichamelijke_belemmering",
        T.ja_nee,
        "{wie} kan door een belemmering nu geen werk of opleiding zoeken",
        "Kan {wie} door een psychische of lichamelijke belemmering nu geen werk of opleiding "
        "zoeken?",
        (),
    ),
    (
        "loonwaarde_procent",
        T.aantal,
        "loonwaarde van {wie} in procenten van het minimumloon",
        "Wat is de vastgestelde loonwaarde van {wie}?",
        (),
    ),
    (
        "uwv_advies_beschut_werk",
        T.ja_nee,
        "UWV adviseert beschut werk voor {wie}",
        "Heeft UWV geadviseerd dat {wie} alleen beschut kan werken?",
        (),
    ),
    (
        "structureel_geen_bijverdienste",
        T.ja_nee,
        "{wie} kan door ziekte of handicap structureel niet naast de studie werken",
        "Kan {wie} door ziekte of handicap structureel niet naast de studie werken?",
        (),
    ),
    (
        "volgt_onderwijs",
        T.ja_nee,
        "{wie} gaat naar school of studeert",
        "Gaat {wie} naar school of studeert {wie}?",
        (),
    ),
    ("mantelzorger", T.ja_nee, "{wie} geeft mantelzorg", "Geeft {wie} mantelzorg?", ()),
    (
        "mantelzorg_uren_per_week",
        T.aantal,
        "uren mantelzorg per week van {wie}",
        "Hoeveel uur per week geeft {wie} mantelzorg?",
        (),
    ),
)


#: Where a computed person fact is answered: the `Persoon` field it is computed from.
_PERSOON_BRON: dict[str, tuple[str, str, tuple[str, ...] | None]] = {
    "leeftijd": ("geboortedatum", T.datum, None),
    "leeftijd_maanden": ("geboortedatum", T.datum, None),
    "inkomen": ("inkomsten", INKOMSTEN, INKOMENSBRONNEN),
}


def _persoon_bron(prefix: str, naam: str) -> Bron:
    """Where fact ``naam`` of person ``prefix`` is answered: its own field, or its source."""
    veld, soort, waarden = _PERSOON_BRON.get(naam, (naam, None, None))
    return Bron((f"$.personen[{{{prefix}}}].{veld}",), soort, waarden)


def _persoon_specs(prefix: str, wie: str, kies: Callable[[_Ctx], Persoon | None]) -> list[_Spec]:
    """The facts of one person (``aanvrager`` or ``partner``) from `_PERSOON`.

    ``kies`` picks the person from a case; every fact of a person who is absent (no
    partner) is onbekend. ``wie`` fills the Dutch descriptions and questions; the facts
    are answered in that person's fields (`_persoon_bron`).
    """
    berekend: dict[str, Callable[[Persoon, dt.date], Waarde | None]] = {
        "leeftijd": lambda p, op: leeftijd(p.geboortedatum, op) if p.geboortedatum else None,
        "leeftijd_maanden": lambda p, op: (
            leeftijd_maanden(p.geboortedatum, op) if p.geboortedatum else None
        ),
        "inkomen": lambda p, op: _inkomen(p),
    }

    def lezer(naam: str) -> Getter:
        """The getter of fact ``naam``: computed (age, income) or read from the `Persoon` field."""
        reken = berekend.get(naam)
        if reken is not None:

            def lees_berekend(c: _Ctx) -> Waarde | None:
                """A computed person fact, on the case's peildatum."""
                p = kies(c)
                return None if p is None else reken(p, c.peildatum)

            return lees_berekend

        def lees(c: _Ctx) -> Waarde | None:
            """A `Persoon` field as a fact value (an enum as its code)."""
            p = kies(c)
            if p is None:
                return None
            waarde = getattr(p, naam)
            return str(waarde) if hasattr(waarde, "value") else waarde

        return lees

    return [
        _Spec(
            FactInfo(
                f"{prefix}.{naam}",
                soort,
                omschrijving.format(wie=wie),
                vraag.format(wie=wie) if vraag else None,
                waarden,
                bron=_persoon_bron(prefix, naam),
            ),
            lezer(naam),
        )
        for naam, soort, omschrijving, vraag, waarden in _PERSOON
    ]


def _sub(attr: str, veld: str) -> Getter:
    """A getter of field ``veld`` of the part ``attr`` of a Situatie (e.g. ``woning.soort``)."""

    def lees(c: _Ctx) -> Waarde | None:
        """The field's value (an enum as its code); onbekend when the part is absent."""
        deel = getattr(c.situatie, attr)
        if deel is None:
            return None
        waarde = getattr(deel, veld)
        return str(waarde) if hasattr(waarde, "value") else waarde

    return lees


def _deel(info: FactInfo, attr: str, veld: str) -> _Spec:
    """The fact ``info`` read from, and answered at, field ``veld`` of part ``attr``."""
    return _Spec(replace(info, bron=info.bron or Bron((f"$.{attr}.{veld}",))), _sub(attr, veld))


def _leeftijd_bij_melding(c: _Ctx) -> int | None:
    """The applicant's age on the meldingsdatum (the zoektermijn of Pw art. 41 lid 4 asks it)."""
    geboren, melding = c.aanvrager.geboortedatum, c.situatie.meldingsdatum
    return leeftijd(geboren, melding) if geboren and melding else None


def _dreigend(c: _Ctx) -> bool | None:
    """Whether a situation of Wgs art. 4 lid 2 threatens; onbekend without debt data."""
    return None if c.situatie.schulden is None else bool(c.situatie.schulden.dreigend)


def _huishouden_inkomen(c: _Ctx) -> int | None:
    """The monthly income of applicant and partner together; onbekend if either is unknown."""
    a, p = _inkomen(c.aanvrager), _inkomen(c.partner) if c.partner else 0
    return None if a is None or p is None else a + p


def _kinderen(c: _Ctx, minderjarig: bool) -> int | None:
    """The number of children in the household, or of those under 18 on the peildatum.

    A child without a birth date makes the count of minors onbekend, not a guess.
    """
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
    """The fact ``handhaving.<veld>``, read from the Situatie's enforcement data."""
    info = FactInfo(f"handhaving.{veld}", soort, omschrijving, vraag, waarden)
    return _deel(info, "handhaving", veld)


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
            bron=Bron(("$.personen[{aanvrager}].geboortedatum", "$.meldingsdatum"), T.datum),
        ),
        _leeftijd_bij_melding,
    ),
    _Spec(
        FactInfo(
            "meldingsdatum",
            T.datum,
            "datum van de melding",
            "Op welke datum is de hulpvraag gemeld?",
            bron=Bron(("$.meldingsdatum",)),
        ),
        lambda c: c.situatie.meldingsdatum,
    ),
    _Spec(
        FactInfo(
            "aanvraagdatum",
            T.datum,
            "datum van de aanvraag",
            "Op welke datum is de aanvraag ingediend?",
            bron=Bron(("$.aanvraagdatum",)),
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
            bron=Bron(("$.personen[{kind}].geboortedatum",), T.datum),
        ),
        lambda c: _kinderen(c, True),
    ),
    _Spec(
        FactInfo(
            "huishouden.inkomen",
            T.geld,
            "netto inkomen van aanvrager en partner samen per maand",
            "Wat zijn de inkomsten van aanvrager en partner per maand?",
            bron=Bron(
                ("$.personen[{aanvrager}].inkomsten", "$.personen[{partner}].inkomsten"),
                INKOMSTEN,
                INKOMENSBRONNEN,
            ),
        ),
        _huishouden_inkomen,
    ),
    _deel(
        FactInfo(
            "woning.soort",
            T.tekst,
            "soort woning",
            "In wat voor woning woont het huishouden?",
            _codes(Woonsoort),
        ),
        "woonsituatie",
        "soort",
    ),
    _deel(
        FactInfo(
            "woning.woonlasten",
            T.geld,
            "woonlasten per maand",
            "Wat zijn de woonlasten per maand?",
        ),
        "woonsituatie",
        "woonlasten_per_maand",
    ),
    _deel(
        FactInfo(
            "vermogen.bedrag",
            T.geld,
            "vermogen van het huishouden",
            "Hoeveel vermogen (spaargeld en bezit min schulden) heeft het huishouden?",
        ),
        "vermogen",
        "bedrag",
    ),
    _deel(
        FactInfo(
            "vermogen.eigen_woning_overwaarde",
            T.geld,
            "vermogen in de eigen woning",
            "Hoeveel vermogen zit er in de eigen woning?",
        ),
        "vermogen",
        "eigen_woning_overwaarde",
    ),
    _deel(
        FactInfo(
            "schulden.heeft_schulden",
            T.ja_nee,
            "het huishouden heeft schulden",
            "Heeft het huishouden schulden?",
        ),
        "schulden",
        "heeft_schulden",
    ),
    _deel(
        FactInfo(
            "schulden.problematisch",
            T.ja_nee,
            "de schulden zijn problematisch",
            "Kan het huishouden de schulden nog zelf betalen?",
        ),
        "schulden",
        "problematisch",
    ),
    _deel(
        FactInfo(
            "schulden.totaal",
            T.geld,
            "totale schuld",
            "Hoe hoog zijn de schulden samen?",
        ),
        "schulden",
        "totaal",
    ),
    _Spec(
        FactInfo(
            "schulden.dreigende_situatie",
            T.ja_nee,
            "er dreigt huisuitzetting, afsluiting of opzegging (Wgs 4 lid 2)",
            "Dreigt er een huisuitzetting, afsluiting van energie of water, "
            "of opzegging van de zorgverzekering?",
            bron=Bron(("$.schulden.dreigend",), CODES, _codes(DreigendeSituatie)),
        ),
        _dreigend,
    ),
    _deel(
        FactInfo(
            "netwerk.beschikbaar",
            T.ja_nee,
            "het netwerk kan en wil helpen",
            "Kan en wil iemand uit het netwerk helpen?",
        ),
        "netwerk",
        "beschikbaar",
    ),
    _deel(
        FactInfo(
            "netwerk.mantelzorger_overbelast",
            T.ja_nee,
            "de mantelzorger of huisgenoot is overbelast",
            "Is de mantelzorger of huisgenoot overbelast?",
        ),
        "netwerk",
        "mantelzorger_overbelast",
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
    _deel(
        FactInfo(
            "inkomen.maanden_laag_inkomen",
            T.aantal,
            "aantal aaneengesloten maanden met een inkomen rond het sociaal minimum",
            "Hoeveel maanden heeft het huishouden al een inkomen rond het minimum?",
        ),
        "inkomenshistorie",
        "maanden_laag_inkomen",
    ),
    _deel(
        FactInfo(
            "inkomen.uitzicht_op_verbetering",
            T.ja_nee,
            "er is uitzicht op inkomensverbetering",
            "Is er uitzicht op een hoger inkomen?",
        ),
        "inkomenshistorie",
        "uitzicht_op_inkomensverbetering",
    ),
]


def catalogue(behoeften: Iterable[str] = ()) -> dict[str, FactInfo]:
    """All input fact names with their meaning, including per-behoefte facts."""
    uit = {s.info.naam: s.info for s in _STATISCH}
    for behoefte in behoeften:
        for naam, info in VRAAG_FEITEN.items():
            volledig = f"hulpvraag.{behoefte}.{naam}"
            uit[volledig] = FactInfo(
                volledig, info.type, info.omschrijving, info.vraag, bron=info.bron
            )
    return uit


@dataclass(frozen=True, slots=True)
class Antwoord:
    """Where one case answers a missing fact: the JSON paths still empty, type and codes.

    ``type`` is a `GegevenType` code, or `INKOMSTEN` / `CODES` for a list; None for a
    name the catalogue does not know.
    """

    paden: tuple[str, ...]
    type: str | None
    waarden: tuple[str, ...]


_PLEK = re.compile(r"\{(\w+)\}")
_STAP = re.compile(r"\.(\w+)|\[(\d+)\]")
_ROLLEN = {str(r) for r in Rol}


def _indexen(plek: str, naam: str, situatie: Situatie, item: tuple[str, int] | None) -> list[int]:
    """The indexes a template's ``{plek}`` stands for in this case (see `Bron`)."""
    personen = situatie.personen
    if plek in _ROLLEN:
        return [i for i, p in enumerate(personen) if p.rol == plek]
    if plek == "item":
        if item is None:
            return []
        collectie, index = item
        if collectie == "medebewoners":
            mede = [i for i, p in enumerate(personen) if p.rol not in (Rol.aanvrager, Rol.partner)]
            return [mede[index]] if index < len(mede) else []
        return [index]
    delen = naam.split(".")
    behoefte = delen[1] if len(delen) == 3 and delen[0] == "hulpvraag" else None
    j = next((j for j, v in enumerate(situatie.hulpvragen) if v.behoefte == behoefte), None)
    if j is None:
        return []
    if plek == "hulpvraag":
        return [j]
    wie = situatie.hulpvragen[j].persoon
    return [
        i
        for i, p in enumerate(personen)
        if (p.rol == Rol.aanvrager if wie is None else p.id == wie)
    ]


def _leeg(situatie: Situatie, pad: str) -> bool:
    """Whether the Situatie has no value at ``pad`` (or at a part on the way to it)."""
    waarde: object = situatie
    for veld, index in _STAP.findall(pad):
        if waarde is None:
            return True
        if veld:
            waarde = getattr(waarde, veld, None)
        else:
            reeks = waarde if isinstance(waarde, tuple) else ()
            waarde = reeks[int(index)] if int(index) < len(reeks) else None
    return waarde is None


def antwoord(
    naam: str, info: FactInfo | None, situatie: Situatie, item: tuple[str, int] | None = None
) -> Antwoord:
    """Where ``situatie`` answers the missing fact ``naam``: the paths of its `Bron` still empty.

    ``info`` is the fact's catalogue entry; ``item`` the collection and index of an item
    whose field ``naam`` is. A fact no path of this case answers (a partner's fact when
    there is no partner) has no paths.
    """
    if info is None:
        return Antwoord((), None, ())
    bron = info.bron or Bron(())
    paden: list[str] = []
    for sjabloon in bron.paden:
        plek = _PLEK.search(sjabloon)
        kandidaten = (
            [sjabloon]
            if plek is None
            else [
                sjabloon.replace(plek.group(0), str(i))
                for i in _indexen(plek.group(1), naam, situatie, item)
            ]
        )
        paden += [p for p in kandidaten if p not in paden and _leeg(situatie, p)]
    waarden = info.waarden if bron.waarden is None else bron.waarden
    return Antwoord(tuple(paden), str(bron.type or info.type), waarden)


#: Item fields whose answer is the id of a person of the situation (the codes are those ids).
_PERSOON_IDS = {("eerdere_besluiten", "persoon")}


def item_antwoord(collectie: str, index: int, veld: str, situatie: Situatie) -> Antwoord:
    """Where ``situatie`` answers field ``veld`` of item ``index`` of ``collectie``.

    A field that names a person (for whom an earlier decision was) is answered with the
    id of one of the situation's persons; those ids are its codes.
    """
    info = COLLECTIES[collectie][veld]
    uit = antwoord(f"{collectie}.{veld}", info, situatie, (collectie, index))
    if (collectie, veld) in _PERSOON_IDS:
        return Antwoord(uit.paden, uit.type, tuple(p.id for p in situatie.personen))
    return uit


def _item(p: Persoon, peildatum: dt.date) -> dict[str, Waarde | None]:
    """One person as an item of a collection, with the fields an ``aantal`` condition can read."""
    return {
        "rol": str(p.rol),
        "leeftijd": leeftijd(p.geboortedatum, peildatum) if p.geboortedatum else None,
        "student_met_studiefinanciering": p.student_met_studiefinanciering,
        "commerciele_relatie": p.commerciele_relatie,
        "verwant_eerste_of_tweede_graad": p.verwant_eerste_of_tweede_graad,
        "inkomen": _inkomen(p),
        "wlz_indicatie": p.wlz_indicatie,
        "volgt_onderwijs": p.volgt_onderwijs,
    }


Feiten = dict[str, Waarde]
Collecties = dict[str, tuple[dict[str, Waarde | None], ...]]


@lru_cache(maxsize=32)
def _vraag_sleutels(
    behoeften: tuple[str, ...],
) -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """Per behoefte: its ``gevraagd`` fact name, and the name of each of its other facts."""
    return tuple(
        (
            b,
            f"hulpvraag.{b}.gevraagd",
            tuple((n, f"hulpvraag.{b}.{n}") for n in VRAAG_FEITEN if n != "gevraagd"),
        )
        for b in behoeften
    )


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
    for behoefte, sleutel, sleutels in _vraag_sleutels(tuple(behoeften)):
        vraag = gevraagd.get(behoefte)
        feiten[sleutel] = vraag is not None
        if vraag is None:
            continue
        persoon = aanvrager
        if vraag.persoon is not None:
            persoon = next((p for p in situatie.personen if p.id == vraag.persoon), aanvrager)
        afgeleid: dict[str, Waarde | None] = {
            "persoon_leeftijd": leeftijd(persoon.geboortedatum, peildatum)
            if persoon.geboortedatum
            else None,
            "persoon_rol": str(persoon.rol),
            "persoon_wlz_indicatie": persoon.wlz_indicatie,
            "persoon_id": persoon.id,
            "persoon_geboortedatum": persoon.geboortedatum,
        }
        # A pydantic model keeps its field values in __dict__: read them there directly.
        velden = vraag.__dict__
        for naam, volledig in sleutels:
            waarde = afgeleid[naam] if naam in afgeleid else velden[naam]
            if waarde is not None:
                feiten[volledig] = waarde
    # The same item objects in both collections: nothing changes them.
    items = [(p, _item(p, peildatum)) for p in situatie.personen]
    collecties: Collecties = {
        "personen": tuple(item for _, item in items),
        "medebewoners": tuple(
            item for p, item in items if p.rol not in (Rol.aanvrager, Rol.partner)
        ),
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
                "persoon": b.persoon,
            }
            for b in situatie.eerdere_besluiten
        ),
    }
    return feiten, collecties


__all__ = [
    "CODES",
    "COLLECTIES",
    "INKOMSTEN",
    "VRAAG_FEITEN",
    "Antwoord",
    "Bron",
    "DreigendeSituatie",
    "FactInfo",
    "GegevenSoort",
    "Inkomensbron",
    "antwoord",
    "catalogue",
    "extract",
    "item_antwoord",
    "leeftijd",
]
