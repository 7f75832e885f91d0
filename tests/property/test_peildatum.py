"""The peildatum is respected: a parameter change only changes cases on or after its date.

For a few parameters a copy of the rulesets gets a new value from date D on, twice: once
with the same value (B) and once with another value (C). The two copies differ only in
that value from D on, so for every case with a peildatum before D the Advies must be
identical apart from the receipt's ruleset hash; from D on the new value is the one used.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

import verordening
from tests.conftest import RULESETS
from tests.property.conftest import voorbeelden
from tests.strategies import BEHOEFTEN, situaties

Geval = tuple[dict[str, Any], dt.date]


@dataclass(frozen=True)
class Wijziging:
    """A new value for ``parameter`` from ``datum`` on, and the needs it matters for."""

    parameter: str
    datum: dt.date
    nieuw: Any
    behoeften: tuple[str, ...]


WIJZIGINGEN = (
    Wijziging(
        "pw.norm.21_aow.alleenstaande_of_alleenstaande_ouder",
        dt.date(2025, 3, 1),
        150_000,
        ("inkomen_levensonderhoud", "bijzondere_kosten_betalen", "langdurig_laag_inkomen"),
    ),
    Wijziging(
        "jw.jeugdige.leeftijdsgrens",
        dt.date(2024, 6, 1),
        19,
        ("gezond_en_veilig_opgroeien", "meedoen_in_de_samenleving"),
    ),
    Wijziging(
        "wmo.abonnementstarief",
        dt.date(2024, 7, 1),
        2_500,
        ("schoon_en_leefbaar_huis", "meedoen_in_de_samenleving", "zelfstandig_verplaatsen"),
    ),
)


def _splits(root: Path, w: Wijziging, waarde: Any) -> dt.date:
    """Split the value of ``w.parameter`` in force on ``w.datum``: ``waarde`` from then on.

    Returns the last day of the split value (the next dated value takes over after it).
    """
    for bestand in (root / "parameters").glob("*.yaml"):
        data = yaml.safe_load(bestand.read_text(encoding="utf-8"))
        for param in data.get("parameters", []):
            if param["naam"] != w.parameter:
                continue
            for i, oud in enumerate(param["waarden"]):
                tot = oud.get("geldig_tot", dt.date.max)
                if oud["geldig_vanaf"] < w.datum <= tot:
                    voor, na = copy.deepcopy(oud), copy.deepcopy(oud)
                    voor["geldig_tot"] = w.datum - dt.timedelta(days=1)
                    na.update(geldig_vanaf=w.datum, waarde=waarde, bron="test: nieuwe waarde")
                    param["waarden"][i : i + 1] = [voor, na]
                    bestand.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
                    return tot
    raise AssertionError(f"geen waarde van {w.parameter} loopt over {w.datum}")


Varianten = dict[str, tuple[verordening.Verordening, verordening.Verordening, dt.date]]


@pytest.fixture(scope="module")
def varianten(
    tmp_path_factory: pytest.TempPathFactory, vo: verordening.Verordening
) -> Iterator[Varianten]:
    """Per parameter: the bylaw with the same value from D (B), with the new value (C), and
    the last day of the new value."""
    uit = {}
    for w in WIJZIGINGEN:
        paar = []
        for naam, waarde in (("zelfde", None), ("nieuw", w.nieuw)):
            root = tmp_path_factory.mktemp(f"{w.parameter}-{naam}") / "rulesets"
            shutil.copytree(RULESETS, root, ignore=shutil.ignore_patterns("scenarios"))
            if waarde is None:  # the copy's own value: that of the shipped bylaw
                waarde = vo.compiled.parameters_op(w.datum)[w.parameter][1].waarde
            eind = _splits(root, w, waarde)
            paar.append(verordening.load(root))
        uit[w.parameter] = (paar[0], paar[1], eind)
    yield uit
    for b, c, _ in uit.values():
        b.close()
        c.close()


def _zonder_regelset(advies: verordening.Advies) -> dict[str, Any]:
    data = advies.model_dump(mode="json")
    data["ontvangstbewijs"].pop("regelset_hash")
    data["ontvangstbewijs"].pop("regelset_versies")
    return data


@st.composite
def rond_een_wijziging(draw: st.DrawFn) -> tuple[Wijziging, Geval]:
    """A change, and a situation whose peildatum is the day before, the day of, or near D."""
    w = draw(st.sampled_from(WIJZIGINGEN))
    dagen = draw(st.one_of(st.sampled_from([-1, 0]), st.integers(-800, 800)))
    peildatum = w.datum + dt.timedelta(days=dagen)
    behoeften = draw(
        st.lists(st.sampled_from(w.behoeften), min_size=1, max_size=2, unique=True)
        | st.lists(st.sampled_from(BEHOEFTEN), min_size=1, max_size=2, unique=True)
    )
    return w, draw(situaties(behoeften, peildata=st.just(peildatum)))


@voorbeelden(ci=600)
@given(rond_een_wijziging())
def test_wijziging_geldt_alleen_vanaf_haar_datum(
    varianten: Varianten, geval: tuple[Wijziging, Geval]
) -> None:
    w, (situatie, peildatum) = geval
    zelfde, nieuw, eind = varianten[w.parameter]
    voor = zelfde.evaluate(situatie, peildatum=peildatum)
    na = nieuw.evaluate(situatie, peildatum=peildatum)
    if peildatum < w.datum:
        event("voor de wijziging")
        assert _zonder_regelset(na) == _zonder_regelset(voor)
        return
    gebruikt = {p.naam: p for p in na.trace.parameters}
    if w.parameter in gebruikt and peildatum <= eind:
        event("na de wijziging, parameter gebruikt")
        assert gebruikt[w.parameter].waarde == w.nieuw
        assert gebruikt[w.parameter].geldig_vanaf == w.datum
    anders = _zonder_regelset(na) != _zonder_regelset(voor)
    event(f"na de wijziging, advies {'anders' if anders else 'gelijk'}")
