"""The exit codes of every command, and what every command does on Ctrl-C.

One table (DESIGN §6), applied by every command:

====  =====================================================================================
code  meaning
====  =====================================================================================
0     goed: done; a changed advice in ``impact`` is a result, not an error
1     fouten in de regelset, mislukte scenario's, ongeldige invoer (situatie, caseload-regel,
      opgeslagen advies: te groot, geen UTF-8, geen geldige JSON/YAML, te diep genest)
2     verkeerd gebruik: een pad dat niet bestaat of geen gewoon bestand is, een ontbrekende
      of ongeldige optie, geen peildatum, een ``--uitvoer`` die niet geschreven kan worden
      (ook een volle schijf), meer ``--processen`` dan kernen
130   afgebroken met Ctrl-C (SIGINT): "Afgebroken." op stderr, nooit een traceback
====  =====================================================================================
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from verordening.bron.lezen import LeesError
from verordening.cli._uitvoer import SCHRIJFFOUTEN, UitvoerError, schrijf_bericht

GOED = 0
FOUT = 1
GEBRUIK = 2
AFGEBROKEN = 130

_fout = Console(stderr=True, soft_wrap=True, highlight=False)


def stop(bericht: str, code: int) -> NoReturn:
    """Print ``bericht`` on stderr and end the command with ``code``."""
    _fout.print(bericht, markup=False)
    raise typer.Exit(code)


def bestaand(pad: Path | None, wat: str = "het pad") -> Path | None:
    """``pad`` unchanged; exit 2 when it is given but names no folder or regular file."""
    if pad is not None and not pad.exists():
        stop(f"{wat} '{pad}' bestaat niet", GEBRUIK)
    if pad is not None and not (pad.is_dir() or pad.is_file()):
        stop(f"{wat} '{pad}' is geen map en geen gewoon bestand", GEBRUIK)
    return pad


def kernen() -> int:
    """The number of processor cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def processen_optie(waarde: int) -> int:
    """Typer callback for ``--processen``: at least 1, at most the number of cores."""
    if waarde < 1:
        raise typer.BadParameter("geef ten minste 1 proces")
    if waarde > (n := kernen()):
        raise typer.BadParameter(
            f"{waarde} processen is meer dan de {n} kern(en) van deze computer; geef hoogstens {n}"
        )
    return waarde


def afgeschermd(opdracht: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command: Ctrl-C gives "Afgebroken." and exit 130.

    Read and write errors that escaped the command (a full disk behind stdout included)
    give their Dutch message and the code of the table. The wrapped function is looked
    up at each call (``__wrapped__``).
    """

    @functools.wraps(opdracht)
    def omhulsel(*args: Any, **kwargs: Any) -> Any:
        try:
            return omhulsel.__wrapped__(*args, **kwargs)
        except KeyboardInterrupt:
            stop("Afgebroken.", AFGEBROKEN)
        except UitvoerError as exc:
            stop(str(exc), GEBRUIK)
        except LeesError as exc:
            stop(str(exc), GEBRUIK if exc.gebruik else FOUT)
        except OSError as exc:  # writing to stdout: `verordening ... > /dev/full`
            if exc.errno not in SCHRIJFFOUTEN:
                raise
            with contextlib.suppress(OSError):  # no second error when Python flushes at exit
                sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
            stop(f"de uitvoer kan niet geschreven worden: {schrijf_bericht(exc)}", GEBRUIK)

    return omhulsel


def scherm_af(app: typer.Typer) -> None:
    """Apply `afgeschermd` to every command registered on ``app`` (call it once, last)."""
    for info in app.registered_commands:
        if info.callback is not None and not hasattr(info.callback, "__wrapped__"):
            info.callback = afgeschermd(info.callback)
