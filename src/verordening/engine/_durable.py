"""The ONLY module that touches durable_rules: the production engine adapter.

durable_rules keeps process-wide state and has hazards we measured (DESIGN §5).
This adapter walls them off:

- one lock around every call into the C engine (it crashes under threads);
- the C module ``durable_rules_engine`` is driven directly; the Python host
  (``durable.engine.Host``) is never created, so its polling timers never run;
- each C ruleset keeps one session that every case reuses: a case's facts are
  retracted when it ends, so the session is empty again (starting a session
  allocates and clears about 8 KiB per rule, which was a third of the engine's
  time). A case that fails deletes the session and the next one starts afresh;
  a session is only deleted once an action ran in it (``delete_state`` on an
  uninitialised session frees a wild pointer);
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
from typing import Any, assert_never

import durable_rules_engine as _engine

from verordening._encoders import canonical_hash, compact
from verordening.compiler.product import CompiledRegel, CompiledVerordening, Versie
from verordening.engine.core import Run, resolve_stratum
from verordening.errors import EvaluatieError
from verordening.taal import nodes as e
from verordening.taal.logic import OPS, Collecties, ExprFn, compile_expr
from verordening.taal.operators import PER_SYMBOOL

_LOCK = threading.RLock()
_RULESET_NAMES = itertools.count()
_SESSION_IDS = itertools.count()


class _Sessions:
    """The reused session of each C ruleset handle (used only under ``_LOCK``)."""

    def __init__(self) -> None:
        """Start with no sessions; they are made on the first case of each handle."""
        #: The session id of each handle, and whether an action ever ran in it.
        self.sid: dict[int, str] = {}
        self.started: set[int] = set()

    def session(self, handle: int) -> str:
        """The session id of ``handle``, a new one if it has none (the first case, or a failure)."""
        sid = self.sid.get(handle)
        if sid is None:
            sid = self.sid[handle] = str(next(_SESSION_IDS))
        return sid

    def forget(self, handle: int) -> None:
        """Drop the session of ``handle``: deleted if an action ran in it, else abandoned."""
        sid = self.sid.pop(handle, None)
        if sid is not None and handle in self.started:
            self.started.discard(handle)
            # A failed session may already be gone; deleting it again must not mask an error.
            with contextlib.suppress(Exception):
                _engine.delete_state(handle, sid)


_SESSIONS = _Sessions()
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
_DURABLE_OP = {"<": "$lt", ">": "$gt", "<=": "$lte", ">=": "$gte", "!=": "$neq"}

Json = dict[str, Any]


def _encode(waarde: Any) -> Any:
    """A value as durable stores it: a date becomes its day number, anything else stays."""
    if isinstance(waarde, dt.date):
        return waarde.toordinal()
    return waarde


@dataclass(frozen=True)
class _Lifted:
    """An arithmetic operand durable cannot compute, lifted out as its own fact key.

    durable compares keys with keys or literals only, so a ``som``, ``aantal`` or
    ``datum_plus`` is computed in Python when the fact is built and sent as ``key``.
    """

    key: str
    fn: ExprFn


#: What a durable action does: set a rule's status ``(rule id, waar)``, or, for a stratum's
#: sentinel, ``(stratum index, None)``.
_Action = tuple[str, bool] | tuple[int, None]

#: The keys one stratum fact carries: ``(fact name, durable key)``, and its lifted operands.
_FactKeys = tuple[tuple[tuple[str, str], ...], tuple[_Lifted, ...]]


@dataclass(frozen=True)
class _Part:
    """One C ruleset of a translated versie: its rules, the facts it takes, its actions."""

    definitie: Json
    #: Per stratum index asserted into it: the fact of each group of its rules, ``(t, keys)``,
    #: with only the keys those rules read.
    strata: dict[int, tuple[tuple[int, _FactKeys], ...]]
    #: Per durable rule name: the rule id and the status it sets (waar or onwaar), or, for
    #: a stratum's sentinel, the stratum index and None.
    actions: dict[str, _Action]


@dataclass(frozen=True)
class _Spec:
    """A versie translated to durable JSON, in parts.

    ``afleiding`` holds the derived-fact strata; each behoefte's proposal rules form their
    own part, asserted only when that need is asked (a proposal rule's implicit first
    condition is ``hulpvraag.<behoefte>.gevraagd``, so its rules are false otherwise);
    ``rest`` holds last-stratum rules outside any behoefte. Small parts keep durable's
    per-session cost down: it allocates and clears state for every rule of a ruleset.
    """

    afleiding: _Part | None
    behoeften: dict[str, tuple[str, _Part]]
    rest: _Part | None
    laatste: int

    @property
    def parts(self) -> dict[str, _Part]:
        """Every part by name."""
        uit = {"afleiding": self.afleiding} if self.afleiding else {}
        uit.update({f"behoefte:{b}": d for b, (_, d) in self.behoeften.items()})
        if self.rest:
            uit["rest"] = self.rest
        return uit

    @property
    def definitie(self) -> Json:
        """The JSON of every part, by part name (for inspection and tests)."""
        return {naam: d.definitie for naam, d in self.parts.items()}


class _Translator:
    """Translates the conditions of a versie's rules into durable patterns.

    Fact names get short keys (``f0``, ``f1``, ...) shared by all parts, lifted operands
    ``x0``, ``x1``, ...; what a rule used is collected until `take_keys` hands it over, so
    each stratum fact carries only the keys its rules read.
    """

    def __init__(self) -> None:
        """Start with no keys; they are numbered in the order facts are first read."""
        self.keys: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.lifted: list[_Lifted] = []
        self.n_lifted = 0

    def take_keys(self) -> _FactKeys:
        """The keys and lifted operands used since the last call."""
        uit = (tuple(self.used.items()), tuple(self.lifted))
        self.used, self.lifted = {}, []
        return uit

    def key(self, naam: str) -> str:
        """The durable key of fact ``naam``, recorded as used by the current rule."""
        if naam not in self.keys:
            self.keys[naam] = f"f{len(self.keys)}"
        self.used[naam] = self.keys[naam]
        return self.keys[naam]

    def operand(self, expr: e.Expr) -> tuple[str, Any]:
        """``("lit", value)`` for a literal, else ``("key", key)``, lifting any computation."""
        if isinstance(expr, e.Lit):
            return "lit", _encode(expr.waarde)
        if isinstance(expr, e.Ref):
            return "key", self.key(expr.naam)
        sleutel = f"x{self.n_lifted}"
        self.n_lifted += 1
        self.lifted.append(_Lifted(sleutel, compile_expr(expr)))
        return "key", sleutel

    def cond(self, c: e.Cond, positief: bool) -> Json | bool:
        """The pattern that matches when ``c`` is waar (``positief``) or onwaar.

        ``niet`` is pushed inwards (De Morgan) and every comparison requires its keys, so
        a comparison over a missing fact matches neither form and the rule stays
        onbekend. True or False means the condition is decided without facts.
        """
        if isinstance(c, e.Altijd):
            return positief
        if isinstance(c, e.Niet):
            return self.cond(c.deel, not positief)
        if isinstance(c, e.Bekend):
            return {"$ex" if positief else "$nex": {self.key(c.naam): 1}}
        if isinstance(c, e.Alle | e.EenVan):
            conjunctie = isinstance(c, e.Alle) == positief
            return _combine([self.cond(d, positief) for d in c.delen], conjunctie)
        if isinstance(c, e.In):
            delen = [
                self.atom("==" if positief else "!=", c.links, e.Lit(w, "", c.bron))
                for w in c.waarden
            ]
            return _combine(delen, not positief)
        if isinstance(c, e.Vergelijk):
            op = c.op if positief else PER_SYMBOOL[c.op].tegendeel
            return self.atom(op, c.links, c.rechts)
        assert_never(c)

    def atom(self, op: str, links: e.Expr, rechts: e.Expr) -> Json | bool:
        """One comparison as a pattern: it only matches when both operands are known.

        Two literals are decided here; a literal on the left is swapped to the right,
        as durable wants the fact key first.
        """
        if isinstance(links, e.Lit) and isinstance(rechts, e.Lit):
            return bool(OPS[op](links.waarde, rechts.waarde))
        if isinstance(links, e.Lit):
            links, rechts, op = rechts, links, _FLIP[op]
        _, lk = self.operand(links)
        soort, rw = self.operand(rechts)
        if op == "==" and soort == "lit":
            # A key that is absent never equals a value, so no existence test is needed;
            # leaving it out keeps lists of codes ('in') within durable's pattern limits.
            return {lk: rw}
        delen: list[Json] = [{"$ex": {lk: 1}}]
        if soort == "key":
            delen.append({"$ex": {rw: 1}})
            rw = {"$m": rw}
        delen.append({lk: rw} if op == "==" else {_DURABLE_OP[op]: {lk: rw}})
        return {"$and": delen}


def _combine(delen: list[Json | bool], conjunctie: bool) -> Json | bool:
    """``$and`` (or ``$or``) of patterns, folding the parts already decided True or False."""
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


#: Rules matched by one fact. durable walks its pattern network for a fact with a stack of
#: 64 nodes (error 303 beyond that), so a large stratum is split into groups, each with its
#: own fact; a group of 24 rules has at most 48 patterns.
_GROUP_SIZE = 24
#: Keys one fact may carry besides sid, id and t: durable refuses a fact of more than 254
#: properties (error 302). A group is closed before its fact would exceed this.
_MAX_KEYS = 240


def _add_rule(definitie: Json, naam: str, t: int, voorwaarde: Json | bool) -> None:
    """Add a durable rule matching the fact of type ``t``; one that can never match is left out."""
    if voorwaarde is not False:
        patroon = {"t": t} if voorwaarde is True else {"$and": [{"t": t}, voorwaarde]}
        definitie[naam] = {"all": [{"m": patroon}], "pri": 1}


@dataclass
class _Group:
    """Rules that share one fact, translated, with the keys that fact must carry."""

    regels: list[tuple[int, CompiledRegel, list[tuple[bool, str, Json | bool]]]]
    keys: dict[str, str]
    lifted: list[_Lifted]

    def fits(self, sleutels: dict[str, str], lifted: tuple[_Lifted, ...]) -> bool:
        """Whether one more rule, reading ``sleutels`` and ``lifted``, stays within the limits."""
        nieuw = len(self.keys.keys() | sleutels.keys())
        return (
            len(self.regels) < _GROUP_SIZE and nieuw + len(self.lifted) + len(lifted) <= _MAX_KEYS
        )


def _translate_stratum(
    translator: _Translator,
    definitie: Json,
    actions: dict[str, _Action],
    index: int,
    regels: list[tuple[int, CompiledRegel]],
    negatief: bool,
) -> tuple[tuple[int, _FactKeys], ...]:
    """Translate the rules of one stratum, in groups; returns each group's fact (t, keys)."""
    groepen = [_Group([], {}, [])]
    for nummer, r in regels:
        vormen = [
            (positief, teken, translator.cond(r.als, positief))
            for positief, teken in (((True, "+"), (False, "-")) if negatief else ((True, "+"),))
        ]
        sleutels, lifted = translator.take_keys()
        if groepen[-1].regels and not groepen[-1].fits(dict(sleutels), lifted):
            groepen.append(_Group([], {}, []))
        groep = groepen[-1]
        groep.regels.append((nummer, r, vormen))
        groep.keys.update(sleutels)
        groep.lifted.extend(lifted)
    feiten: list[tuple[int, _FactKeys]] = []
    for g, groep in enumerate(groepen):
        # One group keeps t = index (the common case); more get t = (index + 1) * 1000 + g.
        t = index if len(groepen) == 1 else (index + 1) * 1000 + g
        for nummer, r, vormen in groep.regels:
            for positief, teken, voorwaarde in vormen:
                naam = f"r{index}_{nummer}{teken}"
                actions[naam] = (r.id, positief)
                _add_rule(definitie, naam, t, voorwaarde)
        feiten.append((t, (tuple(groep.keys.items()), tuple(groep.lifted))))
    # The sentinel has the lowest priority: durable runs it after every rule of the stratum
    # (all its groups are asserted before any action runs), and it guarantees that an action
    # runs in each session (delete_state needs that).
    definitie[f"s{index}"] = {"all": [{"m": {"t": feiten[-1][0]}}], "pri": 100}
    actions[f"s{index}"] = (index, None)
    return tuple(feiten)


