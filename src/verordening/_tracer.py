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
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ._logic import AtoomUitkomst, Collecties
from ._run import Run, soort_voorstel, winners
from ._types import STAP_TITELS, GegevenType
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
    #: ``regel`` … ``gevolgen`` of `TraceKnoop`, in field order.
    kop: Mapping[str, Any]
    #: Every fact the rule reads, with its type.
    gelezen: tuple[tuple[str, str], ...]
    #: The type of the derived fact the rule sets, if any.
    type_afgeleid: str
    #: The parameters the rule reads.
    parameters: frozenset[str]


@dataclass(frozen=True, slots=True)
class Plan:
    """Per versie: the static node parts, and which rules to trace for each behoefte."""

    vast: tuple[_Vast, ...]
    #: Positions in ``vast`` of the rules relevant to each behoefte.
    per_behoefte: Mapping[str, frozenset[int]]
    #: Type of every known fact name (others read as ``tekst``).
    typen: Mapping[str, str]


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
        kop = {
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
        }
        vast.append(
            _Vast(
                regel=r,
                kop=MappingProxyType(kop),
                gelezen=tuple((n, typen.get(n, _TEKST)) for n in r.gelezen),
                type_afgeleid=str(cv.gegevens[r.afleiding].type) if r.afleiding else "",
                parameters=frozenset(d[10:] for d in r.deps if d.startswith("parameter.")),
            )
        )
    positie = {r.id: i for i, r in enumerate(versie.regels)}
    return Plan(
        vast=tuple(vast),
        per_behoefte=MappingProxyType(
            {b: frozenset(positie[i] for i in ids) for b, ids in versie.relevant.items()}
        ),
        typen=MappingProxyType(typen),
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
        self.typen: Mapping[str, str] = {}

    def trace(self) -> Trace:
        """The whole trace: effects, the four steps with their rules, the parameters used."""
        behoeften = [v.behoefte for v in self.situatie.hulpvragen]
        knopen: dict[int, list[TraceKnoop]] = {1: [], 2: [], 3: [], 4: []}
        parameters: set[str] = set()
        alle_effecten = effecten(self.cv)
        if self.versie is not None:
            p = plan(self.cv, self.versie)
            self.typen = p.typen
            posities: set[int] = set()
            for b in behoeften:
                posities.update(p.per_behoefte.get(b, ()))
            for i in sorted(posities):
                vast = p.vast[i]
                knopen[vast.regel.stap].append(self.knoop(vast))
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
        r, u, feiten = vast.regel, self.u, self.feiten
        status = u.status(r)
        winnaar = (
            u.run.winnaars.get(r.afleiding) if r.afleiding else u.winnaar_van.get(r.behoefte or "")
        )
        afgeleid = None
        onbepaald = r.behoefte in u.onbepaald if r.afleiding is None else False
        if status is True:
            if winnaar == r.id and not onbepaald:
                soort = "afgeleid" if r.afleiding else "toegepast"
                if r.afleiding and r.afleiding in feiten:
                    afgeleid = GegevenWaarde.van(
                        r.afleiding, vast.type_afgeleid, feiten[r.afleiding]
                    )
            elif winnaar is None or onbepaald:
                soort = "in_afwachting"
            else:
                soort = "opzijgezet"
        else:
            soort = "niet_van_toepassing" if status is False else "onbekend"
        voorwaarden: tuple[Voorwaarde, ...] = ()
        kantelt = False
        if status is not True:
            atomen = r.verklaar(feiten, self.collecties)
            if status is False and len(atomen) == 1 and r.voorstel and r.behoefte in u.keuzes:
                waar, uitkomsten = u.keuzes[r.behoefte]
                assert self.versie is not None
                kantelt = (
                    frozenset(soort_voorstel(x) for x in winners(self.versie, [*waar, r]))
                    != uitkomsten
                )
            voorwaarden = tuple(self.voorwaarde(a) for a in atomen)
        velden = {"soort": soort, **vast.kop}
        velden["gegevens"] = tuple(self.gegeven(n, t) for n, t in vast.gelezen)
        velden["voorwaarden"] = voorwaarden
        velden["afgeleid"] = afgeleid
        velden["opzijgezet_door"] = winnaar if soort == "opzijgezet" else None
        velden["kantelt_uitkomst"] = kantelt
        return vertrouwd(TraceKnoop, velden)

    def voorwaarde(self, atoom: AtoomUitkomst) -> Voorwaarde:
        """A deciding condition with the values it read."""
        gegevens = []
        for naam, waarde in atoom.gelezen:
            # A side that is a plain fact read exactly the case's value: share its object.
            if waarde is self.feiten.get(naam):
                gegevens.append(self.gegeven(naam, self.typen.get(naam, _TEKST)))
            else:
                gegevens.append(GegevenWaarde.van(naam, self.typen.get(naam, _TEKST), waarde))
        return vertrouwd(
            Voorwaarde,
            {
                "omschrijving": atoom.omschrijving,
                "uitkomst": "onwaar" if atoom.uitkomst is False else "onbekend",
                "gegevens": tuple(gegevens),
                "bron": atoom.plaats,
            },
        )

    def gegeven(self, naam: str, type_: str) -> GegevenWaarde:
        """The trace object for a fact's value in this case (built once per fact)."""
        gevonden = self.gelezen.get(naam)
        if gevonden is None:
            gevonden = GegevenWaarde.van(naam, type_, self.feiten.get(naam))
            self.gelezen[naam] = gevonden
        return gevonden
