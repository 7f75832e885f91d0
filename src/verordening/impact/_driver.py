"""`impact`: what a change of the rulesets does to a caseload, case by case.

The parent process reads the cases once and validates each once
(`bronnen.lees_gevallen`), then sends chunks of validated cases (JSON text) to a
spawn-context process pool. Each worker loads both bylaws once and returns only
totals plus the diffs of changed cases (`vergelijk.Deel`). With ``processen=1``
everything runs in this process.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from verordening._api import Verordening, load
from verordening.batch.werker import beeindig, maak_pool
from verordening.engine import registry
from verordening.impact._compare import Deel, Geval, Taak, vergelijk_deel, werk
from verordening.impact._input import ImpactError, Invoer, lees_gevallen, regelset_map
from verordening.impact.model import (
    Bedragen,
    GevalVerschil,
    ImpactRapport,
    OngeldigeInvoer,
    Overgang,
    ParameterVerschil,
    RegelVerschil,
    Telling,
    VeldVerschil,
    VoorstelVerschil,
)

#: Cases per chunk sent to a worker: large enough that pickling is negligible, small
#: enough that the progress bar moves and both workers stay busy until the end.
BLOK = 200

Voortgang = Callable[[int], None]


def impact(
    oud: str | Path,
    nieuw: str | Path,
    situaties: Invoer,
    *,
    peildatum: dt.date | None = None,
    gemeente: str | None = None,
    processen: int = 2,
    engine: str = registry.PRODUCTIE,
    blok: int = BLOK,
    voortgang: Voortgang | None = None,
    gelijke_versie_eenmaal: bool = True,
) -> ImpactRapport:
    """Evaluate every situation with the old and the new rulesets and report the differences.

    Args:
        oud: the old rulesets: a folder, or ``"git:REV"`` (the ``rulesets`` folder of that
            revision of the git repository containing the working directory).
        nieuw: the new rulesets, in the same form.
        situaties: a JSON Lines file (one `Situatie` per line), or situations as objects.
        peildatum: the peildatum for every case; without it each situation's own.
        gemeente: the municipal overlay, for both versions.
        processen: worker processes (1: evaluate in this process).
        engine: a registered engine name (`registry.namen`); the production one by default.
        blok: cases per chunk sent to a worker.
        voortgang: called with the number of cases handled after each chunk.
        gelijke_versie_eenmaal: evaluate a case only once when both rulesets have the same
            version in force on its peildatum (the same ``regelset_hash``, so by construction
            the same advice); ``False`` evaluates every case twice.

    Returns:
        The report; ``gewijzigd`` counts the cases whose Advies changed in substance.

    Raises:
        ImpactError: a missing file, an unknown git revision, or a case without peildatum.
        RulesetError: the old or the new rulesets contain author errors.
    """
    with regelset_map(oud) as pad_oud, regelset_map(nieuw) as pad_nieuw:
        vo_oud, vo_nieuw = load(pad_oud, gemeente), load(pad_nieuw, gemeente)
        gevallen = lees_gevallen(situaties, vo_oud.compiled, vo_nieuw.compiled, peildatum)
        ongeldig: list[OngeldigeInvoer] = []
        stroom = _geldig(gevallen, ongeldig)
        taak = Taak(str(pad_oud), str(pad_nieuw), gemeente, engine, gelijke_versie_eenmaal)
        if processen <= 1:
            delen = _hier(vo_oud, vo_nieuw, taak, stroom, blok)
        else:
            delen = _pool(taak, stroom, processen, blok)
        domeinen = {
            code: str(decl.levensdomein)
            for vo in (vo_oud, vo_nieuw)
            for code, decl in vo.compiled.behoeften.items()
        }
        totaal = Deel()
        for deel in delen:
            totaal.voeg_toe(deel)
            if voortgang is not None:
                voortgang(totaal.aantal + len(totaal.fouten) + len(ongeldig))
    ongeldig.extend(totaal.fouten)
    return _rapport(
        (str(oud), str(nieuw)), situaties, gemeente, peildatum, engine, totaal, ongeldig, domeinen
    )


def _geldig(
    gevallen: Iterator[Geval | OngeldigeInvoer], ongeldig: list[OngeldigeInvoer]
) -> Iterator[Geval]:
    """The valid cases of ``gevallen``; the invalid ones are collected in ``ongeldig``."""
    for item in gevallen:
        if isinstance(item, OngeldigeInvoer):
            ongeldig.append(item)
        else:
            yield item


def _blokken(stroom: Iterator[Geval], blok: int) -> Iterator[list[Geval]]:
    """``stroom`` in chunks of ``blok`` cases (at least one), read lazily."""
    while deel := list(islice(stroom, max(1, blok))):
        yield deel


def _hier(
    oud: Verordening, nieuw: Verordening, taak: Taak, stroom: Iterator[Geval], blok: int
) -> Iterator[Deel]:
    """Compare the chunks in this process (one worker, or none asked)."""
    for deel in _blokken(stroom, blok):
        yield vergelijk_deel(oud, nieuw, taak.engine, deel, taak.gelijke_versie_eenmaal)


def _pool(taak: Taak, stroom: Iterator[Geval], processen: int, blok: int) -> Iterator[Deel]:
    """Compare the chunks in ``processen`` spawned workers, yielding each chunk's totals.

    At most three chunks per worker are in flight: enough that no worker waits, few
    enough that a large input file is not read into memory as a whole. Results come in
    completion order (the report sorts the cases). Any exception stops the pool and
    drops the queue.
    """
    pool = maak_pool(processen)
    try:
        lopend: set[concurrent.futures.Future[Deel]] = set()
        for deel in _blokken(stroom, blok):
            lopend.add(pool.submit(werk, taak, deel))
            # Keep a few chunks queued per worker (no idle worker), but never the whole file.
            if len(lopend) >= processen * 3:
                klaar, lopend = concurrent.futures.wait(
                    lopend, return_when=concurrent.futures.FIRST_COMPLETED
                )
                for toekomst in klaar:
                    yield toekomst.result()
        for toekomst in concurrent.futures.as_completed(lopend):
            yield toekomst.result()
    except BaseException:
        # A usage error in the input, Ctrl-C or a failing worker: stop at once, drop the queue.
        beeindig(pool)
        raise
    pool.shutdown()


def _tellingen(
    totaal: Deel, soort: str, extra: dict[str, str] | None = None
) -> tuple[Telling, ...]:
    """The counts of one kind (``behoefte``, ``instrument``, ...), most changed first."""
    tellers: Counter[str] = totaal.totaal.get(soort, Counter())
    gewijzigd: Counter[str] = totaal.veranderd.get(soort, Counter())
    rijen = [
        Telling(
            code=code,
            levensdomein=(extra or {}).get(code),
            totaal=aantal,
            gewijzigd=gewijzigd.get(code, 0),
        )
        for code, aantal in tellers.items()
    ]
    return tuple(sorted(rijen, key=lambda r: (-r.gewijzigd, -r.totaal, r.code)))


def _rapport(
    bronnen: tuple[str, str],
    situaties: Invoer,
    gemeente: str | None,
    peildatum: dt.date | None,
    engine: str,
    totaal: Deel,
    ongeldig: list[OngeldigeInvoer],
    domeinen: dict[str, str],
) -> ImpactRapport:
    """The report from the merged totals: counts, transitions, amounts and the changed cases."""
    bedragen = tuple(
        Bedragen(
            instrument=instrument,
            periode=periode,
            aantal_oud=a_oud,
            totaal_oud=t_oud,
            aantal_nieuw=a_nieuw,
            totaal_nieuw=t_nieuw,
            verschil=t_nieuw - t_oud,
        )
        for (instrument, periode), (a_oud, t_oud, a_nieuw, t_nieuw) in sorted(
            totaal.bedragen.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        )
    )
    overgangen = tuple(
        Overgang(behoefte=b, oud=o, nieuw=n, aantal=aantal)
        for (b, o, n), aantal in sorted(totaal.overgangen.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return ImpactRapport(
        oud=bronnen[0],
        nieuw=bronnen[1],
        situaties=str(situaties) if isinstance(situaties, str | Path) else "(objecten)",
        gemeente=gemeente,
        peildatum=peildatum,
        engine=engine,
        totaal=totaal.aantal,
        ongeldig=len(ongeldig),
        gewijzigd=totaal.gewijzigd,
        per_levensdomein=_tellingen(totaal, "levensdomein"),
        per_behoefte=_tellingen(totaal, "behoefte", domeinen),
        per_instrument=_tellingen(totaal, "instrument"),
        per_kernwaarde=_tellingen(totaal, "kernwaarde"),
        overgangen=overgangen,
        bedragen=bedragen,
        gevallen=tuple(sorted(totaal.gevallen, key=lambda g: g.regelnummer)),
        ongeldige_invoer=tuple(sorted(ongeldig, key=lambda o: o.regelnummer)),
    )


__all__ = [
    "Bedragen",
    "GevalVerschil",
    "ImpactError",
    "ImpactRapport",
    "OngeldigeInvoer",
    "Overgang",
    "ParameterVerschil",
    "RegelVerschil",
    "Telling",
    "VeldVerschil",
    "VoorstelVerschil",
    "impact",
]