def translate(versie: Versie) -> _Spec:
    """Translate a versie into durable's JSON ruleset form, in parts (see `_Spec`)."""
    translator = _Translator()
    laatste = len(versie.strata) - 1
    afleiding: _Part | None = None
    if laatste > 0:
        definitie: Json = {}
        actions: dict[str, _Action] = {}
        strata = {
            index: _translate_stratum(
                translator, definitie, actions, index, list(enumerate(versie.strata[index])), True
            )
            for index in range(laatste)
        }
        afleiding = _Part(definitie, strata, actions)
    groepen: dict[str | None, list[tuple[int, CompiledRegel]]] = {}
    for nummer, r in enumerate(versie.strata[laatste]):
        groep = r.behoefte if r.voorstel is not None and r.behoefte else None
        groepen.setdefault(groep, []).append((nummer, r))
    delen: dict[str | None, _Part] = {}
    for groep, regels in groepen.items():
        definitie, actions = {}, {}
        feiten = _translate_stratum(translator, definitie, actions, laatste, regels, False)
        delen[groep] = _Part(definitie, {laatste: feiten}, actions)
    return _Spec(
        afleiding=afleiding,
        behoeften={b: (f"hulpvraag.{b}.gevraagd", d) for b, d in delen.items() if b is not None},
        rest=delen.get(None),
        laatste=laatste,
    )


