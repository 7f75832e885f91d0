"""Where the two bylaws and the cases come from: folders, ``git:REV`` and JSON Lines.

``git:REV`` is the ``rulesets`` folder as it was in revision REV of the git
repository that contains the current working directory. It is exported with
``git archive`` into a temporary folder that is removed afterwards. Every input
line is validated once, here, in the parent process; invalid lines are reported
with their line number and ``$.path``, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from verordening.bron import lezen
from verordening.compiler.product import CompiledVerordening
from verordening.engine.evaluate import validate_situatie
from verordening.errors import SituatieError, VerordeningError
from verordening.impact._compare import Geval
from verordening.impact.model import OngeldigeInvoer, Probleem
from verordening.model.situatie import Situatie

GIT_PREFIX = "git:"
RULESETS = "rulesets"


class ImpactError(VerordeningError):
    """The impact run cannot start: wrong usage (a missing file, revision or peildatum)."""


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``cwd``; a missing git program is a usage error, not a traceback.

    Raises:
        ImpactError: git is not installed.
    """
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise ImpactError("het programma 'git' is niet gevonden; installeer git") from None


def _veilig_uitpakken(archief: tarfile.TarFile, doel: Path) -> None:
    """Extract only regular files and folders inside ``doel`` (no links, no absolute paths)."""
    for lid in archief.getmembers():
        pad = PurePosixPath(lid.name)
        if pad.is_absolute() or ".." in pad.parts or not (lid.isfile() or lid.isdir()):
            continue
        if lid.isdir():
            (doel / pad).mkdir(parents=True, exist_ok=True)
            continue
        bron = archief.extractfile(lid)
        if bron is None:
            continue
        (doel / pad).parent.mkdir(parents=True, exist_ok=True)
        (doel / pad).write_bytes(bron.read())


def exporteer_git(revisie: str, doel: Path, cwd: Path | None = None) -> Path:
    """Export the ``rulesets`` folder of ``revisie`` into ``doel``; returns its path.

    Raises:
        ImpactError: not inside a git repository, unknown revision, or no rulesets folder.
    """
    werkmap = cwd or Path.cwd()
    if not revisie or revisie.startswith("-"):
        raise ImpactError(f"'{GIT_PREFIX}{revisie}' noemt geen geldige git-revisie")
    top = _git("rev-parse", "--show-toplevel", cwd=werkmap)
    if top.returncode != 0:
        raise ImpactError(
            f"'{GIT_PREFIX}{revisie}' vraagt om een git-repository, maar de huidige map "
            f"'{werkmap}' hoort niet bij een git-repository"
        )
    root = Path(top.stdout.decode().strip())
    if _git("rev-parse", "--verify", "--quiet", f"{revisie}^{{commit}}", cwd=root).returncode:
        raise ImpactError(f"de git-revisie '{revisie}' bestaat niet in '{root}'")
    archief = _git("archive", "--format=tar", revisie, "--", RULESETS, cwd=root)
    if archief.returncode != 0:
        raise ImpactError(f"in git-revisie '{revisie}' is er geen map '{RULESETS}'")
    with tarfile.open(fileobj=io.BytesIO(archief.stdout)) as tar:
        _veilig_uitpakken(tar, doel)
    return doel / RULESETS


@contextmanager
def regelset_map(bron: str | Path) -> Iterator[Path]:
    """The rulesets folder for a path or ``git:REV``; a git export is removed afterwards."""
    tekst = str(bron)
    if not tekst.startswith(GIT_PREFIX):
        pad = Path(bron)
        if not pad.exists():
            raise ImpactError(f"de regelset '{pad}' bestaat niet")
        if not (pad.is_dir() or pad.is_file()):
            raise ImpactError(f"de regelset '{pad}' is geen map en geen gewoon bestand")
        yield pad
        return
    tijdelijk = Path(tempfile.mkdtemp(prefix="verordening-impact-"))
    try:
        yield exporteer_git(tekst.removeprefix(GIT_PREFIX), tijdelijk)
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)


Invoer = str | Path | Iterable[Mapping[str, Any] | Situatie]


