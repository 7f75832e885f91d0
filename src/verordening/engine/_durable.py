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
_NAMEN = itertools.count()
_SESSIES = itertools.count()


class _Sessies:
    """The reused session of each C ruleset handle (used only under ``_LOCK``)."""

    def __init__(self) -> None:
        #: The session id of each handle, and whether an action ever ran in it.
        self.sid: dict[int, str] = {}
        self.gestart: set[int] = set()

    def van(self, handle: int) -> str:
        sid = self.sid.get(handle)
        if sid is None:
            sid = self.sid[handle] = str(next(_SESSIES))
        return sid

    def vergeet(self, handle: int) -> None:
        """Drop the session of ``handle``: deleted if an action ran in it, else abandoned."""
        sid = self.sid.pop(handle, None)
        if sid is not None and handle in self.gestart:
            self.gestart.discard(handle)
            # A failed session may already be gone; deleting it again must not mask an error.
            with contextlib.suppress(Exception):
                _engine.delete_state(handle, sid)


_SESSIE = _Sessies()
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


_Actie = tuple[str, bool] | tuple[int, None]

#: The keys one stratum fact carries: ``(fact name, durable key)``, and its lifted operands.
_Inhoud = tuple[tuple[tuple[str, str], ...], tuple[_Synthetisch, ...]]


@dataclass(frozen=True)
class _Deel:
    """One C ruleset of a translated versie: its rules, the facts it takes, its actions."""

    definitie: Json
    #: Per stratum index asserted into it: the fact of each group of its rules, ``(t, keys)``,
    #: with only the keys those rules read.
    strata: dict[int, tuple[tuple[int, _Inhoud], ...]]
    #: Per durable rule name: the rule id and the status it sets (waar or onwaar), or, for
    #: a stratum's sentinel, the stratum index and None.
    acties: dict[str, _Actie]


@dataclass(frozen=True)
class _Spec:
    """A versie translated to durable JSON, in parts.

    ``afleiding`` holds the derived-fact strata; each behoefte's proposal rules form their
    own part, asserted only when that need is asked (a proposal rule's implicit first
    condition is ``hulpvraag.<behoefte>.gevraagd``, so its rules are false otherwise);
    ``rest`` holds last-stratum rules outside any behoefte. Small parts keep durable's
    per-session cost down: it allocates and clears state for every rule of a ruleset.
    """

    afleiding: _Deel | None
    behoeften: dict[str, tuple[str, _Deel]]
    rest: _Deel | None
    laatste: int

    @property
    def delen(self) -> dict[str, _Deel]:
        """Every part by name."""
        uit = {"afleiding": self.afleiding} if self.afleiding else {}
        uit.update({f"behoefte:{b}": d for b, (_, d) in self.behoeften.items()})
        if self.rest:
            uit["rest"] = self.rest
        return uit

    @property
    def definitie(self) -> Json:
        """The JSON of every part, by part name (for inspection and tests)."""
        return {naam: d.definitie for naam, d in self.delen.items()}


class _Vertaler:
    def __init__(self) -> None:
        self.sleutels: dict[str, str] = {}
        self.gebruikt: dict[str, str] = {}
        self.synthetisch: list[_Synthetisch] = []
        self.getild = 0

    def inhoud(self) -> _Inhoud:
        """The keys and lifted operands used since the last call."""
        uit = (tuple(self.gebruikt.items()), tuple(self.synthetisch))
        self.gebruikt, self.synthetisch = {}, []
        return uit

    def sleutel(self, naam: str) -> str:
        if naam not in self.sleutels:
            self.sleutels[naam] = f"f{len(self.sleutels)}"
        self.gebruikt[naam] = self.sleutels[naam]
        return self.sleutels[naam]

    def operand(self, expr: e.Expr) -> tuple[str, Any]:
        if isinstance(expr, e.Lit):
            return "lit", _encode(expr.waarde)
        if isinstance(expr, e.Ref):
            return "key", self.sleutel(expr.naam)
        sleutel = f"x{self.getild}"
        self.getild += 1
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
        if isinstance(c, e.Vergelijk):
            op = c.op if positief else PER_SYMBOOL[c.op].tegendeel
            return self.atoom(op, c.links, c.rechts)
        assert_never(c)

    def atoom(self, op: str, links: e.Expr, rechts: e.Expr) -> Json | bool:
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


