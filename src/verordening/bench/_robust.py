"""The robustness benchmark: what a hostile input costs before it is rejected.

Each input of a hostile corpus (alias bombs, deep nesting in YAML and JSON, huge strings,
duplicate keys through aliases, and where the platform has them the device ``/dev/zero`` and
a symlink to it) is given to the real command (``verordening check`` for a ruleset,
``verordening evaluate`` for a situation) in a child process with resource limits, so an
input that runs away is stopped by the kernel and cannot take the benchmark down. Per input
the report gives the outcome (a coded rejection, acceptance, a crash or a stop by a limit),
the CPU time of the command after Python has started, the child's total CPU time, and its
peak resident memory (``ru_maxrss``). The targets are a rejection in at most 1 s of CPU and
200 MB. The figures are measured and reported here, never asserted in tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Target per input: CPU seconds of the rejection (after the interpreter has started).
DOEL_CPU_S = 1.0
#: Target per input: peak resident memory of the whole child process, in MB.
DOEL_GEHEUGEN_MB = 200.0

#: Limits of each child: they bound a runaway, far above the targets.
GRENS_CPU_S = 30
GRENS_GEHEUGEN_BYTES = 1024**3
#: Last resort against a child that waits forever (it then counts as stopped).
GRENS_WACHTEN_S = 300.0

PEILDATUM = "2025-03-01"

#: The child: run the CLI as ``verordening`` does, and report through a pipe how much CPU the
#: command itself took, and the class of an exception that escaped it (a crash).
_KIND = """\
import json, os, sys, time
fd = int(sys.argv.pop(1))
from verordening.cli import app
begin = time.process_time()
verslag = {}
try:
    app(prog_name="verordening")
except SystemExit:
    raise
except BaseException as exc:
    verslag["fout"] = type(exc).__name__
    sys.exit(70)
finally:
    verslag["cpu_s"] = time.process_time() - begin
    os.write(fd, json.dumps(verslag).encode())
