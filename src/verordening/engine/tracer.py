"""The explanation trace of one case, built fast.

What a rule's trace node says in every case (its article and title, citation,
place, kernwaarden, grondwaarden, toelichting and consequences) is prepared once
per compiled bylaw in a `Plan`. Per case only what varies is filled in: the
soort, the values read, the deciding conditions and the derived value. The
frozen trace models are then built with `trace.vertrouwd`: their data is valid
by construction, so validating it again would only cost time.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from verordening._types import STAP_TITELS, GegevenType
from verordening.compiler.product import Voorbereiding
from verordening.diagnostics import SourceRef
from verordening.engine.core import Run, soort_voorstel, winners
from verordening.model.trace import (
    Effect,
    GegevenWaarde,
    Trace,
    TraceKnoop,
    TraceStap,
    Voorwaarde,
    vertrouwd,
)
from verordening.taal.logic import Collecties
from verordening.taal.nodes import Cond, leest_collectie

if TYPE_CHECKING:
    from collections.abc import Mapping

    from verordening.compiler.product import CompiledRegel, CompiledVerordening, Versie
    from verordening.model.situatie import Situatie

_TEKST = GegevenType.tekst.value


@dataclass(frozen=True, slots=True)
class VasteKnoop:
    """The parts of one rule's trace node that are the same in every case."""

    regel: CompiledRegel
    #: The step of the omgekeerde toets the rule belongs to.
    stap: int
    #: Copied from the rule for quick access: id, derived fact, need, proposal or not.
    id: str
    afleiding: str | None
    behoefte: str | None
    voorstel: bool
    #: The rule's explanation: its deciding atoms, and what is known of each atom.
    beslissend: Callable[[Any, Any], tuple[list[tuple[int, bool | None]], list[Any]]]
    atomen: tuple[tuple[Cond, str, SourceRef | None] | None, ...]
    #: Every field of `TraceKnoop` in declaration order; the ones that vary per case hold a
    #: placeholder. Copied per case, never changed.
    sjabloon: dict[str, Any]
    #: The facts the rule reads, and a getter that picks their trace objects from a dict.
    gelezen: tuple[str, ...]
    kies: Callable[[dict[str, GegevenWaarde]], tuple[GegevenWaarde, ...]]
    #: The type of the derived fact the rule sets, if any.
    type_afgeleid: str
    #: The parameters the rule reads.
    parameters: frozenset[str]
    #: Position of the rule in the plan.
    nummer: int
    #: The values of every fact the rule reads, from a case's facts; None when the node also
    #: depends on the items of a collection, so it cannot be kept (see `_NodeCache`).
    waarden: Callable[[dict[str, Any]], tuple[Any, ...]] | None


class _Counts:
    """How often a kept node served a case, and how often one had to be built (for bench)."""

    __slots__ = ("hits", "misses")

    def __init__(self) -> None:
        """Start both counts at zero."""
        self.hits = self.misses = 0


#: Counted over every bylaw in this process; unlocked, so a rough figure under threads.
GEDEELD = _Counts()


class _NodeCache:
    """Trace nodes of rules that did not hold, by everything such a node depends on.

    A node of a rule that is onwaar or onbekend is a function of the rule, its status and
    the values of the facts the rule reads (collections excluded), except for the "would
    flip the outcome" answer, which is checked again on every hit. The same inputs give an
    equal node, and nodes are frozen, so one object can serve every case with those inputs.
    Two generations bound the size: when the newer one is full, the older one is dropped,
    and a node found in the older one moves to the newer.
    """

    __slots__ = ("gezien", "grens", "nieuw", "oud")

    def __init__(self, grens: int) -> None:
        """Keep up to ``grens`` nodes per generation."""
        self.grens = grens
        self.nieuw: dict[Hashable, TraceKnoop] = {}
        self.oud: dict[Hashable, TraceKnoop] = {}
        #: Hashes of inputs seen once. A node is kept from the second time on: most inputs
        #: met once (an exact amount, a date) never come back, and every node kept and
        #: later dropped is work for the garbage collector's full passes.
        self.gezien: set[int] = set()

    def find(self, sleutel: Hashable) -> TraceKnoop | None:
        """The node kept under ``sleutel``, or None; a hit in the older generation moves it up."""
        knoop = self.nieuw.get(sleutel)
        if knoop is None:
            knoop = self.oud.get(sleutel)
            if knoop is None:
                GEDEELD.misses += 1
                return None
            self.keep(sleutel, knoop)
        GEDEELD.hits += 1
        return knoop

    def keep(self, sleutel: Hashable, knoop: TraceKnoop) -> None:
        """Keep ``knoop`` in the newer generation, starting a new one when it is full."""
        if len(self.nieuw) >= self.grens:
            # Under threads two cases may swap at once; at worst a node is built again.
            self.oud, self.nieuw = self.nieuw, {}
        self.nieuw[sleutel] = knoop

    def keep_when_seen_again(self, sleutel: Hashable, knoop: TraceKnoop) -> None:
        """Keep ``knoop`` only when its inputs were seen before (see `gezien`)."""
        h = hash(sleutel)
        if h in self.gezien:
            self.keep(sleutel, knoop)
            return
        if len(self.gezien) >= 4 * self.grens:
            self.gezien.clear()
        self.gezien.add(h)