#: Rules matched by one fact. durable walks its pattern network for a fact with a stack of
#: 64 nodes (error 303 beyond that), so a large stratum is split into groups, each with its
#: own fact; a group of 24 rules has at most 48 patterns.
_GROEP = 24
#: Keys one fact may carry besides sid, id and t: durable refuses a fact of more than 254
#: properties (error 302). A group is closed before its fact would exceed this.
_SLEUTELS = 240


def _regel(definitie: Json, naam: str, t: int, voorwaarde: Json | bool) -> None:
    if voorwaarde is not False:
        patroon = {"t": t} if voorwaarde is True else {"$and": [{"t": t}, voorwaarde]}
        definitie[naam] = {"all": [{"m": patroon}], "pri": 1}


@dataclass
class _Groep:
    """Rules that share one fact, translated, with the keys that fact must carry."""

    regels: list[tuple[int, CompiledRegel, list[tuple[bool, str, Json | bool]]]]
    sleutels: dict[str, str]
    synthetisch: list[_Synthetisch]

    def past(self, sleutels: dict[str, str], synthetisch: tuple[_Synthetisch, ...]) -> bool:
        nieuw = len(self.sleutels.keys() | sleutels.keys())
        return (
            len(self.regels) < _GROEP
            and nieuw + len(self.synthetisch) + len(synthetisch) <= _SLEUTELS
        )


def _groepen(
    vertaler: _Vertaler,
    definitie: Json,
    acties: dict[str, _Actie],
    index: int,
    regels: list[tuple[int, CompiledRegel]],
    negatief: bool,
) -> tuple[tuple[int, _Inhoud], ...]:
    """Translate the rules of one stratum, in groups; returns each group's fact (t, keys)."""
    groepen = [_Groep([], {}, [])]
    for nummer, r in regels:
        vormen = [
            (positief, teken, vertaler.cond(r.als, positief))
            for positief, teken in (((True, "+"), (False, "-")) if negatief else ((True, "+"),))
        ]
        sleutels, synthetisch = vertaler.inhoud()
        if groepen[-1].regels and not groepen[-1].past(dict(sleutels), synthetisch):
            groepen.append(_Groep([], {}, []))
        groep = groepen[-1]
        groep.regels.append((nummer, r, vormen))
        groep.sleutels.update(sleutels)
        groep.synthetisch.extend(synthetisch)
    feiten: list[tuple[int, _Inhoud]] = []
    for g, groep in enumerate(groepen):
        # One group keeps t = index (the common case); more get t = (index + 1) * 1000 + g.
        t = index if len(groepen) == 1 else (index + 1) * 1000 + g
        for nummer, r, vormen in groep.regels:
            for positief, teken, voorwaarde in vormen:
                naam = f"r{index}_{nummer}{teken}"
                acties[naam] = (r.id, positief)
                _regel(definitie, naam, t, voorwaarde)
        feiten.append((t, (tuple(groep.sleutels.items()), tuple(groep.synthetisch))))
    # The sentinel has the lowest priority: durable runs it after every rule of the stratum
    # (all its groups are asserted before any action runs), and it guarantees that an action
    # runs in each session (delete_state needs that).
    definitie[f"s{index}"] = {"all": [{"m": {"t": feiten[-1][0]}}], "pri": 100}
    acties[f"s{index}"] = (index, None)
    return tuple(feiten)


def translate(versie: Versie) -> _Spec:
    """Translate a versie into durable's JSON ruleset form, in parts (see `_Spec`)."""
    vertaler = _Vertaler()
    laatste = len(versie.strata) - 1
    afleiding: _Deel | None = None
    if laatste > 0:
        definitie: Json = {}
        acties: dict[str, _Actie] = {}
        strata = {
            index: _groepen(
                vertaler, definitie, acties, index, list(enumerate(versie.strata[index])), True
            )
            for index in range(laatste)
        }
        afleiding = _Deel(definitie, strata, acties)
    groepen: dict[str | None, list[tuple[int, CompiledRegel]]] = {}
    for nummer, r in enumerate(versie.strata[laatste]):
        groep = r.behoefte if r.voorstel is not None and r.behoefte else None
        groepen.setdefault(groep, []).append((nummer, r))
    delen: dict[str | None, _Deel] = {}
    for groep, regels in groepen.items():
        definitie, acties = {}, {}
        feiten = _groepen(vertaler, definitie, acties, laatste, regels, False)
        delen[groep] = _Deel(definitie, {laatste: feiten}, acties)
    return _Spec(
        afleiding=afleiding,
        behoeften={b: (f"hulpvraag.{b}.gevraagd", d) for b, d in delen.items() if b is not None},
        rest=delen.get(None),
        laatste=laatste,
    )


