"""The process pool of `Verordening.evaluate_many`: started once, fed in chunks.

Each worker loads the bylaw once, when the pool starts, and keeps it. Situations travel
as JSON text (validated again in the worker) or as the caller's mappings; an Advies comes
back packed (`_pakket`): only what varies per case, rebuilt by the parent from its own
compiled bylaw. An invalid situation comes back as its list of problems, in order.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from verordening.batch._transport import inpakken, uitpakken, vingerafdruk
from verordening.batch.werker import maak_pool
from verordening.compiler.product import CompiledVerordening
from verordening.errors import Probleem, SituatieError
from verordening.model.advies import Advies
from verordening.model.situatie import Situatie


class Evaluator(Protocol):
    """What a pool evaluates with: a loaded bylaw (the facade `Verordening` is one)."""

    @property
    def compiled(self) -> CompiledVerordening:
        """The compiled bylaw."""
        ...

    @property
    def root(self) -> Path:
        """The rulesets folder it was loaded from."""
        ...

    @property
    def gemeente(self) -> str | None:
        """The municipal overlay, if any."""
        ...

    def evaluate(
        self, situatie: Situatie | Mapping[str, Any], *, peildatum: dt.date, engine: str
    ) -> Advies:
        """One situation's Advies."""
        ...


#: Loads a bylaw in a worker: ``laad(pad, gemeente)``; a module-level function (it is
#: pickled by name for the spawned workers), e.g. `verordening.load`.
Lader = Callable[[str, str | None], Evaluator]

#: The worker's bylaw, and whether it is the parent's (then results are packed).
_WERKER: dict[str, Any] = {}

Uitslag = tuple[str, Any]


def _start(laad: Lader, pad: str, gemeente: str | None, afdruk: tuple[str | None, ...]) -> None:
    """Initialise a worker: load the bylaw once and keep it for the worker's life.

    Results are packed only when the worker's bylaw has the parent's fingerprint
    (``afdruk``), since the parent rebuilds them from its own. The worker is ours and
    keeps the compiled bylaw for its whole life, so it is left out of the garbage
    collector's full passes, which would otherwise walk it again and again
    (prestaties.md measures what that costs).
    """
    vo = laad(pad, gemeente)
    _WERKER["vo"] = vo
    _WERKER["inpakken"] = vingerafdruk(vo.compiled) == afdruk
    gc.collect()
    gc.freeze()


def _niets() -> None:
    """A task that does nothing: `Pool.gereed` waits on it until every worker has started."""


def _werk(peildatum: dt.date, engine: str, situaties: list[Any]) -> list[Uitslag]:
    """Evaluate a chunk in a worker: per situation its Advies (packed or JSON) or its problems.

    An invalid situation is not an error of the chunk: its problems travel back and are
    raised in the parent when the caller reaches that situation, in order.
    """
    vo: Evaluator = _WERKER["vo"]
    pakken = _WERKER["inpakken"]
    uit: list[Uitslag] = []
    for s in situaties:
        try:
            invoer = Situatie.model_validate_json(s) if isinstance(s, str) else s
            advies = vo.evaluate(invoer, peildatum=peildatum, engine=engine)
        except SituatieError as exc:
            uit.append(("fout", [(p.pad, p.bericht) for p in exc.problemen]))
        else:
            uit.append(
                ("pak", inpakken(vo.compiled, advies))
                if pakken
                else ("json", advies.model_dump_json())
            )
    return uit


def _werk_kort(peildatum: dt.date, engine: str, situaties: list[Any]) -> list[Uitslag]:
    """Evaluate a chunk in a worker, returning only each case's outcome (see `Pool.uitkomsten`)."""
    vo: Evaluator = _WERKER["vo"]
    uit: list[Uitslag] = []
    for s in situaties:
        invoer = Situatie.model_validate_json(s) if isinstance(s, str) else s
        advies = vo.evaluate(invoer, peildatum=peildatum, engine=engine)
        uitkomst = tuple((v.behoefte, v.uitkomst.value) for v in advies.voorstellen)
        uit.append(("kort", (advies.vereist_beoordeling, *uitkomst)))
    return uit


class Pool:
    """Worker processes with the bylaw loaded; shut down by `close`.

    Workers are spawned, not forked; each loads the bylaw from the same folder with
    ``laad`` and keeps it for its whole life, so a pool pays the load once per
    process, not per call.
    """

    def __init__(self, vo: Evaluator, processen: int, laad: Lader) -> None:
        """Start ``processen`` spawned workers that each load the bylaw of ``vo`` with ``laad``."""
        self.vo, self.processen = vo, processen
        self._pool = maak_pool(
            processen,
            initializer=_start,
            initargs=(laad, str(vo.root), vo.gemeente, vingerafdruk(vo.compiled)),
        )

    def evaluate(
        self,
        situaties: Iterable[Situatie | Mapping[str, Any]],
        peildatum: dt.date,
        engine: str,
        blok: int,
    ) -> Iterator[Any]:
        """Advies per situation, in input order; at most two chunks per process in flight."""
        yield from self._stroom(_werk, situaties, peildatum, engine, blok)

    def uitkomsten(
        self,
        situaties: Iterable[Situatie | Mapping[str, Any]],
        peildatum: dt.date,
        engine: str,
        blok: int,
    ) -> Iterator[Any]:
        """Per situation only its outcome: review needed, and behoefte and uitkomst per proposal.

        What the workers manage when no Advies has to travel (for the benchmark).
        """
        yield from self._stroom(_werk_kort, situaties, peildatum, engine, blok)

    def _stroom(
        self,
        taak: Any,
        situaties: Iterable[Situatie | Mapping[str, Any]],
        peildatum: dt.date,
        engine: str,
        blok: int,
    ) -> Iterator[Any]:
        """Send the situations in chunks of ``blok`` to the workers, yielding results in order.

        At most two chunks per process are in flight, so the input is read as it is needed.
        """
        lopend: list[concurrent.futures.Future[list[Uitslag]]] = []
        for deel in _blokken(situaties, blok):
            lopend.append(self._pool.submit(taak, peildatum, engine, deel))
            if len(lopend) >= self.processen * 2:
                yield from self._uit(lopend.pop(0))
        for toekomst in lopend:
            yield from self._uit(toekomst)

    def _uit(self, toekomst: concurrent.futures.Future[list[Uitslag]]) -> Iterator[Any]:
        """The results of one chunk, unpacked; an invalid situation raises `SituatieError` here."""
        cv = self.vo.compiled
        for soort, inhoud in toekomst.result():
            if soort == "fout":
                raise SituatieError([Probleem(pad, bericht) for pad, bericht in inhoud])
            if soort == "kort":
                yield inhoud
            else:
                yield (
                    uitpakken(cv, inhoud) if soort == "pak" else Advies.model_validate_json(inhoud)
                )

    def gereed(self) -> None:
        """Wait until every worker has loaded the bylaw."""
        concurrent.futures.wait([self._pool.submit(_niets) for _ in range(self.processen * 2)])

    def close(self) -> None:
        """Stop the worker processes."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _blokken(
    situaties: Iterable[Situatie | Mapping[str, Any]], grootte: int
) -> Iterator[list[Any]]:
    """The situations in chunks of ``grootte``, a `Situatie` as JSON text (set fields only)."""
    deel: list[Any] = []
    for s in situaties:
        deel.append(s.model_dump_json(exclude_unset=True) if isinstance(s, Situatie) else s)
        if len(deel) >= grootte:
            yield deel
            deel = []
    if deel:
        yield deel
