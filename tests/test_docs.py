"""Docs are current and correct.

Generated docs are up to date (``pytest --update-golden`` rewrites them); every command line
in the handleiding for policy staff names a real subcommand with real options, and every
screenshot it shows exists.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import verordening
from verordening.cli import app
from verordening.documenten.references import gegevens_markdown, onbevestigd_markdown, schemas

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


BELEID = DOCS / "voor-beleidsmedewerkers"
HANDLEIDING = BELEID / "handleiding.md"
_BLOK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_AFBEELDING = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s#:]+)(?:#[^)\s]*)?\)")
_OPTIE = re.compile(r"--[a-z][a-z-]*")


def _commandos(tekst: str) -> list[list[str]]:
    """Every `verordening …` command in a ```console or ```bash block, split like a shell would.

    In a console block only lines after the `$ ` prompt are commands; the rest is output.
    """
    gevonden = []
    for taal, inhoud in _BLOK.findall(tekst):
        if taal not in ("console", "bash"):
            continue
        for regel in inhoud.splitlines():
            if taal == "console":
                if not regel.startswith("$ "):
                    continue
                regel = regel.removeprefix("$ ")
            if regel.startswith("verordening "):
                gevonden.append(shlex.split(regel, comments=True))
    return gevonden


@pytest.fixture(scope="module")
def subcommandos() -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_handleiding_shows_every_step() -> None:
    namen = {args[1] for args in _commandos(HANDLEIDING.read_text(encoding="utf-8"))}
    assert len(namen) >= 5
    assert {"check", "test", "analyse", "caseload", "impact"} <= namen


@pytest.mark.parametrize(
    "args",
    _commandos(HANDLEIDING.read_text(encoding="utf-8")),
    ids=lambda args: " ".join(args[1:4]),
)
def test_handleiding_commands_exist(args: list[str], subcommandos: set[str]) -> None:
    naam = None if args[1].startswith("-") else args[1]
    assert naam is None or naam in subcommandos, f"'verordening {naam}' bestaat niet"
    hulp = CliRunner().invoke(app, [naam, "--help"] if naam else ["--help"], env={"COLUMNS": "200"})
    assert hulp.exit_code == 0, hulp.output
    for nummer, woord in enumerate(args[1:], start=1):
        optie = woord.split("=", 1)[0]
        if not _OPTIE.fullmatch(optie):
            continue
        gevonden = re.search(rf"(?<![\w-]){re.escape(optie)}(?![\w-])[^<\n]*<([^>]*)>", hulp.output)
        assert gevonden, f"'verordening {naam or ''}' kent geen optie {optie} (zie --help)"
        keuzes = gevonden[1].split("|")
        if len(keuzes) > 1:  # a closed list such as <tekst|markdown|html|json>
            waarde = woord.split("=", 1)[1] if "=" in woord else args[nummer + 1]
            assert waarde in keuzes, f"{optie} {waarde}: kies uit {keuzes}"


@pytest.mark.parametrize("document", ["handleiding.md", "README.md"])
def test_referenced_images_exist(document: str) -> None:
    tekst = (BELEID / document).read_text(encoding="utf-8")
    for pad in _AFBEELDING.findall(tekst):
        afbeelding = BELEID / pad
        assert afbeelding.is_file(), f"{document} verwijst naar {pad}, maar dat bestand ontbreekt"
        assert afbeelding.stat().st_size < 300_000, f"{pad} is groter dan 300 kB"


@pytest.mark.parametrize("document", ["handleiding.md", "README.md"])
def test_links_to_other_documents_exist(document: str) -> None:
    tekst = (BELEID / document).read_text(encoding="utf-8")
    for pad in _LINK.findall(tekst):
        assert (BELEID / pad).exists(), f"{document} verwijst naar {pad}, maar dat bestaat niet"


def test_every_screenshot_is_used() -> None:
    gebruikt = set(_AFBEELDING.findall(HANDLEIDING.read_text(encoding="utf-8")))
    for png in sorted((BELEID / "schermafbeeldingen").glob("*.png")):
        assert f"schermafbeeldingen/{png.name}" in gebruikt, f"{png.name} wordt niet gebruikt"


def test_index_links_every_document() -> None:
    index = (BELEID / "README.md").read_text(encoding="utf-8")
    for document in sorted(BELEID.glob("*.md")):
        if document.name != "README.md":
            assert f"]({document.name})" in index, f"README.md noemt {document.name} niet"
