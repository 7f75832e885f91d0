"""Workers die with their parent and never keep its pipes open (issue 14, item 5).

The real command runs in a subprocess; the waits below are bounded safety nets, never
measurements: a regression makes a test fail after the wait instead of hanging CI.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verordening.batch.werker import beeindig, maak_pool
from verordening.cli import app
from verordening.cli._afsluiten import kernen
from verordening.impact.caseload import schrijf

RUNNER = CliRunner()
RULESETS = str(Path(__file__).parents[2] / "rulesets")
IMPACT = ["impact", "--oud", RULESETS, "--nieuw", RULESETS, "--situaties"]
CLI = [sys.executable, "-c", "from verordening.cli import app; app()"]
VEILIGHEIDSNET = 180.0  # seconds

linux = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="vraagt /proc (Linux)")


def _ouder_en_status(pid: int) -> tuple[int, str] | None:
    try:
        tekst = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    velden = tekst.rsplit(")", 1)[1].split()
    return int(velden[1]), velden[0]


def _levend(pid: int) -> bool:
    info = _ouder_en_status(pid)
    return info is not None and info[1] != "Z"  # a zombie has ended; only its entry is left


def _werkers(ouder: int) -> list[int]:
    """The pool workers (spawned processes) of ``ouder``."""
    uit = []
    for naam in os.listdir("/proc"):
        if naam.isdigit() and (info := _ouder_en_status(int(naam))) and info[0] == ouder:
            try:
                opdracht = Path(f"/proc/{naam}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in opdracht and info[1] != "Z":
                uit.append(int(naam))
    return uit


def _wacht(voorwaarde: object, seconden: float = VEILIGHEIDSNET) -> bool:
    grens = time.monotonic() + seconden
    while time.monotonic() < grens:
        if voorwaarde():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def caseload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pad = tmp_path_factory.mktemp("werkers") / "c.jsonl"
    with pad.open("w", encoding="utf-8") as bestand:
        schrijf(bestand, 3000, seed=5)
    return pad


def _impact(caseload: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*CLI, *IMPACT, str(caseload), "--processen", "2", "--geen-voortgang", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )


@linux
@pytest.mark.skipif(kernen() < 2, reason="--processen 2 vraagt twee kernen")
def test_werkers_sterven_met_de_ouder_en_houden_geen_pijp_open(caseload: Path) -> None:
    proces = _impact(caseload)
    try:
        assert _wacht(lambda: len(_werkers(proces.pid)) == 2), "geen twee werkers gestart"
        werkers = _werkers(proces.pid)
        os.kill(proces.pid, signal.SIGKILL)
        # Nobody may hold the parent's stdout/stderr: reading them ends (end-of-file).
        proces.communicate(timeout=VEILIGHEIDSNET)
        assert _wacht(lambda: not any(_levend(w) for w in werkers)), (
            f"werkers leven nog na de ouder: {[w for w in werkers if _levend(w)]}"
        )
    finally:
        proces.kill()
        proces.wait()


@pytest.mark.skipif(kernen() < 2, reason="--processen 2 vraagt twee kernen")
@pytest.mark.parametrize("werkers", [1, 2], ids=["tijdens-het-starten", "met-twee-werkers"])
def test_ctrl_c_tijdens_impact_geeft_afgebroken_130_zonder_traceback(
    caseload: Path, tmp_path: Path, werkers: int
) -> None:
    """Ctrl-C once one worker exists (the second may be starting) or once both exist."""
    rapport = tmp_path / "rapport.txt"
    rapport.write_text("vorig rapport\n", encoding="utf-8")
    proces = _impact(caseload, "--uitvoer", str(rapport))
    try:
        if Path("/proc/self/stat").exists():
            assert _wacht(lambda: len(_werkers(proces.pid)) >= werkers), "geen werkers gestart"
        else:  # pragma: no cover - without /proc: give the workers time to start
            time.sleep(10)
        os.killpg(proces.pid, signal.SIGINT)  # as the terminal does: the whole group
        try:
            _, fout = proces.communicate(timeout=VEILIGHEIDSNET)
        except subprocess.TimeoutExpired:  # show where it hangs: faulthandler dumps on SIGABRT
            proces.send_signal(signal.SIGABRT)
            _, fout = proces.communicate(timeout=VEILIGHEIDSNET)
            pytest.fail(f"impact stopt niet na Ctrl-C:\n{fout.decode()}")
    finally:
        proces.kill()
        proces.wait()
    tekst = fout.decode()
    assert proces.returncode == 130, tekst
    assert tekst.strip() == "Afgebroken."  # no traceback of a worker, no resource_tracker
    assert rapport.read_text(encoding="utf-8") == "vorig rapport\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.txt"]


@pytest.mark.skipif(kernen() < 2, reason="--processen 2 vraagt twee kernen")
def test_impact_met_twee_werkers_laat_geen_semaforen_achter(caseload: Path, tmp_path: Path) -> None:
    klein = tmp_path / "klein.jsonl"
    klein.write_text(
        "".join(caseload.read_text(encoding="utf-8").splitlines(keepends=True)[:50]),
        encoding="utf-8",
    )
    proces = _impact(klein, "--formaat", "json")
    _, fout = proces.communicate(timeout=VEILIGHEIDSNET)
    assert proces.returncode == 0, fout.decode()
    assert "resource_tracker" not in fout.decode() and "leaked" not in fout.decode()


def _in_werker() -> tuple[str, bool, int]:
    return (
        os.path.realpath("/proc/self/fd/2"),
        signal.getsignal(signal.SIGINT) is signal.SIG_IGN,
        os.getppid(),
    )


@linux
def test_werker_negeert_ctrl_c_en_schrijft_niet_op_de_pijpen_van_de_ouder() -> None:
    pool = maak_pool(1)
    try:
        stderr, negeert, ouder = pool.submit(_in_werker).result(timeout=VEILIGHEIDSNET)
    finally:
        beeindig(pool)
    assert stderr == os.devnull
    assert negeert
    assert ouder == os.getpid()


def test_processen_boven_het_aantal_kernen_is_exit_2(tmp_path: Path) -> None:
    situaties = tmp_path / "c.jsonl"
    situaties.write_text("{}\n", encoding="utf-8")
    uitslag = RUNNER.invoke(
        app,
        [*IMPACT, str(situaties), "--processen", str(kernen() + 1)],
    )
    assert uitslag.exit_code == 2
    assert f"hoogstens {kernen()}" in uitslag.output
    nul = RUNNER.invoke(
        app,
        [*IMPACT, str(situaties), "--processen", "0"],
    )
    assert nul.exit_code == 2