"""

_CODE = re.compile(r"\bV\d{3}\b")


@dataclass(frozen=True)
class VijandigeInvoer:
    """One input of the hostile corpus: how to make it and which command reads it."""

    naam: str
    omschrijving: str
    #: ``check`` (the input is a ruleset) or ``evaluate`` (the input is a situation).
    opdracht: str
    #: Writes the input into the given folder and returns the path to give the command.
    maak: Callable[[Path], Path]


def _schrijf(map_: Path, naam: str, tekst: str) -> Path:
    pad = map_ / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _regelset(naam: str, tekst: Callable[[], str]) -> Callable[[Path], Path]:
    """A ruleset folder holding one file with the hostile text."""

    def maak(map_: Path) -> Path:
        root = map_ / "regelset"
        root.mkdir()
        _schrijf(root, naam, tekst())
        return root

    return maak


def _situatie(naam: str, tekst: Callable[[], str]) -> Callable[[Path], Path]:
    def maak(map_: Path) -> Path:
        return _schrijf(map_, naam, tekst())

    return maak


def _billion_laughs() -> str:
    regels = ["schema_versie: 1", "a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for vorige, naam in zip("abcdefgh", "bcdefghi", strict=True):
        regels.append(f"{naam}: &{naam} [" + ", ".join([f"*{vorige}"] * 10) + "]")
    return "\n".join(regels) + "\n"


def _dubbele_sleutels_via_aliassen() -> str:
    # A mapping of 1000 duplicate keys, repeated a million times through aliases (15 kB).
    regels = ["a0: &a0 {" + ", ".join(["k: 1"] * 1000) + "}"]
    regels.append("a1: &a1 [" + ", ".join(["*a0"] * 1000) + "]")
    regels.append("a2: &a2 [" + ", ".join(["*a1"] * 1000) + "]")
    return "\n".join(regels) + "\n"


def _yaml_diep_flow(diepte: int) -> Callable[[], str]:
    return lambda: f"schema_versie: 1\ntoelichting: {'[' * diepte}{']' * diepte}\n"


def _yaml_diep_blok() -> str:
    regels = ["schema_versie: 1", "toelichting:"]
    regels += [f"{'  ' * (i + 1)}k{i}:" for i in range(1000)]
    regels.append(f"{'  ' * 1001}einde")
    return "\n".join(regels) + "\n"


def _yaml_grote_tekst(megabytes: int) -> Callable[[], str]:
    return lambda: "schema_versie: 1\ntoelichting: " + "x" * (megabytes * 1024 * 1024) + "\n"


def _json_diep(diepte: int) -> Callable[[], str]:
    return lambda: '{"personen": ' + "[" * diepte + "]" * diepte + "}"


def _json_grote_tekst(megabytes: int) -> Callable[[], str]:
    return lambda: '{"kenmerk": "' + "x" * (megabytes * 1024 * 1024) + '"}'


def _symlink(naam: str, doel: Path, in_regelset: bool) -> Callable[[Path], Path]:
    def maak(map_: Path) -> Path:
        root = map_ / "regelset" if in_regelset else map_
        root.mkdir(exist_ok=True)
        (root / naam).symlink_to(doel)
        return root if in_regelset else root / naam

    return maak


def corpus(klein: bool = False) -> list[VijandigeInvoer]:
    """The hostile inputs; ``klein`` makes the huge ones just too big (for a quick run).

    The devices are left out where the platform does not have them.
    """
    groot = 3 if klein else 50
    lijst = [
        VijandigeInvoer(
            "yaml-alias-bom",
            "billion laughs: 9 niveaus van 10 aliassen (10^9 waarden uit 1 kB)",
            "check",
            _regelset("bom.yaml", _billion_laughs),
        ),
        VijandigeInvoer(
            "yaml-dubbele-sleutels-via-aliassen",
            "1000 dubbele sleutels, een miljoen keer herhaald via aliassen (15 kB)",
            "check",
            _regelset("dubbel.yaml", _dubbele_sleutels_via_aliassen),
        ),
        VijandigeInvoer(
            "yaml-diep-flow",
            "10.000 geneste lijsten [[[…]]]",
            "check",
            _regelset("diep.yaml", _yaml_diep_flow(10_000)),
        ),
        VijandigeInvoer(
            "yaml-diep-blok",
            "1000 niveaus ingesprongen sleutels",
            "check",
            _regelset("blok.yaml", _yaml_diep_blok),
        ),
        VijandigeInvoer(
            "yaml-grote-tekst",
            f"één tekst van {groot} MB",
            "check",
            _regelset("groot.yaml", _yaml_grote_tekst(groot)),
        ),
        VijandigeInvoer(
            "situatie-yaml-alias-bom",
            "billion laughs als situatie",
            "evaluate",
            _situatie("bom.yaml", _billion_laughs),
        ),
        VijandigeInvoer(
            "situatie-json-diep",
            "100.000 geneste JSON-lijsten",
            "evaluate",
            _situatie("diep.json", _json_diep(100_000)),
        ),
        VijandigeInvoer(
            "situatie-json-grote-tekst",
            f"een kenmerk van {groot} MB in JSON",
            "evaluate",
            _situatie("groot.json", _json_grote_tekst(groot)),
        ),
    ]
    zero = Path("/dev/zero")
    if zero.exists():
        lijst += [
            VijandigeInvoer(
                "regelset-symlink-naar-dev-zero",
                "een regelsetbestand dat een symlink naar /dev/zero is",
                "check",
                _symlink("nul.yaml", zero, in_regelset=True),
            ),
            VijandigeInvoer(
                "situatie-dev-zero",
                "/dev/zero als situatie",
                "evaluate",
                lambda _: zero,
            ),
            VijandigeInvoer(
                "situatie-symlink-naar-dev-zero",
                "een situatie.json die een symlink naar /dev/zero is",
                "evaluate",
                _symlink("situatie.json", zero, in_regelset=False),
            ),
        ]
    return lijst


def _grenzen() -> None:
    """Resource limits of a child (run between fork and exec)."""
    import resource

    for soort, waarde in (
        (resource.RLIMIT_CPU, GRENS_CPU_S),
        (resource.RLIMIT_AS, GRENS_GEHEUGEN_BYTES),
        (resource.RLIMIT_CORE, 0),
    ):
        # Not every limit exists everywhere (RLIMIT_AS is not enforced on macOS).
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(soort, (waarde, waarde))


def _argumenten(invoer: VijandigeInvoer, pad: Path) -> list[str]:
    if invoer.opdracht == "check":
        return ["check", str(pad), "--formaat", "gnu"]
    return ["evaluate", str(pad), "--peildatum", PEILDATUM]


def _mb(ru_maxrss: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    return round(ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10), 1)


def _draai(argumenten: list[str], map_: Path) -> dict[str, Any]:
    """Run the CLI with ``argumenten`` in a limited child; its outcome, CPU and memory."""
    lees, schrijf = os.pipe()
    with (map_ / "uit.txt").open("wb") as uit, (map_ / "fout.txt").open("wb") as fout:
        proces = subprocess.Popen(
            [sys.executable, "-c", _KIND, str(schrijf), *argumenten],
            stdin=subprocess.DEVNULL,
            stdout=uit,
            stderr=fout,
            cwd=map_,
            pass_fds=(schrijf,),
            preexec_fn=_grenzen,
        )
    os.close(schrijf)
    eind = time.monotonic() + GRENS_WACHTEN_S
    te_lang = False
    while True:
        pid, status, gebruik = os.wait4(proces.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > eind:
            te_lang = True
            proces.kill()
            pid, status, gebruik = os.wait4(proces.pid, 0)
            break
        time.sleep(0.01)
    proces.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    with os.fdopen(lees, "rb") as pijp:
        verslag: dict[str, Any] = json.loads(pijp.read() or b"{}")
    tekst = (map_ / "uit.txt").read_text("utf-8", "replace")
    tekst += (map_ / "fout.txt").read_text("utf-8", "replace")
    code = proces.returncode
    if te_lang or code < 0:
        uitkomst = "afgebroken"
        verslag["fout"] = "wachten" if te_lang else signal.Signals(-code).name
    elif "fout" in verslag or "Traceback" in tekst:
        uitkomst = "crash"
    elif code == 0:
        uitkomst = "aanvaard"
    else:
        uitkomst = "afgewezen"
    cpu = verslag.get("cpu_s")
    return {
        "uitkomst": uitkomst,
        "exitcode": code,
        "codes": sorted(set(_CODE.findall(tekst))),
        "fout": verslag.get("fout"),
        "cpu_s": None if cpu is None else round(cpu, 3),
        "cpu_totaal_s": round(gebruik.ru_utime + gebruik.ru_stime, 3),
        "geheugen_mb": _mb(gebruik.ru_maxrss),
        "melding": _eerste_regel(tekst),
    }


def _eerste_regel(tekst: str) -> str:
    for regel in tekst.splitlines():
        if regel.strip():
            return regel.strip()[:160]
    return ""


def meet(invoer: VijandigeInvoer) -> dict[str, Any]:
    """Make one hostile input in a fresh folder, run its command in a child, and report."""
    with tempfile.TemporaryDirectory(prefix="verordening-robuust-") as tijdelijk:
        map_ = Path(tijdelijk)
        pad = invoer.maak(map_)
        uit = _draai(_argumenten(invoer, pad), map_)
    cpu = uit["cpu_s"]
    return {
        "naam": invoer.naam,
        "omschrijving": invoer.omschrijving,
        "opdracht": invoer.opdracht,
        **uit,
        "binnen_doel": uit["uitkomst"] == "afgewezen"
        and cpu is not None
        and cpu <= DOEL_CPU_S
        and uit["geheugen_mb"] <= DOEL_GEHEUGEN_MB,
    }


def _slechtste(metingen: list[dict[str, Any]], maat: str) -> dict[str, Any]:
    # An input without a figure (stopped before it could report) counts as the worst.
    def waarde(m: dict[str, Any]) -> float:
        return float("inf") if m[maat] is None else float(m[maat])

    erg = max(metingen, key=waarde)
    return {"waarde": erg[maat], "invoer": erg["naam"]}


def run_robuust(
    klein: bool = False,
    voortgang: Callable[[str, int, int], None] | None = None,
    invoer: list[VijandigeInvoer] | None = None,
) -> dict[str, Any]:
    """Run every hostile input (or ``invoer``) one after another and summarise.

    ``klein`` makes the huge inputs just too big instead of 50 MB (tests use it). The
    ``nulmeting`` is ``verordening versie`` in the same kind of child: what starting Python
    and the command line costs before any input is read.
    """
    lijst = corpus(klein) if invoer is None else invoer
    with tempfile.TemporaryDirectory(prefix="verordening-robuust-") as tijdelijk:
        nul = _draai(["versie"], Path(tijdelijk))
    metingen = []
    for i, stuk in enumerate(lijst):
        if voortgang is not None:
            voortgang(f"robuust {stuk.naam}", i, len(lijst))
        metingen.append(meet(stuk))
    return {
        "doel_cpu_s": DOEL_CPU_S,
        "doel_geheugen_mb": DOEL_GEHEUGEN_MB,
        "nulmeting": {k: nul[k] for k in ("cpu_s", "cpu_totaal_s", "geheugen_mb")},
        "invoer": metingen,
        "slechtste_cpu_s": _slechtste(metingen, "cpu_s"),
        "slechtste_cpu_totaal_s": _slechtste(metingen, "cpu_totaal_s"),
        "slechtste_geheugen_mb": _slechtste(metingen, "geheugen_mb"),
        "alle_afgewezen": all(m["uitkomst"] == "afgewezen" for m in metingen),
        "binnen_doel": all(m["binnen_doel"] for m in metingen),
    }


def robuust_als_tekst(verslag: dict[str, Any]) -> str:
    """The report as an aligned table for people, with the worst figures against the targets."""
    kop = f"{'invoer':36} {'uitkomst':10} {'code':15} {'cpu s':>6} {'totaal s':>8}"
    regels = [f"{kop} {'geheugen MB':>11}"]
    for m in verslag["invoer"]:
        code = ",".join(m["codes"]) or m["fout"] or f"exit {m['exitcode']}"
        cpu = "-" if m["cpu_s"] is None else f"{m['cpu_s']:.3f}"
        regels.append(
            f"{m['naam']:36} {m['uitkomst']:10} {code:15} {cpu:>6} "
            f"{m['cpu_totaal_s']:>8.3f} {m['geheugen_mb']:>11.1f}"
        )
    nul = verslag["nulmeting"]
    regels.append(
        f"\nnulmeting (verordening versie): {nul['cpu_totaal_s']:.3f} s processortijd, "
        f"{nul['geheugen_mb']:.1f} MB"
    )
    for maat, doel, eenheid in (
        ("slechtste_cpu_s", verslag["doel_cpu_s"], "s"),
        ("slechtste_geheugen_mb", verslag["doel_geheugen_mb"], "MB"),
    ):
        erg = verslag[maat]
        oordeel = (
            "binnen doel" if erg["waarde"] is not None and erg["waarde"] <= doel else "BOVEN DOEL"
        )
        regels.append(
            f"{maat:22} {erg['waarde']} {eenheid} ({erg['invoer']}); doel ≤ {doel:g} {eenheid}: "
            f"{oordeel}"
        )
    regels.append(
        "alle invoer afgewezen met een foutcode: " + ("ja" if verslag["alle_afgewezen"] else "NEE")
    )
    return "\n".join(regels)
