"""Bounded, typed reads of every input (issue 14, item 3): `bron.lezen` and its users.

Devices, symlinks to devices and named pipes are refused without reading or blocking;
the size limit holds whatever a file claims its size is; JSON nesting is bounded, duplicate
keys are refused, a byte order mark is accepted; every failure is a Dutch message with the
exit code of the table (2: the path names no readable file, 1: bad content), no traceback.
The CLI runs that could hang or grow without bound on a regression run in a subprocess
with a memory limit and a generous timeout, only as a safety net.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from verordening.bron import lezen
from verordening.bron.document import parse_file
from verordening.cli import app
from verordening.impact import impact

RUNNER = CliRunner()
ROOT = Path(__file__).parents[2]
VOORBEELD = ROOT / "examples" / "situaties" / "c30-jongere-meldt-zich.yaml"
VEILIGHEIDSNET = 120  # seconds; a run that hangs fails instead of blocking CI
GEHEUGEN = 1536 * 1024 * 1024  # bytes of address space for a CLI run in a test

heeft_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="geen named pipes")


def _begrens() -> None:
    # macOS does not support RLIMIT_AS; the timeout is the safety net there.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (GEHEUGEN, GEHEUGEN))


def _cli(*args: str, invoer: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, memory-limited, with a timeout as a safety net."""
    return subprocess.run(
        [sys.executable, "-c", "from verordening.cli import app; app()", *args],
        input=invoer.decode() if invoer is not None else None,
        capture_output=True,
        text=True,
        timeout=VEILIGHEIDSNET,
        preexec_fn=_begrens,
        check=False,
    )


