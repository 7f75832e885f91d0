"""Hostile text in every output: nothing from a situation, caseload or ruleset acts as markup.

A copied ruleset tree gets script tags, an ``<img onerror>``, ``&``, ``<``, control characters
and Markdown structure (a newline and ``# kop``) in every free-text field; situations carry
hostile kenmerken; a caseload carries invalid lines with hostile kenmerken and keys. Every
HTML output (explanation for jurist and inwoner, ``evaluate``/``uitleg``/``render --formaat
html``, the impact report) is opened in headless Chromium: nothing ran and the text is shown
literally. The Markdown outputs are rendered by a CommonMark renderer that lets raw HTML
through (as many do), without a browser; the plain-text outputs hold no control characters.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from rich.console import Console
from typer.testing import CliRunner

import verordening
from verordening import SituatieError
from verordening.cli import app
from verordening.documenten.bylaw import render_bylaw
from verordening.impact.caseload import genereer
from verordening.impact.report import render as render_impact
from verordening.impact.report import toon

ROOT = Path(__file__).parent.parent
RULESETS = ROOT / "rulesets"
VOORBEELDEN = ROOT / "examples" / "situaties"
PEILDATUM = dt.date(2025, 3, 1)
RUNNER = CliRunner()

SCRIPT = "<script>document.title='gehackt'</script>"
IMG = "<img src=x onerror=\"document.body.dataset.gehackt='ja'\">"
#: What every free-text ruleset field gets appended: markup, entities, control characters
#: (ESC of an ANSI colour, RIGHT-TO-LEFT OVERRIDE) and a forged heading and list item.
GIF = f"{SCRIPT}{IMG} a & b < c \x1b[31m \u202e\n# kop-gehackt\n- lijst-gehackt"
#: Kenmerken stay within their 80 characters and have no control characters (those are refused).
KENMERKEN = (f"{SCRIPT} & <b>", IMG)
#: Free-text fields of the ruleset schema, wherever they occur.
VRIJE_TEKST = {
    "titel",
    "tekst",
    "toelichting",
    "grondslag",
    "verwijzing",
    "motivering",
    "voor_inwoner",
    "reden_beoordeling",
    "omschrijving",
    "eenheid",
    "opmerking",
    "citeertitel",
    "controle",  # how a presumption (rulesets/01-inleiding/vermoedens.yaml) is checked
}
#: Control characters that must never reach a page or terminal raw.
RAUW = ("\x1b", "\u202e", "\x00")


def _vergiftig(knoop: Any, ouder: str | None = None) -> None:
    if isinstance(knoop, dict):
        for sleutel, waarde in list(knoop.items()):
            vrij = (
                sleutel in VRIJE_TEKST
                or ouder == "gevolgen"
                or (sleutel == "naam" and "citeertitel" in knoop)
                or (sleutel == "bron" and waarde != "onbevestigd")
            )
            if isinstance(waarde, str) and vrij:
                knoop[sleutel] = f"{waarde} {sleutel}: {GIF}"
            else:
                _vergiftig(waarde, sleutel)
    elif isinstance(knoop, list):
        for waarde in knoop:
            _vergiftig(waarde, ouder)


@pytest.fixture(scope="module")
def vergiftigd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("vergiftigd") / "rulesets"
    shutil.copytree(RULESETS, root)
    for pad in sorted(root.rglob("*.yaml")):
        if "scenarios" in pad.parts:
            continue
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
        _vergiftig(data)
        pad.write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
    return root


@pytest.fixture(scope="module")
def vo_gif(vergiftigd: Path) -> verordening.Verordening:
    return verordening.load(vergiftigd)


def _situatie(naam: str, kenmerk: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((VOORBEELDEN / f"{naam}.yaml").read_text("utf-8"))
    data["kenmerk"] = kenmerk
    return data


@pytest.fixture(scope="module")
def adviezen(vo_gif: verordening.Verordening) -> dict[str, verordening.Advies]:
    uit = {}
    for i, naam in enumerate(("c02-zoon", "c30-jongere-meldt-zich", "c35-wlz-indicatie")):
        data = _situatie(naam, KENMERKEN[i % 2])
        uit[naam] = vo_gif.evaluate(data, peildatum=data["peildatum"])
    return uit


@pytest.fixture(scope="module")
def rapport(
    vergiftigd: Path, tmp_path_factory: pytest.TempPathFactory
) -> verordening.ImpactRapport:
    """Old shipped rules against the poisoned ones, over a caseload with hostile lines."""
    situaties = list(genereer(12, seed=5))
    for i, s in enumerate(situaties):
        s["kenmerk"] = KENMERKEN[i % 2]
    regels = [json.dumps(s, ensure_ascii=False) for s in situaties]
    regels += [
        json.dumps({"kenmerk": f"{SCRIPT}{IMG} \x1b[31m \u202e & <", "personen": []}),
        json.dumps({"kenmerk": "sleutel", IMG: 1, SCRIPT: 2, "personen": []}),
        SCRIPT,
    ]
    pad = tmp_path_factory.mktemp("caseload") / "vijandig.jsonl"
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return verordening.impact(RULESETS, vergiftigd, pad, processen=1)


def _html_paginas(
    vergiftigd: Path, adviezen: dict[str, verordening.Advies], rapport: Any, map_: Path
) -> dict[str, tuple[str, list[str]]]:
    """Every HTML output: name -> (page, literal texts that must be visible)."""
    uit: dict[str, tuple[str, list[str]]] = {}
    for naam, advies in adviezen.items():
        for vorm in ("jurist", "inwoner"):
            pagina = verordening.uitleg(advies, vorm=vorm, formaat="html")  # type: ignore[arg-type]
            zichtbaar = [SCRIPT, "a & b < c", "\\x1b[31m", "\\u202e"]
            if vorm == "jurist":
                zichtbaar.append(f"Kenmerk: {advies.kenmerk}")
            uit[f"uitleg-{vorm}-{naam}"] = (pagina, zichtbaar)
    situatie = map_ / "situatie.json"
    situatie.write_text(
        json.dumps(_situatie("c02-zoon", KENMERKEN[0]), default=str), encoding="utf-8"
    )
    evaluate = RUNNER.invoke(app, ["evaluate", str(situatie), "--formaat", "html"])
    assert evaluate.exit_code == 0, evaluate.output
    uit["cli-evaluate"] = (evaluate.stdout, [f"Kenmerk: {KENMERKEN[0]}"])
    advies_json = map_ / "advies.json"
    advies_json.write_text(adviezen["c02-zoon"].model_dump_json(), encoding="utf-8")
    opgeslagen = RUNNER.invoke(
        app, ["uitleg", str(advies_json), "--vorm", "jurist", "--formaat", "html"]
    )
    assert opgeslagen.exit_code == 0, opgeslagen.output
    uit["cli-uitleg"] = (opgeslagen.stdout, [SCRIPT, f"Kenmerk: {KENMERKEN[0]}", "\\x1b[31m"])
    bylaw = RUNNER.invoke(
        app, ["render", str(vergiftigd), "--formaat", "html", "--peildatum", str(PEILDATUM)]
    )
    assert bylaw.exit_code == 0, bylaw.output
    uit["cli-render"] = (bylaw.stdout, [f"titel: {SCRIPT}", f"omschrijving: {SCRIPT}", "\\u202e"])
    uit["impact"] = (
        render_impact(rapport, "html"),
        [f"motivering: {SCRIPT}", KENMERKEN[0], IMG, "\\x1b[31m", f"$.{IMG}"],
    )
    return uit


@pytest.fixture(scope="module")
def html_paginas(
    vergiftigd: Path,
    adviezen: dict[str, verordening.Advies],
    rapport: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[str, list[str]]]:
    return _html_paginas(vergiftigd, adviezen, rapport, tmp_path_factory.mktemp("cli"))


@pytest.fixture(scope="module")
def markdown(
    vergiftigd: Path, adviezen: dict[str, verordening.Advies], rapport: Any
) -> dict[str, str]:
    uit = {
        f"uitleg-{vorm}-{naam}": verordening.uitleg(a, vorm=vorm, formaat="markdown")  # type: ignore[arg-type]
        for naam, a in adviezen.items()
        for vorm in ("jurist", "inwoner")
    }
    uit["render"] = render_bylaw(vergiftigd, PEILDATUM, "markdown")
    uit["impact"] = render_impact(rapport, "markdown")
    return uit


# -- the input model --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "teken", ["\x00", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\u2028", "\n", "\t", "\r"]
)
def test_control_characters_in_kenmerk_are_refused_with_a_dutch_path_message(
    vo: verordening.Verordening, teken: str
) -> None:
    data = _situatie("c02-zoon", f"zaak{teken}[31m 12")
    with pytest.raises(SituatieError) as fout:
        vo.evaluate(data, peildatum=data["peildatum"])
    problemen = [(p.pad, p.bericht) for p in fout.value.problemen]
    assert len(problemen) == 1
    pad, bericht = problemen[0]
    assert pad == "$.kenmerk"
    assert "stuurteken" in bericht
    assert teken.encode("unicode_escape").decode("ascii") in bericht
    assert teken not in bericht


def test_legitimate_dutch_kenmerk_is_kept_intact(vo: verordening.Verordening) -> None:
    kenmerk = "Zaak “Bökkers-Çelik” – één € 12,50 ‘ok’ <geen> & meer"
    data = _situatie("c02-zoon", kenmerk)
    advies = vo.evaluate(data, peildatum=data["peildatum"])
    assert advies.kenmerk == kenmerk
    assert f"Kenmerk: {kenmerk}" in verordening.uitleg(advies, formaat="tekst")


# -- HTML without a browser ---------------------------------------------------------------------


def test_every_html_output_escapes_the_injected_markup(
    html_paginas: dict[str, tuple[str, list[str]]],
) -> None:
    assert len(html_paginas) == 10
    for naam, (pagina, _) in html_paginas.items():
        assert "<script" not in pagina, naam
        assert "<img" not in pagina, naam
        assert "&lt;script&gt;" in pagina or "&lt;img" in pagina, naam
        for teken in RAUW:
            assert teken not in pagina, (naam, teken)


# -- Markdown -----------------------------------------------------------------------------------


class _Elementen(HTMLParser):
    """The tags of an HTML fragment, with the text of each heading and list item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.open: list[tuple[str, list[str]]] = []
        self.blokken: list[tuple[str, str]] = []
        self.tekst: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li"):
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:
            naam, delen = self.open.pop()
            self.blokken.append((naam, "".join(delen).strip()))

    def handle_data(self, data: str) -> None:
        self.tekst.append(data)
        for _, delen in self.open:
            delen.append(data)


