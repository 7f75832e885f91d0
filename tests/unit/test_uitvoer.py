"""Outputs checked before the work and written atomically (issue 14, item 4).

An unwritable ``--uitvoer`` fails at once with exit 2, before any computation; a failure
or a kill while writing leaves the previous file intact (never a half-written one); a
file left behind by a killed ``caseload`` is marked ``*.onvolledig`` and ``impact``
refuses it.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verordening.cli import app
from verordening.cli._uitvoer import ONVOLLEDIG, Uitvoer, UitvoerError
from verordening.impact import caseload as caseload_module

RUNNER = CliRunner()
RULESETS = str(Path(__file__).parents[2] / "rulesets")
VEILIGHEIDSNET = 120  # seconds; only so that a regression fails instead of hanging CI
OUD = "het vorige rapport\n"
IMPACT = ["impact", "--oud", RULESETS, "--nieuw", RULESETS, "--situaties"]
CLI = [sys.executable, "-c", "from verordening.cli import app; app()"]

is_root = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root mag overal schrijven"
)


@pytest.fixture
def geen_werk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any computation fails the test: a refusal must come before the work."""

    def verboden(*_: object, **__: object) -> None:
        raise AssertionError("er is gerekend voordat de uitvoer was gecontroleerd")

    monkeypatch.setattr(sys.modules["verordening.impact"], "impact", verboden)
    monkeypatch.setattr(caseload_module, "schrijf", verboden)


def _onbeschrijfbaar(tmp_path: Path, soort: str) -> Path:
    if soort == "map ontbreekt":
        return tmp_path / "nergens" / "r.txt"
    if soort == "is een map":
        return tmp_path
    alleen_lezen = tmp_path / "alleen-lezen"
    alleen_lezen.mkdir()
    alleen_lezen.chmod(0o500)
    return alleen_lezen / "r.txt"


SOORTEN = [
    ("map ontbreekt", "de map bestaat niet"),
    ("is een map", "dit is een map, geen bestand"),
    pytest.param("geen toestemming", "geen toestemming", marks=is_root),
]


@pytest.mark.parametrize(("soort", "bericht"), SOORTEN)
@pytest.mark.usefixtures("geen_werk")
def test_impact_weigert_onbeschrijfbare_uitvoer_voor_het_werk(
    soort: str, bericht: str, tmp_path: Path
) -> None:
    situaties = tmp_path / "c.jsonl"
    situaties.write_text("{}\n", encoding="utf-8")
    doel = _onbeschrijfbaar(tmp_path, soort)
    uitslag = RUNNER.invoke(
        app,
        [*IMPACT, str(situaties), "--uitvoer", str(doel), "--processen", "1"],
    )
    assert uitslag.exit_code == 2, uitslag.output
    assert f"kan niet schrijven naar '{doel}': {bericht}" in uitslag.output
    assert uitslag.exception is None or isinstance(uitslag.exception, SystemExit)


@pytest.mark.parametrize(("soort", "bericht"), SOORTEN)
@pytest.mark.usefixtures("geen_werk")
def test_caseload_weigert_onbeschrijfbare_uitvoer_voor_het_werk(
    soort: str, bericht: str, tmp_path: Path
) -> None:
    doel = _onbeschrijfbaar(tmp_path, soort)
    uitslag = RUNNER.invoke(
        app, ["caseload", "--aantal", "3", "--seed", "1", "--uitvoer", str(doel)]
    )
    assert uitslag.exit_code == 2, uitslag.output
    assert f"kan niet schrijven naar '{doel}': {bericht}" in uitslag.output


