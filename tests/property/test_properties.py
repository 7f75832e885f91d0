"""Properties that must hold for every valid situation (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given

import verordening
from tests.strategies import situaties


def _zonder_engine(advies: verordening.Advies) -> dict[str, Any]:
    data = advies.model_dump(mode="json")
    data["ontvangstbewijs"].pop("engine")
    return data


@given(situaties())
def test_engines_agree(vo: verordening.Verordening, geval: tuple[dict[str, Any], dt.date]) -> None:
    situatie, peildatum = geval
    durable = vo.evaluate(situatie, peildatum=peildatum)
    referentie = vo.evaluate(situatie, peildatum=peildatum, engine="referentie")
    assert _zonder_engine(durable) == _zonder_engine(referentie)


@given(situaties())
def test_deterministic_with_explanation(
    vo: verordening.Verordening, geval: tuple[dict[str, Any], dt.date]
) -> None:
    situatie, peildatum = geval
    eerste = vo.evaluate(situatie, peildatum=peildatum)
    tweede = vo.evaluate(situatie, peildatum=peildatum)
    assert eerste == tweede
    assert verordening.uitleg(eerste, vorm="jurist") == verordening.uitleg(tweede, vorm="jurist")


@given(situaties())
def test_total_and_cited(
    vo: verordening.Verordening, geval: tuple[dict[str, Any], dt.date]
) -> None:
    situatie, peildatum = geval
    advies = vo.evaluate(situatie, peildatum=peildatum)
    behoeften = [v.behoefte for v in advies.voorstellen]
    assert len(behoeften) == len(set(behoeften)), "een behoefte kreeg twee voorstellen"
    for v in advies.voorstellen:
        if v.uitkomst == "onbekend":
            assert v.regel is None
            continue
        assert v.artikel and v.grondslag and v.kernwaarden, v
        assert v.voor_inwoner, f"{v.regel} heeft geen uitleg voor de inwoner"
        if v.uitkomst == "maatwerk_afwijking":
            assert v.vereist_beoordeling and advies.vereist_beoordeling
    if any(v.uitkomst == "onbekend" for v in advies.voorstellen):
        assert advies.vragen or advies.vereist_beoordeling, (
            "onbekend zonder vraag of reden is een gok"
        )
    for stap in advies.trace.stappen:
        for knoop in stap.knopen:
            assert knoop.artikel and knoop.kernwaarden
    for vorm in ("jurist", "inwoner"):
        for formaat in ("markdown", "html", "tekst", "json"):
            assert verordening.uitleg(advies, vorm=vorm, formaat=formaat)  # type: ignore[arg-type]


@given(situaties())
def test_advies_json_roundtrip(
    vo: verordening.Verordening, geval: tuple[dict[str, Any], dt.date]
) -> None:
    situatie, peildatum = geval
    advies = vo.evaluate(situatie, peildatum=peildatum)
    assert verordening.Advies.model_validate_json(advies.model_dump_json()) == advies


@given(situaties())
def test_questions_name_rules(
    vo: verordening.Verordening,
    geval: tuple[dict[str, Any], dt.date],
) -> None:
    """Every question says which rules wait for it and is phrased as a question."""
    situatie, peildatum = geval
    advies = vo.evaluate(situatie, peildatum=peildatum)
    for vraag in advies.vragen:
        assert vraag.regels and vraag.vraag.endswith("?")
