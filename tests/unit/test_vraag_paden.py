"""Where a Situatie answers a missing fact: the `Bron` of each fact and `Vraag.paden` (issue 15).

The mapping lives in the fact catalogue (`verordening.compiler.facts`), one entry per
fact, not per rule. These tests check a few facts of each kind with their index, that
every fact's paths exist in the Situatie model with the type the question announces, and
one evaluated example down to the exact paths, type, codes and order of its questions.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from enum import StrEnum
from typing import Any

import pytest
from pydantic import BaseModel

import verordening
from verordening.compiler.facts import (
    COLLECTIES,
    VRAAG_FEITEN,
    FactInfo,
    antwoord,
    catalogue,
    item_antwoord,
)
from verordening.model.situatie import Inkomen, Situatie

PEILDATUM = dt.date(2024, 3, 1)
INKOMENSBRONNEN = (
    "loon",
    "uitkering",
    "bijstand",
    "pensioen",
    "alimentatie",
    "studiefinanciering",
    "overig",
)
#: Facts no Situatie field holds, and that are never missing: no path answers them.
ALTIJD_BEKEND = {
    "peildatum",
    "peildatum.jaar_begin",
    "partner.aanwezig",
    "huishouden.aantal_personen",
    "huishouden.aantal_kinderen",
    "gevraagd",
}


def _situatie(**extra: Any) -> Situatie:
    """A household: a child without birth date, the applicant (index 1), a partner, a lodger."""
    data: dict[str, Any] = {
        "personen": [
            {"id": "k1", "rol": "kind"},
            {"id": "p1", "rol": "aanvrager", "geboortedatum": "1980-01-01"},
            {"id": "p2", "rol": "partner", "inkomsten": []},
            {"id": "k2", "rol": "kind", "geboortedatum": "2010-06-01"},
            {"id": "m1", "rol": "medebewoner"},
        ],
        "hulpvragen": [
            {"behoefte": "schoon_en_leefbaar_huis", "eigen_kracht_toereikend": False},
            {"behoefte": "gezond_en_veilig_opgroeien", "persoon": "k1"},
        ],
        "eerdere_besluiten": [
            {"soort": "bijstand", "datum": "2020-01-01", "einddatum": "2021-01-01"},
            {"soort": "fraudevordering", "datum": "2022-01-01"},
        ],
        **extra,
    }
    return Situatie.model_validate(data)


def _alleen() -> Situatie:
    """Only the applicant, without birth date, asking for help in the household."""
    return _situatie(
        personen=[{"id": "p1", "rol": "aanvrager"}],
        hulpvragen=[{"behoefte": "schoon_en_leefbaar_huis"}],
    )


def _info(naam: str) -> FactInfo:
    """The catalogue entry of ``naam``, as the evaluator reads it (hulpvraag facts by field)."""
    if naam.startswith("hulpvraag."):
        return VRAAG_FEITEN[naam.rsplit(".", 1)[1]]
    return catalogue()[naam]


def _paden(naam: str, situatie: Situatie) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    a = antwoord(naam, _info(naam), situatie)
    return a.type, a.paden, a.waarden


def test_persoonsfeiten_wijzen_naar_de_persoon_met_zijn_index() -> None:
    s = _situatie()
    assert _paden("aanvrager.wlz_indicatie", s) == (
        "ja_nee",
        ("$.personen[1].wlz_indicatie",),
        (),
    )
    assert _paden("partner.verblijfsstatus", s) == (
        "tekst",
        ("$.personen[2].verblijfsstatus",),
        ("nederlander", "gelijkgesteld", "geen_rechtmatig_verblijf"),
    )
    # A computed age is answered by the birth date it is computed from.
    assert _paden("partner.leeftijd", s) == ("datum", ("$.personen[2].geboortedatum",), ())
    assert _paden("partner.leeftijd_maanden", s)[1] == ("$.personen[2].geboortedatum",)
    # An income by the list of income sources; the partner's is given (no income).
    assert _paden("aanvrager.inkomen", s) == (
        "inkomsten",
        ("$.personen[1].inkomsten",),
        INKOMENSBRONNEN,
    )
    assert _paden("partner.inkomen", s)[1] == ()


def test_afgeleide_feiten_wijzen_naar_wat_ontbreekt() -> None:
    s = _situatie()
    assert _paden("huishouden.inkomen", s) == (
        "inkomsten",
        ("$.personen[1].inkomsten",),
        INKOMENSBRONNEN,
    )
    assert _paden("huishouden.aantal_minderjarige_kinderen", s) == (
        "datum",
        ("$.personen[0].geboortedatum",),
        (),
    )
    # The applicant's birth date is given, so only the date of the melding is asked.
    assert _paden("aanvrager.leeftijd_bij_melding", s) == ("datum", ("$.meldingsdatum",), ())
    assert _paden("aanvrager.leeftijd_bij_melding", _alleen())[1] == (
        "$.personen[0].geboortedatum",
        "$.meldingsdatum",
    )


def test_zonder_partner_geen_pad() -> None:
    alleen = _alleen()
    assert _paden("partner.wlz_indicatie", alleen)[1] == ()
    assert _paden("huishouden.inkomen", alleen)[1] == ("$.personen[0].inkomsten",)


def test_hulpvraagfeiten_wijzen_naar_de_hulpvraag_en_de_persoon_ervan() -> None:
    s = _situatie()
    assert _paden("hulpvraag.gezond_en_veilig_opgroeien.verwijzing_arts", s) == (
        "ja_nee",
        ("$.hulpvragen[1].verwijzing_arts",),
        (),
    )
    assert _paden("hulpvraag.gezond_en_veilig_opgroeien.kosten", s)[:2] == (
        "geld",
        ("$.hulpvragen[1].kosten",),
    )
    # Given already: nothing to fill in.
    assert _paden("hulpvraag.schoon_en_leefbaar_huis.eigen_kracht_toereikend", s)[1] == ()
    # The persoon_* facts are the fields of the person the hulpvraag is for (k1, index 0).
    assert _paden("hulpvraag.gezond_en_veilig_opgroeien.persoon_leeftijd", s) == (
        "datum",
        ("$.personen[0].geboortedatum",),
        (),
    )
    assert _paden("hulpvraag.gezond_en_veilig_opgroeien.persoon_wlz_indicatie", s)[1] == (
        "$.personen[0].wlz_indicatie",
    )
    # Without a persoon the hulpvraag is for the applicant (index 1).
    assert _paden("hulpvraag.schoon_en_leefbaar_huis.persoon_wlz_indicatie", s)[1] == (
        "$.personen[1].wlz_indicatie",
    )
    # A need that is not asked for has no hulpvraag to answer in.
    assert _paden("hulpvraag.werk_vinden.spoed", s)[1] == ()


def test_delen_van_de_situatie() -> None:
    s = _situatie(woonsituatie={"soort": "huur"}, schulden={"heeft_schulden": True})
    assert _paden("woning.soort", s)[1] == ()
    assert _paden("woning.woonlasten", s) == ("geld", ("$.woonsituatie.woonlasten_per_maand",), ())
    assert _paden("vermogen.bedrag", s) == ("geld", ("$.vermogen.bedrag",), ())
    assert _paden("netwerk.beschikbaar", s)[1] == ("$.netwerk.beschikbaar",)
    assert _paden("handhaving.verwijtbaarheid", s) == (
        "tekst",
        ("$.handhaving.verwijtbaarheid",),
        ("geen", "verminderd", "volledig"),
    )
    assert _paden("inkomen.uitzicht_op_verbetering", s)[1] == (
        "$.inkomenshistorie.uitzicht_op_inkomensverbetering",
    )
    assert _paden("inkomen.maanden_laag_inkomen", s)[:2] == (
        "aantal",
        ("$.inkomenshistorie.maanden_laag_inkomen",),
    )
    assert _paden("meldingsdatum", s) == ("datum", ("$.meldingsdatum",), ())
    assert _paden("aanvraagdatum", s)[1] == ("$.aanvraagdatum",)
    # Debts are given, so the threats are too (none); without debts they are asked as codes.
    assert _paden("schulden.dreigende_situatie", s)[1] == ()
    assert _paden("schulden.dreigende_situatie", _situatie()) == (
        "codes",
        ("$.schulden.dreigend",),
        (
            "huisuitzetting",
            "afsluiting_energie",
            "afsluiting_water",
            "opzegging_zorgverzekering",
            "opzegging_huurovereenkomst",
        ),
    )


def test_velden_van_een_collectie_met_de_index_in_de_situatie() -> None:
    s = _situatie()
    leeftijd = item_antwoord("personen", 0, "leeftijd", s)
    assert (leeftijd.type, leeftijd.paden) == ("datum", ("$.personen[0].geboortedatum",))
    # Medebewoners are k1, k2 and m1: the third is person 4 of the Situatie.
    assert item_antwoord("medebewoners", 2, "wlz_indicatie", s).paden == (
        "$.personen[4].wlz_indicatie",
    )
    assert item_antwoord("medebewoners", 1, "inkomen", s).paden == ("$.personen[3].inkomsten",)
    einde = item_antwoord("eerdere_besluiten", 1, "einddatum", s)
    assert (einde.type, einde.paden) == ("datum", ("$.eerdere_besluiten[1].einddatum",))
    assert item_antwoord("eerdere_besluiten", 0, "einddatum", s).paden == ()
    soort = item_antwoord("eerdere_besluiten", 1, "opzet", s)
    assert (soort.type, soort.paden) == ("ja_nee", ("$.eerdere_besluiten[1].opzet",))


# --- every fact of the catalogue: its paths exist, with the announced type -----------------

_STAP = re.compile(r"\.(\w+)|\[(\d+)\]")


def _kaal(annotatie: Any) -> Any:
    """The type without Annotated metadata and without ``| None``."""
    while True:
        if typing.get_origin(annotatie) is typing.Annotated:
            annotatie = typing.get_args(annotatie)[0]
        elif typing.get_origin(annotatie) in (typing.Union, types.UnionType):
            (annotatie,) = [a for a in typing.get_args(annotatie) if a is not type(None)]
        else:
            return annotatie


def _veldtype(sjabloon: str) -> Any:
    """The Python type of the Situatie field a path template names (indexes filled in)."""
    huidig: Any = Situatie
    for veld, index in _STAP.findall(re.sub(r"\{\w+\}", "0", sjabloon)):
        if index:
            assert typing.get_origin(huidig) is tuple, sjabloon
            huidig = _kaal(typing.get_args(huidig)[0])
        else:
            assert isinstance(huidig, type) and issubclass(huidig, BaseModel), sjabloon
            assert veld in huidig.model_fields, f"{sjabloon}: geen veld '{veld}'"
            huidig = _kaal(huidig.model_fields[veld].annotation)
    return huidig


def _codes(soort: Any) -> tuple[str, ...]:
    assert isinstance(soort, type) and issubclass(soort, StrEnum), soort
    return tuple(str(c) for c in soort)


def _alle_feiten() -> list[tuple[str, FactInfo]]:
    feiten = [*catalogue().items(), *VRAAG_FEITEN.items()]
    feiten += [(f"{c}.{v}", i) for c, velden in COLLECTIES.items() for v, i in velden.items()]
    return feiten


@pytest.mark.parametrize(("naam", "info"), _alle_feiten(), ids=lambda x: str(getattr(x, "naam", x)))
def test_elk_feit_heeft_paden_van_het_aangekondigde_type(naam: str, info: FactInfo) -> None:
    if info.naam in ALTIJD_BEKEND:
        assert info.bron is None or not info.bron.paden, naam
        return
    assert info.bron is not None and info.bron.paden, f"{naam}: geen plek in de Situatie"
    soort = info.bron.type or str(info.type)
    waarden = info.waarden if info.bron.waarden is None else info.bron.waarden
    for sjabloon in info.bron.paden:
        veld = _veldtype(sjabloon)
        if soort == "ja_nee":
            assert veld is bool, sjabloon
        elif soort in ("geld", "aantal"):
            assert veld is int, sjabloon
        elif soort == "datum":
            assert veld is dt.date, sjabloon
        elif soort == "tekst":
            assert (_codes(veld) == waarden) if waarden else veld is str, sjabloon
        elif soort == "codes":
            assert typing.get_origin(veld) is tuple, sjabloon
            assert _codes(_kaal(typing.get_args(veld)[0])) == waarden, sjabloon
        else:
            assert soort == "inkomsten", f"{naam}: onbekend antwoordtype {soort}"
            assert typing.get_origin(veld) is tuple, sjabloon
            assert typing.get_args(veld)[0] is Inkomen, sjabloon
            assert waarden == INKOMENSBRONNEN


# --- one evaluated example: exact paths, type, codes, and the order by impact -------------

LADDER = {
    "eigen_kracht_toereikend": False,
    "algemene_voorziening_toereikend": False,
    "algemeen_gebruikelijk": False,
    "voorliggende_voorziening": False,
}
VOORBEELD: dict[str, Any] = {
    "personen": [
        {"id": "k1", "rol": "kind", "geboortedatum": "2012-05-01"},
        {"id": "p1", "rol": "aanvrager", "geboortedatum": "1980-01-01", "wlz_indicatie": False},
    ],
    "meldingsdatum": "2024-02-01",
    "hulpvragen": [
        {"behoefte": "schoon_en_leefbaar_huis", **LADDER},
        {"behoefte": "zelfstandig_verplaatsen", **LADDER},
        {"behoefte": "meedoen_in_de_samenleving", **LADDER},
    ],
}


@pytest.mark.parametrize("engine", ["referentie", "durable_rules"])
def test_voorbeeld_vragen_met_paden_type_waarden_en_gewicht(
    vo: verordening.Verordening, engine: str
) -> None:
    advies = vo.evaluate(VOORBEELD, peildatum=PEILDATUM, engine=engine)
    gezien = [(v.gegeven, v.paden, v.type, v.waarden, v.voorstellen) for v in advies.vragen]
    # The network decides two needs, so it comes first, although 'aanvrager' sorts before it.
    assert gezien == [
        ("netwerk.beschikbaar", ("$.netwerk.beschikbaar",), "ja_nee", (), 2),
        (
            "aanvrager.kan_huishouden_doen",
            ("$.personen[1].kan_huishouden_doen",),
            "tekst",
            ("volledig", "gedeeltelijk", "niet"),
            1,
        ),
    ]
    # The questions survive the JSON round trip a case system makes.
    assert verordening.Advies.model_validate_json(advies.model_dump_json()).vragen == advies.vragen


def test_whom_an_earlier_decision_was_for_is_answered_with_a_person_id(
    vo: verordening.Verordening,
) -> None:
    # Found by the paths property: the question had type tekst and no values to answer with.
    situatie = {
        "personen": [
            {"id": "p1", "rol": "aanvrager", "geboortedatum": "1985-03-03"},
            {"id": "p2", "rol": "partner", "geboortedatum": "1985-03-03"},
            {"id": "h1", "rol": "kind"},
        ],
        "hulpvragen": [{"behoefte": "gezond_en_veilig_opgroeien", "persoon": "h1"}],
        "eerdere_besluiten": [{"soort": "jeugdhulp", "datum": "2025-03-03"}],
    }
    advies = vo.evaluate(situatie, peildatum=dt.date(2025, 3, 3))
    (vraag,) = [v for v in advies.vragen if v.gegeven == "eerdere_besluiten.persoon"]
    assert vraag.paden == ("$.eerdere_besluiten[0].persoon",)
    assert (vraag.type, vraag.waarden) == ("tekst", ("p1", "p2", "h1"))
