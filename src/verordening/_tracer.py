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

from ._expr import Cond
from ._logic import Collecties
from ._run import Run, winners
from ._types import STAP_TITELS, GegevenType
from .diagnostics import SourceRef
from .trace import (
    Effect,
    GegevenWaarde,
    Trace,
    TraceKnoop,
    TraceStap,
    Voorwaarde,
    vertrouwd,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._compiled import CompiledRegel, CompiledVerordening, Versie
    from .models import Situatie

_TEKST = GegevenType.tekst.value


@dataclass(frozen=True, slots=True)
class _Vast:
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


def _kiezer(namen: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    if not namen:
        return lambda d: ()
    if len(namen) == 1:
        naam = namen[0]
        return lambda d: (d[naam],)
    return operator.itemgetter(*namen)


@dataclass(frozen=True, slots=True)
class Plan:
    """Per versie: the static node parts, and which rules to trace for each behoefte."""

    vast: tuple[_Vast, ...]
    #: Position in ``vast`` of each rule id.
    positie: Mapping[str, int]
    #: Positions in ``vast`` of the rules relevant to each behoefte.
    per_behoefte: Mapping[str, frozenset[int]]
    #: Positions' fact names read, per behoefte (the union over its relevant rules).
    gelezen_per_behoefte: Mapping[str, tuple[str, ...]]
    #: Type of every known fact name (others read as ``tekst``).
    typen: Mapping[str, str]
    #: The trace objects of every fact for the values onbekend, ja and nee (a closed set,
    #: the same in every case).
    vast_onbekend: Mapping[str, GegevenWaarde]
    vast_waar: Mapping[str, GegevenWaarde]
    vast_onwaar: Mapping[str, GegevenWaarde]


def plan(cv: CompiledVerordening, versie: Versie) -> Plan:
    """The trace plan of ``versie``, made once per compiled bylaw."""
    return cv.onthoud(("trace-plan", id(versie)), lambda: _maak_plan(cv, versie))


def effecten(cv: CompiledVerordening) -> Mapping[str, Effect]:
    """The step-1 effect of each behoefte, made once per compiled bylaw."""
    return cv.onthoud(
        "effecten",
        lambda: MappingProxyType(
            {
                code: Effect(
                    behoefte=code,
                    levensdomein=b.levensdomein,
                    omschrijving=b.omschrijving,
                    grondwaarden=b.grondwaarden,
                )
                for code, b in cv.behoeften.items()
            }
        ),
    )


def _maak_plan(cv: CompiledVerordening, versie: Versie) -> Plan:
    typen = {naam: str(info.type) for naam, info in cv.feiten.items()}
    vast = []
    for r in versie.regels:
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
            _Vast(
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
                kies=_kiezer(r.gelezen),
                type_afgeleid=str(cv.gegevens[r.afleiding].type) if r.afleiding else "",
                parameters=frozenset(d[10:] for d in r.deps if d.startswith("parameter.")),
            )
        )
    positie = {r.id: i for i, r in enumerate(versie.regels)}
    per_behoefte = {b: frozenset(positie[i] for i in ids) for b, ids in versie.relevant.items()}
    namen = {n for r in versie.regels for n in r.gelezen} | set(typen)

    def vaste(waarde: bool | None) -> Mapping[str, GegevenWaarde]:
        return MappingProxyType(
            {n: GegevenWaarde.van(n, typen.get(n, _TEKST), waarde) for n in namen}
        )

    return Plan(
        vast=tuple(vast),
        positie=MappingProxyType(positie),
        per_behoefte=MappingProxyType(per_behoefte),
        gelezen_per_behoefte=MappingProxyType(
            {
                b: tuple(dict.fromkeys(n for i in sorted(ps) for n in vast[i].gelezen))
                for b, ps in per_behoefte.items()
            }
        ),
        typen=MappingProxyType(typen),
        vast_onbekend=vaste(None),
        vast_waar=vaste(True),
        vast_onwaar=vaste(False),
    )


@dataclass
class Uitkomsten:
    """What the selection decided, as far as the trace shows it."""

    run: Run
    status: Callable[[CompiledRegel], bool | None]
    winnaar_van: dict[str, str]
    onbepaald: set[str]
    keuzes: dict[str, tuple[list[CompiledRegel], frozenset[Hashable]]]


class Spoor:
    """Builds the trace of one case (one instance per case; not shared between threads)."""

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
        self.cv, self.versie, self.situatie, self.peildatum = cv, versie, situatie, peildatum
        self.feiten, self.collecties, self.u = feiten, collecties, uitkomsten
        self.gelezen: dict[str, GegevenWaarde] = {}
        self.plan: Plan | None = None

    def trace(self) -> Trace:
        """The whole trace: effects, the four steps with their rules, the parameters used."""
        behoeften = [v.behoefte for v in self.situatie.hulpvragen]
        knopen: dict[int, list[TraceKnoop]] = {1: [], 2: [], 3: [], 4: []}
        parameters: set[str] = set()
        alle_effecten = effecten(self.cv)
        if self.versie is not None:
            p = self.plan = plan(self.cv, self.versie)
            posities: set[int] = set()
            gelezen, feiten = self.gelezen, self.feiten
            onbekend, waar, onwaar = p.vast_onbekend, p.vast_waar, p.vast_onwaar
            for b in behoeften:
                posities.update(p.per_behoefte.get(b, ()))
                for naam in p.gelezen_per_behoefte.get(b, ()):
                    if naam in gelezen:
                        continue
                    w = feiten.get(naam)
                    gelezen[naam] = (
                        onbekend[naam]
                        if w is None
                        else waar[naam]
                        if w is True
                        else onwaar[naam]
                        if w is False
                        else GegevenWaarde.van(naam, p.typen.get(naam, _TEKST), w)
                    )
            knoop, alle = self.knoop, p.vast
            for i in sorted(posities):
                vast = alle[i]
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

    def knoop(self, vast: _Vast) -> TraceKnoop:
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
            if winnaar == vast.id and not onbepaald:
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
            velden["soort"] = "niet_van_toepassing" if status is False else "onbekend"
            beslissend, gelezen = vast.beslissend(feiten, self.collecties)
            if status is False and len(beslissend) == 1 and vast.voorstel:
                velden["kantelt_uitkomst"] = self.kantelt(vast.regel)
            atomen, voorwaarde = vast.atomen, self.voorwaarde
            velden["voorwaarden"] = tuple(
                [voorwaarde(atomen[plek], doel, gelezen[plek]) for plek, doel in beslissend]
            )
        velden["gegevens"] = vast.kies(self.gelezen)
        return vertrouwd(TraceKnoop, velden)

    def kantelt(self, r: CompiledRegel) -> bool:
        """Would this proposal rule, held back by one condition, change the proposal if it held?

        Computed as it always was: the kinds of proposal that would win with the rule
        (outcome, instrument, delivery) compared with the outcomes chosen for the need,
        which also hold the computed amounts and dates. The two never compare equal
        unless both are empty, so the answer is yes as soon as anything wins (reported
        as a likely defect; kept so every Advies stays the same).
        """
        keuze = self.u.keuzes.get(r.behoefte or "")
        if keuze is None:
            return False
        waar, uitkomsten = keuze
        if uitkomsten or not waar:
            return True
        assert self.versie is not None
        return bool(winners(self.versie, [*waar, r]))

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
                        if waarde is feiten.get(naam) and naam in bekend
                        else self.nieuw_gegeven(naam, waarde)
                        for naam, waarde in gelezen
                    ]
                ),
                "bron": atoom[2],
            },
        )

    def nieuw_gegeven(self, naam: str, waarde: Any) -> GegevenWaarde:
        """The trace object of a value read under ``naam`` (shared for onbekend, ja, nee)."""
        p = self.plan
        assert p is not None
        if waarde is None:
            vast = p.vast_onbekend.get(naam)
        elif waarde is True:
            vast = p.vast_waar.get(naam)
        elif waarde is False:
            vast = p.vast_onwaar.get(naam)
        else:
            vast = None
        if vast is not None:
            return vast
        return GegevenWaarde.van(naam, p.typen.get(naam, _TEKST), waarde)
