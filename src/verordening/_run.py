"""The engine interface, the shared per-stratum resolution and the reference evaluator.

Both engines decide, stratum by stratum, which rules are *waar*, *onwaar* or
*onbekend*; everything after that (precedence, conflicts, default values) is
this one shared code, so both engines give the same Advies by construction of
the semantics, and the differential tests check the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ._logic import Collecties
from .compile import CompiledRegel, CompiledVerordening, Versie

WAAR, ONWAAR, ONBEKEND = True, False, None


@dataclass
class Run:
    """What an engine found: final facts and the status of every rule it decided."""

    feiten: dict[str, Any]
    status: dict[str, bool | None] = field(default_factory=dict)
    conflicten: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    geen_waarde: list[str] = field(default_factory=list)
    winnaars: dict[str, str] = field(default_factory=dict)


class Engine(Protocol):
    """An evaluator of compiled rules; replaceable behind this interface."""

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


def beats(versie: Versie, a: CompiledRegel, b: CompiledRegel) -> bool:
    """Does rule ``a`` take precedence over rule ``b``?"""
    if b.id in versie.uitzonderingen.get(a.id, ()):
        return True
    if a.id in versie.uitzonderingen.get(b.id, ()):
        return False
    if a.restregel != b.restregel:
        return b.restregel
    return a.prioriteit > b.prioriteit


def undominated(versie: Versie, regels: list[CompiledRegel]) -> list[CompiledRegel]:
    """The rules no other rule in the list takes precedence over."""
    return [a for a in regels if not any(beats(versie, b, a) for b in regels if b is not a)]


def resolve_stratum(
    cv: CompiledVerordening,
    versie: Versie,
    index: int,
    run: Run,
    collecties: Collecties,
) -> None:
    """Set the derived facts of stratum ``index`` from the statuses of their rules."""
    feiten = run.feiten
    for naam in versie.afgeleid_per_stratum[index]:
        regels = versie.definities[naam]
        waar = [r for r in regels if run.status.get(r.id) is WAAR]
        onbekend = [r for r in regels if run.status.get(r.id) is ONBEKEND]
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
        boven = undominated(versie, waar)
        waarden = {r.id: r.waarde[1](feiten, collecties, None) if r.waarde else True for r in boven}
        if len(set(waarden.values())) > 1:
            run.conflicten.append((naam, tuple(sorted(waarden))))
            continue
        winnaar = min(boven, key=lambda r: r.id)
        if any(not beats(versie, winnaar, u) for u in onbekend):
            continue
        waarde = waarden[winnaar.id]
        if waarde is not None:
            feiten[naam] = waarde
            run.winnaars[naam] = winnaar.id


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
        laatste = len(versie.strata) - 1
        for index, regels in enumerate(versie.strata):
            for r in regels:
                if index < laatste:
                    uit.status[r.id] = r.test(feiten, collecties, None)
            if index < laatste:
                resolve_stratum(cv, versie, index, uit, collecties)
        for r in versie.strata[laatste]:
            uitkomst = r.test(feiten, collecties, None)
            if uitkomst is WAAR:
                uit.status[r.id] = WAAR
        return uit


def snapshot(feiten: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the facts (engines mutate their own copy)."""
    return dict(feiten)
