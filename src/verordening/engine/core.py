"""The engine interface, the shared per-stratum resolution and the reference evaluator.

Both engines decide, stratum by stratum, which rules are *waar*, *onwaar* or
*onbekend*; everything after that (precedence, conflicts, default values) is
this one shared code, so both engines give the same Advies by construction of
the semantics, and the differential tests check the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol

from verordening.compiler.product import (
    CompiledRegel,
    CompiledVerordening,
    Versie,
    Voorbereiding,
)
from verordening.taal.logic import Collecties

WAAR, ONBEKEND = True, None


@dataclass
class Run:
    """What an engine found: final facts and the status of every rule it decided."""

    feiten: dict[str, Any]
    status: dict[str, bool | None] = field(default_factory=dict)
    conflicten: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    geen_waarde: list[str] = field(default_factory=list)
    winnaars: dict[str, str] = field(default_factory=dict)


class Engine(Protocol):
    """An evaluator of compiled rules; replaceable behind this interface.

    An engine decides only, stratum by stratum, which rules are *waar*, *onwaar* or
    *onbekend*; precedence, selection, questions, the trace and the receipt are shared
    code after it (`resolve_stratum`, `evaluate`). Register a new engine in `registry`.
    """

    #: The name in the receipt (``ontvangstbewijs.engine``) and in the registry.
    naam: str

    def run(
        self,
        cv: CompiledVerordening,
        versie: Versie,
        feiten: dict[str, Any],
        collecties: Collecties,
    ) -> Run:
        """Evaluate all strata and return the final facts and rule statuses."""
        ...

    def weigeringen(self, versie: Versie) -> list[tuple[str, str]]:
        """The rules of ``versie`` this engine cannot run, each with the reason (V402)."""
        ...

    def close(self) -> None:
        """Free what the engine holds outside Python (native rulesets); idempotent."""
        ...


def soort_voorstel(r: CompiledRegel) -> tuple[str, str, str, bool]:
    """What a proposal rule proposes: its outcome, instrument, form of delivery and review flag.

    Two proposals that differ only in whether a professional must weigh them (a power
    applied with ``vereist_beoordeling`` against the same outcome as a duty) are different
    proposals: choosing one silently would decide the weighing.
    """
    voorstel = r.voorstel
    assert voorstel is not None
    return (
        voorstel.uitkomst.value,
        voorstel.instrument,
        str(voorstel.leveringsvorm),
        voorstel.vereist_beoordeling,
    )


def winners(versie: Versie, regels: list[CompiledRegel]) -> list[CompiledRegel]:
    """The rules that win among rules that all hold.

    Two phases, so mixing exceptions and priorities never forms a cycle: a rule overruled
    by an exception (``uitzondering_op``, transitive) that also holds drops out; among the
    rest the highest ``prioriteit`` wins, and a ``restregel`` only when nothing else is left.
    """
    if len(regels) < 2:
        # One rule is overruled by nothing but itself, and is the highest of one.
        return list(regels)
    uitzonderingen = versie.uitzonderingen
    overruled = set()
    for b in regels:
        over = uitzonderingen.get(b.id)
        if over:
            # An exception overrules the rules it is an exception to, never itself.
            for a in regels:
                if a is not b and a.id in over:
                    overruled.add(id(a))
    blijven = [a for a in regels if id(a) not in overruled]
    gewone = [r for r in blijven if not r.restregel] or blijven
    if not gewone:
        return []
    hoogste = max(r.prioriteit for r in gewone)
    return [r for r in gewone if r.prioriteit == hoogste]


@dataclass(frozen=True)
class Keuze:
    """The winning rules, and the rules that are onbekend and could change the outcome."""

    winnaars: list[CompiledRegel]
    open: list[CompiledRegel]
    uitkomsten: frozenset[Hashable]


def choose(
    versie: Versie,
    waar: list[CompiledRegel],
    onbekend: list[CompiledRegel],
    uitkomst: Callable[[CompiledRegel], Hashable],
) -> Keuze:
    """Select by precedence; an onbekend rule is open when, were it to hold, the outcome changes."""
    boven = winners(versie, waar)
    basis = frozenset(uitkomst(r) for r in boven)

    def verandert(extra: list[CompiledRegel]) -> bool:
        """Whether the outcome changes were the rules ``extra`` to hold as well."""
        return frozenset(uitkomst(r) for r in winners(versie, [*waar, *extra])) != basis

    open_ = [u for u in onbekend if verandert([u])]
    if not open_ and len(onbekend) > 1 and verandert(onbekend):
        open_ = list(onbekend)
    return Keuze(boven, open_, basis)


def resolve_stratum(
    cv: CompiledVerordening,
    versie: Versie,
    index: int,
    run: Run,
    collecties: Collecties,
) -> None:
    """Set the derived facts of stratum ``index`` from the statuses of their rules.

    Per derived fact: when one rule holds and none is onbekend, its value is set; when
    none holds and none is onbekend, the declared ``standaard`` is (onwaar for a ja_nee
    fact), or the fact is recorded in ``geen_waarde``. Otherwise precedence decides
    (`choose`): winners that set different values are a conflict; a fact that an
    onbekend rule could still change stays unset, so it is onbekend for the strata above.
    """
    feiten, status = run.feiten, run.status
    for naam in versie.afgeleid_per_stratum[index]:
        regels = versie.definities[naam]
        waar = [r for r in regels if status.get(r.id) is WAAR]
        onbekend = [r for r in regels if status.get(r.id) is ONBEKEND]
        if len(waar) == 1 and not onbekend:
            # What `choose` gives for one rule that holds and none open: that rule wins.
            winnaar = waar[0]
            waarde = winnaar.waarde[1](feiten, collecties, None) if winnaar.waarde else True
            if waarde is not None:
                feiten[naam] = waarde
                run.winnaars[naam] = winnaar.id
            continue
        if not waar:
            if not onbekend:
                decl = cv.gegevens[naam]
                standaard = (
                    False if decl.standaard is None and decl.type == "ja_nee" else decl.standaard
                )
                if standaard is not None:
                    feiten[naam] = standaard
                else:
                    run.geen_waarde.append(naam)
            continue
        waarde_van = _value_cache(feiten, collecties)
        keuze = choose(versie, waar, onbekend, waarde_van)
        if len(keuze.uitkomsten) > 1:
            run.conflicten.append((naam, tuple(sorted(r.id for r in keuze.winnaars))))
            continue
        if keuze.open or not keuze.winnaars:
            continue
        winnaar = min(keuze.winnaars, key=lambda r: r.id)
        waarde = waarde_van(winnaar)
        if waarde is not None:
            feiten[naam] = waarde
            run.winnaars[naam] = winnaar.id


def _value_cache(feiten: dict[str, Any], collecties: Collecties) -> Callable[[CompiledRegel], Any]:
    """The value a derived-fact rule sets, computed at most once per rule."""
    waarden: dict[str, Any] = {}

    def waarde_van(r: CompiledRegel) -> Any:
        """The value ``r`` sets (True for a ``ja_nee`` fact without a value expression)."""
        if r.id not in waarden:
            waarden[r.id] = r.waarde[1](feiten, collecties, None) if r.waarde else True
        return waarden[r.id]

    return waarde_van


def voorstel_groepen(cv: CompiledVerordening, versie: Versie) -> Groepen:
    """The last stratum by behoefte: ``(its hulpvraag.<b>.gevraagd fact, its rules)``.

    A proposal rule's first condition is that its need is asked, so when the fact says
    it is not, none of its rules can hold and an engine need not look at them. Rules
    outside any behoefte come with ``None`` and are always evaluated.
    """
    return _GROUPS.van(cv, versie)


def _build_groups(cv: CompiledVerordening, versie: Versie | None) -> Groepen:
    """Build what `voorstel_groepen` returns (once per versie, through `_GROUPS`)."""
    assert versie is not None
    groepen: dict[str | None, list[CompiledRegel]] = {}
    for r in versie.strata[-1]:
        sleutel = f"hulpvraag.{r.behoefte}.gevraagd" if r.voorstel and r.behoefte else None
        groepen.setdefault(sleutel, []).append(r)
    return tuple((k, tuple(v)) for k, v in groepen.items())


#: The proposal rules of the last stratum, grouped by the fact that says their need is asked.
Groepen = tuple[tuple[str | None, tuple[CompiledRegel, ...]], ...]
_GROUPS: Voorbereiding[Groepen] = Voorbereiding("voorstel-groepen", _build_groups)


class ReferenceEngine:
    """Plain-Python forward chaining over closures compiled once: the oracle and baseline."""

    naam = "referentie"

    def run(
        self,
        cv: CompiledVerordening,
        versie: Versie,
        feiten: dict[str, Any],
        collecties: Collecties,
    ) -> Run:
        """Evaluate stratum by stratum with Kleene logic."""
        uit = Run(feiten=feiten)
        status = uit.status
        for index in range(len(versie.strata) - 1):
            for r in versie.strata[index]:
                status[r.id] = r.test(feiten, collecties, None)
            resolve_stratum(cv, versie, index, uit, collecties)
        for gevraagd, regels in voorstel_groepen(cv, versie):
            if gevraagd is not None and feiten.get(gevraagd) is False:
                continue
            for r in regels:
                if r.test(feiten, collecties, None) is WAAR:
                    status[r.id] = WAAR
        return uit

    def weigeringen(self, versie: Versie) -> list[tuple[str, str]]:
        """Plain Python runs every rule the compiler accepts: none refused."""
        return []

    def close(self) -> None:
        """Nothing to free."""
