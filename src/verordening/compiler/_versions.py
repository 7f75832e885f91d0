"""Group compiled rules into versions by validity date and stratify their derived facts.

The last step of the compile stage: every date on which some rule starts or stops
opens a new `Versie`, the set of rules in force until the next such date. Within a
versie, derived facts are put in strata so that an engine can evaluate them in
order (a rule only reads facts of lower strata); a cycle is V401.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from verordening._encoders import canonical_hash
from verordening.bron.loader import Bron
from verordening.bron.schema import GegevenDeclaratie
from verordening.compiler._sources import _Collector
from verordening.compiler.product import BEGIN, EINDE, CompiledRegel, Versie


def _versies(
    regels: list[CompiledRegel],
    bronnen: list[Bron],
    gegevens: dict[str, GegevenDeclaratie],
    v: _Collector,
) -> tuple[tuple[Versie, ...], tuple[dt.date, ...]]:
    """The versions of the bylaw, and the dates on which each begins.

    Every date a rule starts, or the day after it ends, is a boundary; a versie holds
    the rules in force over its whole period. ``gemeld`` is shared so that a cycle
    present in several versions is reported once.
    """
    grenzen = sorted(
        {BEGIN}
        | {r.vanaf for r in regels}
        | {r.tot + dt.timedelta(days=1) for r in regels if r.tot < EINDE}
    )
    versies: list[Versie] = []
    gemeld: set[tuple[str, ...]] = set()
    for i, begin in enumerate(grenzen):
        eind = grenzen[i + 1] - dt.timedelta(days=1) if i + 1 < len(grenzen) else EINDE
        actief = tuple(r for r in regels if r.vanaf <= begin and r.tot >= eind)
        versies.append(_bouw_versie(begin, eind, actief, bronnen, gegevens, v, gemeld))
    return tuple(versies), tuple(grenzen)


def _bouw_versie(
    vanaf: dt.date,
    tot: dt.date,
    regels: tuple[CompiledRegel, ...],
    bronnen: list[Bron],
    gegevens: dict[str, GegevenDeclaratie],
    v: _Collector,
    gemeld: set[tuple[str, ...]],
) -> Versie:
    """One versie: its rules in strata, with the precedence and relevance it needs.

    Besides the strata it computes the transitive closure of ``uitzondering_op`` (an
    exception to an exception overrules both), per behoefte the rules its proposals
    depend on through derived facts (``relevant``), and the files in force with their
    combined hash for the receipt.
    """
    definities: dict[str, list[CompiledRegel]] = defaultdict(list)
    for r in regels:
        if r.afleiding:
            definities[r.afleiding].append(r)
    niveau: dict[str, int] = {}
    bezig: list[str] = []

    def bepaal(naam: str) -> int:
        """The stratum of derived fact ``naam``: one above the highest it reads (0 for input).

        A fact met again while its own stratum is being determined closes a cycle,
        reported as V401 once per set of facts.
        """
        if naam in niveau:
            return niveau[naam]
        if naam not in definities:
            return 0
        if naam in bezig:
            cyclus = (*bezig[bezig.index(naam) :], naam)
            if tuple(sorted(cyclus)) not in gemeld:
                gemeld.add(tuple(sorted(cyclus)))
                eerste = definities[naam][0]
                v.fout(
                    "V401",
                    f"kringredenering in afgeleide gegevens: {' → '.join(cyclus)}",
                    eerste.bron,
                    "een afgeleid gegeven mag niet (via andere) van zichzelf afhangen",
                    ook=[definities[n][0].bron for n in cyclus[1:-1]],
                )
            return 1
        bezig.append(naam)
        hoogste = max((bepaal(d) for r in definities[naam] for d in r.deps), default=0)
        bezig.pop()
        niveau[naam] = hoogste + 1
        return hoogste + 1

    for naam in definities:
        bepaal(naam)
    laatste = max(niveau.values(), default=0) + 1
    strata: list[list[CompiledRegel]] = [[] for _ in range(laatste)]
    for r in regels:
        strata[(niveau[r.afleiding] if r.afleiding else laatste) - 1].append(r)
    afgeleid = [tuple(sorted(n for n, k in niveau.items() if k == s + 1)) for s in range(laatste)]
    per_id = {r.id: r for r in regels}
    uitz: dict[str, set[str]] = {r.id: set(r.uitzondering_op) for r in regels}
    veranderd = True
    while veranderd:
        veranderd = False
        for over in uitz.values():
            extra = set().union(*(uitz.get(o, set()) for o in over)) - over
            if extra:
                over.update(extra)
                veranderd = True
    relevant: dict[str, tuple[str, ...]] = {}
    for behoefte in sorted({r.behoefte for r in regels if r.behoefte and r.voorstel}):
        gezien: set[str] = set()
        rij = [r for r in regels if r.behoefte == behoefte and r.voorstel]
        while rij:
            r = rij.pop()
            if r.id in gezien:
                continue
            gezien.add(r.id)
            for dep in r.deps:
                rij.extend(definities.get(dep, ()))
        relevant[behoefte] = tuple(r.id for r in regels if r.id in gezien)
    in_kracht = sorted(
        b.rel + ":" + b.hash
        for b in bronnen
        if (b.bestand.geldig_vanaf or BEGIN) <= tot and vanaf <= (b.bestand.geldig_tot or EINDE)
    )
    return Versie(
        vanaf=vanaf,
        tot=tot,
        regels=regels,
        per_id=per_id,
        strata=tuple(tuple(s) for s in strata),
        afgeleid_per_stratum=tuple(afgeleid),
        definities={k: tuple(x) for k, x in definities.items()},
        relevant=relevant,
        uitzonderingen={k: frozenset(x) for k, x in uitz.items()},
        bestanden=tuple(in_kracht),
        hash=canonical_hash(in_kracht),
    )
