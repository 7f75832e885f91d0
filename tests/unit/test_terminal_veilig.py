"""Text from a ruleset reaches the terminal with its control characters visible (issue 14)."""

from __future__ import annotations

from verordening.diagnostics import Diagnostic, SourceRef, render


def test_diagnostics_show_control_characters_escaped() -> None:
    d = Diagnostic(
        code="V301",
        bericht="onbekend gegeven '\x1b[31mrood\u202e'",
        bron=SourceRef(bestand="x.yaml", regel=1, kolom=1),
    )
    for formaat in ("mens", "gnu"):
        tekst = render([d], formaat)
        assert "\x1b" not in tekst and "\u202e" not in tekst
        assert "\\x1b[31mrood\\u202e" in tekst


def test_ordinary_dutch_text_is_unchanged() -> None:
    d = Diagnostic(code="V301", bericht="onbekend gegeven 'één € “x”'")
    assert "onbekend gegeven 'één € “x”'" in render([d], "gnu")
