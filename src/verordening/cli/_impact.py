"""The ``verordening caseload`` and ``verordening impact`` commands (registered in `cli`).

Exit codes as everywhere: 0 goed (changed advice is a result, not an error); 1 the
rulesets contain author errors or some input lines were invalid (the report is
still printed); 2 wrong usage (no peildatum, an unknown git revision, a missing file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from verordening.bron import lezen
from verordening.cli._afsluiten import GEBRUIK, kernen, processen_optie
from verordening.cli._uitvoer import Uitvoer, UitvoerError
from verordening.engine import registry
from verordening.errors import RulesetError
from verordening.impact.caseload import STANDAARD_PEILDATUM

_fout = Console(stderr=True, soft_wrap=True, highlight=False)

GemeenteOptie = Annotated[
    str | None, typer.Option("--gemeente", help="Gemeente-overlay, bijv. 'veldhoven'.")
]


class ImpactFormaat(StrEnum):
    """Output formats of ``impact``."""

    tekst = "tekst"
    markdown = "markdown"
    html = "html"
    json = "json"


def _engine_naam(naam: str) -> str:
    """Only a registered engine (a usage error otherwise, exit 2)."""
    if naam not in registry.namen():
        raise typer.BadParameter(
            f"onbekende engine '{naam}'; kies uit: {', '.join(registry.namen())}"
        )
    return naam


def _stop(bericht: str, code: int) -> NoReturn:
    """Print ``bericht`` on stderr and exit with ``code`` (1 content, 2 usage): no traceback."""
    _fout.print(bericht, markup=False)
    raise typer.Exit(code)


def _datum(waarde: str | None) -> dt.date | None:
    """The ISO date ``waarde``, None when not given; a usage error when it is not a date."""
    if waarde is None:
        return None
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError:
        _stop(f"ongeldige peildatum '{waarde}': gebruik JJJJ-MM-DD", 2)


def caseload_cmd(
    aantal: Annotated[int, typer.Option("--aantal", min=0, help="Aantal situaties.")],
    seed: Annotated[
        int, typer.Option("--seed", help="Startgetal: dezelfde seed geeft dezelfde situaties.")
    ],
    peildatum: Annotated[
        str | None,
        typer.Option(
            "--peildatum",
            help=f"Peildatum (JJJJ-MM-DD); standaard {STANDAARD_PEILDATUM.isoformat()}.",
        ),
    ] = None,
    gemeente: GemeenteOptie = None,
    uitvoer: Annotated[
        Path | None,
        typer.Option("--uitvoer", help="Schrijf naar dit bestand in plaats van het scherm."),
    ] = None,
    schaars: Annotated[
        bool,
        typer.Option(
            "--schaars",
            help="Dezelfde huishoudens, maar zonder wat een inwoner niet zou noemen, zoals in "
            "een echt dossier bij de melding: geen 'nee'-antwoorden, geen lege inkomenslijsten "
            "van huisgenoten en geen bevindingen van de professional.",
        ),
    ] = False,
) -> None:
    """Maak een synthetische, anonieme caseload: één situatie per regel (JSON Lines)."""
    from verordening.impact.caseload import CaseloadError, schrijf

    datum = _datum(peildatum)
    try:
        if uitvoer is None:
            schrijf(sys.stdout, aantal, seed, datum, gemeente, schaars=schaars)
            return
        # Checked before the work, written atomically: a kill leaves the old file intact.
        with Uitvoer(uitvoer) as bestand:
            n = schrijf(bestand.bestand, aantal, seed, datum, gemeente, schaars=schaars)
    except UitvoerError as exc:
        _stop(str(exc), GEBRUIK)
    except CaseloadError as exc:
        _stop(str(exc), 2)
    except RulesetError as exc:
        _stop(str(exc), 1)
    _fout.print(f"{n} situaties geschreven naar {uitvoer}", markup=False)


def _tel_regels(pad: Path) -> int:
    """The number of lines of ``pad``, counted in blocks: the progress bar's total.

    0 when the file cannot be read; the bar then runs without a total, and the impact
    run itself reports the problem.
    """
    if str(pad) == lezen.STDIN:
        return 0
    try:
        with lezen.open_bestand(pad) as bestand:
            return sum(blok.count(b"\n") for blok in iter(lambda: bestand.read(1 << 20), b""))
    except (OSError, lezen.LeesError):
        return 0


def impact_cmd(
    oud: Annotated[
        str,
        typer.Option("--oud", help="De oude regels: een map met regelsets, of git:REVISIE."),
    ],
    nieuw: Annotated[
        str,
        typer.Option("--nieuw", help="De nieuwe regels: een map met regelsets, of git:REVISIE."),
    ],
    situaties: Annotated[
        Path,
        typer.Option("--situaties", help="Situaties als JSON Lines (bijv. van 'caseload')."),
    ],
    peildatum: Annotated[
        str | None,
        typer.Option(
            "--peildatum",
            help="Peildatum (JJJJ-MM-DD) voor alle situaties; anders die per situatie.",
        ),
    ] = None,
    gemeente: GemeenteOptie = None,
    processen: Annotated[
        int,
        typer.Option(
            "--processen",
            callback=processen_optie,
            help="Aantal processen, hoogstens het aantal kernen (standaard 2, of 1 op één kern).",
        ),
    ] = min(2, kernen()),
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            callback=_engine_naam,
            help=f"Een van: {', '.join(registry.namen())} ({registry.PRODUCTIE} is de productie).",
        ),
    ] = registry.PRODUCTIE,
    formaat: Annotated[
        ImpactFormaat, typer.Option("--formaat", help="tekst, markdown, html of json.")
    ] = ImpactFormaat.tekst,
    uitvoer: Annotated[
        Path | None,
        typer.Option("--uitvoer", help="Schrijf het rapport naar dit bestand."),
    ] = None,
    voortgang: Annotated[
        bool | None,
        typer.Option(
            "--voortgang/--geen-voortgang",
            help="Voortgangsbalk op stderr; standaard alleen in een terminal.",
        ),
    ] = None,
) -> None:
    """Vergelijk de adviezen van twee versies van de regels over een caseload."""
    from verordening.impact import ImpactError, controleer_bestand

    datum = _datum(peildatum)
    # Everything that can be refused is refused before the work: the input, then the output.
    try:
        controleer_bestand(situaties)
    except ImpactError as exc:
        _stop(str(exc), GEBRUIK)
    try:
        doel = Uitvoer(uitvoer) if uitvoer is not None else None
    except UitvoerError as exc:
        _stop(str(exc), GEBRUIK)
    with doel or contextlib.nullcontext():
        _impact(situaties, oud, nieuw, datum, gemeente, processen, engine, formaat, voortgang, doel)


def _impact(
    situaties: Path,
    oud: str,
    nieuw: str,
    datum: dt.date | None,
    gemeente: str | None,
    processen: int,
    engine: str,
    formaat: ImpactFormaat,
    voortgang: bool | None,
    doel: Uitvoer | None,
) -> None:
    """The run itself; the report goes to ``doel`` (completed by the caller) or stdout."""
    from verordening.impact import ImpactError, impact
    from verordening.impact.report import getal, render, toon

    toon_voortgang = _fout.is_terminal if voortgang is None else voortgang
    balk = Progress(
        TextColumn("[bold]Beoordelen"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("verstreken"),
        TimeElapsedColumn(),
        TextColumn("nog"),
        TimeRemainingColumn(),
        console=_fout,
        disable=not toon_voortgang,
        transient=False,
    )
    start = time.perf_counter()
    try:
        with balk:
            taak = balk.add_task("impact", total=_tel_regels(situaties) or None)
            rapport = impact(
                oud,
                nieuw,
                situaties,
                peildatum=datum,
                gemeente=gemeente,
                processen=processen,
                engine=engine,
                voortgang=lambda n: balk.update(taak, completed=n),
            )
    except ImpactError as exc:
        _stop(str(exc), GEBRUIK)
    except RulesetError as exc:
        _stop(str(exc), 1)
    duur = time.perf_counter() - start
    if toon_voortgang:
        snelheid = getal(round(rapport.totaal / duur)) if duur > 0 else "?"
        seconden = f"{duur:.1f}".replace(".", ",")
        _fout.print(
            f"{getal(rapport.totaal)} gevallen in {seconden} s ({snelheid} per seconde)",
            markup=False,
        )
    if formaat == ImpactFormaat.tekst:
        if doel is None:
            toon(rapport, Console(highlight=False, soft_wrap=False))
        else:
            console = Console(file=doel.bestand, width=100, highlight=False, color_system=None)
            toon(rapport, console)
    else:
        tekst = render(rapport, formaat.value)
        if doel is None:
            sys.stdout.write(tekst)
        else:
            doel.bestand.write(tekst)
    if doel is not None:
        doel.voltooi()
        _fout.print(f"Rapport geschreven naar {doel.doel}", markup=False)
    if rapport.ongeldig:
        raise typer.Exit(1)