#: What durable's error codes at ``create_ruleset`` mean for an author, in Dutch.
_REFUSALS = {
    "113": "de voorwaarden vormen één patroon met meer deelvoorwaarden dan durable_rules aankan "
    "(foutcode 113); dat gebeurt bij veel 'een_van'-blokken binnen 'alle'",
}


def _refusal(fout: Exception) -> str:
    """The Dutch reason for an error of ``create_ruleset`` (its code is the last word)."""
    tekst = str(fout)
    code = tekst.rsplit(" ", 1)[-1]
    return _REFUSALS.get(code, f"durable_rules meldt: {tekst}")


def _refusal_of(definitie: Json) -> str | None:
    """Why durable refuses ``definitie`` as a ruleset, or None when it takes it."""
    with _LOCK:
        try:
            handle = _engine.create_ruleset(
                f"verordening_proef_{next(_RULESET_NAMES)}", json.dumps(definitie, sort_keys=True)
            )
        except Exception as exc:  # durable raises a bare Exception with its error code
            return _refusal(exc)
        _engine.delete_ruleset(handle)
        return None


def weigeringen(versie: Versie) -> list[tuple[str, str]]:
    """The rules of ``versie`` durable_rules cannot run, each with the reason in Dutch.

    Empty when every part of the translation is accepted. A part durable refuses is tried
    rule by rule to name the rules that cause it; a fact that would carry more keys than
    durable takes names the rules of its group.
    """
    spec = translate(versie)
    uit: dict[str, str] = {}
    for deel in spec.parts.values():
        # A group is closed before its fact gets too many keys, so only a rule that alone
        # reads too much makes one too big.
        te_groot = {
            t: len(sleutels) + len(lifted)
            for feiten in deel.strata.values()
            for t, (sleutels, lifted) in feiten
            if len(sleutels) + len(lifted) > _MAX_KEYS
        }
        for naam, regel in deel.definitie.items():
            doel, waarde = deel.actions[naam]
            patroon = regel["all"][0]["m"]
            t = patroon["$and"][0]["t"] if "$and" in patroon else patroon["t"]
            if waarde is not None and t in te_groot:
                uit.setdefault(
                    str(doel),
                    f"de regel leest te veel gegevens ({te_groot[t]}; durable_rules neemt er "
                    f"hoogstens {_MAX_KEYS} in één feit)",
                )
        if _refusal_of(deel.definitie) is None:
            continue
        for naam, regel in deel.definitie.items():
            doel, waarde = deel.actions[naam]
            if waarde is None:
                continue
            reden = _refusal_of({naam: regel})
            if reden is not None:
                uit.setdefault(str(doel), reden)
    return sorted(uit.items())


