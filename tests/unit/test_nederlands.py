"""Dutch everywhere a user reads (issue 14, item 7): input errors, JSON and OS errors.

The Situatie's pydantic errors are translated by their ``type``; these tests provoke
every error type a Situatie can raise by putting wrong values into every field of a
complete situation, and check that each type has its own Dutch text.
"""

from __future__ import annotations

import copy
import datetime as dt
import errno
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

import verordening
from verordening.errors import (
    ONGELDIG,
    PYDANTIC_NL,
    OnbekendeEngineError,
    SituatieError,
    VerordeningError,
    json_melding,
    os_melding,
    pydantic_melding,
)
from verordening.model.situatie import Situatie

#: Words that betray an English text; none of them is a Dutch word.
ENGELS = re.compile(
    r"\b(input|should|valid|field|required|value|must|least|most|greater|less|than|"
    r"string|integer|boolean|number|expected|extra|forbidden|permitted|characters?|"
    r"error|the|a|an|be|not|or|and|with|Expecting|delimiter|No such|Permission|"
    r"denied|directory|file|Errno)\b"
)

#: A situation with every part filled in, so that every field can be made wrong.
VOLLEDIG: dict[str, Any] = {
    "schema_versie": 1,
    "kenmerk": "zaak-1",
    "peildatum": "2024-03-01",
    "meldingsdatum": "2024-02-01",
    "aanvraagdatum": "2024-02-02",
    "personen": [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": "1980-01-01",
            "verblijfsstatus": "nederlander",
            "student_met_studiefinanciering": False,
            "inkomsten": [{"bron": "loon", "bedrag_per_maand": 100000}],
            "kan_huishouden_doen": "gedeeltelijk",
            "loonwaarde_procent": 50,
            "mantelzorg_uren_per_week": 4,
        }
    ],
    "woonsituatie": {"soort": "huur", "woonlasten_per_maand": 80000},
    "vermogen": {"bedrag": 100, "eigen_woning_overwaarde": 0},
    "schulden": {"heeft_schulden": True, "totaal": 500, "dreigend": ["huisuitzetting"]},
    "netwerk": {"beschikbaar": True},
    "handhaving": {"verwijtbaarheid": "geen", "benadelingsbedrag": 0},
    "inkomenshistorie": {"maanden_laag_inkomen": 12},
    "eerdere_besluiten": [{"soort": "bijstand", "persoon": "p1", "datum": "2020-01-01"}],
    "hulpvragen": [
        {
            "behoefte": "inkomen_levensonderhoud",
            "levensdomein": "inkomen",
            "persoon": "p1",
            "uren_per_week": 2,
            "kosten": 1000,
        }
    ],
}

#: Wrong values of every JSON kind, and values just outside the bounds of the fields.
VERKEERD: list[Any] = [
    None,
    "x",
    "",
    "2024-13-45",
    "2024-01-01T10:30:00",
    "a" * 100,
    1.5,
    True,
    -5,
    10**13,
    10**40,
    "1e3",
    [],
    ["x"],
    {},
    {"x": 1},
    "1850-01-01",
    "2300-01-01",
]


