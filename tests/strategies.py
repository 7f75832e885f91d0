"""Hypothesis strategies: valid situations across every need of the shipped bylaw.

A situation is a plain dict (what a case system sends) plus its peildatum. Every
optional fact may be absent (onbekend), so the strategies also exercise questions;
with ``compleet=True`` every fact the rules of the chosen needs read is present.

Shrinking gives readable households: leaves are simple (booleans shrink to false,
money to round amounts and then to zero, ages to 40), lists shrink to one person and
one hulpvraag, and absent facts shrink away.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

RULESETS = Path(__file__).resolve().parent.parent / "rulesets"


def _behoeften() -> list[str]:
    tekst = (RULESETS / "01-inleiding" / "behoeften.yaml").read_text(encoding="utf-8")
    return [b["code"] for b in yaml.safe_load(tekst)["behoeften"]]


#: Every need the shipped bylaw declares, in the order of behoeften.yaml.
BEHOEFTEN: list[str] = _behoeften()
WMO_BEHOEFTEN = [
    "schoon_en_leefbaar_huis",
    "zelfstandig_verplaatsen",
    "meedoen_in_de_samenleving",
    "mantelzorger_ondersteunen",
    "geschikte_woning",
    "veilig_onderdak",
]
JEUGD = "gezond_en_veilig_opgroeien"

#: Dates on which amounts change (1 January and 1 July) are the interesting ones.
PEILDATA = st.one_of(
    st.sampled_from([dt.date(2025, 3, 3), dt.date(2024, 1, 1), dt.date(2023, 7, 1)]),
    st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2026, 12, 31)),
)
#: Also dates on which no version of the bylaw is in force.
ALLE_PEILDATA = st.one_of(PEILDATA, st.dates(dt.date(2015, 1, 1), dt.date(2035, 12, 31)))

#: Ages shrink to 40; the thresholds of the four laws come first.
LEEFTIJD_VOLWASSEN = st.one_of(
    st.sampled_from([40, 18, 21, 27, 67, 17, 20, 26, 66, 68, 23, 22]),
    st.integers(16, 100),
)
LEEFTIJD_KIND = st.one_of(
    st.sampled_from([10, 17, 18, 21, 22, 23, 27, 0, 16, 20, 26]),
    st.integers(0, 35),
)
#: Money in eurocents: round amounts (multiples of € 50) first, then anything.
GELD = st.one_of(st.integers(0, 80).map(lambda n: n * 5_000), st.integers(0, 600_000))
VERMOGEN = st.one_of(
    st.integers(-10, 100).map(lambda n: n * 50_000), st.integers(-200_000, 6_000_000)
)
JA_NEE = st.booleans()

#: Strategy per optional `Persoon` field (``geboortedatum`` is drawn from an age).
PERSOON_VELDEN: dict[str, st.SearchStrategy[Any]] = {
    "verblijfsstatus": st.sampled_from(
        ["nederlander", "gelijkgesteld", "geen_rechtmatig_verblijf"]
    ),
    "student_met_studiefinanciering": JA_NEE,
    "commerciele_relatie": JA_NEE,
    "verwant_eerste_of_tweede_graad": JA_NEE,
    "inkomsten": st.lists(
        st.fixed_dictionaries(
            {
                "bron": st.sampled_from(
                    ["loon", "uitkering", "pensioen", "alimentatie", "studiefinanciering", "overig"]
                ),
                "bedrag_per_maand": GELD,
            }
        ),
        max_size=2,
    ),
    "kan_huishouden_doen": st.sampled_from(["volledig", "gedeeltelijk", "niet"]),
    "langdurig_afwezig": JA_NEE,
    "wlz_indicatie": JA_NEE,
    "medisch_urenbeperkt": JA_NEE,
    "psychische_of_lichamelijke_belemmering": JA_NEE,
    "loonwaarde_procent": st.one_of(st.sampled_from([50, 100, 0]), st.integers(0, 100)),
    "uwv_advies_beschut_werk": JA_NEE,
    "structureel_geen_bijverdienste": JA_NEE,
    "volgt_onderwijs": JA_NEE,
    "mantelzorger": JA_NEE,
    "mantelzorg_uren_per_week": st.one_of(st.sampled_from([8, 0, 40]), st.integers(0, 168)),
}

#: Strategy per optional `Hulpvraag` field; the three with a default false come last.
HULPVRAAG_VELDEN: dict[str, st.SearchStrategy[Any]] = {
    "uren_per_week": st.integers(0, 40),
    "spoed": JA_NEE,
    "eigen_kracht_toereikend": JA_NEE,
    "algemene_voorziening_toereikend": JA_NEE,
    "voorliggende_voorziening": JA_NEE,
    "kosten": GELD,
    "kosten_noodzakelijk": JA_NEE,
    "bijzondere_omstandigheden": JA_NEE,
    "algemeen_gebruikelijk": JA_NEE,
    "goedkoper_alternatief_passend": JA_NEE,
    "alternatief_in_eigen_omgeving": JA_NEE,
    "budgetvaardig": JA_NEE,
    "pgb_gemotiveerd": JA_NEE,
    "pgb_kwaliteit_gewaarborgd": JA_NEE,
    "zorg_in_natura_ongeschikt": JA_NEE,
    "hulp_door_sociaal_netwerk": JA_NEE,
    "bovengebruikelijke_zorg": JA_NEE,
    "specialistische_hulp_nodig": JA_NEE,
    "verwijzing_arts": JA_NEE,
    "veilig_thuis_wonen_mogelijk": JA_NEE,
    "situatie_stabiel": JA_NEE,
    "afspraken_nagekomen": JA_NEE,
    "arbeidsinschakeling_nodig": JA_NEE,
    "onredelijke_uitkomst": JA_NEE,
    "alleen_melding": JA_NEE,
    "pgb_gewenst": JA_NEE,
    "beroep_op_hardheidsclausule": JA_NEE,
}
#: Fields with a default of false: leaving them out is an answer (nee), not onbekend.
MET_STANDAARD = ("alleen_melding", "pgb_gewenst", "beroep_op_hardheidsclausule")

#: Strategy per field of the optional parts of a situation.
DEEL_VELDEN: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "woonsituatie": {
        "soort": st.sampled_from(["huur", "koop", "kamer", "inwonend", "instelling", "dakloos"]),
        "woonlasten_per_maand": GELD,
    },
    "vermogen": {"bedrag": VERMOGEN, "eigen_woning_overwaarde": GELD},
    "schulden": {
        "heeft_schulden": JA_NEE,
        "problematisch": JA_NEE,
        "totaal": GELD,
        "dreigend": st.lists(
            st.sampled_from(
                [
                    "huisuitzetting",
                    "afsluiting_energie",
                    "afsluiting_water",
                    "opzegging_zorgverzekering",
                    "opzegging_huurovereenkomst",
                ]
            ),
            max_size=2,
            unique=True,
        ),
    },
    "netwerk": {"beschikbaar": JA_NEE, "mantelzorger_overbelast": JA_NEE},
    "handhaving": {
        "inlichtingenplicht_geschonden": JA_NEE,
        "verplichting_geschonden": JA_NEE,
        "verwijtbaarheid": st.sampled_from(["geen", "verminderd", "volledig"]),
        "benadelingsbedrag": GELD,
        "slachtoffer_financieel_misbruik": JA_NEE,
    },
    "inkomenshistorie": {
        "maanden_laag_inkomen": st.one_of(st.sampled_from([36, 0, 12]), st.integers(0, 240)),
        "uitzicht_op_inkomensverbetering": JA_NEE,
    },
}

#: Optional fields of an earlier decision (soort and datum are required).
BESLUIT_VELDEN: dict[str, st.SearchStrategy[Any]] = {
    "verwijtbaar_beeindigd": JA_NEE,
    "benadeling_bestuursorgaan": JA_NEE,
    "opzet": JA_NEE,
    "onherroepelijke_sanctie": JA_NEE,
    "openstaand_bedrag": GELD,
}
BESLUIT_SOORTEN = [
    "fraudevordering",
    "schuldhulptraject",
    "jeugdhulp",
    "individuele_inkomenstoeslag",
    "maatregel",
    "bijstand",
    "wmo_maatwerk",
    "terugvordering",
    "pgb",
    "bijzondere_bijstand",
]


def geboren(peildatum: dt.date, jaren: int, dagen: int = 0) -> dt.date:
    """The birth date of someone who is ``jaren`` old on ``peildatum``, ``dagen`` after a birthday.

    ``dagen=0`` means the birthday is on the peildatum itself; ``dagen`` is at most 364.
    """
    jaar = peildatum.year - jaren
    try:
        verjaardag = peildatum.replace(year=jaar)
    except ValueError:  # 29 February in a year that has none
        verjaardag = dt.date(jaar, 3, 1)
    return verjaardag - dt.timedelta(days=dagen)


@functools.cache
def gelezen_vraagvelden() -> dict[str, frozenset[str]]:
    """Per need: the hulpvraag fields its rules read, directly or through derived facts."""
    import verordening

    uit: dict[str, set[str]] = {b: set() for b in BEHOEFTEN}
    for gemeente in (None, "veldhoven"):
        cv = verordening.load(RULESETS, gemeente=gemeente).compiled
        for versie in cv.versies:
            for ids in versie.relevant.values():
                for regel_id in ids:
                    for dep in versie.per_id[regel_id].deps:
                        deel = dep.split(".")
                        if deel[0] == "hulpvraag" and deel[2] in HULPVRAAG_VELDEN:
                            uit.setdefault(deel[1], set()).add(deel[2])
    return {b: frozenset(v) for b, v in uit.items()}


def _velden(
    draw: st.DrawFn,
    velden: Mapping[str, st.SearchStrategy[Any]],
    compleet: bool,
    alleen: frozenset[str] | None = None,
) -> dict[str, Any]:
    """Draw the fields: each present or absent, or (compleet) all of ``alleen`` present."""
    uit: dict[str, Any] = {}
    for naam, strategie in velden.items():
        if compleet:
            if alleen is None or naam in alleen:
                uit[naam] = draw(strategie)
            continue
        waarde = draw(st.one_of(st.none(), strategie))
        if waarde is not None:
            uit[naam] = waarde
    return uit


@st.composite
def persoon(
    draw: st.DrawFn,
    pid: str,
    rol: str,
    peildatum: dt.date,
    leeftijd: st.SearchStrategy[int] = LEEFTIJD_VOLWASSEN,
    compleet: bool = False,
) -> dict[str, Any]:
    """One member of the household; its age on the peildatum comes from ``leeftijd``."""
    p: dict[str, Any] = {"id": pid, "rol": rol}
    jaren = draw(leeftijd) if compleet else draw(st.one_of(leeftijd, st.none()))
    if jaren is not None:
        p["geboortedatum"] = geboren(peildatum, jaren, draw(st.integers(0, 364))).isoformat()
    p.update(_velden(draw, PERSOON_VELDEN, compleet))
    return p


@st.composite
def personen(draw: st.DrawFn, peildatum: dt.date, compleet: bool = False) -> list[dict[str, Any]]:
    """A household: the aanvrager, maybe a partner, and up to three children or housemates."""
    uit = [draw(persoon("p1", "aanvrager", peildatum, compleet=compleet))]
    if draw(st.booleans()):
        uit.append(draw(persoon("p2", "partner", peildatum, compleet=compleet)))
    for i in range(draw(st.integers(0, 3))):
        rol = draw(st.sampled_from(["kind", "medebewoner", "ouder"]))
        leeftijd = LEEFTIJD_KIND if rol == "kind" else LEEFTIJD_VOLWASSEN
        uit.append(draw(persoon(f"h{i + 1}", rol, peildatum, leeftijd, compleet)))
    return uit


@st.composite
def hulpvraag(
    draw: st.DrawFn,
    behoefte: str,
    huishouden: list[dict[str, Any]],
    compleet: bool = False,
) -> dict[str, Any]:
    """A request for one need; a youth-care request is mostly for a child of the household."""
    vraag: dict[str, Any] = {"behoefte": behoefte}
    kinderen = [p["id"] for p in huishouden if p["rol"] == "kind"]
    if behoefte == JEUGD and kinderen:
        vraag["persoon"] = draw(st.sampled_from(kinderen))
    elif draw(st.integers(0, 4)) == 4:
        vraag["persoon"] = draw(st.sampled_from([p["id"] for p in huishouden]))
    alleen = gelezen_vraagvelden().get(behoefte, frozenset()) if compleet else None
    velden = _velden(draw, HULPVRAAG_VELDEN, compleet, alleen)
    for naam in MET_STANDAARD:
        # Melding only, pgb and hardship are rare paths: shrink (and mostly stay) false.
        if naam in velden and draw(st.integers(0, 3)) != 3:
            velden[naam] = False
    vraag.update(velden)
    return vraag


@st.composite
def eerder_besluit(
    draw: st.DrawFn, peildatum: dt.date, huishouden: list[dict[str, Any]], compleet: bool
) -> dict[str, Any]:
    """An earlier decision, measure or fraud claim, dated before the peildatum."""
    datum = peildatum - dt.timedelta(days=draw(st.integers(0, 3_650)))
    besluit: dict[str, Any] = {
        "soort": draw(st.sampled_from(BESLUIT_SOORTEN)),
        "datum": datum.isoformat(),
    }
    wie = draw(st.one_of(st.none(), st.sampled_from([p["id"] for p in huishouden])))
    if wie is not None:
        besluit["persoon"] = wie
    einde = (
        draw(st.integers(0, 1_500))
        if compleet
        else draw(st.one_of(st.none(), st.integers(0, 1_500)))
    )
    if einde is not None:
        besluit["einddatum"] = (datum + dt.timedelta(days=einde)).isoformat()
    besluit.update(_velden(draw, BESLUIT_VELDEN, compleet))
    return besluit


@st.composite
def situaties(
    draw: st.DrawFn,
    behoeften: list[str] | None = None,
    compleet: bool | None = None,
    peildata: st.SearchStrategy[dt.date] = PEILDATA,
) -> tuple[dict[str, Any], dt.date]:
    """A valid situation and its peildatum.

    Args:
        draw: hypothesis' draw function.
        behoeften: the needs asked for; by default one to three of all needs.
        compleet: every fact the rules read present (True), each fact maybe absent
            (False), or either (None).
        peildata: where the peildatum comes from.
    """
    peildatum = draw(peildata)
    if compleet is None:
        compleet = draw(st.booleans())
    huishouden = draw(personen(peildatum, compleet))
    if behoeften is None:
        behoeften = draw(st.lists(st.sampled_from(BEHOEFTEN), min_size=1, max_size=3, unique=True))
    situatie: dict[str, Any] = {
        "personen": huishouden,
        "hulpvragen": [draw(hulpvraag(b, huishouden, compleet)) for b in behoeften],
    }
    melding = (
        draw(st.integers(0, 120)) if compleet else draw(st.one_of(st.none(), st.integers(0, 120)))
    )
    if melding is not None:
        meldingsdatum = peildatum - dt.timedelta(days=melding)
        situatie["meldingsdatum"] = meldingsdatum.isoformat()
        aanvraag = (
            draw(st.integers(0, melding))
            if compleet
            else draw(st.one_of(st.none(), st.integers(0, melding)))
        )
        if aanvraag is not None:
            situatie["aanvraagdatum"] = (meldingsdatum + dt.timedelta(days=aanvraag)).isoformat()
    for deel, velden in DEEL_VELDEN.items():
        if compleet or draw(st.booleans()):
            situatie[deel] = _velden(draw, velden, compleet)
    besluiten = draw(st.lists(eerder_besluit(peildatum, huishouden, compleet), max_size=2))
    if besluiten:
        situatie["eerdere_besluiten"] = besluiten
    return situatie, peildatum


def paden(data: Any, pad: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into nested dicts and lists (for mutation tests)."""
    uit = [pad]
    if isinstance(data, dict):
        for k, v in data.items():
            uit += paden(v, (*pad, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            uit += paden(v, (*pad, i))
    return uit


#: Fact names that are computed from a `Persoon` field of another name.
_PERSOON_BRON = {
    "leeftijd": "geboortedatum",
    "leeftijd_maanden": "geboortedatum",
    "geboortedatum": "geboortedatum",
    "inkomen": "inkomsten",
    "wlz_indicatie": "wlz_indicatie",
}
#: Facts of the optional parts whose name differs from the Situatie field.
_DEEL_BRON = {
    "woning.soort": ("woonsituatie", "soort"),
    "woning.woonlasten": ("woonsituatie", "woonlasten_per_maand"),
    "schulden.dreigende_situatie": ("schulden", "dreigend"),
    "inkomen.maanden_laag_inkomen": ("inkomenshistorie", "maanden_laag_inkomen"),
    "inkomen.uitzicht_op_verbetering": ("inkomenshistorie", "uitzicht_op_inkomensverbetering"),
}

Antwoord = tuple[tuple[Any, ...], st.SearchStrategy[Any]]


def _persoon_antwoord(
    situatie: dict[str, Any], i: int, veld: str, peildatum: dt.date, ontbrekend: bool = True
) -> list[Antwoord]:
    veld = _PERSOON_BRON.get(veld, veld)
    if ontbrekend and veld in situatie["personen"][i]:
        return []
    if veld == "geboortedatum":
        leeftijd = LEEFTIJD_KIND if situatie["personen"][i]["rol"] == "kind" else LEEFTIJD_VOLWASSEN
        strategie = st.builds(
            lambda j, d: geboren(peildatum, j, d).isoformat(), leeftijd, st.integers(0, 364)
        )
        return [(("personen", i, veld), strategie)]
    if veld in PERSOON_VELDEN:
        return [(("personen", i, veld), PERSOON_VELDEN[veld])]
    return []


def antwoorden(
    gegeven: str, situatie: dict[str, Any], peildatum: dt.date, ontbrekend: bool = True
) -> list[Antwoord]:
    """The Situatie fields that answer the question for fact ``gegeven``, each with values.

    `Vraag` names a fact of the rules' vocabulary (``aanvrager.leeftijd``,
    ``personen.leeftijd``), not a place in the Situatie; this is the mapping a case system
    has to keep to answer questions mechanically. For a field of a collection
    (``personen.*``, ``eerdere_besluiten.*``) the question does not say which item it
    means, so every item that lacks the field is answered. An empty list means the
    question cannot be answered by filling in a field. With ``ontbrekend=False`` the fields
    are also given when they are filled in already: where the situation holds the fact.
    """
    personen = situatie["personen"]
    rollen = {p["rol"]: i for i, p in enumerate(personen)}
    deel = gegeven.split(".")
    if gegeven in ("meldingsdatum", "aanvraagdatum"):
        if ontbrekend and gegeven in situatie:
            return []
        dagen = st.integers(0, 120).map(lambda n: (peildatum - dt.timedelta(days=n)).isoformat())
        return [((gegeven,), dagen)]
    if deel[0] in ("aanvrager", "partner") and len(deel) == 2:
        i = rollen.get(deel[0])
        if i is None:
            return []
        if deel[1] == "leeftijd_bij_melding":
            melding = antwoorden("meldingsdatum", situatie, peildatum, ontbrekend)
            return _persoon_antwoord(situatie, i, "geboortedatum", peildatum, ontbrekend) + melding
        return _persoon_antwoord(situatie, i, deel[1], peildatum, ontbrekend)
    if gegeven == "huishouden.inkomen":
        return [
            a
            for rol in ("aanvrager", "partner")
            if rol in rollen
            for a in _persoon_antwoord(situatie, rollen[rol], "inkomen", peildatum, ontbrekend)
        ]
    if gegeven == "huishouden.aantal_minderjarige_kinderen":
        return [
            a
            for i, p in enumerate(personen)
            if p["rol"] == "kind"
            for a in _persoon_antwoord(situatie, i, "geboortedatum", peildatum, ontbrekend)
        ]
    if deel[0] == "hulpvraag" and len(deel) == 3:
        gevraagd = [j for j, v in enumerate(situatie["hulpvragen"]) if v["behoefte"] == deel[1]]
        if not gevraagd:
            return []
        j = gevraagd[0]
        wie = situatie["hulpvragen"][j].get("persoon", personen[rollen["aanvrager"]]["id"])
        i = next(i for i, p in enumerate(personen) if p["id"] == wie)
        if deel[2].startswith("persoon_"):
            veld = deel[2].removeprefix("persoon_")
            return _persoon_antwoord(situatie, i, veld, peildatum, ontbrekend)
        if deel[2] in HULPVRAAG_VELDEN and not (
            ontbrekend and deel[2] in situatie["hulpvragen"][j]
        ):
            return [(("hulpvragen", j, deel[2]), HULPVRAAG_VELDEN[deel[2]])]
        return []
    if deel[0] in ("personen", "medebewoners") and len(deel) == 2:
        return [
            a
            for i, p in enumerate(personen)
            if deel[0] == "personen" or p["rol"] not in ("aanvrager", "partner")
            for a in _persoon_antwoord(situatie, i, deel[1], peildatum, ontbrekend)
        ]
    if deel[0] == "eerdere_besluiten" and len(deel) == 2:
        uit: list[Antwoord] = []
        for k, besluit in enumerate(situatie.get("eerdere_besluiten", [])):
            if ontbrekend and deel[1] in besluit:
                continue
            if deel[1] == "einddatum":
                begin = dt.date.fromisoformat(besluit["datum"])
                strategie = st.integers(0, 1_500).map(
                    lambda n, b=begin: (b + dt.timedelta(days=n)).isoformat()
                )
            elif deel[1] == "persoon":
                strategie = st.sampled_from([p["id"] for p in personen])
            elif deel[1] in BESLUIT_VELDEN:
                strategie = BESLUIT_VELDEN[deel[1]]
            else:
                return []
            uit.append((("eerdere_besluiten", k, deel[1]), strategie))
        return uit
    bron = _DEEL_BRON.get(gegeven, (deel[0], deel[-1]))
    if len(deel) == 2 and bron[0] in DEEL_VELDEN and bron[1] in DEEL_VELDEN[bron[0]]:
        if ontbrekend and bron[1] in situatie.get(bron[0], {}):
            return []
        return [(bron, DEEL_VELDEN[bron[0]][bron[1]])]
    return []


def zet(situatie: dict[str, Any], pad: tuple[Any, ...], waarde: Any) -> None:
    """Set ``waarde`` at ``pad``, creating the optional parts on the way."""
    ouder: Any = situatie
    for deel in pad[:-1]:
        ouder = ouder.setdefault(deel, {}) if isinstance(ouder, dict) else ouder[deel]
    ouder[pad[-1]] = waarde


#: Needs a young adult may ask for besides youth care.
JONGERE_BEHOEFTEN = [
    "meedoen_in_de_samenleving",
    "zelfstandig_verplaatsen",
    "veilig_onderdak",
    "werk_vinden",
    "studeren_met_beperking",
]
_LADDER = (
    "eigen_kracht_toereikend",
    "algemeen_gebruikelijk",
    "algemene_voorziening_toereikend",
    "voorliggende_voorziening",
)
LEEFTIJD_JONGERE = st.one_of(st.sampled_from([18, 17, 22, 23, 21]), st.integers(15, 27))


@st.composite
def jeugdhulp_besluit(draw: st.DrawFn, peildatum: dt.date, wie: str | None) -> dict[str, Any]:
    """An earlier youth-care decision: still running, ended recently, or ended long ago."""
    begin = peildatum - dt.timedelta(days=draw(st.integers(30, 1_500)))
    einde = peildatum + dt.timedelta(days=draw(st.integers(-400, 400)))
    besluit = {"soort": "jeugdhulp", "datum": begin.isoformat(), "einddatum": einde.isoformat()}
    if wie is not None:
        besluit["persoon"] = wie
    return besluit


@st.composite
def jongere_situaties(
    draw: st.DrawFn,
    leeftijd: st.SearchStrategy[int] = LEEFTIJD_JONGERE,
    compleet: bool | None = None,
    behoeften: list[str] | None = None,
) -> tuple[dict[str, Any], dt.date]:
    """A parent asks help for a young person around 18: youth care and maybe Wmo or work.

    The young person may have a youth-care decision that runs or ended; the other needs
    are asked for the same young person, so overlaps between the laws show up.
    """
    peildatum = draw(PEILDATA)
    if compleet is None:
        compleet = draw(st.booleans())
    ouder = draw(persoon("p1", "aanvrager", peildatum, compleet=compleet))
    kind = draw(persoon("k1", "kind", peildatum, leeftijd, compleet))
    if behoeften is None:
        andere = draw(st.lists(st.sampled_from(JONGERE_BEHOEFTEN), max_size=2, unique=True))
        behoeften = [JEUGD, *andere]
    huishouden = [ouder, kind]
    hulpvragen = []
    for behoefte in behoeften:
        vraag = draw(hulpvraag(behoefte, huishouden, compleet))
        vraag["persoon"] = "k1"
        hulpvragen.append(vraag)
    situatie: dict[str, Any] = {"personen": huishouden, "hulpvragen": hulpvragen}
    if draw(st.booleans()):
        # A real care need: no rung of the ladder below maatwerk suffices.
        for vraag in hulpvragen:
            vraag.update(dict.fromkeys(_LADDER, False), specialistische_hulp_nodig=True)
        situatie["netwerk"] = {"beschikbaar": False}
    melding = draw(st.integers(0, 60))
    situatie["meldingsdatum"] = (peildatum - dt.timedelta(days=melding)).isoformat()
    for deel in ("netwerk", "woonsituatie"):
        if compleet or draw(st.booleans()):
            situatie[deel] = {
                **_velden(draw, DEEL_VELDEN[deel], compleet),
                **situatie.get(deel, {}),
            }
    if draw(st.booleans()):
        wie = draw(st.sampled_from(["k1", None, "p1"]))
        situatie["eerdere_besluiten"] = [draw(jeugdhulp_besluit(peildatum, wie))]
    return situatie, peildatum


#: A low income (below most norms): a list of at most one income up to € 1.500.
LAAG_INKOMEN = st.lists(
    st.fixed_dictionaries({"bron": st.just("loon"), "bedrag_per_maand": st.integers(0, 150_000)}),
    max_size=1,
)

#: Per need of a paying instrument, the facts that lead to a payment: drawn situations
#: mostly fail one of the many conditions, so `betalende_situaties` sets each of these
#: with probability 3/4 to reach the amounts. Places: a role (aanvrager, partner) or
#: ``vraag`` (the hulpvraag for the need) or a part of the situation; a value may be a
#: strategy.
GUNSTIG: dict[str, tuple[tuple[str, str, Any], ...]] = {
    "inkomen_levensonderhoud": (
        ("aanvrager", "inkomsten", LAAG_INKOMEN),
        ("partner", "inkomsten", LAAG_INKOMEN),
        ("aanvrager", "verblijfsstatus", "nederlander"),
        ("partner", "verblijfsstatus", "nederlander"),
        ("aanvrager", "student_met_studiefinanciering", False),
        ("aanvrager", "medisch_urenbeperkt", True),
        ("partner", "medisch_urenbeperkt", True),
        ("vermogen", "bedrag", 0),
        ("vraag", "alleen_melding", False),
        ("vraag", "beroep_op_hardheidsclausule", False),
    ),
    "bijzondere_kosten_betalen": (
        ("aanvrager", "inkomsten", LAAG_INKOMEN),
        ("partner", "inkomsten", LAAG_INKOMEN),
        ("vraag", "kosten_noodzakelijk", True),
        ("vraag", "bijzondere_omstandigheden", True),
        ("vraag", "voorliggende_voorziening", False),
        ("vraag", "alleen_melding", False),
        ("vraag", "beroep_op_hardheidsclausule", False),
        ("vermogen", "bedrag", 0),
    ),
    "studeren_met_beperking": (
        ("aanvrager", "student_met_studiefinanciering", True),
        ("aanvrager", "structureel_geen_bijverdienste", True),
        ("vraag", "alleen_melding", False),
        ("vraag", "beroep_op_hardheidsclausule", False),
    ),
    "mantelzorger_ondersteunen": (
        ("aanvrager", "mantelzorger", True),
        ("aanvrager", "mantelzorg_uren_per_week", 20),
        ("vraag", "alleen_melding", False),
    ),
    "meedoen_met_laag_inkomen": (
        ("aanvrager", "inkomsten", LAAG_INKOMEN),
        ("partner", "inkomsten", LAAG_INKOMEN),
        ("vraag", "alleen_melding", False),
        ("vraag", "beroep_op_hardheidsclausule", False),
    ),
}


@st.composite
def betalende_situaties(
    draw: st.DrawFn, behoefte: str, compleet: bool | None = True
) -> tuple[dict[str, Any], dt.date]:
    """A situation for ``behoefte`` that often reaches the instrument's payment (`GUNSTIG`).

    The hulpvraag is the aanvrager's own; every other fact is drawn as in `situaties`.
    """
    situatie, peildatum = draw(situaties(behoeften=[behoefte], compleet=compleet))
    vraag = situatie["hulpvragen"][0]
    vraag.pop("persoon", None)
    for plek, veld, waarde in GUNSTIG.get(behoefte, ()):
        if draw(st.integers(0, 3)) == 3:  # shrinks to 0: set the favourable fact
            continue
        if isinstance(waarde, st.SearchStrategy):
            waarde = draw(waarde)
        if plek == "vraag":
            vraag[veld] = waarde
        elif plek in DEEL_VELDEN:
            situatie.setdefault(plek, {})[veld] = waarde
        else:
            for persoon in situatie["personen"]:
                if persoon["rol"] == plek:
                    persoon[veld] = waarde
    return situatie, peildatum
