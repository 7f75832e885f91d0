"""Advies and trace objects built without validation (`trace.vertrouwd`) equal validated ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

import verordening
from verordening.bench import PEILDATUM, synthetic_situations
from verordening.model.trace import GegevenWaarde, vertrouwd

VOORBEELDEN = sorted((Path(__file__).parents[2] / "examples" / "situaties").glob("*.yaml"))


def _zelfde(gebouwd: Any, pad: str) -> None:
    """Validating again gives the same values of the same types, in the same field order."""
    if isinstance(gebouwd, tuple):
        for i, deel in enumerate(gebouwd):
            _zelfde(deel, f"{pad}[{i}]")
        return
    if not isinstance(gebouwd, BaseModel):
        return
    # Validate again from exactly the fields the evaluator set; defaults fill the rest.
    opnieuw = type(gebouwd)(**{k: gebouwd.__dict__[k] for k in gebouwd.model_fields_set})
    assert list(gebouwd.__dict__) == list(type(gebouwd).model_fields), pad
    for naam, waarde in gebouwd.__dict__.items():
        nieuw = opnieuw.__dict__[naam]
        assert type(waarde) is type(nieuw) and waarde == nieuw, f"{pad}.{naam}"
        _zelfde(waarde, f"{pad}.{naam}")
    assert gebouwd.model_fields_set == opnieuw.model_fields_set, pad


def _gevallen() -> list[tuple[dict[str, Any], dt.date]]:
    uit = [(s, PEILDATUM) for s in synthetic_situations(40, seed=3)]
    for pad in VOORBEELDEN:
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
        uit.append((data, data["peildatum"]))
    return uit


@pytest.mark.parametrize("engine", ["durable_rules", "referentie"])
def test_advies_built_without_validation_equals_a_validated_one(
    vo: verordening.Verordening, engine: str
) -> None:
    for situatie, peildatum in _gevallen():
        advies = vo.evaluate(situatie, peildatum=peildatum, engine=engine)  # type: ignore[arg-type]
        _zelfde(advies, "$")
        assert verordening.Advies.model_validate_json(advies.model_dump_json()) == advies


def test_gegevenwaarde_van_matches_validation() -> None:
    for waarde in (None, True, False, 0, 7, "code", dt.date(2025, 3, 1)):
        gebouwd = GegevenWaarde.van("x", "aantal", waarde)
        _zelfde(gebouwd, "$")
    snel = vertrouwd(GegevenWaarde, {"naam": "a", "type": "ja_nee", "waarde": True})
    assert snel == GegevenWaarde(naam="a", type="ja_nee", waarde=True)
    assert hash(snel) == hash(GegevenWaarde(naam="a", type="ja_nee", waarde=True))


def test_shared_trace_nodes_give_the_same_advies_as_nodes_built_per_case(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Nodes of rules that did not hold are kept by their inputs and shared between cases
    # (`tracer._NodeCache`). With a small memory, so generations turn over too, every Advies
    # must equal the one built with nothing kept, whatever came before it.
    from verordening.engine import tracer as _tracer

    gevallen = [(s, PEILDATUM) for s in synthetic_situations(300, seed=17)]
    for pad in VOORBEELDEN:
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
        gevallen.append((data, data["peildatum"]))
    monkeypatch.setattr(_tracer, "GEHEUGEN_KNOPEN", 200)
    vo = verordening.load()
    try:
        gedeeld = [vo.evaluate(s, peildatum=d).model_dump_json() for s, d in gevallen]
        weer = [vo.evaluate(s, peildatum=d).model_dump_json() for s, d in reversed(gevallen)]
        versie = vo.compiled.versie_op(PEILDATUM)
        assert versie is not None
        geheugen = _tracer.plan(vo.compiled, versie).geheugen
        assert 0 < len(geheugen.nieuw) <= 200, "nodes were kept, within the bound"
        monkeypatch.setattr(_tracer._NodeCache, "find", lambda self, sleutel: None)
        los = [vo.evaluate(s, peildatum=d).model_dump_json() for s, d in gevallen]
    finally:
        vo.close()
    assert gedeeld == los
    assert weer[::-1] == los


def test_one_condition_short_marks_only_rules_that_would_change_the_proposal() -> None:
    # C35: the Wlz indication decides 'schoon_en_leefbaar_huis'. A rule held back by one
    # condition that would still be set aside if it held (a personal budget, an overloaded
    # carer) does not "flip the outcome"; the hardheidsclausule, an exception that would
    # win, does.
    data = yaml.safe_load(
        (Path(__file__).parents[2] / "examples/situaties/c35-wlz-indicatie.yaml").read_text(
            encoding="utf-8"
        )
    )
    vo = verordening.load()
    try:
        advies = vo.evaluate(data, peildatum=data["peildatum"])
    finally:
        vo.close()
    knopen = {k.regel: k for stap in advies.trace.stappen for k in stap.knopen}
    for regel in ("pgb-hh-toekennen", "hh-mantelzorger-overbelast"):
        assert len(knopen[regel].voorwaarden) == 1
        assert knopen[regel].kantelt_uitkomst is False, regel
    assert len(knopen["hardheidsclausule@schoon_en_leefbaar_huis"].voorwaarden) == 1
    assert knopen["hardheidsclausule@schoon_en_leefbaar_huis"].kantelt_uitkomst is True