def _markdown_als_html(tekst: str) -> _Elementen:
    # Raw HTML on: the renderer passes any HTML in the source through, as many do.
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    elementen = _Elementen()
    elementen.feed(md.render(tekst))
    return elementen


def test_markdown_outputs_show_hostile_text_literally_and_forge_no_structure(
    markdown: dict[str, str],
) -> None:
    for naam, tekst in markdown.items():
        # Inside a code span nothing is markup; everywhere else no raw tag may stand.
        buiten_code = re.sub(r"(`+)(?!`).+?(?<!`)\1(?!`)", "", tekst)
        assert "<script" not in buiten_code and "<img" not in buiten_code, naam
        for teken in RAUW:
            assert teken not in tekst, (naam, teken)
        html = _markdown_als_html(tekst)
        assert "script" not in html.tags and "img" not in html.tags, naam
        assert "del" not in html.tags and "a" not in html.tags, naam
        for soort, inhoud in html.blokken:
            assert not inhoud.startswith(("kop-gehackt", "lijst-gehackt")), (naam, soort)
        zichtbaar = "".join(html.tekst)
        assert SCRIPT in zichtbaar, naam
        assert "\\x1b[31m" in zichtbaar, naam
    assert "a & b < c" in "".join(_markdown_als_html(markdown["render"]).tekst)
    assert "# kop-gehackt - lijst-gehackt" in "".join(_markdown_als_html(markdown["render"]).tekst)


