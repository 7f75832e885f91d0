"""Accepted nonsense is refused with a Dutch message at its ``$.path`` (issue 14).

Before: a birth date after the peildatum was evaluated (a person not yet born), ``true``
for an amount was read as 1 cent, ``"100"`` as 100 cents and ``100.0`` as 100, a number in
a date field as seconds since 1970 (``0`` was 1970-01-01). Dates keep working as before:
a `datetime.date` (what YAML gives) and an ISO text ``JJJJ-MM-DD`` (what JSON gives).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

import verordening
from verordening.impact._input import lees_gevallen
from verordening.model.advies import Advies

PEILDATUM = dt.date(2024, 3, 1)
SITUATIE: dict[str, Any] = {
    "meldingsdatum": "2024-03-01",
    "personen": [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": "1980-05-01",
            "verblijfsstatus": "nederlander",
            "student_met_studiefinanciering": False,
            "medisch_urenbeperkt": True,
            "inkomsten": [{"bron": "loon", "bedrag_per_maand": 10_000}],
        },
        {"id": "k1", "rol": "kind", "geboortedatum": "2020-01-01"},
    ],
    "vermogen": {"bedrag": 0},
    "hulpvragen": [{"behoefte": "inkomen_levensonderhoud", "spoed": False}],
}


def _met(wijziging: dict[str, Any]) -> dict[str, Any]:
    situatie = copy.deepcopy(SITUATIE)
    for pad, waarde in wijziging.items():
        ouder: Any = situatie
        delen = [int(d) if d.isdigit() else d for d in pad.split(".")]
        for deel in delen[:-1]:
            ouder = ouder[deel]
        ouder[delen[-1]] = waarde
    return situatie


def _problemen(vo: verordening.Verordening, situatie: Any) -> list[str]:
    with pytest.raises(verordening.SituatieError) as fout:
        vo.evaluate(situatie, peildatum=PEILDATUM)
    return [str(p) for p in fout.value.problemen]


@pytest.mark.parametrize(
    ("wijziging", "probleem"),
    [
        (
            {"personen.1.geboortedatum": "2024-03-02"},
            "$.personen[1].geboortedatum: de geboortedatum 2024-03-02 ligt na de peildatum "
            "2024-03-01",
        ),
        (
            {"personen.0.inkomsten.0.bedrag_per_maand": True},
            "$.personen[0].inkomsten[0].bedrag_per_maand: moet een geheel getal zijn",
        ),
        (
            {"personen.0.inkomsten.0.bedrag_per_maand": "100"},
            "$.personen[0].inkomsten[0].bedrag_per_maand: moet een geheel getal zijn",
        ),
        (
            {"personen.0.inkomsten.0.bedrag_per_maand": 100.0},
            "$.personen[0].inkomsten[0].bedrag_per_maand: moet een geheel getal zijn",
        ),
        (
            {"personen.0.inkomsten.0.bedrag_per_maand": -100_000},
            "$.personen[0].inkomsten[0].bedrag_per_maand: mag niet negatief zijn",
        ),
        (
            {"personen.0.inkomsten.0.bedrag_per_maand": 10**11 + 1},
            "$.personen[0].inkomsten[0].bedrag_per_maand: is te groot (hoogstens 100000000000)",
        ),
        ({"vermogen.bedrag": "0"}, "$.vermogen.bedrag: moet een geheel getal zijn"),
        (
            {"vermogen.bedrag": -(10**11) - 1},
            "$.vermogen.bedrag: is te klein (ten minste -100000000000)",
        ),
        ({"schema_versie": True}, "$.schema_versie: moet een geheel getal zijn"),
        (
            {"personen.0.geboortedatum": 0},
            "$.personen[0].geboortedatum: moet een datum zijn (JJJJ-MM-DD)",
        ),
        (
            {"personen.0.geboortedatum": "315532800"},
            "$.personen[0].geboortedatum: moet een datum zijn (JJJJ-MM-DD)",
        ),
        (
            {"personen.0.geboortedatum": "1980-05-01T00:00:00"},
            "$.personen[0].geboortedatum: moet een datum zijn (JJJJ-MM-DD)",
        ),
        (
            {"personen.0.geboortedatum": dt.datetime(1980, 5, 1, tzinfo=dt.UTC)},
            "$.personen[0].geboortedatum: moet een datum zijn (JJJJ-MM-DD)",
        ),
        (
            {"personen.0.geboortedatum": "1879-12-31"},
            "$.personen[0].geboortedatum: ligt vóór 1880-01-01",
        ),
        (
            {"personen.0.geboortedatum": "2201-01-01"},
            "$.personen[0].geboortedatum: ligt na 2200-12-31",
        ),
    ],
)
def test_onzin_wordt_geweigerd(
    vo: verordening.Verordening, wijziging: dict[str, Any], probleem: str
) -> None:
    assert _problemen(vo, _met(wijziging)) == [probleem]


def test_geboren_op_de_peildatum_mag(vo: verordening.Verordening) -> None:
    advies = vo.evaluate(_met({"personen.1.geboortedatum": "2024-03-01"}), peildatum=PEILDATUM)
    assert isinstance(advies, Advies)


def test_de_peildatum_van_de_situatie_telt_als_er_geen_andere_is(
    vo: verordening.Verordening,
) -> None:
    """`validate_situatie` without a peildatum (impact, analyse) uses the situation's own."""
    situatie = _met({"peildatum": "2024-03-01", "personen.1.geboortedatum": "2024-05-01"})
    with pytest.raises(verordening.SituatieError) as fout:
        verordening.engine.validate_situatie(situatie, vo.compiled)
    assert [p.pad for p in fout.value.problemen] == ["$.personen[1].geboortedatum"]
    # An explicit peildatum goes first: on a later day the child is born.
    verordening.engine.validate_situatie(situatie, vo.compiled, dt.date(2024, 6, 1))


def test_impact_weigert_een_geboortedatum_na_de_gegeven_peildatum(
    vo: verordening.Verordening,
) -> None:
    situatie = _met({"personen.1.geboortedatum": "2024-05-01"})
    (geval,) = lees_gevallen([situatie], vo.compiled, vo.compiled, PEILDATUM)
    assert not isinstance(geval, tuple)
    assert [p.pad for p in geval.problemen] == ["$.personen[1].geboortedatum"]


@pytest.mark.parametrize(
    "geboortedatum", ["1980-05-01", dt.date(1980, 5, 1)], ids=["json-tekst", "yaml-datum"]
)
def test_een_datum_blijft_een_datum(vo: verordening.Verordening, geboortedatum: Any) -> None:
    """ISO text (JSON) and a date (YAML) give the same Advies, as before."""
    advies = vo.evaluate(_met({"personen.0.geboortedatum": geboortedatum}), peildatum=PEILDATUM)
    referentie = vo.evaluate(SITUATIE, peildatum=PEILDATUM)
    assert advies.model_dump_json() == referentie.model_dump_json()
