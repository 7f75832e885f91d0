"""Missing facts (DESIGN §3, issue 15): presumptions, the procedural step, unconfirmed parameters.

Each test names the statute rule it follows; situations are the smallest that show it.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

import verordening
from tests.conftest import RULESETS
from verordening import Situatie
from verordening._types import Uitkomst
from verordening.engine.evaluate import facts_for

PEIL = dt.date(2025, 7, 1)

#: Huishoudelijke ondersteuning, every finding made, the Wlz indication not mentioned.
HUISHOUDEN: dict[str, Any] = {
    "meldingsdatum": "2025-06-20",
    "personen": [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": "1950-01-01",
            "kan_huishouden_doen": "niet",
        }
    ],
    "hulpvragen": [
        {
            "behoefte": "schoon_en_leefbaar_huis",
            "eigen_kracht_toereikend": False,
            "algemene_voorziening_toereikend": False,
            "algemeen_gebruikelijk": False,
            "spoed": False,
        }
    ],
}


def _met(**wijzig: Any) -> dict[str, Any]:
    s = copy.deepcopy(HUISHOUDEN)
    for pad, waarde in wijzig.items():
        deel, veld = pad.split("__")
        s[deel][0][veld] = waarde
    return s


def _uitkomst(advies: verordening.Advies) -> tuple[str, str | None]:
    (v,) = advies.voorstellen
    return str(v.uitkomst), v.regel


def test_a_presumption_carries_the_outcome_and_is_listed_with_the_rules_that_read_it(
    vo: verordening.Verordening,
) -> None:
    # Wmo 2015 art. 2.3.5 lid 6: a Wlz indication is an exception; the applicant reports it
    # (art. 2.3.2 lid 7). Not mentioned: presumed absent, and the Advies says so.
    advies = vo.evaluate(HUISHOUDEN, peildatum=PEIL)
    assert _uitkomst(advies) == ("toegekend", "hh-maatwerk")
    (aanname,) = advies.aannames
    assert aanname.gegeven == "aanvrager.wlz_indicatie"
    assert aanname.waarde is False
    assert "hh-wlz-voorliggend" in aanname.regels
    assert "2.3.2 lid 7" in aanname.grondslag and "CIZ" in aanname.controle
    assert not advies.vragen


@pytest.mark.parametrize("wlz", [True, False])
def test_a_given_value_always_beats_the_presumption(vo: verordening.Verordening, wlz: bool) -> None:
    advies = vo.evaluate(_met(personen__wlz_indicatie=wlz), peildatum=PEIL)
    assert advies.aannames == ()
    if not wlz:
        assert _uitkomst(advies) == ("toegekend", "hh-maatwerk")
        return
    # With a Wlz indication the onderzoek must establish whether the Wlz care covers this
    # help (art. 2.3.5 lid 6 is a power; at home the package may leave it out).
    (v,) = advies.voorstellen
    assert v.uitkomst == Uitkomst.procedureel
    assert "hulpvraag.schoon_en_leefbaar_huis.voorliggende_voorziening" in {
        p.gegeven for p in v.onderzoekspunten
    }


def test_a_presumption_of_the_partner_only_applies_when_there_is_a_partner(
    vo: verordening.Verordening,
) -> None:
    cv = vo.compiled
    zonder = Situatie.model_validate(HUISHOUDEN)
    feiten, _, vermoed = facts_for(cv, zonder, PEIL)
    assert "partner.wlz_indicatie" not in feiten and "partner.wlz_indicatie" not in vermoed
    met_partner = copy.deepcopy(HUISHOUDEN)
    met_partner["personen"].append(
        {"id": "p2", "rol": "partner", "geboortedatum": "1952-03-01", "wlz_indicatie": True}
    )
    feiten, _, vermoed = facts_for(cv, Situatie.model_validate(met_partner), PEIL)
    assert feiten["partner.wlz_indicatie"] is True and "partner.wlz_indicatie" not in vermoed
    assert feiten["partner.student_met_studiefinanciering"] is False
    assert "partner.student_met_studiefinanciering" in vermoed
    # vraag.persoon_wlz_indicatie: one presumed fact per hulpvraag asked
    assert vermoed["hulpvraag.schoon_en_leefbaar_huis.persoon_wlz_indicatie"].gegeven == (
        "vraag.persoon_wlz_indicatie"
    )


def test_a_missing_finding_gives_the_wmo_onderzoek_with_its_date(
    vo: verordening.Verordening,
) -> None:
    # Wmo 2015 art. 2.3.2 lid 1: onderzoek within six weeks of the melding (20 June 2025 →
    # Friday 1 August 2025). Eigen kracht is a finding of that onderzoek, never presumed.
    s = copy.deepcopy(HUISHOUDEN)
    del s["hulpvragen"][0]["eigen_kracht_toereikend"]
    advies = vo.evaluate(s, peildatum=PEIL)
    (v,) = advies.voorstellen
    assert v.uitkomst == Uitkomst.procedureel
    assert v.regel == "onderzoek-wmo-open@schoon_en_leefbaar_huis"
    assert v.uiterlijk == dt.date(2025, 8, 1)
    assert v.vereist_beoordeling and advies.vereist_beoordeling
    assert [p.gegeven for p in v.onderzoekspunten] == [
        "hulpvraag.schoon_en_leefbaar_huis.eigen_kracht_toereikend"
    ]
    assert v.onderzoekspunten[0].soort == "bevinding"
    assert [r.code for r in advies.redenen] == ["onderzoek_nodig"]
    assert "2.3.2" in advies.redenen[0].tekst


def test_onderzoekspunten_follow_the_steps_of_the_omgekeerde_toets(
    vo: verordening.Verordening,
) -> None:
    s = copy.deepcopy(HUISHOUDEN)
    for veld in ("eigen_kracht_toereikend", "algemene_voorziening_toereikend"):
        del s["hulpvragen"][0][veld]
    del s["personen"][0]["kan_huishouden_doen"]
    (v,) = vo.evaluate(s, peildatum=PEIL).voorstellen
    stappen = [p.stap for p in v.onderzoekspunten]
    assert stappen == sorted(stappen)
    assert len(v.onderzoekspunten) == 3


def test_a_deadline_before_the_peildatum_is_flagged(vo: verordening.Verordening) -> None:
    # Six weeks after a melding of 1 March 2025 ended on 14 April; on 1 July it has passed
    # (Wmo 2015 art. 2.3.2 lid 9: the resident may now apply directly).
    s = copy.deepcopy(HUISHOUDEN)
    s["meldingsdatum"] = "2025-03-01"
    del s["hulpvragen"][0]["eigen_kracht_toereikend"]
    advies = vo.evaluate(s, peildatum=PEIL)
    (v,) = advies.voorstellen
    assert v.uiterlijk == dt.date(2025, 4, 14)
    assert v.vereist_beoordeling
    assert "termijn_verstreken" in {r.code for r in advies.redenen}


def test_without_a_date_for_the_step_the_outcome_is_onbekend_with_a_reason(
    vo: verordening.Verordening,
) -> None:
    s = copy.deepcopy(HUISHOUDEN)
    del s["meldingsdatum"]
    del s["hulpvragen"][0]["eigen_kracht_toereikend"]
    advies = vo.evaluate(s, peildatum=PEIL)
    (v,) = advies.voorstellen
    assert v.uitkomst == Uitkomst.onbekend and v.vereist_beoordeling
    assert "onbekend" in {r.code for r in advies.redenen}
    assert "meldingsdatum" in {q.gegeven for q in advies.vragen}


MANTELZORG: dict[str, Any] = {
    "meldingsdatum": "2024-05-01",
    "personen": [
        {
            "id": "p1",
            "rol": "aanvrager",
            "geboortedatum": "1970-01-01",
            "mantelzorger": True,
            "mantelzorg_uren_per_week": 12,
        }
    ],
    "netwerk": {"mantelzorger_overbelast": False},
    "hulpvragen": [{"behoefte": "mantelzorger_ondersteunen"}],
}


def _kopie(tmp_path: Path) -> Path:
    doel = tmp_path / "rulesets"
    shutil.copytree(RULESETS, doel)
    return doel


def _vervang(pad: Path, oud: str, nieuw: str, na: str = "") -> None:
    """Replace the first ``oud`` after the text ``na`` in the file at ``pad``."""
    tekst = pad.read_text(encoding="utf-8")
    begin = tekst.index(na)
    assert oud in tekst[begin:]
    pad.write_text(tekst[:begin] + tekst[begin:].replace(oud, nieuw, 1), encoding="utf-8")


MANTELZORG_PARAM = "naam: wmo.mantelzorgwaardering.bedrag_per_jaar"


def _mantelzorg_uitkomst(vo: verordening.Verordening) -> verordening.Advies:
    return vo.evaluate(MANTELZORG, peildatum=dt.date(2024, 6, 1))


def test_an_unconfirmed_municipal_amount_without_an_earlier_value_is_a_procedural_step(
    vo: verordening.Verordening,
) -> None:
    # The mantelzorgwaardering is a municipal choice (Wmo 2015 art. 2.1.6) with no confirmed
    # amount at all: no value to fall back on, so the professional sets it.
    advies = _mantelzorg_uitkomst(vo)
    (v,) = advies.voorstellen
    assert v.uitkomst == Uitkomst.procedureel
    assert [p.soort for p in v.onderzoekspunten] == ["parameter"]
    assert "parameter_onbevestigd" in {r.code for r in advies.redenen}
    assert v.vereist_beoordeling and advies.vereist_beoordeling
    assert not advies.vragen  # never a question for the resident


def test_an_unconfirmed_municipal_amount_falls_back_to_the_last_confirmed_one(
    tmp_path: Path,
) -> None:
    root = _kopie(tmp_path)
    _vervang(
        root / "parameters" / "procedure.yaml",
        """      - geldig_vanaf: 2015-01-01
        waarde: null
        bron: onbevestigd
        status: onbevestigd""",
        """      - geldig_vanaf: 2015-01-01
        geldig_tot: 2023-12-31
        waarde: 20000
        bron: https://voorbeeld.invalid/besluit-2015
      - geldig_vanaf: 2024-01-01
        waarde: null
        bron: onbevestigd
        status: onbevestigd""",
        MANTELZORG_PARAM,
    )
    advies = _mantelzorg_uitkomst(verordening.load(root))
    (v,) = advies.voorstellen
    assert v.uitkomst == Uitkomst.toegekend and v.bedrag == 20000
    (aanname,) = [a for a in advies.aannames if a.gegeven.startswith("parameter.")]
    assert aanname.gegeven == "parameter.wmo.mantelzorgwaardering.bedrag_per_jaar"
    assert aanname.waarde == 20000 and "2015-01-01" in aanname.omschrijving
    (gebruik,) = [
        p for p in advies.trace.parameters if p.naam == "wmo.mantelzorgwaardering.bedrag_per_jaar"
    ]
    assert gebruik.status == "laatst_bevestigd" and gebruik.waarde == 20000


def test_an_unconfirmed_amount_the_law_fixes_never_falls_back(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    _vervang(
        root / "parameters" / "procedure.yaml",
        "    wet_bepaalt_waarde: false\n",
        "",
        MANTELZORG_PARAM,
    )
    _vervang(
        root / "parameters" / "procedure.yaml",
        """      - geldig_vanaf: 2015-01-01
        waarde: null""",
        """      - geldig_vanaf: 2015-01-01
        geldig_tot: 2023-12-31
        waarde: 20000
        bron: https://voorbeeld.invalid/besluit-2015
      - geldig_vanaf: 2024-01-01
        waarde: null""",
        MANTELZORG_PARAM,
    )
    advies = _mantelzorg_uitkomst(verordening.load(root))
    assert advies.voorstellen[0].uitkomst == Uitkomst.procedureel
    assert not any(a.gegeven.startswith("parameter.") for a in advies.aannames)


OVERLAY_WEG = """schema_versie: 1
onderwerp: proefstad
vervallen_vermoedens:
  - gegeven: aanvrager.wlz_indicatie
    motivering: Proefstad vraagt dit altijd na in het gesprek.