def _plekken(data: Any, pad: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(data, dict):
        for sleutel, waarde in data.items():
            yield (*pad, sleutel)
            yield from _plekken(waarde, (*pad, sleutel))
    elif isinstance(data, list):
        for i, waarde in enumerate(data):
            yield (*pad, i)
            yield from _plekken(waarde, (*pad, i))


def _zet(data: Any, pad: tuple[str | int, ...], waarde: Any) -> Any:
    kopie = copy.deepcopy(data)
    doel = kopie
    for deel in pad[:-1]:
        doel = doel[deel]
    doel[pad[-1]] = waarde
    return kopie


def _zonder(data: Any, pad: tuple[str | int, ...]) -> Any:
    kopie = copy.deepcopy(data)
    doel = kopie
    for deel in pad[:-1]:
        doel = doel[deel]
    del doel[pad[-1]]
    return kopie


def _fouten() -> Iterator[dict[str, Any]]:
    """Every pydantic error that wrong values in every field of a Situatie give."""
    invoer: list[Any] = [{}]  # nothing at all: 'missing'
    for pad in _plekken(VOLLEDIG):
        invoer += [_zet(VOLLEDIG, pad, w) for w in VERKEERD]
        if isinstance(pad[-1], str):
            invoer.append(_zonder(VOLLEDIG, pad))
            invoer.append(_zet(VOLLEDIG, (*pad[:-1], f"{pad[-1]}_x"), 1))
    invoer.append({**VOLLEDIG, "personen": []})
    invoer.append({**VOLLEDIG, "personen": VOLLEDIG["personen"] * 2})
    for data in invoer:
        try:
            Situatie.model_validate(data)
        except ValidationError as exc:
            yield from exc.errors(include_url=False)


@pytest.fixture(scope="module")
def fouten() -> list[dict[str, Any]]:
    return list(_fouten())


def test_volledige_situatie_is_geldig() -> None:
    Situatie.model_validate(VOLLEDIG)


def test_elk_fouttype_van_de_situatie_heeft_een_nederlandse_tekst(
    fouten: list[dict[str, Any]],
) -> None:
    soorten = {f["type"] for f in fouten}
    # The provocation works: it raises the common types (and more).
    assert {
        "missing",
        "extra_forbidden",
        # Amounts and numbers are strict (a text or a float is refused, not converted).
        "int_type",
        "bool_parsing",
        "date_type",
        "date_from_datetime_parsing",
        "enum",
        "greater_than_equal",
        "less_than_equal",
        "string_too_long",
        "string_pattern_mismatch",
        "tuple_type",
        "model_type",
        "string_type",
        "value_error",
    } <= soorten
    assert sorted(soorten - set(PYDANTIC_NL)) == [], "fouttypes zonder Nederlandse tekst"
    for fout in fouten:
        tekst = pydantic_melding(fout)
        assert tekst and tekst != ONGELDIG, fout
        assert not ENGELS.search(tekst), (fout["type"], tekst)
        assert not re.search(r"\{[a-z_]+\}", tekst), (fout["type"], tekst)  # all filled in


def test_context_staat_in_de_tekst() -> None:
    with pytest.raises(ValidationError) as info:
        Situatie.model_validate(_zet(VOLLEDIG, ("personen", 0, "rol"), "baas"))
    fout = info.value.errors(include_url=False)[0]
    assert fout["loc"] == ("personen", 0, "rol")
    assert pydantic_melding(fout) == (
        "moet een van deze waarden zijn: 'aanvrager', 'partner', 'kind', 'ouder' of 'medebewoner'"
    )
    with pytest.raises(ValidationError) as info:
        Situatie.model_validate(_zet(VOLLEDIG, ("personen", 0, "geboortedatum"), "1850-01-01"))
    fout = info.value.errors(include_url=False)[0]
    assert fout["loc"] == ("personen", 0, "geboortedatum")
    assert pydantic_melding(fout) == "ligt vóór 1880-01-01"


def test_onbekend_fouttype_krijgt_toch_nederlands() -> None:
    assert pydantic_melding({"type": "nieuw_in_pydantic_9", "msg": "Input is bad"}) == ONGELDIG
    assert pydantic_melding({"type": "enum"}) == "moet een van deze waarden zijn"
    patroon = {"type": "string_pattern_mismatch", "ctx": {"pattern": "^[a-z0-9_]{1,60}$"}}
    assert pydantic_melding(patroon) == (
        "heeft niet de juiste vorm: kleine letters, cijfers en '_', hoogstens 60 tekens"
    )


def test_situatie_error_van_evaluate_is_nederlands(vo: verordening.Verordening) -> None:
    data = _zet(VOLLEDIG, ("personen", 0, "rol"), "baas")
    data = _zet(data, ("vermogen", "bedrag"), 1.5)
    data["onbekend_veld"] = 1
    with pytest.raises(SituatieError) as info:
        vo.evaluate(data, peildatum=dt.date(2024, 3, 1))
    tekst = str(info.value)
    assert "$.personen[0].rol: moet een van deze waarden zijn" in tekst
    assert "$.vermogen.bedrag: moet een geheel getal zijn" in tekst
    assert "$.onbekend_veld: is geen bekend veld" in tekst
    for probleem in info.value.problemen:
        assert not ENGELS.search(probleem.bericht), probleem


@pytest.mark.parametrize(
    "tekst",
    ["", "{", '{"a": 1,}', '{"a" 1}', '{"a": 1 "b": 2}', '{"a": 1} x', '"open', '"\\q"', '"\t"'],
)
def test_json_fouten_zijn_nederlands(tekst: str) -> None:
    with pytest.raises(json.JSONDecodeError) as info:
        json.loads(tekst)
    melding = json_melding(info.value)
    assert melding.startswith("geen geldige JSON: ")
    assert "(regel " in melding
    assert not ENGELS.search(melding), melding


def test_json_melding_zonder_regel_voor_json_lines() -> None:
    with pytest.raises(json.JSONDecodeError) as info:
        json.loads('{"a": }')
    assert json_melding(info.value, regel=False) == (
        "geen geldige JSON: hier wordt een waarde verwacht (kolom 7)"
    )


@pytest.mark.parametrize("nummer", [errno.ENOENT, errno.EACCES, errno.EISDIR, errno.ENOSPC, 9999])
def test_os_fouten_zijn_nederlands(nummer: int) -> None:
    melding = os_melding(OSError(nummer, "English text"))
    assert "English" not in melding
    assert not ENGELS.search(melding), melding


def test_os_fout_van_echt_bestand(tmp_path: Any) -> None:
    with pytest.raises(FileNotFoundError) as info:
        (tmp_path / "bestaat-niet.yaml").read_text()
    assert os_melding(info.value) == "bestaat niet"


def test_onbekende_engine_is_een_nederlandse_verordening_fout(
    vo: verordening.Verordening,
) -> None:
    with pytest.raises(OnbekendeEngineError) as info:
        vo.evaluate(VOLLEDIG, peildatum=dt.date(2024, 3, 1), engine="snel")
    assert isinstance(info.value, VerordeningError)
    assert not isinstance(info.value, KeyError)
    assert str(info.value) == "onbekende engine 'snel'; kies uit: durable_rules, referentie"


@pytest.mark.parametrize("processen", [1, 2])
def test_onbekende_engine_in_evaluate_many_faalt_voor_de_pool(
    vo: verordening.Verordening, processen: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def geen_pool(aantal: int) -> None:
        pytest.fail("a pool was asked for an engine name that cannot work")

    monkeypatch.setattr(vo, "pool", geen_pool)
    with pytest.raises(OnbekendeEngineError, match="kies uit: durable_rules"):
        list(
            vo.evaluate_many(
                [VOLLEDIG], peildatum=dt.date(2024, 3, 1), processen=processen, engine="snel"
            )
        )


def test_engine_of_geeft_de_maker_of_een_nederlandse_fout() -> None:
    from verordening.engine import registry

    assert registry.engine_of(registry.REFERENTIE) is not None
    with pytest.raises(OnbekendeEngineError) as info:
        registry.engine_of("snel")
    assert info.value.namen == registry.namen()
