"""Golden tests: every diagnostic code, its exact rendering, and the generated error-code doc.

Each example in ``bad/`` is checked together with the valid base in ``basis/``;
the human and one-line renderings must equal ``bad/<naam>.expected``. Run
``pytest tests/diagnostics --update-golden`` to rewrite the .expected files and
docs/voor-beleidsmedewerkers/foutcodes.md, then review ``git diff``.
"""

from __future__ import annotations

import contextlib
import json
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.diagnostics import make_foutcodes as mf

GEVALLEN = mf.gevallen()
UPDATE = "pytest tests/diagnostics --update-golden"


@pytest.mark.parametrize("geval", GEVALLEN, ids=lambda g: g.naam)
def test_golden(geval: mf.Geval, tmp_path: Path, update_golden: bool) -> None:
    diagnostics, tekst = mf.draai(geval, tmp_path)

    codes = [d.code for d in diagnostics]
    assert geval.code in codes, f"{geval.naam} geeft {codes}, niet {geval.code}"
    verwacht = {geval.code, *geval.ook_codes}
    assert set(codes) == verwacht, f"{geval.naam} geeft {codes}, niet {sorted(verwacht)}"
    for diag in diagnostics:
        if diag.bron is not None:
            assert diag.bron.bestand == geval.rel, f"{diag.gnu()} wijst niet naar het voorbeeld"
    assert str(tmp_path) not in tekst, "een melding bevat een pad van deze machine"

    if update_golden:
        geval.expected.write_text(tekst, encoding="utf-8")
        return
    if not geval.expected.exists():
        pytest.fail(f"{geval.expected.name} ontbreekt; maak het met: {UPDATE}")
    assert tekst == geval.expected.read_text(encoding="utf-8")


def test_elke_expected_hoort_bij_een_voorbeeld() -> None:
    namen = {g.naam for g in GEVALLEN}
    verweesd = sorted(p.name for p in mf.BAD.glob("*.expected") if p.stem not in namen)
    assert not verweesd, f"geen voorbeeld bij: {verweesd}"
    assert set(mf.BIJZONDER) <= {p.stem for p in mf.BAD.glob("*.yaml")}


def test_elke_code_heeft_een_voorbeeld_en_een_uitleg() -> None:
    uitgegeven = mf.codes_in_broncode()
    assert len(uitgegeven) >= 30  # the scan itself works
    voorbeelden = {g.code for g in GEVALLEN}
    assert sorted(uitgegeven - voorbeelden) == [], "codes zonder fout voorbeeld in bad/"
    assert sorted(set(mf.BETEKENIS) ^ uitgegeven) == [], (
        "BETEKENIS loopt niet gelijk met de broncode"
    )