class _Registry:
    """Process-wide C rulesets, shared by content hash and freed by reference count.

    durable_rules keeps every ruleset in process-wide state under a unique name, so two
    bylaws loaded in one process that translate to the same part share its handle; the
    last release deletes its session and the ruleset (``delete_ruleset``).
    """

    def __init__(self) -> None:
        """Start with no C rulesets."""
        self._handles: dict[str, tuple[int, int]] = {}

    def acquire(self, text: str, key: str) -> int:
        """The handle of ruleset ``text`` with content hash ``key``, created on first use.

        Raises:
            EvaluatieError: durable refuses the ruleset.
        """
        with _LOCK:
            if key in self._handles:
                handle, count = self._handles[key]
                self._handles[key] = (handle, count + 1)
                return handle
            naam = f"verordening_{key[:24]}_{next(_RULESET_NAMES)}"
            try:
                handle = _engine.create_ruleset(naam, text)
            except Exception as exc:
                raise EvaluatieError(f"durable_rules weigert de regelset: {exc}") from exc
            self._handles[key] = (handle, 1)
            return int(handle)

    def release(self, key: str) -> None:
        """Give up one use of ``key``; the last one deletes its session and its C ruleset."""
        with _LOCK:
            if key not in self._handles:
                return
            handle, count = self._handles[key]
            if count > 1:
                self._handles[key] = (handle, count - 1)
                return
            del self._handles[key]
            _SESSIONS.forget(handle)
            _engine.delete_ruleset(handle)

    def __len__(self) -> int:
        """The number of live C rulesets (tests use it to detect leaks)."""
        return len(self._handles)