#: What durable's error codes at ``create_ruleset`` mean for an author, in Dutch.
_WEIGERING = {
    "113": "de voorwaarden vormen één patroon met meer deelvoorwaarden dan durable_rules aankan "
    "(foutcode 113); dat gebeurt bij veel 'een_van'-blokken binnen 'alle'",
}


def _weigering(fout: Exception) -> str:
    tekst = str(fout)
    code = tekst.rsplit(" ", 1)[-1]
    return _WEIGERING.get(code, f"durable_rules meldt: {tekst}")


def _probeer(definitie: Json) -> str | None:
    """Why durable refuses ``definitie`` as a ruleset, or None when it takes it."""
    with _LOCK:
        try:
            handle = _engine.create_ruleset(
                f"verordening_proef_{next(_NAMEN)}", json.dumps(definitie, sort_keys=True)
            )
        except Exception as exc:  # durable raises a bare Exception with its error code
            return _weigering(exc)
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
    for deel in spec.delen.values():
        # A group is closed before its fact gets too many keys, so only a rule that alone
        # reads too much makes one too big.
        te_groot = {
            t: len(sleutels) + len(synthetisch)
            for feiten in deel.strata.values()
            for t, (sleutels, synthetisch) in feiten
            if len(sleutels) + len(synthetisch) > _SLEUTELS
        }
        for naam, regel in deel.definitie.items():
            doel, waarde = deel.acties[naam]
            patroon = regel["all"][0]["m"]
            t = patroon["$and"][0]["t"] if "$and" in patroon else patroon["t"]
            if waarde is not None and t in te_groot:
                uit.setdefault(
                    str(doel),
                    f"de regel leest te veel gegevens ({te_groot[t]}; durable_rules neemt er "
                    f"hoogstens {_SLEUTELS} in één feit)",
                )
        if _probeer(deel.definitie) is None:
            continue
        for naam, regel in deel.definitie.items():
            doel, waarde = deel.acties[naam]
            if waarde is None:
                continue
            reden = _probeer({naam: regel})
            if reden is not None:
                uit.setdefault(str(doel), reden)
    return sorted(uit.items())


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
            _SESSIE.vergeet(handle)
            _engine.delete_ruleset(handle)

    def __len__(self) -> int:
        return len(self._handles)


REGISTRY = _Registry()


@dataclass(frozen=True)
class _Gebonden:
    """A translated versie with the C handle of each of its parts."""

    spec: _Spec
    afleiding: int
    behoeften: tuple[tuple[str, _Deel, int], ...]
    rest: int
    hashes: tuple[str, ...]