@pytest.fixture
def apparaten(tmp_path: Path) -> dict[str, Path]:
    """A symlink to /dev/zero and a named pipe nobody writes to, each under a normal name."""
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    paden = {"zero.yaml": tmp_path / "zero.yaml", "zero.json": tmp_path / "zero.json"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pijp.json")
        paden["pijp.json"] = tmp_path / "pijp.json"
    return paden


# --- the reader itself -------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["/dev/zero", "zero.yaml", "pijp.json"])
def test_lezer_weigert_apparaten_en_pijpen_zonder_te_lezen(
    naam: str, apparaten: dict[str, Path]
) -> None:
    if naam == "pijp.json" and naam not in apparaten:
        pytest.skip("geen named pipes")
    pad = Path(naam) if naam.startswith("/") else apparaten[naam]
    with pytest.raises(lezen.LeesError) as fout:
        lezen.lees_bytes(pad)
    assert fout.value.gebruik
    assert "geen gewoon bestand" in fout.value.bericht


def test_lezer_weigert_een_map_en_een_ontbrekend_bestand(tmp_path: Path) -> None:
    with pytest.raises(lezen.LeesError, match="is een map"):
        lezen.lees_bytes(tmp_path)
    with pytest.raises(lezen.LeesError, match="bestaat niet") as fout:
        lezen.lees_bytes(tmp_path / "nergens.json")
    assert (
        fout.value.gebruik and str(fout.value) == f"bestand '{tmp_path}/nergens.json' bestaat niet"
    )


class _Eindeloos:
    """A stream without end (like stdin from /dev/zero) that counts what is read from it."""

    def __init__(self) -> None:
        self.gelezen = 0

    def read(self, n: int = -1) -> bytes:
        assert n >= 0, "onbegrensd lezen"
        self.gelezen += n
        return b"0" * n

    def readline(self, n: int = -1) -> bytes:
        return self.read(n)


def test_limiet_geldt_voor_stdin_zonder_einde(monkeypatch: pytest.MonkeyPatch) -> None:
    stroom = _Eindeloos()
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": stroom})())
    with pytest.raises(lezen.LeesError) as fout:
        lezen.lees_bytes("-", limiet=1000)
    assert fout.value.code == "V101" and not fout.value.gebruik
    assert stroom.gelezen == 1001


def test_limiet_vertrouwt_de_opgegeven_grootte_niet(tmp_path: Path) -> None:
    groot = tmp_path / "groot.json"
    with groot.open("wb") as bestand:
        bestand.truncate(10 * lezen.MAX_BYTES)  # sparse: large, costs nothing
    with pytest.raises(lezen.LeesError, match="groter dan 2 MB") as fout:
        lezen.lees_bytes(groot)
    assert fout.value.code == "V101"


@pytest.mark.parametrize(
    ("tekst", "bericht"),
    [
        ("[" * 5000 + "]" * 5000, "dieper genest dan 100 niveaus"),
        ('{"a":' * 101 + "1" + "}" * 101, "dieper genest dan 100 niveaus"),
        ('{"a": 1, "a": 2}', "sleutel 'a' komt twee keer voor"),
        ('{"a": {"b": 1, "b": 1}}', "sleutel 'b' komt twee keer voor"),
        ('{"a": NaN}', "'NaN' is geen getal"),
        ('{"a": -Infinity}', "'-Infinity' is geen getal"),
        ('{"a": 1,}', "(of er staat een komma te veel) (kolom 9)"),
        ('{"a": ' + "9" * 5000 + "}", "te veel cijfers"),
    ],
)
def test_json_strikt_en_begrensd(tekst: str, bericht: str) -> None:
    with pytest.raises(lezen.LeesError) as fout:
        lezen.laad_json(tekst, "s.json")
    assert bericht in str(fout.value)
    assert not fout.value.gebruik


def test_json_diepte_telt_haakjes_in_teksten_niet() -> None:
    assert lezen.json_diepte('{"a": "[[[[{{{{\\"]]"}') == 1
    assert lezen.laad_json('{"a": "' + "[" * 500 + '"}', "s.json") == {"a": "[" * 500}
    assert lezen.laad_json("[" * 100 + "]" * 100, "s.json") is not None


def test_bom_wordt_geaccepteerd(tmp_path: Path) -> None:
    pad = tmp_path / "s.json"
    pad.write_bytes(b'\xef\xbb\xbf{"a": 1}')
    assert lezen.lees_json(pad) == {"a": 1}
    assert lezen.laad_json('\ufeff{"a": 1}', "s.json") == {"a": 1}


def test_json_lines_regel_te_lang_of_geen_utf8_en_de_rest_wordt_gelezen(tmp_path: Path) -> None:
    pad = tmp_path / "c.jsonl"
    pad.write_bytes(b'\xef\xbb\xbf{"a": 1}\n' + b"x" * 5000 + b"\n\xff\xfe\n\n" + b'{"b": 2}')
    regels = list(lezen.lees_regels(pad, limiet=1000))
    assert [n for n, _ in regels] == [1, 2, 3, 5]
    assert regels[0][1] == '{"a": 1}\n' and regels[3][1] == '{"b": 2}'
    assert isinstance(regels[1][1], lezen.LeesError) and "langer dan" in str(regels[1][1])
    assert isinstance(regels[2][1], lezen.LeesError) and "UTF-8" in str(regels[2][1])


# --- rulesets ------------------------------------------------------------------------------


def test_regelset_symlink_naar_dev_zero_is_v107_zonder_te_lezen(
    apparaten: dict[str, Path],
) -> None:
    doc, fouten = parse_file(apparaten["zero.yaml"], "zero.yaml")
    assert doc is None
    assert [(f.code, f.bericht) for f in fouten] == [
        ("V107", "bestand kan niet gelezen worden: het is een apparaat, geen gewoon bestand")
    ]


@heeft_fifo
@pytest.mark.parametrize("formaat", ["gnu", "mens"])  # mens shows code frames: read again
def test_check_over_een_map_met_apparaat_en_pijp_hangt_niet(tmp_path: Path, formaat: str) -> None:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pijp.yaml")
    uitslag = _cli("check", str(tmp_path), "--formaat", formaat)
    assert uitslag.returncode == 1, uitslag.stderr
    assert uitslag.stdout.count("V107") == 2
    assert "is een pijp (named pipe), geen gewoon bestand" in uitslag.stdout
    assert "is een apparaat, geen gewoon bestand" in uitslag.stdout
    assert "Traceback" not in uitslag.stderr + uitslag.stdout


# --- situations and stored advice through the CLI ----------------------------------------


@pytest.mark.parametrize("opdracht", ["evaluate", "uitleg"])
@pytest.mark.parametrize("naam", ["/dev/zero", "zero.yaml", "zero.json", "pijp.json"])
def test_cli_weigert_apparaten_en_pijpen(
    opdracht: str, naam: str, apparaten: dict[str, Path]
) -> None:
    if naam == "pijp.json" and naam not in apparaten:
        pytest.skip("geen named pipes")
    pad = naam if naam.startswith("/") else str(apparaten[naam])
    uitslag = _cli(opdracht, pad, "--peildatum", "2025-03-03")
    assert uitslag.returncode == 2, uitslag.stderr
    assert "geen gewoon bestand" in uitslag.stderr
    assert "Traceback" not in uitslag.stderr + uitslag.stdout


def test_cli_stdin_zonder_einde_wordt_begrensd() -> None:
    uitslag = _cli("evaluate", "-", "--peildatum", "2025-03-03", invoer=b"a" * (3 << 20))
    assert uitslag.returncode == 1, uitslag.stderr
    assert "groter dan 2 MB" in uitslag.stderr and "Traceback" not in uitslag.stderr


def _situatie() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(VOORBEELD.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize(
    ("inhoud", "bericht"),
    [
        (b"[" * 5000 + b"]" * 5000, "dieper genest dan 100 niveaus"),
        (b'{"peildatum": "2025-03-03", "peildatum": "2025-03-04"}', "komt twee keer voor"),
        (b"\xff\xfe{}", "geen UTF-8"),
        (b"{", "geen geldige JSON"),
    ],
)
@pytest.mark.parametrize("opdracht", ["evaluate", "uitleg"])
def test_cli_ongeldige_json_is_exit_1_in_het_nederlands(
    opdracht: str, inhoud: bytes, bericht: str, tmp_path: Path
) -> None:
    pad = tmp_path / "s.json"
    pad.write_bytes(inhoud)
    uitslag = RUNNER.invoke(app, [opdracht, str(pad), "--peildatum", "2025-03-03"])
    assert uitslag.exit_code == 1, uitslag.output
    assert bericht in uitslag.output
    assert uitslag.exception is None or isinstance(uitslag.exception, SystemExit)


def test_cli_situatie_met_bom_en_via_stdin(tmp_path: Path) -> None:
    tekst = json.dumps(_situatie())
    pad = tmp_path / "s.json"
    pad.write_bytes(b"\xef\xbb\xbf" + tekst.encode())
    met_bom = RUNNER.invoke(app, ["evaluate", str(pad)])
    assert met_bom.exit_code == 0, met_bom.output
    via_stdin = RUNNER.invoke(app, ["evaluate", "-"], input=tekst)
    assert via_stdin.exit_code == 0, via_stdin.output
    assert json.loads(via_stdin.output)["voorstellen"] == json.loads(met_bom.output)["voorstellen"]


def test_uitleg_van_opgeslagen_advies_met_dubbele_sleutel_is_exit_1(tmp_path: Path) -> None:
    advies = RUNNER.invoke(app, ["evaluate", str(VOORBEELD)])
    assert advies.exit_code == 0
    pad = tmp_path / "advies.json"
    assert '"vereist_beoordeling"' in advies.output
    dubbel = advies.output.replace("{", '{"vereist_beoordeling": true, ', 1)
    pad.write_text(dubbel, encoding="utf-8")
    uitslag = RUNNER.invoke(app, ["uitleg", str(pad)])
    assert uitslag.exit_code == 1
    assert "sleutel 'vereist_beoordeling' komt twee keer voor" in uitslag.output
    pad.write_text(advies.output, encoding="utf-8")
    assert RUNNER.invoke(app, ["uitleg", str(pad)]).exit_code == 0


# --- caseloads ------------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["/dev/zero", "zero.json", "pijp.json"])
def test_impact_weigert_apparaten_en_pijpen_voor_het_werk(
    naam: str, apparaten: dict[str, Path]
) -> None:
    if naam == "pijp.json" and naam not in apparaten:
        pytest.skip("geen named pipes")
    pad = naam if naam.startswith("/") else str(apparaten[naam])
    regels = str(ROOT / "rulesets")
    uitslag = _cli("impact", "--oud", regels, "--nieuw", regels, "--situaties", pad)
    assert uitslag.returncode == 2, uitslag.stderr
    assert "geen gewoon bestand" in uitslag.stderr and "Traceback" not in uitslag.stderr


def test_caseload_regels_diep_dubbel_te_lang_en_met_bom_worden_per_regel_gemeld(
    tmp_path: Path,
) -> None:
    goed = json.dumps({**_situatie(), "peildatum": "2025-03-03"}).encode()
    pad = tmp_path / "c.jsonl"
    pad.write_bytes(
        b"\xef\xbb\xbf"
        + goed
        + b"\n"
        + b"[" * 5000
        + b"]" * 5000
        + b'\n{"a": 1, "a": 2}\n'
        + b" " * (lezen.MAX_REGEL_BYTES + 10)
        + b"{}\n"
        + goed
        + b"\n"
    )
    rapport = impact(ROOT / "rulesets", ROOT / "rulesets", pad, processen=1)
    assert rapport.totaal == 2
    meldingen = {o.regelnummer: o.problemen[0].bericht for o in rapport.ongeldige_invoer}
    assert sorted(meldingen) == [2, 3, 4]
    assert "dieper genest dan 100 niveaus" in meldingen[2]
    assert "sleutel 'a' komt twee keer voor" in meldingen[3]
    assert "langer dan 1 MB" in meldingen[4]