REGISTRY = _Registry()


@dataclass(frozen=True)
class _Bound:
    """A translated versie with the C handle of each of its parts."""

    spec: _Spec
    afleiding: int
    behoeften: tuple[tuple[str, _Part, int], ...]
    rest: int
    hashes: tuple[str, ...]


class DurableEngine:
    """Evaluates compiled rules with durable_rules (the production engine).

    Each versie is translated and bound to its C rulesets on first use and kept by the
    engine until `close`; C rulesets with the same content are shared through
    `REGISTRY` between engines (one per loaded `Verordening`). Every call into the C
    module runs under the process-wide lock (see the module's hazards).
    """

    naam = "durable_rules"

    def __init__(self) -> None:
        """Start without rulesets: each versie is translated and bound on first use."""
        self._specs: dict[int, _Bound] = {}
        self._lock = threading.Lock()

    def _bound(self, versie: Versie) -> _Bound:
        """The bound translation of ``versie``, made once per engine (double-checked lock)."""
        sleutel = id(versie)
        gevonden = self._specs.get(sleutel)
        if gevonden is None:
            with self._lock:
                gevonden = self._specs.get(sleutel)
                if gevonden is None:
                    gevonden = self._specs[sleutel] = self._bind(translate(versie))
        return gevonden

    def _bind(self, spec: _Spec) -> _Bound:
        """Acquire a C ruleset for every part of ``spec``; on failure release those acquired."""
        handles: dict[str, int] = {}
        hashes: list[str] = []
        try:
            for naam, deel in spec.parts.items():
                hash_ = canonical_hash(deel.definitie)
                tekst = json.dumps(deel.definitie, sort_keys=True)
                handles[naam] = REGISTRY.acquire(tekst, hash_)
                hashes.append(hash_)
        except BaseException:
            for hash_ in hashes:
                REGISTRY.release(hash_)
            raise
        return _Bound(
            spec=spec,
            afleiding=handles.get("afleiding", -1),
            behoeften=tuple(
                (gevraagd, deel, handles[f"behoefte:{b}"])
                for b, (gevraagd, deel) in spec.behoeften.items()
            ),
            rest=handles.get("rest", -1),
            hashes=tuple(hashes),
        )

    def weigeringen(self, versie: Versie) -> list[tuple[str, str]]:
        """The rules of ``versie`` durable_rules refuses (see the module function)."""
        return weigeringen(versie)

    def close(self) -> None:
        """Release every C ruleset this engine holds."""
        with self._lock:
            for bound in self._specs.values():
                for hash_ in bound.hashes:
                    REGISTRY.release(hash_)
            self._specs.clear()

    def __del__(self) -> None:
        """Release the C rulesets of an engine nobody closed."""
        # At interpreter shutdown the C module (and even contextlib) may already be gone;
        # nothing is left to free then, and a destructor must never raise.
        try:  # noqa: SIM105 - contextlib itself may be gone at interpreter shutdown
            self.close()
        except Exception:
            pass

    def run(
        self,
        cv: CompiledVerordening,
        versie: Versie,
        feiten: dict[str, Any],
        collecties: Collecties,
    ) -> Run:
        """Assert the first stratum and let durable chain through the rest.

        The sentinel of the last derived stratum resolves it and asserts the proposal
        stratum into the part of every behoefte asked, each in its own session.
        """
        bound = self._bound(versie)
        spec = bound.spec
        uit = Run(feiten=feiten)
        laatste = spec.laatste
        #: Every fact asserted in this case, to retract when it ends: ``(handle, json)``.
        gezet: list[tuple[int, str]] = []
        sessions = _SESSIONS

        def fact_json(sid: str, t: int, inhoud: _FactKeys) -> str:
            """The fact of type ``t`` with the known values of the keys it carries."""
            waarden: Json = {"sid": sid, "id": f"s{t}", "t": t}
            sleutels, lifted = inhoud
            for naam, sleutel in sleutels:
                if naam in feiten:
                    waarde = feiten[naam]
                    waarden[sleutel] = waarde.toordinal() if isinstance(waarde, dt.date) else waarde
            for syn in lifted:
                waarde = syn.fn(feiten, collecties, None)
                if waarde is not None:
                    waarden[syn.key] = _encode(waarde)
            return compact(waarden)

        def assert_stratum(handle: int, deel: _Part, index: int) -> Any:
            """Assert the facts of stratum ``index`` into ``handle``; durable's last result.

            Every group's fact goes in before any action runs, so the sentinel, which
            matches the last group's fact, sees all of the stratum's rules done.
            """
            sid = sessions.session(handle)
            groepen = deel.strata[index]
            laatste_groep = groepen[-1][0]
            for t, inhoud in groepen:
                tekst = fact_json(sid, t, inhoud)
                resultaat = _engine.assert_fact(handle, tekst)
                if resultaat[0] == 1 and t != laatste_groep:
                    # No rule of this group matched (all onbekend, or no proposal holds):
                    # durable did not store the fact. Only the last group has the sentinel.
                    continue
                gezet.append((handle, tekst))
                _check(resultaat)
            return resultaat

        def start(handle: int, deel: _Part, index: int) -> None:
            """Assert stratum ``index`` and run the actions it triggers, chaining onwards."""
            resultaat = assert_stratum(handle, deel, index)
            _drive(handle, resultaat[1], deel.actions, uit.status, stratum_done, sessions.started)

        def assert_proposals() -> None:
            """Start the proposal stratum in the part of each behoefte asked, and the rest."""
            for gevraagd, deel, handle in bound.behoeften:
                # A need not asked: its rules' first condition is false; nothing to assert.
                if feiten.get(gevraagd) is not False:
                    start(handle, deel, laatste)
            if spec.rest is not None:
                start(bound.rest, spec.rest, laatste)

        def stratum_done(index: int) -> None:
            """The sentinel of ``index`` fired: resolve that stratum and assert the next.

            A rule of it no action set is onbekend (None); `resolve_stratum` then sets the
            stratum's derived facts, which the next stratum's facts carry.
            """
            if index == laatste:
                return
            assert spec.afleiding is not None
            for r in versie.strata[index]:
                uit.status.setdefault(r.id, None)
            resolve_stratum(cv, versie, index, uit, collecties)
            if index + 1 < laatste:
                assert_stratum(bound.afleiding, spec.afleiding, index + 1)
            else:
                assert_proposals()

        with _LOCK:
            gelukt = False
            try:
                if spec.afleiding is not None:
                    start(bound.afleiding, spec.afleiding, 0)
                else:
                    assert_proposals()
                gelukt = True
            except EvaluatieError:
                raise
            except Exception as exc:
                raise EvaluatieError(f"durable_rules faalde: {type(exc).__name__}: {exc}") from exc
            finally:
                _end_case(gezet, gelukt)
        return uit


