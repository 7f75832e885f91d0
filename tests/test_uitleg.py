"""Explanations: golden files per example situation and vorm, and what each form must say."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import verordening

VOORBEELDEN = sorted((Path(__file__).parent.parent / "examples" / "situaties").glob("*.yaml"))
GOLDEN = Path(__file__).parent / "golden" / "uitleg"


def _advies(vo: verordening.Verordening, pad: Path) -> verordening.Advies:
    data: dict[str, Any] = yaml.safe_load(pad.read_text(encoding="utf-8"))
    return vo.evaluate(data, peildatum=data["peildatum"])


@pytest.mark.parametrize("vorm", ["jurist", "inwoner"])
@pytest.mark.parametrize("pad", VOORBEELDEN, ids=lambda p: p.stem)
def test_golden_explanation(
    vo: verordening.Verordening, pad: Path, vorm: str, update_golden: bool
) -> None:
    tekst = verordening.uitleg(_advies(vo, pad), vorm=vorm, formaat="markdown")  # type: ignore[arg-type]
    # Hashes in the receipt change with any edit anywhere in the rulesets; the golden file is
    # about the explanation, so they are masked (the receipt itself is tested in test_engine).
    tekst = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", tekst)
    tekst = tekst.replace(verordening.__version__, "<versie>")
    doel = GOLDEN / f"{pad.stem}.{vorm}.md"
    if update_golden:
        doel.parent.mkdir(parents=True, exist_ok=True)
        doel.write_text(tekst, encoding="utf-8")
        return
    if not doel.exists():
        pytest.fail(f"{doel} ontbreekt; draai pytest --update-golden en bekijk git diff")
    assert tekst == doel.read_text(encoding="utf-8")


def test_same_advies_gives_byte_identical_text_in_every_format(vo: verordening.Verordening) -> None:
    advies = _advies(vo, VOORBEELDEN[0])
    herladen = verordening.Advies.model_validate_json(advies.model_dump_json())
    for vorm in ("jurist", "inwoner"):
        for formaat in ("markdown", "html", "tekst", "json"):
            eerste = verordening.uitleg(advies, vorm=vorm, formaat=formaat)  # type: ignore[arg-type]
            assert eerste == verordening.uitleg(herladen, vorm=vorm, formaat=formaat)  # type: ignore[arg-type]


def test_jurist_form_follows_the_four_steps_and_cites(vo: verordening.Verordening) -> None:
    tekst = verordening.uitleg(_advies(vo, VOORBEELDEN[3]), vorm="jurist", formaat="markdown")
    posities = [tekst.index(f"## Stap {n}") for n in (1, 2, 3, 4)]
    assert posities == sorted(posities)
    assert tekst.index("## Stap 4") < tekst.index("## Niet van toepassing")
    assert tekst.index("## Niet van toepassing") < tekst.index(
        "## Beoordeling door een professional"
    )
    assert tekst.index("## Beoordeling door een professional") < tekst.index("## Ontvangstbewijs")
    assert "artikel 4.4" in tekst and "Pw art. 41 lid 4" in tekst
    assert "KW_EIGEN_KRACHT ★★★" in tekst
    assert "parameter.pw.zoektermijn.weken = 4" in tekst
    assert "| pw.zoektermijn.weken | 4 | 1 januari 2015 – heden |" in tekst


def test_resident_form_is_plain(vo: verordening.Verordening) -> None:
    advies = _advies(vo, VOORBEELDEN[0])
    tekst = verordening.uitleg(advies, vorm="inwoner", formaat="tekst")
    assert "€ 1.708,08 per maand" in tekst
    assert "artikel" not in tekst.lower() and "Pw art." not in tekst
    assert "bezwaar" in tekst
    for zin in (z for regel in tekst.splitlines() for z in regel.split(". ")):
        assert len(zin.split()) <= 25, zin


def test_json_explanation_is_structured(vo: verordening.Verordening) -> None:
    data = json.loads(
        verordening.uitleg(_advies(vo, VOORBEELDEN[3]), vorm="jurist", formaat="json")
    )
    # Pw art. 41 lid 4: the end of the zoektermijn is the earliest day of the aanvraag ("vanaf"),
    # not a deadline and not the start of a right; uiterlijk is the Awb 4:13 term from that day.
    voorstel = data["voorstellen"][0]
    assert voorstel["vanaf_tekst"] == "31 maart 2025"
    assert voorstel["ingangsdatum_tekst"] is None
    assert voorstel["uiterlijk_tekst"] == "26 mei 2025"
    assert [s["nummer"] for s in data["trace"]["stappen"]] == [1, 2, 3, 4]


def test_unknown_vorm_or_formaat_is_refused(vo: verordening.Verordening) -> None:
    advies = _advies(vo, VOORBEELDEN[0])
    with pytest.raises(ValueError, match="vorm"):
        verordening.uitleg(advies, vorm="rechter")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="formaat"):
        verordening.uitleg(advies, formaat="pdf")  # type: ignore[arg-type]


def test_review_points_are_listed_with_reasons(vo: verordening.Verordening) -> None:
    data: dict[str, Any] = yaml.safe_load(VOORBEELDEN[3].read_text(encoding="utf-8"))
    data["hulpvragen"][0]["spoed"] = True
    advies = vo.evaluate(data, peildatum=dt.date(2025, 3, 3))
    tekst = verordening.uitleg(advies, vorm="jurist", formaat="tekst")
    assert advies.vereist_beoordeling
    assert "[maatwerk_afwijking] Bijstand verlenen ondanks de zoektermijn" in tekst
    assert "Pw art. 16 lid 1" in tekst