#: Nodes per generation of `_NodeCache` (so at most twice this many per versie are kept).
GEHEUGEN_KNOPEN = 2048

#: Stands in until a case has a plan; no node is built without one, so it stays empty.
_NO_NODE_CACHE = _NodeCache(0)


def _getter(namen: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A fast getter of the values of ``namen`` from a dict, always as a tuple.

    ``operator.itemgetter`` returns a bare value for one name and fails for none, so
    those two cases get their own lambda.
    """
    if not namen:
        return lambda d: ()
    if len(namen) == 1:
        naam = namen[0]
        return lambda d: (d[naam],)
    return operator.itemgetter(*namen)


@dataclass(frozen=True, slots=True)
class Plan:
    """Per versie: the static node parts, and which rules to trace for each behoefte."""

    vast: tuple[VasteKnoop, ...]
    #: Position in ``vast`` of each rule id.
    positie: Mapping[str, int]
    #: Positions in ``vast`` of the rules relevant to each behoefte.
    per_behoefte: Mapping[str, frozenset[int]]
    #: Type of every known fact name (others read as ``tekst``).
    typen: Mapping[str, str]
    #: The trace objects of every fact for the values onbekend, ja and nee (a closed set,
    #: the same in every case).
    vast_onbekend: Mapping[str, GegevenWaarde]
    vast_waar: Mapping[str, GegevenWaarde]
    vast_onwaar: Mapping[str, GegevenWaarde]
    #: Nodes of rules that did not hold, shared between cases with the same inputs.
    geheugen: _NodeCache

    def gedeeld(self, naam: str, waarde: Any) -> GegevenWaarde | None:
        """The shared trace object of ``naam`` for onbekend, ja or nee; None otherwise."""
        vast = (
            self.vast_onbekend
            if waarde is None
            else self.vast_waar
            if waarde is True
            else self.vast_onwaar
            if waarde is False
            else None
        )
        return None if vast is None else vast.get(naam)

    def gegeven(self, naam: str, waarde: Any) -> GegevenWaarde:
        """The trace object of a value read under ``naam`` (shared for onbekend, ja, nee)."""
        gedeeld = self.gedeeld(naam, waarde)
        if gedeeld is not None:
            return gedeeld
        return GegevenWaarde.van(naam, self.typen.get(naam, _TEKST), waarde)


def plan(cv: CompiledVerordening, versie: Versie) -> Plan:
    """The trace plan of ``versie``, made once per compiled bylaw."""
    return _PLANS.van(cv, versie)


def effecten(cv: CompiledVerordening) -> Mapping[str, Effect]:
    """The step-1 effect of each behoefte, made once per compiled bylaw."""
    return _EFFECTS.van(cv)


def _build_effects(cv: CompiledVerordening, _: Versie | None) -> Mapping[str, Effect]:
    """Build what `effecten` returns (once per compiled bylaw, through `_EFFECTS`)."""
    return MappingProxyType(
        {
            code: Effect(
                behoefte=code,
                levensdomein=b.levensdomein,
                omschrijving=b.omschrijving,
                grondwaarden=b.grondwaarden,
            )
            for code, b in cv.behoeften.items()
        }
    )


def _build_plan(cv: CompiledVerordening, versie: Versie | None) -> Plan:
    """Build what `plan` returns: the static part of every rule's node, once per versie.

    The template holds every `TraceKnoop` field in declaration order (asserted), since
    `vertrouwd` builds the node from it without validation.
    """
    assert versie is not None
    typen = {naam: str(info.type) for naam, info in cv.feiten.items()}
    vast = []
    for plek, r in enumerate(versie.regels):
        nummer = cv.artikelnummers.get(r.artikel_nummer, r.artikel_nummer)
        sjabloon = {
            "soort": "",
            "regel": r.id,
            "artikel": nummer + r.artikel[len(r.artikel_nummer) :],
            "artikel_titel": r.artikel_titel,
            "grondslag": r.grondslag,
            "bron": r.plaats,
            "behoefte": r.behoefte,
            "kernwaarden": r.kernwaarde_trace,
            "grondwaarden": r.grondwaarden,
            "toelichting": r.toelichting,
            "gevolgen": r.gevolg,
            "gegevens": (),
            "voorwaarden": (),
            "afgeleid": None,
            "opzijgezet_door": None,
            "kantelt_uitkomst": False,
        }
        assert list(sjabloon) == list(TraceKnoop.model_fields)
        vast.append(
            VasteKnoop(
                regel=r,
                stap=r.stap,
                id=r.id,
                afleiding=r.afleiding,
                behoefte=r.behoefte,
                voorstel=r.voorstel is not None,
                beslissend=r.verklaar.beslissend,
                atomen=r.verklaar.atomen,
                sjabloon=sjabloon,
                gelezen=r.gelezen,
                kies=_getter(r.gelezen),
                type_afgeleid=str(cv.gegevens[r.afleiding].type) if r.afleiding else "",
                parameters=frozenset(d[10:] for d in r.deps if d.startswith("parameter.")),
                nummer=plek,
                waarden=_waarden(r),
            )
        )
    positie = {r.id: i for i, r in enumerate(versie.regels)}
    per_behoefte = {b: frozenset(positie[i] for i in ids) for b, ids in versie.relevant.items()}
    namen = {n for r in versie.regels for n in r.gelezen} | set(typen)

    def vaste(waarde: bool | None) -> Mapping[str, GegevenWaarde]:
        """The shared trace object of every known fact for one value (onbekend, ja or nee)."""
        return MappingProxyType(
            {n: GegevenWaarde.van(n, typen.get(n, _TEKST), waarde) for n in namen}
        )

    return Plan(
        vast=tuple(vast),
        positie=MappingProxyType(positie),
        per_behoefte=MappingProxyType(per_behoefte),
        typen=MappingProxyType(typen),
        vast_onbekend=vaste(None),
        vast_waar=vaste(True),
        vast_onwaar=vaste(False),
        geheugen=_NodeCache(GEHEUGEN_KNOPEN),
    )


def _waarden(r: CompiledRegel) -> Callable[[dict[str, Any]], tuple[Any, ...]] | None:
    """The values a rule reads from a case's facts, or None when it also counts items."""
    if (
        leest_collectie(r.als)
        or (r.waarde is not None and leest_collectie(r.waarde[0]))
        or any(leest_collectie(expr) for _, expr, _ in r.voorstel_expr)
    ):
        return None
    namen = r.gelezen
    return lambda feiten: tuple(map(feiten.get, namen))


@dataclass
class Uitkomsten:
    """What the selection decided, as far as the trace shows it."""

    run: Run
    status: Callable[[CompiledRegel], bool | None]
    winnaar_van: dict[str, str]
    onbepaald: set[str]
    keuzes: dict[str, tuple[list[CompiledRegel], frozenset[Hashable]]]
    #: What a proposal rule proposes (see `evaluate._Afronding.soort`).
    soort: Callable[[CompiledRegel], Hashable]


class _ReadFacts(dict[str, GegevenWaarde]):
    """The trace object of each fact a node shows, made when a node first needs it.

    Most nodes of rules that did not hold come from `_NodeCache`, so most facts of a case
    never need an object of their own.
    """

    __slots__ = ("feiten", "plan")

    def __init__(self, feiten: dict[str, Any], p: Plan) -> None:
        """Start empty; objects are made from ``feiten`` with the plan ``p`` on demand."""
        super().__init__()
        self.feiten, self.plan = feiten, p

    def __missing__(self, naam: str) -> GegevenWaarde:
        """Make, keep and return the trace object of fact ``naam``."""
        gegeven = self[naam] = self.plan.gegeven(naam, self.feiten.get(naam))
        return gegeven


def _same_kind(
    r: CompiledRegel, uitkomsten: frozenset[Hashable], soort: Callable[[CompiledRegel], Hashable]
) -> bool:
    """Does ``r`` propose one of ``uitkomsten``? Its amounts are computed only when needed."""
    kort = soort_voorstel(r)
    if all(u[: len(kort)] != kort for u in uitkomsten):  # type: ignore[index]
        return False
    return soort(r) in uitkomsten


def _with_kantelt(knoop: TraceKnoop, kantelt: bool) -> TraceKnoop:
    """``knoop`` with the given "would flip the outcome" answer (a copy when it differs)."""
    if knoop.kantelt_uitkomst is kantelt:
        return knoop
    velden = dict(knoop.__dict__)
    velden["kantelt_uitkomst"] = kantelt
    return vertrouwd(TraceKnoop, velden)


class Spoor:
    """Builds the trace of one case (one instance per case; not shared between threads).

    The trace shows, per hulpvraag, every rule relevant to its need, grouped by the four
    steps: what happened to it (`knoop`), the conditions that decided it and the values
    they read, and whether it would change the proposal (`kantelt`). It reads the
    choices `evaluate` made (`Uitkomsten`), so it explains exactly that selection.
    """

    def __init__(
        self,
        cv: CompiledVerordening,
        versie: Versie | None,
        situatie: Situatie,
        peildatum: dt.date,
        feiten: dict[str, Any],
        collecties: Collecties,
        uitkomsten: Uitkomsten,
    ) -> None:
        """Hold the case; the plan is looked up in `trace` (there is none without a versie)."""
        self.cv, self.versie, self.situatie, self.peildatum = cv, versie, situatie, peildatum
        self.feiten, self.collecties, self.u = feiten, collecties, uitkomsten
        self.gelezen: dict[str, GegevenWaarde] = {}
        self.plan: Plan | None = None
        #: The plan's store of shared nodes, set with the plan (none without a versie).
        self.geheugen = _NO_NODE_CACHE
        #: Per behoefte the rules that win now (for `kantelt`).
        self.winnaars: dict[str, list[CompiledRegel]] = {}

    def trace(self) -> Trace:
        """The whole trace: effects, the four steps with their rules, the parameters used."""
        behoeften = [v.behoefte for v in self.situatie.hulpvragen]
        knopen: dict[int, list[TraceKnoop]] = {1: [], 2: [], 3: [], 4: []}
        parameters: set[str] = set()
        alle_effecten = effecten(self.cv)
        if self.versie is not None:
            p = self.plan = plan(self.cv, self.versie)
            self.geheugen = p.geheugen
            self.gelezen = _ReadFacts(self.feiten, p)
            posities: set[int] = set()
            for b in behoeften:
                posities.update(p.per_behoefte.get(b, ()))
            knoop, alle = self.knoop, p.vast
            winnaar_van = self.u.winnaar_van
            for i in sorted(posities):
                vast = alle[i]
                if vast.regel.onderzoeksstap and winnaar_van.get(vast.behoefte or "") != vast.id:
                    continue  # a procedural step for open points shows only where it answers
                knopen[vast.stap].append(knoop(vast))
                if vast.parameters:
                    parameters.update(vast.parameters)
        stappen = tuple(
            vertrouwd(TraceStap, {"nummer": n, "titel": STAP_TITELS[n], "knopen": tuple(k)})
            for n, k in knopen.items()
        )
        stand = self.cv.parameter_stand(self.peildatum)
        gebruik = tuple(stand.gebruik[n] for n in sorted(parameters) if n in stand.gebruik)
        return vertrouwd(
            Trace,
            {
                "effecten": tuple(alle_effecten[b] for b in behoeften),
                "stappen": stappen,
                "parameters": gebruik,
            },
        )

    def knoop(self, vast: VasteKnoop) -> TraceKnoop:
        """The node of one relevant rule: what happened to it, and why."""
        u, feiten = self.u, self.feiten
        status = u.status(vast.regel)
        velden = vast.sjabloon.copy()
        afleiding = vast.afleiding
        if afleiding is not None:
            winnaar = u.run.winnaars.get(afleiding)
            onbepaald = False
        else:
            winnaar = u.winnaar_van.get(vast.behoefte or "")
            onbepaald = vast.behoefte in u.onbepaald
        if status is True:
            if winnaar == vast.id and (not onbepaald or vast.regel.onderzoeksstap):
                if afleiding is not None:
                    velden["soort"] = "afgeleid"
                    if afleiding in feiten:
                        velden["afgeleid"] = GegevenWaarde.van(
                            afleiding, vast.type_afgeleid, feiten[afleiding]
                        )
                else:
                    velden["soort"] = "toegepast"
            elif winnaar is None or onbepaald:
                velden["soort"] = "in_afwachting"
            else:
                velden["soort"] = "opzijgezet"
                velden["opzijgezet_door"] = winnaar
        else:
            sleutel: Hashable = None
            if vast.waarden is not None:
                sleutel = (vast.nummer, status, vast.waarden(feiten))
                bewaard = self.geheugen.find(sleutel)
                if bewaard is not None:
                    if status is False and vast.voorstel and len(bewaard.voorwaarden) == 1:
                        # Whether the rule would change the proposal depends on the other
                        # rules of the case, not only on what this rule reads.
                        return _with_kantelt(bewaard, self.kantelt(vast.regel))
                    return bewaard
            velden["soort"] = "niet_van_toepassing" if status is False else "onbekend"
            beslissend, gelezen = vast.beslissend(feiten, self.collecties)
            if status is False and len(beslissend) == 1 and vast.voorstel:
                velden["kantelt_uitkomst"] = self.kantelt(vast.regel)
            atomen, voorwaarde = vast.atomen, self.voorwaarde
            velden["voorwaarden"] = tuple(
                [voorwaarde(atomen[plek], doel, gelezen[plek]) for plek, doel in beslissend]
            )
            velden["gegevens"] = vast.kies(self.gelezen)
            knoop = vertrouwd(TraceKnoop, velden)
            if sleutel is not None:
                self.geheugen.keep_when_seen_again(sleutel, knoop)
            return knoop
        velden["gegevens"] = vast.kies(self.gelezen)
        return vertrouwd(TraceKnoop, velden)

    def kantelt(self, r: CompiledRegel) -> bool:
        """Would this proposal rule, held back by one condition, change the proposal if it held?

        The proposals that would win with the rule added to the rules that hold, compared
        with the proposals that win now, by what they propose (outcome, instrument, form of
        delivery and the computed amounts and dates, the same comparison as for conflicts).
        A rule that an exception or a higher priority would set aside changes nothing.
        """
        keuze = self.u.keuzes.get(r.behoefte or "")
        if keuze is None:
            return False
        waar, uitkomsten = keuze
        if not waar:
            return True  # nothing holds: the rule would be the proposal
        versie = self.versie
        assert versie is not None
        soort = self.u.soort
        uitzonderingen = versie.uitzonderingen
        if not uitzonderingen.get(r.id):
            # The rule sets no other rule aside, so what `winners` would give with it added
            # follows from what wins now (``nu``, whose proposals are ``uitkomsten``).
            if any(r.id in uitzonderingen.get(b.id, ()) for b in waar):
                return False  # an exception that holds sets the rule aside
            nu = self.winnaars.get(r.behoefte or "")
            if nu is None:
                nu = self.winnaars[r.behoefte or ""] = winners(versie, waar)
            gewoon = bool(nu) and not nu[0].restregel
            if r.restregel:
                if gewoon:
                    return False  # a restregel only answers when nothing else does
            elif not gewoon or r.prioriteit > nu[0].prioriteit:
                # The rule alone would win.
                return len(uitkomsten) != 1 or not _same_kind(r, uitkomsten, soort)
            elif r.prioriteit == nu[0].prioriteit:
                return not _same_kind(r, uitkomsten, soort)  # it would win beside them
            else:
                return False  # a higher priority goes first
        soort = self.u.soort
        return frozenset(soort(x) for x in winners(versie, [*waar, r])) != uitkomsten

    def voorwaarde(
        self,
        atoom: tuple[Cond, str, SourceRef | None] | None,
        uitkomst: bool | None,
        gelezen: tuple[tuple[str, Any], ...],
    ) -> Voorwaarde:
        """A deciding condition (an atom of a rule) with its outcome and the values it read."""
        assert atoom is not None
        feiten, bekend = self.feiten, self.gelezen
        return vertrouwd(
            Voorwaarde,
            {
                "omschrijving": atoom[1],
                "uitkomst": "onwaar" if uitkomst is False else "onbekend",
                # A side that is a plain fact read exactly the case's value: share its object.
                "gegevens": tuple(
                    [
                        bekend[naam]
                        if waarde is feiten.get(naam) and naam in feiten
                        else self.nieuw_gegeven(naam, waarde)
                        for naam, waarde in gelezen
                    ]
                ),
                "bron": atoom[2],
            },
        )

    def nieuw_gegeven(self, naam: str, waarde: Any) -> GegevenWaarde:
        """The trace object of a value read under ``naam`` (shared for onbekend, ja, nee)."""
        assert self.plan is not None
        return self.plan.gegeven(naam, waarde)


_PLANS: Voorbereiding[Plan] = Voorbereiding("trace-plan", _build_plan)
_EFFECTS: Voorbereiding[Mapping[str, Effect]] = Voorbereiding("effecten", _build_effects)