def test_volle_schijf_laat_het_vorige_bestand_heel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doel = tmp_path / "c.jsonl"
    doel.write_text(OUD, encoding="utf-8")

    def vol(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", vol)
    uitslag = RUNNER.invoke(
        app, ["caseload", "--aantal", "5", "--seed", "1", "--uitvoer", str(doel)]
    )
    assert uitslag.exit_code == 2, uitslag.output
    assert "de schijf is vol; het vorige bestand is ongewijzigd" in uitslag.output
    assert "No space" not in uitslag.output
    assert doel.read_text(encoding="utf-8") == OUD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl"]


def test_afbreken_tijdens_het_schrijven_laat_het_vorige_bestand_heel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doel = tmp_path / "c.jsonl"
    doel.write_text(OUD, encoding="utf-8")
    echte = caseload_module.schrijf

    def half(uit, aantal, *args, **kwargs):  # type: ignore[no-untyped-def]
        echte(uit, 2, *args, **kwargs)
        uit.flush()
        raise KeyboardInterrupt

    monkeypatch.setattr(caseload_module, "schrijf", half)
    uitslag = RUNNER.invoke(
        app, ["caseload", "--aantal", "5", "--seed", "1", "--uitvoer", str(doel)]
    )
    assert uitslag.exit_code == 130, uitslag.output
    assert "Afgebroken." in uitslag.output
    assert doel.read_text(encoding="utf-8") == OUD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl"]


def test_uitvoer_vervangt_in_een_keer_en_houdt_de_rechten(tmp_path: Path) -> None:
    doel = tmp_path / "r.txt"
    doel.write_text(OUD, encoding="utf-8")
    doel.chmod(0o640)
    with Uitvoer(doel) as uit:
        uit.bestand.write("nieuw\n")
        assert doel.read_text(encoding="utf-8") == OUD  # not yet replaced
        assert uit.tijdelijk.parent == tmp_path and uit.tijdelijk.name.endswith(ONVOLLEDIG)
    assert doel.read_text(encoding="utf-8") == "nieuw\n"
    assert stat.S_IMODE(doel.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_nieuw_uitvoerbestand_volgt_de_umask(tmp_path: Path) -> None:
    masker = os.umask(0o022)
    try:
        with Uitvoer(tmp_path / "r.txt") as uit:
            uit.bestand.write("x")
    finally:
        os.umask(masker)
    assert stat.S_IMODE((tmp_path / "r.txt").stat().st_mode) == 0o644


def test_uitvoer_fout_in_het_blok_verwerpt(tmp_path: Path) -> None:
    doel = tmp_path / "r.txt"
    doel.write_text(OUD, encoding="utf-8")
    uit = Uitvoer(doel)
    uit.bestand.write("half")
    with pytest.raises(UitvoerError, match="de schijf is vol"):
        uit.__exit__(OSError, OSError(errno.ENOSPC, "No space left on device"), None)
    assert doel.read_text(encoding="utf-8") == OUD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_kill_tijdens_caseload_laat_het_oude_bestand_en_impact_weigert_de_rest(
    tmp_path: Path,
) -> None:
    doel = tmp_path / "c.jsonl"
    doel.write_text(OUD, encoding="utf-8")
    proces = subprocess.Popen(
        [*CLI, "caseload", "--aantal", "10000000", "--seed", "1", "--uitvoer", str(doel)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        grens = time.monotonic() + VEILIGHEIDSNET
        rest: list[Path] = []
        while time.monotonic() < grens and proces.poll() is None:
            rest = [p for p in tmp_path.iterdir() if p.name.endswith(ONVOLLEDIG)]
            if rest and rest[0].stat().st_size > 64 * 1024:
                break
            time.sleep(0.05)
        assert rest, "caseload schreef geen tijdelijk bestand"
        proces.send_signal(signal.SIGKILL)
    finally:
        proces.kill()
        proces.wait(VEILIGHEIDSNET)
    assert doel.read_text(encoding="utf-8") == OUD
    uitslag = RUNNER.invoke(
        app, ["impact", "--oud", RULESETS, "--nieuw", RULESETS, "--situaties", str(rest[0])]
    )
    assert uitslag.exit_code == 2, uitslag.output
    assert "is onvolledig" in uitslag.output and "caseload" in uitslag.output


def test_impact_schrijft_het_rapport_in_een_keer(tmp_path: Path) -> None:
    situaties = tmp_path / "c.jsonl"
    gemaakt = RUNNER.invoke(
        app,
        ["caseload", "--aantal", "20", "--seed", "3", "--uitvoer", str(situaties)],
    )
    assert gemaakt.exit_code == 0, gemaakt.output
    doel = tmp_path / "rapport.json"
    doel.write_text(OUD, encoding="utf-8")
    uitslag = RUNNER.invoke(
        app,
        [*IMPACT, str(situaties), "--uitvoer", str(doel), "--formaat", "json", "--processen", "1"],
    )
    assert uitslag.exit_code == 0, uitslag.output
    assert doel.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "rapport.json"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="vraagt /dev/full")
@pytest.mark.parametrize("args", [["versie"], ["caseload", "--aantal", "50", "--seed", "1"]])
def test_volle_schijf_achter_stdout_is_een_nederlandse_melding(args: list[str]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as vol:
        uitslag = subprocess.run(
            [*CLI, *args],
            stdout=vol,
            stderr=subprocess.PIPE,
            text=True,
            timeout=VEILIGHEIDSNET,
            check=False,
        )
    assert uitslag.returncode == 2
    assert uitslag.stderr.strip() == "de uitvoer kan niet geschreven worden: de schijf is vol"


def test_geen_toestemming_ook_als_root_een_nederlandse_melding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root may write anywhere, so the refusal of the folder is simulated at mkstemp."""

    def geweigerd(*_: object, **__: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", geweigerd)
    with pytest.raises(UitvoerError) as fout:
        Uitvoer(tmp_path / "r.txt")
    assert str(fout.value) == (
        f"kan niet schrijven naar '{tmp_path / 'r.txt'}': "
        "geen toestemming om in deze map te schrijven"
    )