def test_markdown_escape_keeps_ordinary_text_and_identifiers() -> None:
    from verordening.opmaak import code, md

    assert md("bijzondere_bijstand") == "bijzondere_bijstand"
    assert (
        md("Pw art. 22a lid 1, 2.3 en € 1.089,00 “é”") == "Pw art. 22a lid 1, 2.3 en € 1.089,00 “é”"
    )
    assert md("_nadruk_ *vet* [link](javascript:x) a|b") == (
        "\\_nadruk\\_ \\*vet\\* \\[link\\](javascript:x) a\\|b"
    )
    assert md("inkomen < norm & >") == "inkomen &lt; norm &amp; &gt;"
    assert md("1. lid") == "1\\. lid" and md("# kop") == "\\# kop" and md("- x") == "\\- x"
    assert md("regel\n# kop") == "regel # kop"
    assert code("a`b") == "``a`b``" and code("x|y", tabel=True) == "`x\\|y`"


# -- plain text and the terminal ------------------------------------------------------------------


def test_plain_text_outputs_hold_no_control_characters(
    adviezen: dict[str, verordening.Advies], rapport: verordening.ImpactRapport
) -> None:
    for advies in adviezen.values():
        for vorm in ("jurist", "inwoner"):
            tekst = verordening.uitleg(advies, vorm=vorm, formaat="tekst")  # type: ignore[arg-type]
            for teken in RAUW:
                assert teken not in tekst
            assert "\\x1b[31m" in tekst and SCRIPT in tekst
    scherm = io.StringIO()
    toon(rapport, Console(file=scherm, width=200, color_system=None, force_terminal=False))
    uit = scherm.getvalue()
    for teken in RAUW:
        assert teken not in uit
    assert "\\x1b[31m" in uit and "\\u202e" in uit
    regels = uit.splitlines()
    assert not any(r.lstrip().startswith(("# kop-gehackt", "- lijst-gehackt")) for r in regels)


