"""Open a file for reading only when it is a regular file, without ever blocking.

The lowest layer of `verordening.bron.lezen` (which wraps it in coded Dutch errors), here
so that `verordening.diagnostics`, below every stage, can read source lines for its code
frames under the same guarantees: ``O_NONBLOCK`` so a named pipe cannot hang the open,
then ``fstat`` on the opened file so a folder, a device (also behind a symlink), a pipe
or a socket is refused before a single byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

#: Largest ruleset or situation file, in bytes.
MAX_BYTES = 2 * 1024 * 1024


class OnleesbaarError(Exception):
    """The path names no readable regular file; ``bericht`` says why, in Dutch."""

    def __init__(self, bericht: str) -> None:
        self.bericht = bericht
        super().__init__(bericht)


_OS_FOUTEN = {
    errno.ENOENT: "bestaat niet",
    errno.ENOTDIR: "bestaat niet (een deel van het pad is geen map)",
    errno.EACCES: "geen toestemming om te lezen",
    errno.EPERM: "geen toestemming om te lezen",
    errno.ELOOP: "te veel symbolische koppelingen na elkaar",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENXIO: "is geen gewoon bestand",
}


def os_bericht(exc: OSError) -> str:
    """A Dutch text for an error while opening a file to read (`os_melding` for the rest)."""
    return _OS_FOUTEN.get(exc.errno or 0) or os_melding(exc)


#: Operating-system errors in Dutch, by errno.
_OS_NL: dict[int, str] = {
    errno.ENOENT: "bestaat niet",
    errno.EACCES: "geen toegang (controleer de rechten)",
    errno.EPERM: "geen toestemming (controleer de rechten)",
    errno.EISDIR: "is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "te veel symbolische links",
    errno.EEXIST: "bestaat al",
    errno.EBUSY: "is in gebruik",
    errno.EIO: "lees- of schrijffout van het apparaat",
    errno.EFBIG: "het bestand is te groot",
    errno.EMFILE: "te veel open bestanden",
    errno.ENFILE: "te veel open bestanden",
    errno.ENXIO: "het apparaat bestaat niet",
    errno.ENODEV: "het apparaat bestaat niet",
    errno.EINVAL: "ongeldige bewerking voor dit bestand",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EPIPE: "de uitvoer is gesloten",
}


def os_melding(fout: OSError) -> str:
    """An operating-system error in Dutch (never Python's English ``strerror``)."""
    if fout.errno in _OS_NL:
        return _OS_NL[fout.errno]
    if fout.errno is not None:
        return f"fout van het besturingssysteem (nummer {fout.errno})"
    return "fout van het besturingssysteem"


def _soort(modus: int) -> str:
    if stat.S_ISDIR(modus):
        return "is een map, geen bestand"
    if stat.S_ISFIFO(modus):
        return "is een pijp (named pipe), geen gewoon bestand"
    if stat.S_ISCHR(modus) or stat.S_ISBLK(modus):
        return "is een apparaat, geen gewoon bestand"
    if stat.S_ISSOCK(modus):
        return "is een socket, geen gewoon bestand"
    return "is geen gewoon bestand"


def open_gewoon(pad: Path | str) -> BinaryIO:
    """Open a regular file for reading in binary mode; never blocks.

    Raises:
        OnleesbaarError: the path does not exist, is a folder, a device, a pipe or a socket,
            or may not be read.
    """
    vlaggen = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(pad, vlaggen)
    except OSError as exc:
        raise OnleesbaarError(os_bericht(exc)) from None
    try:
        modus = os.fstat(fd).st_mode
        if not stat.S_ISREG(modus):
            raise OnleesbaarError(_soort(modus))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
