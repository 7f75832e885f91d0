"""The public entry points: `load`, `check`, `Verordening.evaluate`, `herhaal`.

The facade over the pipeline: `load` runs load → validate → compile at once (and
asks every registered engine which rules it refuses, V402), so an invalid
`Verordening` cannot exist; `check` does the same without raising and returns the
diagnostics. `Verordening` evaluates situations with a registered engine (one at a
time or many through a process pool), and `herhaal` replays an Advies from its
receipt.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from verordening.batch import Pool
from verordening.bron.loader import load_sources, relatief_pad, shipped_root
from verordening.compiler import CompiledVerordening, compile_sources
from verordening.diagnostics import Diagnostic, clear_source_cache, has_errors, sort_diagnostics
from verordening.engine import registry
from verordening.engine.core import Engine
from verordening.engine.evaluate import evaluate
from verordening.errors import RulesetError
from verordening.model.advies import Advies
from verordening.model.situatie import Situatie

#: An engine: a registered name (`registry.namen`) or an `Engine` instance.
EngineKeuze = str | Engine

try:
    __version__ = metadata.version("verordening")
except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0+onbekend"


def check(pad: str | Path | None = None, gemeente: str | None = None) -> list[Diagnostic]:
    """Every author problem in the rulesets, sorted; never raises for author mistakes."""
    root = Path(pad) if pad is not None else shipped_root()
    if not root.exists():
        return [Diagnostic(code="V107", bericht=f"pad '{root}' bestaat niet")]
    clear_source_cache()
    boom = _enclosing_tree(root) if root.is_file() else None
    if boom is not None:
        # One file inside a rulesets tree: check it in context, report only its problems.
        # A message that follows from an error in another file stays (its hint names it).
        doel = relatief_pad(root.resolve(), boom)
        eigen: list[Diagnostic] = []
        for diag in check(boom, gemeente):
            if diag.bron is not None and diag.bron.bestand == doel:
                eigen.append(diag)
            else:
                eigen += [g for g in diag.gevolgen if g.bron is not None and g.bron.bestand == doel]
        return sort_diagnostics(eigen)
    bronnen, diagnostics = load_sources(root, gemeente)
    if not has_errors(diagnostics) or any(b.heeft_inhoud for b in bronnen):
        cv, meer = compile_sources(bronnen, gemeente)
        diagnostics = diagnostics + meer
        if cv is not None and not has_errors(diagnostics):
            diagnostics += _engine_weigeringen(cv)
    return sort_diagnostics(diagnostics)


def _engine_weigeringen(cv: CompiledVerordening) -> list[Diagnostic]:
    """V402 for every rule a registered engine cannot run (found once, in any version)."""
    uit: dict[tuple[str, object], Diagnostic] = {}
    for naam in registry.namen():
        engine = registry.maak(naam)
        try:
            for versie in cv.versies:
                for regel_id, reden in engine.weigeringen(versie):
                    r = versie.per_id[regel_id]
                    uit.setdefault(
                        (regel_id, r.bron),
                        Diagnostic(
                            code="V402",
                            bericht=f"{engine.naam} kan regel '{regel_id}' niet uitvoeren: {reden}",
                            bron=r.bron,
                            hint="splits de regel: zet een deel van de voorwaarden in een "
                            "afgeleid gegeven met een eigen regel en gebruik dat gegeven hier",
                        ),
                    )
        finally:
            engine.close()
    return list(uit.values())


def _enclosing_tree(bestand: Path) -> Path | None:
    """The rulesets tree a single file lies in: the nearest parent with ``01-inleiding/``.

    A file is checked within its tree, since it uses the declarations of other files.
    """
    for ouder in bestand.resolve().parents:
        if (ouder / "01-inleiding").is_dir():
            return ouder
    return None


def load(pad: str | Path | None = None, gemeente: str | None = None) -> Verordening:
    """Load, validate and compile every version of the bylaw (the shipped one by default).

    Raises:
        RulesetError: when the rulesets contain author errors (all of them listed).
    """
    root = Path(pad) if pad is not None else shipped_root()
    if not root.exists():
        raise RulesetError([Diagnostic(code="V107", bericht=f"pad '{root}' bestaat niet")])
    bronnen, diagnostics = load_sources(root, gemeente)
    cv, meer = compile_sources(bronnen, gemeente)
    alles = sort_diagnostics(diagnostics + meer)
    if cv is not None and not has_errors(alles):
        alles = sort_diagnostics(alles + _engine_weigeringen(cv))
    if cv is None or has_errors(alles):
        raise RulesetError([d for d in alles if d.ernst == "fout"])
    return Verordening(cv, root)


class Verschil(BaseModel):
    """Differences found when replaying an Advies; empty when it replays exactly."""

    model_config = ConfigDict(frozen=True)

    verschillen: tuple[str, ...] = Field(
        default=(), description="Gevonden verschillen, in woorden."
    )

    def __bool__(self) -> bool:
        """True when there is a difference, so ``if herhaal(...):`` reads as "something changed"."""
        return bool(self.verschillen)


class Verordening:
    """A loaded bylaw (all versions); evaluates situations. Thread-safe.

    The compiled bylaw is frozen and shared by all threads; each registered engine is
    made once per `Verordening`, on first use, under a lock, and so is the process pool
    of `evaluate_many`. `close` frees both; an unclosed one is freed when collected.
    """

    def __init__(self, cv: CompiledVerordening, root: Path) -> None:
        """Wrap a compiled bylaw; engines and the process pool are made on first use."""
        self.compiled = cv
        self.root = root
        self._engines: dict[str, Engine] = {}
        self._engines_lock = threading.Lock()
        self._pool: Pool | None = None
        self._pool_lock = threading.Lock()

    @property
    def gemeente(self) -> str | None:
        """The municipal overlay, if any."""
        return self.compiled.gemeente

    @property
    def waarschuwingen(self) -> tuple[Diagnostic, ...]:
        """Warnings found while loading (errors would have raised)."""
        return self.compiled.waarschuwingen

    def evaluate(
        self,
        situatie: Situatie | Mapping[str, Any],
        *,
        peildatum: dt.date,
        engine: EngineKeuze = registry.PRODUCTIE,
    ) -> Advies:
        """Evaluate one situation on ``peildatum``; always an Advies for valid input.

        Raises:
            SituatieError: the input is invalid (every problem listed by ``$.path``).
            EvaluatieError: a genuine engine failure (never for legal situations).
            OnbekendeEngineError: ``engine`` names no registered engine.
        """
        return evaluate(self.compiled, self.engine(engine), situatie, peildatum, __version__)

    def engine(self, keuze: EngineKeuze = registry.PRODUCTIE) -> Engine:
        """The engine for ``keuze``: this bylaw's instance of a registered name, or itself.

        Raises:
            OnbekendeEngineError: ``keuze`` names no registered engine.
        """
        if not isinstance(keuze, str):
            return keuze
        gevonden = self._engines.get(keuze)
        if gevonden is None:
            with self._engines_lock:
                gevonden = self._engines.get(keuze)
                if gevonden is None:
                    gevonden = self._engines[keuze] = registry.maak(keuze)
        return gevonden

    def evaluate_many(
        self,
        situaties: Iterable[Situatie | Mapping[str, Any]],
        *,
        peildatum: dt.date,
        processen: int = 1,
        engine: str = registry.PRODUCTIE,
        blok: int = 200,
    ) -> Iterator[Advies]:
        """Evaluate many situations, in input order; ``processen > 1`` uses a process pool.

        The pool starts on first use, loads the bylaw once per process and stays for the
        next call (with the same number of processes) until `close`. In a pool the engine is
        given by its registered name, since each process makes its own.

        Raises:
            OnbekendeEngineError: ``engine`` names no registered engine (before any pool starts).
        """
        registry.engine_of(engine)  # an unknown name fails here, not in a worker
        if processen <= 1:
            for situatie in situaties:
                yield self.evaluate(situatie, peildatum=peildatum, engine=engine)
            return
        yield from self.pool(processen).evaluate(situaties, peildatum, engine, blok)

    def pool(self, processen: int) -> Pool:
        """The process pool of `evaluate_many`, started when first asked for."""
        with self._pool_lock:
            if self._pool is None or self._pool.processen != processen:
                if self._pool is not None:
                    self._pool.close()
                self._pool = Pool(self, processen, load)
            return self._pool

    def close(self) -> None:
        """Stop the pool and free the engine's native rulesets (also done when collected)."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
        with self._engines_lock:
            engines = list(self._engines.values())
            self._engines.clear()
        for engine in engines:
            engine.close()


def herhaal(advies: Advies, verordening: Verordening | None = None) -> Verschil:
    """Replay an Advies from its receipt and situation; returns what differs (empty when equal)."""
    bewijs = advies.ontvangstbewijs
    vo = verordening or load(gemeente=bewijs.gemeente)
    engine = bewijs.engine if bewijs.engine in registry.namen() else registry.PRODUCTIE
    nieuw = vo.evaluate(
        advies.situatie.model_copy(update={"kenmerk": advies.kenmerk}),
        peildatum=bewijs.peildatum,
        engine=engine,
    )
    verschillen: list[str] = []
    if nieuw.ontvangstbewijs.regelset_hash != bewijs.regelset_hash:
        verschillen.append("de regelset is gewijzigd sinds dit advies (andere regelset_hash)")
    oud_data = json.loads(advies.model_dump_json())
    nieuw_data = json.loads(nieuw.model_dump_json())
    for sleutel in sorted(set(oud_data) | set(nieuw_data)):
        if oud_data.get(sleutel) != nieuw_data.get(sleutel):
            verschillen.append(f"'{sleutel}' verschilt")
    return Verschil(verschillen=tuple(verschillen))