"""


def test_an_overlay_drops_a_presumption(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    (root / "gemeenten" / "proefstad").mkdir(parents=True)
    (root / "gemeenten" / "proefstad" / "keuzes.yaml").write_text(OVERLAY_WEG, encoding="utf-8")
    advies = verordening.load(root, gemeente="proefstad").evaluate(HUISHOUDEN, peildatum=PEIL)
    assert advies.aannames == ()
    (v,) = advies.voorstellen
    assert v.uitkomst == Uitkomst.procedureel  # the Wlz question is open again
    assert "aanvrager.wlz_indicatie" in {p.gegeven for p in v.onderzoekspunten}


def test_an_overlay_adds_a_presumption_and_may_not_drop_one_that_does_not_exist(
    tmp_path: Path,
) -> None:
    root = _kopie(tmp_path)
    (root / "gemeenten" / "proefstad").mkdir(parents=True)
    (root / "gemeenten" / "proefstad" / "keuzes.yaml").write_text(
        """schema_versie: 1
onderwerp: proefstad
vervallen_vermoedens:
  - gegeven: aanvrager.wlz_indicatie_x
    motivering: Tikfout.
""",
        encoding="utf-8",
    )
    codes = [d.code for d in verordening.check(root, gemeente="proefstad")]
    assert "V307" in codes


def test_a_drop_outside_an_overlay_is_refused(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    (root / "01-inleiding" / "extra.yaml").write_text(OVERLAY_WEG, encoding="utf-8")
    assert "V318" in [d.code for d in verordening.check(root)]


def test_the_receipt_covers_the_presumptions_file(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    voor = verordening.load(root).evaluate(HUISHOUDEN, peildatum=PEIL).ontvangstbewijs
    assert any(b.startswith("01-inleiding/vermoedens.yaml:") for b in voor.regelset_versies)
    _vervang(
        root / "01-inleiding" / "vermoedens.yaml",
        "Kijk bij het onderzoek in het indicatieregister",
        "Raadpleeg bij het onderzoek het indicatieregister",
    )
    na = verordening.load(root).evaluate(HUISHOUDEN, peildatum=PEIL).ontvangstbewijs
    assert na.regelset_hash != voor.regelset_hash


def test_a_gap_in_the_bylaw_is_no_onderzoek_but_onbekend_with_its_reasons(
    vo: verordening.Verordening,
) -> None:
    # A partner under 18 has no right of his own (Pw art. 13 lid 1 onder f); the norm of Pw
    # art. 24 is not in the rulesets, so no rule sets bijstand.norm. Every fact is given:
    # no onderzoek can settle this, a professional must (geen_waarde, onbekend).
    situatie = {
        "meldingsdatum": "2025-02-28",
        "aanvraagdatum": "2025-03-01",
        "personen": [
            {
                "id": "p1",
                "rol": "aanvrager",
                "geboortedatum": "1985-03-03",
                "verblijfsstatus": "nederlander",
                "student_met_studiefinanciering": False,
                "inkomsten": [],
                "medisch_urenbeperkt": False,
                "psychische_of_lichamelijke_belemmering": False,
            },
            {
                "id": "p2",
                "rol": "partner",
                "geboortedatum": "2008-01-01",
                "verblijfsstatus": "nederlander",
                "student_met_studiefinanciering": False,
                "inkomsten": [],
            },
        ],
        "vermogen": {"bedrag": 0},
        "hulpvragen": [{"behoefte": "inkomen_levensonderhoud", "spoed": False}],
    }
    advies = vo.evaluate(situatie, peildatum=dt.date(2025, 3, 3))
    (v,) = advies.voorstellen
    assert v.uitkomst == Uitkomst.onbekend and v.onderzoekspunten == ()
    assert [r.code for r in advies.redenen] == ["geen_waarde", "onbekend"]
