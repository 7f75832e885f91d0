"""Output files of the CLI: checked before the work, written atomically.

`Uitvoer` opens a temporary file *in the target's folder* before anything is computed,
so a missing folder, a folder as target or a folder without write permission fails at
once (exit code 2). The content goes into the temporary file; `Uitvoer.voltooi` flushes,
fsyncs and renames it over the target with ``os.replace``, then fsyncs the folder. A kill
at any moment therefore leaves either the previous file intact or the new one complete.
The temporary file is named ``.<naam>.<willekeurig>.onvolledig``: a file left behind by a
killed run is recognisable (``impact`` refuses it) and never has the target's name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TextIO

from verordening.errors import VerordeningError

#: Suffix of a temporary output file; such a file is incomplete by construction.
ONVOLLEDIG = ".onvolledig"


class UitvoerError(VerordeningError):
    """An output file cannot be written (usage, exit code 2); the message is Dutch."""


_BERICHTEN = {
    errno.ENOENT: "de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EACCES: "geen toestemming om in deze map te schrijven",
    errno.EPERM: "geen toestemming om in deze map te schrijven",
    errno.EROFS: "de map staat op een alleen-lezen schijf",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het schijfquotum is op",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EFBIG: "het bestand wordt te groot voor deze schijf",
}


#: Errors of writing itself (not of the work around it) that are reported in Dutch.
SCHRIJFFOUTEN = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


def schrijf_bericht(exc: OSError) -> str:
    """A Dutch text for an operating-system error while writing."""
    return _BERICHTEN.get(exc.errno or 0, f"schrijven is mislukt (foutnummer {exc.errno})")


def _modus(doel: Path) -> int:
    try:
        return stat.S_IMODE(doel.stat().st_mode)
    except OSError:
        masker = os.umask(0)
        os.umask(masker)
        return 0o666 & ~masker


class Uitvoer:
    """A file written atomically; open it before the work, `voltooi` it after.

    Use as a context manager: leaving the block normally completes the file; leaving it
    with an exception (Ctrl-C included) removes the temporary file and leaves the target
    untouched.
    """

    def __init__(self, doel: Path) -> None:
        self.doel = doel
        if doel.is_dir():
            raise UitvoerError(f"kan niet schrijven naar '{doel}': dit is een map, geen bestand")
        map_ = doel.parent
        try:
            fd, naam = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=ONVOLLEDIG, dir=map_)
        except OSError as exc:
            raise UitvoerError(
                f"kan niet schrijven naar '{doel}': {schrijf_bericht(exc)}"
            ) from None
        self.tijdelijk = Path(naam)
        self._klaar = False
        self.bestand: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def voltooi(self) -> None:
        """Make the written content the target file (flush, fsync, rename, fsync folder).

        Raises:
            UitvoerError: the disk is full or writing failed; the target is untouched.
        """
        self._klaar = True
        try:
            self.bestand.flush()
            os.fsync(self.bestand.fileno())
            self.bestand.close()
            os.chmod(self.tijdelijk, _modus(self.doel))
            os.replace(self.tijdelijk, self.doel)
        except OSError as exc:
            self.verwerp()
            raise UitvoerError(
                f"kan niet schrijven naar '{self.doel}': {schrijf_bericht(exc)}; "
                "het vorige bestand is ongewijzigd"
            ) from None
        with contextlib.suppress(OSError):
            map_fd = os.open(self.doel.parent, os.O_RDONLY)
            try:
                os.fsync(map_fd)
            finally:
                os.close(map_fd)

    def verwerp(self) -> None:
        """Remove the temporary file; the target stays as it was."""
        with contextlib.suppress(OSError):
            self.bestand.close()
        with contextlib.suppress(OSError):
            self.tijdelijk.unlink()

    def __enter__(self) -> Uitvoer:
        return self

    def __exit__(
        self,
        soort: type[BaseException] | None,
        fout: BaseException | None,
        spoor: TracebackType | None,
    ) -> None:
        if self._klaar:
            return
        if soort is None:
            self.voltooi()
            return
        self.verwerp()
        if isinstance(fout, OSError) and fout.errno in SCHRIJFFOUTEN:
            raise UitvoerError(
                f"kan niet schrijven naar '{self.doel}': {schrijf_bericht(fout)}; "
                "het vorige bestand is ongewijzigd"
            ) from None
