"""The one bounded, typed reader of every input file: rulesets, situations, caseloads, advies.

Every input goes through here, so one set of guarantees holds everywhere:

- only a regular file (or stdin, ``-``) is read: a folder, a device such as ``/dev/zero``,
  a named pipe or a socket is refused *after* opening without blocking (``O_NONBLOCK``,
  then ``fstat``), so a symlink to a device is refused too and a pipe never hangs;
- at most ``limiet + 1`` bytes are read, whatever the file claims its size is (a device
  or ``/proc`` file reports 0), so the size limit holds for every kind of file;
- text is UTF-8, a byte order mark at the start is accepted and removed;
- JSON is parsed with bounded nesting (checked *before* ``json.loads`` recurses), duplicate
  keys refused (YAML refuses them too), ``NaN``/``Infinity`` refused, messages in Dutch.

Each failure is a `LeesError` with a Dutch message, a code (``V101`` too large, ``V107``
unreadable, for rulesets) and whether it is a usage error (the path names no readable
file: exit code 2) or a content error (exit code 1).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from verordening._bestand import MAX_BYTES as MAX_BYTES  # re-exported: one limit
from verordening._bestand import OnleesbaarError, open_gewoon, os_bericht
from verordening.errors import VerordeningError, json_melding

#: The path that means standard input.
STDIN = "-"
#: Largest stored Advies (JSON with its full trace), in bytes.
MAX_ADVIES_BYTES = 32 * 1024 * 1024
#: Largest line of a caseload (one situation); the file itself may be any length.
MAX_REGEL_BYTES = 1024 * 1024
#: Deepest nesting of JSON arrays and objects accepted.
MAX_JSON_DIEPTE = 100

_BOM = b"\xef\xbb\xbf"
_BLOK = 1 << 16


class LeesError(VerordeningError):
    """An input file cannot be read or parsed; the message is Dutch and names the file.

    Attributes:
        bericht: the message without the file name.
        code: ``V101`` (too large) or ``V107`` (cannot be read, not a regular file,
            not UTF-8, not valid JSON), for the diagnostics of rulesets.
        gebruik: ``True`` when the path names no readable regular file (a usage error,
            exit code 2); ``False`` when the content is wrong (exit code 1).
    """

    def __init__(self, pad: str, bericht: str, *, code: str = "V107", gebruik: bool = False):
        self.pad, self.bericht, self.code, self.gebruik = pad, bericht, code, gebruik
        if not gebruik:
            super().__init__(f"{pad}: {bericht}")
        elif bericht.startswith("is "):
            super().__init__(f"'{pad}' {bericht}")
        else:
            super().__init__(zin(f"bestand '{pad}'", bericht))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_herstel, (self.pad, self.bericht, self.code, self.gebruik))


def _herstel(pad: str, bericht: str, code: str, gebruik: bool) -> LeesError:
    return LeesError(pad, bericht, code=code, gebruik=gebruik)


def grootte(aantal: int) -> str:
    """A byte count in Dutch units: ``2 MB``, ``512 kB``."""
    if aantal >= 1024 * 1024 and aantal % (1024 * 1024) == 0:
        return f"{aantal // (1024 * 1024)} MB"
    if aantal >= 1024:
        return f"{aantal // 1024} kB"
    return f"{aantal} bytes"


def zin(onderwerp: str, bericht: str) -> str:
    """``onderwerp`` and a `LeesError.bericht` as one sentence: "het bestand 'x' bestaat niet"."""
    if bericht.startswith(("is ", "bestaat")):
        return f"{onderwerp} {bericht}"
    return f"{onderwerp}: {bericht}"


def open_bestand(pad: Path | str, naam: str | None = None) -> BinaryIO:
    """Open a regular file for reading in binary mode, without ever blocking.

    ``-`` is standard input (not closed by the caller's ``with``).

    Raises:
        LeesError: (usage) the path does not exist, is a folder, a device, a pipe or a
            socket, or may not be read.
    """
    if str(pad) == STDIN:
        return cast(BinaryIO, _Invoer(sys.stdin.buffer))
    try:
        return open_gewoon(pad)
    except OnleesbaarError as exc:
        raise LeesError(naam or str(pad), exc.bericht, gebruik=True) from None


class _Invoer:
    """Standard input for a ``with`` block that must not close it."""

    def __init__(self, bron: BinaryIO) -> None:
        self.read, self.readline = bron.read, bron.readline

    def __enter__(self) -> _Invoer:
        return self

    def __exit__(self, *_: object) -> None:
        return None


def lees_bytes(pad: Path | str, limiet: int = MAX_BYTES, naam: str | None = None) -> bytes:
    """The whole file, at most ``limiet`` bytes (reads at most ``limiet + 1``).

    Raises:
        LeesError: not a readable regular file (usage), or larger than ``limiet`` (``V101``).
    """
    getoond = naam or str(pad)
    with open_bestand(pad, naam) as bestand:
        try:
            inhoud = bestand.read(limiet + 1)
        except OSError as exc:
            raise LeesError(getoond, os_bericht(exc), gebruik=True) from None
    if len(inhoud) > limiet:
        raise LeesError(getoond, f"bestand is groter dan {grootte(limiet)}", code="V101")
    return inhoud


def tekst(inhoud: bytes, naam: str) -> str:
    """Bytes as UTF-8 text; a byte order mark at the start is removed.

    Raises:
        LeesError: the bytes are not UTF-8.
    """
    try:
        return inhoud.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError:
        raise LeesError(naam, "bestand is geen UTF-8-tekst") from None


def lees_tekst(pad: Path | str, limiet: int = MAX_BYTES, naam: str | None = None) -> str:
    """The whole file as text: `lees_bytes` then `tekst`."""
    return tekst(lees_bytes(pad, limiet, naam), naam or str(pad))


# A JSON string (escapes included), found in C by the regex engine; the rest is structure.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_HAAKJES = re.compile(r"[\[\]{}]")
_STAP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_diepte(bron: str) -> int:
    """The deepest nesting of arrays and objects in JSON text (strings are skipped)."""
    haakjes = _HAAKJES.findall(_STRING.sub("", bron))
    return max(itertools.accumulate(map(_STAP.__getitem__, haakjes)), default=0)


class _JsonError(ValueError):
    pass


def _geen_dubbele(paren: list[tuple[str, Any]]) -> dict[str, Any]:
    uit: dict[str, Any] = {}
    for sleutel, waarde in paren:
        if sleutel in uit:
            raise _JsonError(f"sleutel '{sleutel}' komt twee keer voor in hetzelfde object")
        uit[sleutel] = waarde
    return uit


def _geen_constante(naam: str) -> Any:
    raise _JsonError(f"'{naam}' is geen getal in JSON")


def json_bericht(exc: json.JSONDecodeError) -> str:
    """A Dutch message for a JSON syntax error (`errors.json_melding`), the line only when > 1."""
    return json_melding(exc, regel=exc.lineno > 1)


def laad_json(bron: str, naam: str, max_diepte: int = MAX_JSON_DIEPTE) -> Any:
    """Parse JSON text strictly: bounded nesting, no duplicate keys, no NaN or Infinity.

    Raises:
        LeesError: the text is not valid JSON or breaks one of those rules (content, ``V107``).
    """
    bron = bron.removeprefix("\ufeff")
    diepte = json_diepte(bron)
    if diepte > max_diepte:
        raise LeesError(naam, f"de JSON is dieper genest dan {max_diepte} niveaus")
    try:
        return json.loads(bron, object_pairs_hook=_geen_dubbele, parse_constant=_geen_constante)
    except json.JSONDecodeError as exc:
        raise LeesError(naam, json_bericht(exc)) from None
    except _JsonError as exc:
        raise LeesError(naam, f"geen geldige JSON: {exc}") from None
    except RecursionError:  # pragma: no cover - json_diepte bounds the depth first
        raise LeesError(naam, f"de JSON is dieper genest dan {max_diepte} niveaus") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        if "digits" in str(exc):
            raise LeesError(naam, "geen geldige JSON: een getal met te veel cijfers") from None
        raise LeesError(naam, "geen geldige JSON") from None


def lees_json(pad: Path | str, limiet: int = MAX_BYTES, naam: str | None = None) -> Any:
    """A JSON file: `lees_tekst` then `laad_json`."""
    getoond = naam or str(pad)
    return laad_json(lees_tekst(pad, limiet, getoond), getoond)


Regel = tuple[int, str | LeesError]


def lees_regels(
    pad: Path | str, limiet: int = MAX_REGEL_BYTES, naam: str | None = None
) -> Iterator[Regel]:
    """The non-blank lines of a JSON Lines file, each at most ``limiet`` bytes, streamed.

    Yields ``(regelnummer, tekst)``, or ``(regelnummer, LeesError)`` for a line that is
    too long or not UTF-8; such a line is skipped in bounded memory and reading goes on.
    A byte order mark at the start of the file is accepted.

    Raises:
        LeesError: (usage) the path names no readable regular file.
    """
    getoond = naam or str(pad)
    with open_bestand(pad, naam) as bestand:
        for nummer in itertools.count(1):
            ruw = bestand.readline(limiet + 1)
            if not ruw:
                return
            if nummer == 1:
                ruw = ruw.removeprefix(_BOM)
            if len(ruw) > limiet and not ruw.endswith(b"\n"):
                while (rest := bestand.readline(_BLOK)) and not rest.endswith(b"\n"):
                    pass
                yield nummer, LeesError(getoond, f"regel {nummer} is langer dan {grootte(limiet)}")
                continue
            try:
                regel = ruw.decode("utf-8")
            except UnicodeDecodeError:
                yield nummer, LeesError(getoond, f"regel {nummer} is geen UTF-8-tekst")
                continue
            if regel.strip():
                yield nummer, regel
