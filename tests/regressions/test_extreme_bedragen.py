"""Extreme values for every number field of the Situatie (issue 14, item 2).

Before: one income of -100000 cents gave algemene bijstand of € 2.283,83 against a norm of
€ 1.283,83; -10^12 gave about € 10 billion a month, toegekend, without review; ``true``
was read as 1 cent and ``"100"`` as 100 cents. The corpus is generated from the JSON
Schema of the Situatie (`bedragen.getalvelden`), so a new amount or count field is in it
at once: per field the lowest and highest allowed value, 0 and 1, each evaluated on both
engines for both bylaws (an Advies whose amounts are within their legal bounds, the same
on both engines), and the values just outside the bounds, ``true``, a float and a
numeric text, each refused with a SituatieError naming the field's ``$.path``.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from typing import Any

import pytest

import verordening
from tests.property.bedragen import GEMEENTEN, Pad, buiten_grenzen, getalvelden, laad
from verordening.engine import registry
from verordening.model.situatie import MAX_BEDRAG

PEILDATUM = dt.date(2024, 3, 1)

#: Reaches algemene and bijzondere bijstand, the Veldhoven meedoen-voorziening and Wmo
#: maatwerk; every number field is filled in.
BASIS: dict[str, Any] = {
    "meldingsdatum": "2024-03-01",
    "personen": [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": "1950-05-01",
            "verblijfsstatus": "nederlander",
            "student_met_studiefinanciering": False,
            "medisch_urenbeperkt": True,
            "inkomsten": [{"bron": "pensioen", "bedrag_per_maand": 10000}],
            "loonwaarde_procent": 50,
            "kan_huishouden_doen": "niet",
            "wlz_indicatie": False,
            "mantelzorger": True,
            "mantelzorg_uren_per_week": 10,
        },
        {"id": "k1", "rol": "kind", "geboortedatum": "2015-02-01"},
    ],
    "woonsituatie": {"soort": "huur", "woonlasten_per_maand": 80000},
    "vermogen": {"bedrag": 100000, "eigen_woning_overwaarde": 0},
    "schulden": {"heeft_schulden": True, "problematisch": False, "totaal": 50000},
    "netwerk": {"beschikbaar": False, "mantelzorger_overbelast": False},
    "handhaving": {"benadelingsbedrag": 0},
    "inkomenshistorie": {"maanden_laag_inkomen": 12},
    "eerdere_besluiten": [
        {"soort": "bijzondere_bijstand", "datum": "2023-01-01", "openstaand_bedrag": 0}
    ],
    "hulpvragen": [
        {"behoefte": "inkomen_levensonderhoud", "spoed": False},
        {
            "behoefte": "bijzondere_kosten_betalen",
            "kosten": 30000,
            "kosten_noodzakelijk": True,
            "bijzondere_omstandigheden": True,
            "voorliggende_voorziening": False,
        },
        {
            "behoefte": "schoon_en_leefbaar_huis",
            "uren_per_week": 4,
            "eigen_kracht_toereikend": False,
            "algemene_voorziening_toereikend": False,
            "algemeen_gebruikelijk": False,
            "voorliggende_voorziening": False,
        },
        {"behoefte": "meedoen_met_laag_inkomen"},
    ],
}
#: Reaches the studietoeslag.
STUDENT: dict[str, Any] = {
    "personen": [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": "2004-01-01",
            "verblijfsstatus": "nederlander",
            "student_met_studiefinanciering": True,
            "structureel_geen_bijverdienste": True,
            "inkomsten": [],
        }
    ],
    "hulpvragen": [{"behoefte": "studeren_met_beperking"}],
}

VELDEN = [(pad, laag, hoog) for pad, laag, hoog in getalvelden() if pad != ("schema_versie",)]


def _plaats(pad: Pad) -> str:
    return "$" + "".join("[0]" if deel == "*" else f".{deel}" for deel in pad)


#: The item `_met` adds to an empty list before it sets a field in it.
_NIEUW_ITEM: dict[str, dict[str, Any]] = {
    "inkomsten": {"bron": "loon", "bedrag_per_maand": 0},
    "eerdere_besluiten": {"soort": "bijstand", "datum": "2023-01-01"},
}


def _met(basis: dict[str, Any], pad: Pad, waarde: Any) -> dict[str, Any]:
    """``basis`` with ``waarde`` at ``pad`` (the first item of a list; made if missing)."""
    situatie = copy.deepcopy(basis)
    ouder: Any = situatie
    lijst = ""
    for deel, volgend in itertools.pairwise(pad):
        if deel == "*":
            if not ouder:
                ouder.append(copy.deepcopy(_NIEUW_ITEM[lijst]))
            ouder = ouder[0]
        else:
            lijst = deel
            ouder = ouder.setdefault(deel, [] if volgend == "*" else {})
    ouder[pad[-1]] = waarde
    return situatie


def _toegestaan() -> list[Any]:
    uit = []
    for pad, laag, hoog in VELDEN:
        for waarde in sorted(w for w in {laag, laag + 1, 0, 1, hoog} if laag <= w <= hoog):
            for naam, basis in (("basis", BASIS), ("student", STUDENT)):
                plaats = f"{_plaats(pad)}={waarde}-{naam}"
                uit.append(pytest.param(_met(basis, pad, waarde), id=plaats))
    return uit


def _geweigerd() -> list[Any]:
    uit = []
    for pad, laag, hoog in VELDEN:
        for waarde in (laag - 1, hoog + 1, True, float(hoog), str(laag)):
            uit.append(pytest.param(pad, _met(BASIS, pad, waarde), id=f"{_plaats(pad)}={waarde!r}"))
    return uit


def test_corpus_dekt_elk_bedragveld() -> None:
    """The generator finds the eight money fields; each has the bounds of the input model."""
    bedragen = {pad: (laag, hoog) for pad, laag, hoog in VELDEN if hoog == MAX_BEDRAG}
    assert bedragen == {
        ("personen", "*", "inkomsten", "*", "bedrag_per_maand"): (0, MAX_BEDRAG),
        ("woonsituatie", "woonlasten_per_maand"): (0, MAX_BEDRAG),
        ("vermogen", "bedrag"): (-MAX_BEDRAG, MAX_BEDRAG),
        ("vermogen", "eigen_woning_overwaarde"): (0, MAX_BEDRAG),
        ("schulden", "totaal"): (0, MAX_BEDRAG),
        ("handhaving", "benadelingsbedrag"): (0, MAX_BEDRAG),
        ("eerdere_besluiten", "*", "openstaand_bedrag"): (0, MAX_BEDRAG),
        ("hulpvragen", "*", "kosten"): (0, MAX_BEDRAG),
    }


def _beide_engines(vo: verordening.Verordening, situatie: dict[str, Any]) -> verordening.Advies:
    """The Advies of every engine: amounts within their bounds, the same proposals."""
    adviezen = [vo.evaluate(situatie, peildatum=PEILDATUM, engine=n) for n in registry.namen()]
    for advies in adviezen:
        assert buiten_grenzen(vo.compiled, advies, PEILDATUM) == []
        assert advies.voorstellen == adviezen[0].voorstellen
        assert advies.vragen == adviezen[0].vragen
    return adviezen[0]


@pytest.mark.parametrize("gemeente", GEMEENTEN)
@pytest.mark.parametrize("situatie", _toegestaan())
def test_uiterste_waarde_geeft_advies_met_redelijke_bedragen(
    gemeente: str | None, situatie: dict[str, Any]
) -> None:
    _beide_engines(laad(gemeente), situatie)


@pytest.mark.parametrize(("pad", "situatie"), _geweigerd())
def test_waarde_buiten_de_grenzen_wordt_geweigerd_met_het_pad(
    pad: Pad, situatie: dict[str, Any]
) -> None:
    with pytest.raises(verordening.SituatieError) as fout:
        laad(None).evaluate(situatie, peildatum=PEILDATUM)
    assert [p.pad for p in fout.value.problemen] == [_plaats(pad)]


@pytest.mark.parametrize("gemeente", GEMEENTEN)
def test_alle_bedragen_tegelijk_maximaal(gemeente: str | None) -> None:
    """Twenty incomes of the maximum for each adult and every amount at the maximum."""
    situatie = copy.deepcopy(BASIS)
    for pad, _, hoog in VELDEN:
        if hoog == MAX_BEDRAG:
            situatie = _met(situatie, pad, hoog)
    situatie["personen"].append({"id": "p2", "rol": "partner", "geboortedatum": "1952-01-01"})
    for persoon in situatie["personen"][::2]:
        persoon["inkomsten"] = [{"bron": "loon", "bedrag_per_maand": MAX_BEDRAG}] * 20
    advies = _beide_engines(laad(gemeente), situatie)
    bijstand = next(v for v in advies.voorstellen if v.behoefte == "inkomen_levensonderhoud")
    assert (bijstand.uitkomst, bijstand.bedrag) == ("afgewezen", None)


def test_negatief_inkomen_uit_het_issue_wordt_geweigerd() -> None:
    """The case of the issue: an income of -100000 cents raised bijstand above the norm."""
    situatie = _met(STUDENT, ("personen", "*", "inkomsten", "*", "bedrag_per_maand"), -100_000)
    with pytest.raises(verordening.SituatieError) as fout:
        laad(None).evaluate(situatie, peildatum=PEILDATUM)
    (probleem,) = fout.value.problemen
    assert str(probleem) == "$.personen[0].inkomsten[0].bedrag_per_maand: mag niet negatief zijn"


def test_negatief_vermogen_is_een_feit_en_verhoogt_niets() -> None:
    """Net vermogen (Pw art. 34) may be negative; the lowest one pays what 0 pays."""
    vo = laad(None)
    nul = vo.evaluate(_met(BASIS, ("vermogen", "bedrag"), 0), peildatum=PEILDATUM)
    laagst = vo.evaluate(_met(BASIS, ("vermogen", "bedrag"), -MAX_BEDRAG), peildatum=PEILDATUM)
    assert [v.bedrag for v in laagst.voorstellen] == [v.bedrag for v in nul.voorstellen]