#: Suffix of a file that an interrupted ``caseload --uitvoer`` left behind (see `cli`).
ONVOLLEDIG = ".onvolledig"

Ruw = str | Mapping[str, Any] | Situatie | lezen.LeesError


def controleer_bestand(pad: str | Path) -> None:
    """Refuse, before any work, a situations file that cannot be read or is incomplete.

    Raises:
        ImpactError: the path names no readable regular file, or a file left behind by an
            interrupted ``caseload --uitvoer`` (named ``*.onvolledig``).
    """
    if str(pad) == lezen.STDIN:
        return
    if Path(pad).name.endswith(ONVOLLEDIG):
        raise ImpactError(
            f"het situatiebestand '{pad}' is onvolledig: het is achtergelaten door een "
            "afgebroken 'verordening caseload'; maak de caseload opnieuw"
        )
    try:
        lezen.open_bestand(pad).close()
    except lezen.LeesError as exc:
        raise ImpactError(lezen.zin(f"het situatiebestand '{pad}'", exc.bericht)) from None


def _regels(situaties: Invoer) -> Iterator[tuple[int, Ruw]]:
    """The situations with their line numbers (a file's blank lines skipped, numbers kept)."""
    if isinstance(situaties, str | Path):
        controleer_bestand(situaties)
        # Bounded per line, regular files only, a byte order mark accepted (`bron.lezen`).
        try:
            yield from lezen.lees_regels(situaties)
        except lezen.LeesError as exc:
            raise ImpactError(
                lezen.zin(f"het situatiebestand '{situaties}'", exc.bericht)
            ) from None
        return
    yield from enumerate(situaties, start=1)


def _kenmerk(data: Any) -> str | None:
    """The kenmerk of raw case data, if it has a text one (for messages about invalid cases)."""
    kenmerk = data.get("kenmerk") if isinstance(data, Mapping) else None
    return kenmerk if isinstance(kenmerk, str) else None


def lees_gevallen(
    situaties: Invoer,
    oud: CompiledVerordening,
    nieuw: CompiledVerordening,
    peildatum: dt.date | None,
) -> Iterator[Geval | OngeldigeInvoer]:
    """Each input case, validated once: a `Geval` to evaluate or an `OngeldigeInvoer`.

    Blank lines are skipped. A behoefte unknown to one of the two bylaws makes the case
    invalid (it cannot be compared).

    Raises:
        ImpactError: a valid case has no peildatum and none was given.
    """
    for nummer, ruw in _regels(situaties):
        data: Any = ruw
        try:
            if isinstance(ruw, lezen.LeesError):
                raise ruw
            if isinstance(ruw, str):
                data = lezen.laad_json(ruw, f"regel {nummer}")
        except lezen.LeesError as exc:
            yield OngeldigeInvoer(
                regelnummer=nummer, problemen=(Probleem(pad="$", bericht=exc.bericht),)
            )
            continue
        try:
            situatie = validate_situatie(data, nieuw, peildatum)
        except SituatieError as exc:
            yield OngeldigeInvoer(
                regelnummer=nummer,
                kenmerk=_kenmerk(data),
                problemen=tuple(Probleem(pad=p.pad, bericht=p.bericht) for p in exc.problemen),
            )
            continue
        ontbreekt = [
            Probleem(
                pad=f"$.hulpvragen[{i}].behoefte",
                bericht=f"behoefte '{v.behoefte}' bestaat niet in de oude regelset",
            )
            for i, v in enumerate(situatie.hulpvragen)
            if v.behoefte not in oud.behoeften
        ]
        if ontbreekt:
            yield OngeldigeInvoer(
                regelnummer=nummer, kenmerk=situatie.kenmerk, problemen=tuple(ontbreekt)
            )
            continue
        datum = peildatum or situatie.peildatum
        if datum is None:
            raise ImpactError(
                f"geen peildatum voor de situatie op regel {nummer}: geef --peildatum JJJJ-MM-DD "
                "of zet 'peildatum' in elke situatie"
            )
        tekst = ruw if isinstance(ruw, str) else situatie.model_dump_json()
        yield nummer, tekst, datum.isoformat()