def test_a_saved_advies_with_a_raw_kenmerk_stays_on_its_line(vo: verordening.Verordening) -> None:
    """An Advies read back from JSON is not validated again: its kenmerk is escaped on output."""
    data = _situatie("c02-zoon", "zaak-1")
    advies = vo.evaluate(data, peildatum=data["peildatum"])
    ruw = json.loads(advies.model_dump_json())
    ruw["kenmerk"] = "zaak\n# kop-gehackt\x1b[31m\u202e"
    opgeslagen = verordening.Advies.model_validate(ruw)
    tekst = verordening.uitleg(opgeslagen, formaat="tekst")
    assert "Kenmerk: zaak\\n# kop-gehackt\\x1b[31m\\u202e\n" in tekst
    markdown = verordening.uitleg(opgeslagen, formaat="markdown")
    assert "Kenmerk: zaak # kop-gehackt\\\\x1b\\[31m\\\\u202e\n" in markdown
    assert not any(r.startswith("# kop-gehackt") for r in markdown.splitlines())


# -- headless Chromium ----------------------------------------------------------------------------


@pytest.mark.browser
def test_nothing_runs_in_any_html_output_and_the_text_is_visible_literally(
    browser: Any,
    html_paginas: dict[str, tuple[str, list[str]]],
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.by import By

    for naam, (pagina, letterlijk) in html_paginas.items():
        bestand = tmp_path / f"{naam}.html"
        bestand.write_text(pagina, encoding="utf-8")
        browser.get(bestand.as_uri())
        titel = browser.execute_script("return document.title")
        assert titel != "gehackt" and ("gehackt" not in titel or SCRIPT in titel), naam
        assert browser.execute_script("return document.scripts.length") == 0, naam
        assert browser.execute_script("return document.images.length") == 0, naam
        assert browser.execute_script("return document.body.dataset.gehackt") is None, naam
        assert len(browser.find_elements(By.TAG_NAME, "h1")) == 1, naam
        zichtbaar = browser.find_element(By.TAG_NAME, "body").text
        for tekst in letterlijk:
            assert " ".join(tekst.split()) in " ".join(zichtbaar.split()), (naam, tekst)
        assert all(unicodedata.category(t) != "Cc" or t == "\n" for t in zichtbaar), naam
