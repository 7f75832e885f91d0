"""YAML scenario tests beside the rules: load, run on both engines, compare, cover.

A scenario file lives in ``rulesets/NN-hoofdstuk/scenarios/`` and lists
scenarios with a situation, a peildatum, the expected outcome and the
reasoning (``toelichting``). `run_scenario` evaluates with durable_rules and
with the reference evaluator; both must agree and match ``verwacht``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from verordening.bron.document import format_pad, parse_file
from verordening.bron.loader import SCENARIO_MAP, diagnostics_from, shipped_root
from verordening.diagnostics import Diagnostic
from verordening.engine import registry
from verordening.errors import SituatieError
from verordening.model.advies import Advies

_CACHE: dict[tuple[str, str | None], Any] = {}


class _Model(BaseModel):
    """Base of the models here: frozen, and no field outside the declared ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class VerwachtVoorstel(_Model):
    """What one proposal must look like; fields left out are not checked."""

    behoefte: str = Field(description="De behoefte.")
    uitkomst: str = Field(description="De verwachte uitkomst.")
    instrument: str | None = Field(default=None, description="Verwacht instrument.")
    regel: str | None = Field(default=None, description="Regel die het voorstel doet.")
    bedrag: int | None = Field(default=None, description="Bedrag in eurocent.")
    uiterlijk: dt.date | None = Field(default=None, description="Uiterste datum.")
    ingangsdatum: dt.date | None = Field(default=None, description="Ingangsdatum.")
    vereist_beoordeling: bool | None = Field(default=None, description="Weging nodig?")
    eigen_bijdrage: int | None = Field(default=None, description="Eigen bijdrage in eurocent.")
    leveringsvorm: str | None = Field(default=None, description="zorg_in_natura of pgb.")


class Verwacht(_Model):
    """The expected Advies; fields left out are not checked."""

    voorstellen: tuple[VerwachtVoorstel, ...] = Field(default=(), description="Per behoefte.")
    vereist_beoordeling: bool | None = Field(default=None, description="Weging nodig?")
    vragen: tuple[str, ...] | None = Field(
        default=None, description="Gegevens waarnaar gevraagd wordt."
    )
    redenen: tuple[str, ...] | None = Field(default=None, description="Codes van de redenen.")
    artikelen: tuple[str, ...] | None = Field(
        default=None, description="Artikelen die (mede) toegepast zijn."
    )
    aannames: tuple[str, ...] | None = Field(
        default=None, description="Gegevens waarvoor een vermoeden gebruikt is."
    )


class Scenario(_Model):
    """One scenario: a situation on a peildatum with its expected outcome and reasoning."""

    naam: str = Field(description="Korte naam.")
    toelichting: str = Field(description="De redenering: waarom dit de uitkomst is.")
    peildatum: dt.date = Field(description="Peildatum.")
    gemeente: str | None = Field(default=None, description="Gemeente-overlay.")
    situatie: dict[str, Any] = Field(description="De situatie, zoals een zaaksysteem die stuurt.")
    verwacht: Verwacht = Field(description="Verwachte uitkomst.")


class ScenarioBestand(_Model):
    """A scenario file."""

    schema_versie: int = Field(ge=1, le=1, description="Versie van dit formaat.")
    scenarios: tuple[Scenario, ...] = Field(min_length=1, description="De scenario's.")


@dataclass
class Uitslag:
    """Result of one scenario."""

    bestand: str
    naam: str
    regel: int
    verschillen: list[str] = field(default_factory=list)
    toegepast: set[str] = field(default_factory=set)
    advies: Advies | None = None

    @property
    def geslaagd(self) -> bool:
        """True when the scenario passed."""
        return not self.verschillen