def _end_case(gezet: list[tuple[int, str]], gelukt: bool) -> None:
    """End a case: retract its facts, so every session is empty for the next case.

    After a failure the sessions the case touched may hold pending actions or half a
    stratum: they are dropped and the next case starts new ones.
    """
    if gelukt:
        # Any failure to retract: those sessions start afresh, as after a failed case.
        with contextlib.suppress(Exception):
            for handle, tekst in reversed(gezet):
                _engine.retract_fact(handle, tekst)
            return
    for handle in dict.fromkeys(h for h, _ in gezet):
        _SESSIONS.forget(handle)


def _check(resultaat: Any) -> None:
    """Raise for the result codes of ``assert_fact`` that mean the translation is wrong.

    Code 1 (no rule matched) cannot happen for a fact the sentinel matches; code 2 is a
    duplicate fact, which would mean a session was not emptied after the last case.
    """
    if resultaat[0] == 1:
        raise EvaluatieError("durable_rules vond geen regel voor een feit (sentinel ontbreekt)")
    if resultaat[0] == 2:
        raise EvaluatieError("durable_rules zag hetzelfde feit twee keer")


def _drive(
    handle: int,
    state: int,
    actions: dict[str, _Action],
    status: dict[str, bool | None],
    stratum_done: Callable[[int], None],
    started: set[int],
) -> None:
    """Run the actions durable queues for ``state``, one at a time, until none is left.

    A rule's action records its status; a sentinel's calls ``stratum_done``, which asserts
    the next stratum from inside the action, so the whole case chains synchronously here.
    A failing action is abandoned, so the C engine does not keep it pending.
    """
    antwoord = _engine.start_action_for_state(handle, state)
    if not antwoord:
        raise EvaluatieError("durable_rules startte geen actie (sentinel ontbreekt)")
    started.add(handle)
    bericht = antwoord[1]
    while bericht:
        # The message is {"<action>": {...the whole fact...}}; only the action name is needed,
        # so it is sliced out instead of parsing the fact again (a third of the engine's time).
        naam = (
            bericht[2 : bericht.index('"', 2)]
            if bericht.startswith('{"')
            else next(iter(json.loads(bericht)))
        )
        doel, waarde = actions[naam]
        try:
            if waarde is None:
                stratum_done(doel)  # type: ignore[arg-type]
            else:
                status[doel] = waarde  # type: ignore[index]
        except BaseException:
            _engine.abandon_action(handle, state)
            raise
        bericht = _engine.complete_and_start_action(handle, state)
