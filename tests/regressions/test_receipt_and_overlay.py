"""Regressions found while documenting: receipts must not depend on the working directory,
and an overlay replaces a model rule only for the overlay's own period."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import verordening
from tests.conftest import RULESETS

C26 = Path(__file__).parents[2] / "examples" / "situaties" / "c26-gezonde-partner.yaml"


def _c26() -> dict[str, Any]:
    return yaml.safe_load(C26.read_text(encoding="utf-8"))


def test_receipt_and_replay_do_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vo = verordening.load(RULESETS)
    hier = vo.evaluate(_c26(), peildatum=dt.date(2024, 5, 1))
    monkeypatch.chdir(tmp_path)
    elders = verordening.load(RULESETS)
    daar = elders.evaluate(_c26(), peildatum=dt.date(2024, 5, 1))
    assert daar.ontvangstbewijs == hier.ontvangstbewijs
    assert daar.trace == hier.trace
    assert not verordening.herhaal(hier, elders)


OVERLAY = """schema_versie: 1
onderwerp: proefstad
geldig_vanaf: 2024-07-01
vervangt:
  - id: hh-gebruikelijke-hulp
    grondslag: Wmo 2015 art. 2.3.5 lid 3
    stap: 4
    behoefte: schoon_en_leefbaar_huis
    grondwaarden: [ZELFREDZAAMHEID]
    kernwaarden: {KW_AFSTEMMING: 3}
    prioriteit: 20
    toelichting: Proefstad verwacht geen gebruikelijke hulp van een partner boven de 70.
    als:
      - wmo.gebruikelijke_hulp_mogelijk: ja
      - partner.leeftijd: {kleiner_dan: 70}
    voorstel:
      uitkomst: afgewezen
      instrument: maatwerk_huishoudelijke_ondersteuning
      wetten: [Wet maatschappelijke ondersteuning 2015]
      motivering: De partner kan het huishouden overnemen.
"""


def test_overlay_replaces_a_rule_only_in_its_own_period(tmp_path: Path) -> None:
    kopie = tmp_path / "rulesets"
    shutil.copytree(RULESETS, kopie)
    (kopie / "gemeenten" / "proefstad").mkdir(parents=True)
    (kopie / "gemeenten" / "proefstad" / "keuzes.yaml").write_text(OVERLAY, encoding="utf-8")
    assert verordening.check(kopie, gemeente="proefstad") == []
    vo = verordening.load(kopie, gemeente="proefstad")
    situatie = _c26()
    situatie["hulpvragen"][0]["algemene_voorziening_toereikend"] = False
    voor = vo.evaluate(situatie, peildatum=dt.date(2024, 5, 1))
    na = vo.evaluate(situatie, peildatum=dt.date(2024, 8, 1))
    assert [(v.uitkomst, v.regel) for v in voor.voorstellen] == [
        ("afgewezen", "hh-gebruikelijke-hulp")
    ]
    assert voor.vragen == ()
    # the partner in C26 is 70 in August 2024: the replacement rule no longer applies
    assert [v.uitkomst for v in na.voorstellen] == ["toegekend"]
    assert na.ontvangstbewijs.gemeente == "proefstad"