@pytest.mark.parametrize("pad", sorted(mf.BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_voorbeeld_begint_met_uitleg(pad: Path) -> None:
    eerste = pad.read_text(encoding="utf-8").splitlines()[0]
    assert eerste.startswith(mf.KOP), f"{pad.name} begint niet met '{mf.KOP.strip()}'"


def _regelset(tmp_path: Path, *extra: Path) -> Path:
    root = tmp_path / "regelset"
    shutil.copytree(mf.BASIS, root / "basis")
    for pad in extra:
        (root / "voorbeeld").mkdir(exist_ok=True)
        shutil.copyfile(pad, root / "voorbeeld" / pad.name)
    return root


def test_basis_is_geldig(tmp_path: Path) -> None:
    assert mf.controleer(_regelset(tmp_path)) == []


@pytest.mark.parametrize("pad", sorted(mf.GOOD.glob("*.yaml")), ids=lambda p: p.stem)
def test_goed_voorbeeld_geeft_geen_meldingen(pad: Path, tmp_path: Path) -> None:
    diagnostics = mf.controleer(_regelset(tmp_path, pad))
    assert [d.gnu() for d in diagnostics] == []


def test_er_zijn_goede_voorbeelden() -> None:
    assert len(list(mf.GOOD.glob("*.yaml"))) >= 3


def test_foutcodes_document_is_actueel(update_golden: bool) -> None:
    document = mf.maak_document(mf.golden_teksten())
    for code in mf.BETEKENIS:
        assert f"### {code}" in document
    if update_golden:
        mf.DOCUMENT.parent.mkdir(parents=True, exist_ok=True)
        mf.DOCUMENT.write_text(document, encoding="utf-8")
        return
    if not mf.DOCUMENT.exists():
        pytest.fail(f"{mf.DOCUMENT} ontbreekt; maak het met: {UPDATE}")
    assert document == mf.DOCUMENT.read_text(encoding="utf-8"), (
        f"foutcodes.md is verouderd; draai: {UPDATE}"
    )


# --------------------------------------------------------------------------- hostile input

#: Limits of the child that checks a hostile file: a runaway is stopped by the kernel and
#: fails the test through its exit status. They bound the damage, they are not a speed test:
#: what each hostile input costs is measured by ``verordening bench --robuust``.
GRENZEN = (
    (resource.RLIMIT_CPU, 120),
    (resource.RLIMIT_AS, 2 * 1024**3),
)


def _grenzen() -> None:
    for soort, waarde in GRENZEN:
        with contextlib.suppress(ValueError, OSError):  # RLIMIT_AS is not enforced on macOS
            resource.setrlimit(soort, (waarde, waarde))


_CONTROLE = (
    "import json, sys, verordening\n"
    "print(json.dumps([d.code for d in verordening.check(sys.argv[1])]))\n"
)


def _billion_laughs(pad: Path) -> None:
    regels = ["schema_versie: 1", "a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for vorige, naam in zip("abcdefgh", "bcdefghi", strict=True):
        regels.append(f"{naam}: &{naam} [" + ", ".join([f"*{vorige}"] * 10) + "]")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")


def _vijftig_mb(pad: Path) -> None:
    regel = b"  De gemeente helpt inwoners die het zelf niet redden.\n"
    with pad.open("wb") as uit:
        uit.write(b"schema_versie: 1\ntoelichting: >\n")
        for _ in range(50 * 1024 * 1024 // len(regel) + 1):
            uit.write(regel)


def _genest_flow(diepte: int) -> Callable[[Path], None]:
    def maak(pad: Path) -> None:
        pad.write_text(
            f"schema_versie: 1\ntoelichting: {'[' * diepte}{']' * diepte}\n", encoding="utf-8"
        )

    return maak


def _genest_blok(pad: Path) -> None:
    regels = ["schema_versie: 1", "toelichting:"]
    regels += [f"{'  ' * (i + 1)}k{i}:" for i in range(100)]
    regels.append(f"{'  ' * 101}einde")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")


def _dubbele_sleutels_via_aliassen(pad: Path) -> None:
    # Duplicate keys are rejected before they count towards the alias budget, so
    # 1000 aliases of a mapping with 1000 duplicate keys, nested twice, make
    # 10^9 diagnostics from 15 kB.
    regels = ["a0: &a0 {" + ", ".join(["k: 1"] * 1000) + "}"]
    regels.append("a1: &a1 [" + ", ".join(["*a0"] * 1000) + "]")
    regels.append("a2: &a2 [" + ", ".join(["*a1"] * 1000) + "]")
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")


#: Each hostile file, and the codes it may give (it must give at least one).
VIJANDIG = [
    pytest.param(_billion_laughs, {"V105"}, id="billion-laughs"),
    pytest.param(_vijftig_mb, {"V101"}, id="50-mb"),
    pytest.param(_genest_flow(100), {"V105"}, id="100-diep-flow"),
    pytest.param(_genest_blok, {"V105"}, id="100-diep-blok"),
    pytest.param(_genest_flow(10_000), {"V105"}, id="10000-diep-flow"),
    pytest.param(
        _dubbele_sleutels_via_aliassen, {"V103", "V105"}, id="dubbele-sleutels-via-aliassen"
    ),
]


@pytest.mark.parametrize(("maak", "toegestaan"), VIJANDIG)
def test_vijandig_bestand_geeft_een_foutcode(
    maak: Callable[[Path], None], toegestaan: set[str], tmp_path: Path
) -> None:
    pad = tmp_path / "vijandig.yaml"
    maak(pad)
    proces = subprocess.run(
        [sys.executable, "-c", _CONTROLE, str(pad)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        preexec_fn=_grenzen,
    )
    assert proces.returncode == 0, (
        f"check() eindigde met {proces.returncode} (een negatief getal: gestopt door een grens)"
        f":\n{proces.stderr[-2000:]}"
    )
    assert proces.stderr == ""
    codes = json.loads(proces.stdout)
    assert codes, "geen melding"
    assert set(codes) <= toegestaan, codes