def find_files(root: Path) -> list[Path]:
    """Every scenario file under ``root``."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.yaml") if SCENARIO_MAP in p.relative_to(root).parts[:-1])


def ruleset_root(pad: Path) -> Path:
    """The rulesets folder a scenario file belongs to (the one holding ``01-inleiding``).

    A scenario file outside any rulesets folder is run against the shipped rulesets.
    """
    start = pad.resolve()
    for ouder in [start, *start.parents]:
        if (ouder / "01-inleiding").is_dir():
            return ouder
    return shipped_root()


def load_file(pad: Path) -> tuple[list[tuple[Scenario, int]], list[Diagnostic]]:
    """Parse and validate a scenario file; scenarios come with their line numbers."""
    doc, fouten = parse_file(pad)
    if doc is None or fouten:
        return [], fouten
    try:
        bestand = ScenarioBestand.model_validate(doc.data)
    except ValidationError as exc:
        return [], diagnostics_from(doc, exc)
    return [(s, doc.ref(("scenarios", i)).regel) for i, s in enumerate(bestand.scenarios)], []


def _verordening(root: Path, gemeente: str | None) -> Any:
    """The bylaw under ``root`` with ``gemeente``'s overlay, loaded once per process.

    Every scenario of one tree shares it; loading is the slow part of a scenario run.
    """
    from verordening._api import load

    sleutel = (str(root), gemeente)
    if sleutel not in _CACHE:
        _CACHE[sleutel] = load(root, gemeente=gemeente)
    return _CACHE[sleutel]


def run_scenario(scenario: Scenario, root: Path, bestand: str = "", regel: int = 0) -> Uitslag:
    """Evaluate one scenario on both engines and compare with ``verwacht``."""
    uit = Uitslag(bestand=bestand, naam=scenario.naam, regel=regel)
    vo = _verordening(root, scenario.gemeente)
    try:
        advies = vo.evaluate(scenario.situatie, peildatum=scenario.peildatum)
        referentie = vo.evaluate(
            scenario.situatie, peildatum=scenario.peildatum, engine=registry.REFERENTIE
        )
    except SituatieError as exc:
        uit.verschillen.append(
            f"de situatie is ongeldig: {'; '.join(str(p) for p in exc.problemen)}"
        )
        return uit
    uit.advies = advies
    gelijk = advies.model_dump(exclude={"ontvangstbewijs"}) == referentie.model_dump(
        exclude={"ontvangstbewijs"}
    )
    if not gelijk:
        uit.verschillen.append("durable_rules en de referentie-evaluator geven een ander advies")
    uit.verschillen.extend(compare(advies, scenario.verwacht))
    # Exercised: the rule held and decided the outcome, or would have if a missing or
    # unconfirmed value had been known (in_afwachting).
    uit.toegepast = {
        k.regel
        for s in advies.trace.stappen
        for k in s.knopen
        if k.soort in ("toegepast", "afgeleid", "in_afwachting")
    }
    return uit


def compare(advies: Advies, verwacht: Verwacht) -> list[str]:
    """Differences between an Advies and what a scenario expects, in Dutch."""
    verschillen: list[str] = []
    per_behoefte = {v.behoefte: v for v in advies.voorstellen}
    for vv in verwacht.voorstellen:
        echt = per_behoefte.get(vv.behoefte)
        if echt is None:
            verschillen.append(f"geen voorstel voor '{vv.behoefte}' (verwacht: {vv.uitkomst})")
            continue
        for veld in (
            "uitkomst",
            "instrument",
            "regel",
            "bedrag",
            "uiterlijk",
            "ingangsdatum",
            "vereist_beoordeling",
            "eigen_bijdrage",
            "leveringsvorm",
        ):
            gewenst = getattr(vv, veld)
            if gewenst is None:
                continue
            gekregen = getattr(echt, veld)
            if str(gekregen) != str(gewenst):
                verschillen.append(f"{vv.behoefte}.{veld}: verwacht {gewenst}, gekregen {gekregen}")
    if (
        verwacht.vereist_beoordeling is not None
        and advies.vereist_beoordeling != verwacht.vereist_beoordeling
    ):
        verschillen.append(
            f"vereist_beoordeling: verwacht {verwacht.vereist_beoordeling}, "
            f"gekregen {advies.vereist_beoordeling}"
        )
    if verwacht.vragen is not None:
        gekregen_vragen = sorted(v.gegeven for v in advies.vragen)
        if gekregen_vragen != sorted(verwacht.vragen):
            verschillen.append(
                f"vragen: verwacht {sorted(verwacht.vragen)}, gekregen {gekregen_vragen}"
            )
    if verwacht.redenen is not None:
        codes = sorted(r.code for r in advies.redenen)
        if codes != sorted(verwacht.redenen):
            verschillen.append(f"redenen: verwacht {sorted(verwacht.redenen)}, gekregen {codes}")
    if verwacht.aannames is not None:
        gekregen_aannames = sorted(a.gegeven for a in advies.aannames)
        if gekregen_aannames != sorted(verwacht.aannames):
            verschillen.append(
                f"aannames: verwacht {sorted(verwacht.aannames)}, gekregen {gekregen_aannames}"
            )
    if verwacht.artikelen is not None:
        toegepast = {
            k.artikel.split(" lid")[0]
            for s in advies.trace.stappen
            for k in s.knopen
            if k.soort in ("toegepast", "afgeleid")
        }
        ontbreekt = sorted(set(verwacht.artikelen) - toegepast)
        if ontbreekt:
            verschillen.append(f"artikelen niet toegepast: {', '.join(ontbreekt)}")
    return verschillen


def run_all(paden: Iterable[Path]) -> Iterator[Uitslag | Diagnostic]:
    """Run every scenario in the given files; file problems come out as diagnostics."""
    for pad in paden:
        scenarios, fouten = load_file(pad)
        yield from fouten
        root = ruleset_root(pad)
        for scenario, regel in scenarios:
            yield run_scenario(scenario, root, str(pad), regel)


def coverage(
    root: Path, uitslagen: Iterable[Uitslag], gemeente: str | None = None
) -> tuple[list[str], list[str]]:
    """Rules exercised (fired) by the scenarios, and rules never exercised."""
    vo = _verordening(root, gemeente)
    alle = sorted({r.id.split("@")[0] for v in vo.compiled.versies for r in v.regels})
    geraakt: set[str] = set()
    for u in uitslagen:
        geraakt |= {r.split("@")[0] for r in u.toegepast}
    return [r for r in alle if r in geraakt], [r for r in alle if r not in geraakt]


__all__ = [
    "Scenario",
    "ScenarioBestand",
    "Uitslag",
    "compare",
    "coverage",
    "find_files",
    "format_pad",
    "run_all",
    "run_scenario",
]
