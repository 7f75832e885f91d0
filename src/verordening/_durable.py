"""The ONLY module that touches durable_rules: the production engine adapter.

durable_rules keeps process-wide state and has hazards we measured (DESIGN §5).
This adapter walls them off:

- one lock around every call into the C engine (it crashes under threads);
- the C module ``durable_rules_engine`` is driven directly; the Python host
  (``durable.engine.Host``) is never created, so its polling timers never run;
- every case runs in its own session that is deleted afterwards, and at least
  one action (the stratum sentinel) runs per case, so ``delete_state`` never
  meets an uninitialised session;
- rulesets get unique names from a content hash plus a counter, are shared by
  reference count and freed with ``delete_ruleset`` when the last user closes;
- facts are flat integers, booleans and codes only (dates as day numbers);
- errors in actions are raised as `EvaluatieError`, never swallowed.

Forward chaining: each stratum is one fact ``{t: k, ...}``. The rules of that
stratum (and, for derived facts, their negations) match it; a sentinel rule of
the lowest priority fires last, resolves the stratum and asserts the next
stratum's fact from inside its action, which chains synchronously.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import durable_rules_engine as _engine

from . import _expr as e
from ._logic import OPS, Collecties, ExprFn, compile_expr
from ._run import Run, resolve_stratum
from .compile import CompiledVerordening, Versie
from .errors import EvaluatieError
from .loader import canonical_hash

_LOCK = threading.RLock()
_NAMEN = itertools.count()
_SESSIES = itertools.count()
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
_DURABLE_OP = {"<": "$lt", ">": "$gt", "<=": "$lte", ">=": "$gte", "!=": "$neq"}

Json = dict[str, Any]


def _encode(waarde: Any) -> Any:
    if isinstance(waarde, dt.date):
        return waarde.toordinal()
    return waarde


@dataclass(frozen=True)
class _Synthetisch:
    sleutel: str
    fn: ExprFn


@dataclass
class _Spec:
    """A versie translated to durable JSON, with the keys and actions it needs."""

    definitie: Json
    sleutels: dict[str, str]
    synthetisch: list[list[_Synthetisch]]
    acties: dict[str, tuple[str, str | int]]


class _Vertaler:
    def __init__(self) -> None:
        self.sleutels: dict[str, str] = {}
        self.synthetisch: list[_Synthetisch] = []
        self._gezien: dict[int, str] = {}

    def sleutel(self, naam: str) -> str:
        if naam not in self.sleutels:
            self.sleutels[naam] = f"f{len(self.sleutels)}"
        return self.sleutels[naam]

    def operand(self, expr: e.Expr) -> tuple[str, Any]:
        if isinstance(expr, e.Lit):
            return "lit", _encode(expr.waarde)
        if isinstance(expr, e.Ref):
            return "key", self.sleutel(expr.naam)
        sleutel = f"x{len(self.synthetisch)}"
        self.synthetisch.append(_Synthetisch(sleutel, compile_expr(expr)))
        return "key", sleutel

    def cond(self, c: e.Cond, positief: bool) -> Json | bool:
        if isinstance(c, e.Altijd):
            return positief
        if isinstance(c, e.Niet):
            return self.cond(c.deel, not positief)
        if isinstance(c, e.Bekend):
            return {"$ex" if positief else "$nex": {self.sleutel(c.naam): 1}}
        if isinstance(c, e.Alle | e.EenVan):
            conjunctie = isinstance(c, e.Alle) == positief
            return _combineer([self.cond(d, positief) for d in c.delen], conjunctie)
        if isinstance(c, e.In):
            delen = [
                self.atoom("==" if positief else "!=", c.links, e.Lit(w, "", c.bron))
                for w in c.waarden
            ]
            return _combineer(delen, not positief)
        op = c.op if positief else e.TEGENDEEL[c.op]
        return self.atoom(op, c.links, c.rechts)

    def atoom(self, op: str, links: e.Expr, rechts: e.Expr) -> Json | bool:
        if isinstance(links, e.Lit) and isinstance(rechts, e.Lit):
            return bool(OPS[op](links.waarde, rechts.waarde))
        if isinstance(links, e.Lit):
            links, rechts, op = rechts, links, _FLIP[op]
        _, lk = self.operand(links)
        soort, rw = self.operand(rechts)
        delen: list[Json] = [{"$ex": {lk: 1}}]
        if soort == "key":
            delen.append({"$ex": {rw: 1}})
            rw = {"$m": rw}
        delen.append({lk: rw} if op == "==" else {_DURABLE_OP[op]: {lk: rw}})
        return {"$and": delen}


def _combineer(delen: list[Json | bool], conjunctie: bool) -> Json | bool:
    echt: list[Json] = []
    for d in delen:
        if d is (not conjunctie):
            return not conjunctie
        if d is not conjunctie:
            assert isinstance(d, dict)
            echt.append(d)
    if not echt:
        return conjunctie
    if len(echt) == 1:
        return echt[0]
    return {"$and" if conjunctie else "$or": echt}


def translate(versie: Versie) -> _Spec:
    """Translate a versie into durable's JSON ruleset form."""
    definitie: Json = {}
    acties: dict[str, tuple[str, str | int]] = {}
    synthetisch: list[list[_Synthetisch]] = []
    vertaler = _Vertaler()
    laatste = len(versie.strata) - 1
    for index, regels in enumerate(versie.strata):
        begin = len(vertaler.synthetisch)
        for nummer, r in enumerate(regels):
            varianten = [(True, "+")] + ([(False, "-")] if index < laatste else [])
            for positief, teken in varianten:
                voorwaarde = vertaler.cond(r.als, positief)
                naam = f"r{index}_{nummer}{teken}"
                acties[naam] = ("waar" if positief else "onwaar", r.id)
                if voorwaarde is False:
                    continue
                patroon: Json = (
                    {"t": index} if voorwaarde is True else {"$and": [{"t": index}, voorwaarde]}
                )
                definitie[naam] = {"all": [{"m": patroon}], "pri": 1}
        synthetisch.append(vertaler.synthetisch[begin:])
        definitie[f"s{index}"] = {"all": [{"m": {"t": index}}], "pri": 100}
        acties[f"s{index}"] = ("stratum", index)
    return _Spec(definitie, dict(vertaler.sleutels), synthetisch, acties)


