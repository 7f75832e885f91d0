"""Generated docs are up to date (``pytest --update-golden`` rewrites them)."""

from __future__ import annotations

from pathlib import Path

import pytest

import verordening
from verordening._docgen import gegevens_markdown, onbevestigd_markdown, schemas

DOCS = Path(__file__).parent.parent / "docs"


def _vergelijk(pad: Path, inhoud: str, update: bool) -> None:
    if update:
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(inhoud, encoding="utf-8")
        return
    if not pad.exists():
        pytest.fail(f"{pad} ontbreekt; draai pytest --update-golden")
    assert pad.read_text(encoding="utf-8") == inhoud, (
        f"{pad} is verouderd; draai pytest --update-golden"
    )


def test_gegevens_doc_is_current(vo: verordening.Verordening, update_golden: bool) -> None:
    _vergelijk(
        DOCS / "voor-beleidsmedewerkers" / "gegevens.md",
        gegevens_markdown(vo.compiled),
        update_golden,
    )


@pytest.mark.parametrize("naam", sorted(schemas()))
def test_json_schema_is_current(naam: str, update_golden: bool) -> None:
    _vergelijk(DOCS / "schema" / naam, schemas()[naam], update_golden)


def test_unconfirmed_values_are_listed(vo: verordening.Verordening, update_golden: bool) -> None:
    tekst = onbevestigd_markdown(vo.compiled)
    assert "`wmo.abonnementstarief` | 2026-01-01 | — | onbevestigd" in tekst
    _vergelijk(DOCS / "voor-beleidsmedewerkers" / "onbevestigd.md", tekst, update_golden)