class DurableEngine:
    """Evaluates compiled rules with durable_rules (the production engine)."""

    naam = "durable_rules"

    def __init__(self) -> None:
        self._specs: dict[int, _Gebonden] = {}
        self._eigen_lock = threading.Lock()

    def _voor(self, versie: Versie) -> _Gebonden:
        sleutel = id(versie)
        gevonden = self._specs.get(sleutel)
        if gevonden is None:
            with self._eigen_lock:
                gevonden = self._specs.get(sleutel)
                if gevonden is None:
                    gevonden = self._specs[sleutel] = self._bind(translate(versie))
        return gevonden

    def _bind(self, spec: _Spec) -> _Gebonden:
        handles: dict[str, int] = {}
        hashes: list[str] = []
        try:
            for naam, deel in spec.delen.items():
                hash_ = canonical_hash(deel.definitie)
                tekst = json.dumps(deel.definitie, sort_keys=True)
                handles[naam] = REGISTRY.acquire(tekst, hash_)
                hashes.append(hash_)
        except BaseException:
            for hash_ in hashes:
                REGISTRY.release(hash_)
            raise
        return _Gebonden(
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
        with self._eigen_lock:
            for gebonden in self._specs.values():
                for hash_ in gebonden.hashes:
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
        """Assert the first stratum and let durable chain through the rest.

        The sentinel of the last derived stratum resolves it and asserts the proposal
        stratum into the part of every behoefte asked, each in its own session.
        """
        gebonden = self._voor(versie)
        spec = gebonden.spec
        uit = Run(feiten=feiten)
        laatste = spec.laatste
        #: Every fact asserted in this case, to retract when it ends: ``(handle, json)``.
        gezet: list[tuple[int, str]] = []
        sessie = _SESSIE

        def feit(sid: str, t: int, inhoud: _Inhoud) -> str:
            waarden: Json = {"sid": sid, "id": f"s{t}", "t": t}
            sleutels, synthetisch = inhoud
            for naam, sleutel in sleutels:
                if naam in feiten:
                    waarde = feiten[naam]
                    waarden[sleutel] = waarde.toordinal() if isinstance(waarde, dt.date) else waarde
            for syn in synthetisch:
                waarde = syn.fn(feiten, collecties, None)
                if waarde is not None:
                    waarden[syn.sleutel] = _encode(waarde)
            return compact(waarden)

        def stratum(handle: int, deel: _Deel, index: int) -> Any:
            # Every group's fact first: no action runs before the last one is asserted.
            sid = sessie.van(handle)
            groepen = deel.strata[index]
            laatste_groep = groepen[-1][0]
            for t, inhoud in groepen:
                tekst = feit(sid, t, inhoud)
                resultaat = _engine.assert_fact(handle, tekst)
                if resultaat[0] == 1 and t != laatste_groep:
                    # No rule of this group matched (all onbekend, or no proposal holds):
                    # durable did not store the fact. Only the last group has the sentinel.
                    continue
                gezet.append((handle, tekst))
                _check(resultaat)
            return resultaat

        def start(handle: int, deel: _Deel, index: int) -> None:
            resultaat = stratum(handle, deel, index)
            _drive(handle, resultaat[1], deel.acties, uit.status, stratum_klaar, sessie.gestart)

        def voorstellen() -> None:
            for gevraagd, deel, handle in gebonden.behoeften:
                # A need not asked: its rules' first condition is false; nothing to assert.
                if feiten.get(gevraagd) is not False:
                    start(handle, deel, laatste)
            if spec.rest is not None:
                start(gebonden.rest, spec.rest, laatste)

        def stratum_klaar(index: int) -> None:
            if index == laatste:
                return
            assert spec.afleiding is not None
            for r in versie.strata[index]:
                uit.status.setdefault(r.id, None)
            resolve_stratum(cv, versie, index, uit, collecties)
            if index + 1 < laatste:
                stratum(gebonden.afleiding, spec.afleiding, index + 1)
            else:
                voorstellen()

        with _LOCK:
            gelukt = False
            try:
                if spec.afleiding is not None:
                    start(gebonden.afleiding, spec.afleiding, 0)
                else:
                    voorstellen()
                gelukt = True
            except EvaluatieError:
                raise
            except Exception as exc:
                raise EvaluatieError(f"durable_rules faalde: {type(exc).__name__}: {exc}") from exc
            finally:
                _ruim_op(gezet, gelukt)
        return uit


def _ruim_op(gezet: list[tuple[int, str]], gelukt: bool) -> None:
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
        _SESSIE.vergeet(handle)


def _check(resultaat: Any) -> None:
    if resultaat[0] == 1:
        raise EvaluatieError("durable_rules vond geen regel voor een feit (sentinel ontbreekt)")
    if resultaat[0] == 2:
        raise EvaluatieError("durable_rules zag hetzelfde feit twee keer")


def _drive(
    handle: int,
    state: int,
    acties: dict[str, _Actie],
    status: dict[str, bool | None],
    stratum_klaar: Callable[[int], None],
    gestart: set[int],
) -> None:
    antwoord = _engine.start_action_for_state(handle, state)
    if not antwoord:
        raise EvaluatieError("durable_rules startte geen actie (sentinel ontbreekt)")
    gestart.add(handle)
    bericht = antwoord[1]
    while bericht:
        # The message is {"<action>": {...the whole fact...}}; only the action name is needed,
        # so it is sliced out instead of parsing the fact again (a third of the engine's time).
        naam = (
            bericht[2 : bericht.index('"', 2)]
            if bericht.startswith('{"')
            else next(iter(json.loads(bericht)))
        )
        doel, waarde = acties[naam]
        try:
            if waarde is None:
                stratum_klaar(doel)  # type: ignore[arg-type]
            else:
                status[doel] = waarde  # type: ignore[index]
        except BaseException:
            _engine.abandon_action(handle, state)
            raise
        bericht = _engine.complete_and_start_action(handle, state)