class _Registry:
    """Process-wide C rulesets, shared by content hash and freed by reference count."""

    def __init__(self) -> None:
        self._handles: dict[str, tuple[int, int]] = {}

    def acquire(self, tekst: str, sleutel: str) -> int:
        with _LOCK:
            if sleutel in self._handles:
                handle, tel = self._handles[sleutel]
                self._handles[sleutel] = (handle, tel + 1)
                return handle
            naam = f"verordening_{sleutel[:24]}_{next(_NAMEN)}"
            try:
                handle = _engine.create_ruleset(naam, tekst)
            except Exception as exc:
                raise EvaluatieError(f"durable_rules weigert de regelset: {exc}") from exc
            self._handles[sleutel] = (handle, 1)
            return int(handle)

    def release(self, sleutel: str) -> None:
        with _LOCK:
            if sleutel not in self._handles:
                return
            handle, tel = self._handles[sleutel]
            if tel > 1:
                self._handles[sleutel] = (handle, tel - 1)
                return
            del self._handles[sleutel]
            _engine.delete_ruleset(handle)

    def __len__(self) -> int:
        return len(self._handles)


REGISTRY = _Registry()


class DurableEngine:
    """Evaluates compiled rules with durable_rules (the production engine)."""

    naam = "durable_rules"

    def __init__(self) -> None:
        self._specs: dict[int, tuple[_Spec, int, str]] = {}
        self._eigen_lock = threading.Lock()

    def _voor(self, versie: Versie) -> tuple[_Spec, int]:
        sleutel = id(versie)
        gevonden = self._specs.get(sleutel)
        if gevonden is None:
            with self._eigen_lock:
                gevonden = self._specs.get(sleutel)
                if gevonden is None:
                    spec = translate(versie)
                    tekst = json.dumps(spec.definitie, sort_keys=True)
                    hash_ = canonical_hash(spec.definitie)
                    gevonden = (spec, REGISTRY.acquire(tekst, hash_), hash_)
                    self._specs[sleutel] = gevonden
        return gevonden[0], gevonden[1]

    def close(self) -> None:
        """Release every C ruleset this engine holds."""
        with self._eigen_lock:
            for _, _, hash_ in self._specs.values():
                REGISTRY.release(hash_)
            self._specs.clear()

    def __del__(self) -> None:
        # At interpreter shutdown the C module may already be gone; nothing is left to free.
        with contextlib.suppress(Exception):
            self.close()

    def run(
        self,
        cv: CompiledVerordening,
        versie: Versie,
        feiten: dict[str, Any],
        collecties: Collecties,
    ) -> Run:
        """Assert the first stratum and let durable chain through the rest."""
        spec, handle = self._voor(versie)
        uit = Run(feiten=feiten)
        laatste = len(versie.strata) - 1
        sid = str(next(_SESSIES))

        def feit(index: int) -> str:
            waarden: Json = {"sid": sid, "id": f"s{index}", "t": index}
            for naam, sleutel in spec.sleutels.items():
                if naam in feiten:
                    waarden[sleutel] = _encode(feiten[naam])
            for syn in spec.synthetisch[index]:
                waarde = syn.fn(feiten, collecties, None)
                if waarde is not None:
                    waarden[syn.sleutel] = _encode(waarde)
            return json.dumps(waarden)

        def stratum_klaar(index: int) -> None:
            if index == laatste:
                return
            for r in versie.strata[index]:
                uit.status.setdefault(r.id, None)
            resolve_stratum(cv, versie, index, uit, collecties)
            _check(_engine.assert_fact(handle, feit(index + 1)))

        with _LOCK:
            try:
                resultaat = _engine.assert_fact(handle, feit(0))
                _check(resultaat)
                _drive(handle, resultaat[1], spec.acties, uit, stratum_klaar)
            except EvaluatieError:
                raise
            except Exception as exc:
                raise EvaluatieError(f"durable_rules faalde: {type(exc).__name__}: {exc}") from exc
            finally:
                # A failed session may already be gone; deleting it again must not mask the error.
                with contextlib.suppress(Exception):
                    _engine.delete_state(handle, sid)
        return uit


def _check(resultaat: Any) -> None:
    if resultaat[0] == 1:
        raise EvaluatieError("durable_rules vond geen regel voor een feit (sentinel ontbreekt)")
    if resultaat[0] == 2:
        raise EvaluatieError("durable_rules zag hetzelfde feit twee keer")


def _drive(
    handle: int,
    state: int,
    acties: dict[str, tuple[str, str | int]],
    uit: Run,
    stratum_klaar: Callable[[int], None],
) -> None:
    antwoord = _engine.start_action_for_state(handle, state)
    bericht = antwoord[1] if antwoord else None
    while bericht:
        # The message is {"<action>": {...the whole fact...}}; only the action name is needed,
        # so it is sliced out instead of parsing the fact again (a third of the engine's time).
        naam = (
            bericht[2 : bericht.index('"', 2)]
            if bericht.startswith('{"')
            else next(iter(json.loads(bericht)))
        )
        soort, doel = acties[naam]
        try:
            if soort == "stratum":
                assert isinstance(doel, int)
                stratum_klaar(doel)
            else:
                uit.status[str(doel)] = soort == "waar"
        except BaseException:
            _engine.abandon_action(handle, state)
            raise
        bericht = _engine.complete_and_start_action(handle, state)
