"""The benchmark: durable_rules against the reference evaluator, in the same run.

Latency is measured side by side (interleaved, case by case), so a noisy machine
affects both engines alike and the ratio stays meaningful. Besides latency: load
and check time, how latency grows with the size of the bylaw (the rules copied two
and four times), throughput in one process and over a process pool, and resident
memory over many evaluations. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verordening.engine.registry import PRODUCTIE, REFERENTIE

if TYPE_CHECKING:
    from verordening._api import Verordening
    from verordening.model.situatie import Situatie

PEILDATUM = dt.date(2025, 3, 1)


def synthetic_situations(aantal: int, seed: int = 7) -> list[dict[str, Any]]:
    """Anonymous, varied situations across the slice's three needs (no personal data)."""
    return list(_synthetisch(aantal, seed))


def _synthetisch(aantal: int, seed: int) -> Iterator[dict[str, Any]]:
    """Draw the situations of `synthetic_situations` from one seeded stream.

    Ages lie on both sides of the rules' age limits (18, 21, 27, the AOW age); the
    needs are the slice's three.
    """
    rnd = random.Random(seed)
    for i in range(aantal):
        leeftijd = rnd.choice([17, 19, 22, 24, 26, 30, 45, 60, 66, 70, 80])
        geboren = dt.date(PEILDATUM.year - leeftijd, rnd.randint(1, 12), rnd.randint(1, 28))
        personen: list[dict[str, Any]] = [
            {
                "id": "p1",
                "rol": "aanvrager",
                "geboortedatum": geboren.isoformat(),
                "verblijfsstatus": rnd.choice(
                    [
                        "nederlander",
                        "nederlander",
                        "gelijkgesteld",
                        "geen_rechtmatig_verblijf",
                    ]
                ),
                "student_met_studiefinanciering": rnd.random() < 0.1,
                "medisch_urenbeperkt": rnd.random() < 0.1,
                "psychische_of_lichamelijke_belemmering": rnd.random() < 0.1,
                "inkomsten": []
                if rnd.random() < 0.6
                else [{"bron": "loon", "bedrag_per_maand": rnd.randint(0, 250000)}],
                "kan_huishouden_doen": rnd.choice(["volledig", "gedeeltelijk", "niet"]),
                "wlz_indicatie": rnd.random() < 0.1,
            }
        ]
        if rnd.random() < 0.4:
            personen.append(
                {
                    "id": "p2",
                    "rol": "partner",
                    "geboortedatum": dt.date(geboren.year + rnd.randint(-5, 5), 6, 1).isoformat(),
                    "inkomsten": [],
                    "kan_huishouden_doen": rnd.choice(["volledig", "niet"]),
                    "langdurig_afwezig": rnd.random() < 0.3,
                }
            )
        for k in range(rnd.choice([0, 0, 1, 2])):
            personen.append(
                {
                    "id": f"k{k}",
                    "rol": rnd.choice(["kind", "medebewoner"]),
                    "geboortedatum": dt.date(PEILDATUM.year - rnd.randint(1, 40), 3, 3).isoformat(),
                    "student_met_studiefinanciering": False,
                    "commerciele_relatie": False,
                }
            )
        vragen = rnd.sample(
            ["inkomen_levensonderhoud", "schoon_en_leefbaar_huis", "schulden_op_orde"],
            rnd.randint(1, 3),
        )
        yield (
            {
                "kenmerk": f"bench-{i}",
                "meldingsdatum": (PEILDATUM - dt.timedelta(days=rnd.randint(0, 60))).isoformat(),
                "personen": personen,
                "vermogen": {"bedrag": rnd.randint(0, 2_000_000)},
                "schulden": {
                    "heeft_schulden": rnd.random() < 0.5,
                    "dreigend": ["huisuitzetting"] if rnd.random() < 0.2 else [],
                },
                "netwerk": {"mantelzorger_overbelast": rnd.random() < 0.2},
                "hulpvragen": [
                    {
                        "behoefte": b,
                        "spoed": rnd.random() < 0.1,
                        "eigen_kracht_toereikend": rnd.random() < 0.2,
                        "algemene_voorziening_toereikend": rnd.random() < 0.3,
                    }
                    for b in vragen
                ],
            }
        )


def _rss_bytes() -> int:
    """Resident memory of this process now (Linux /proc; elsewhere the peak from resource)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def _pct(waarden: list[float], p: float) -> float:
    """The ``p`` quantile of ``waarden`` (nearest rank, no interpolation)."""
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(p * len(geordend)))]


def _ms(seconden: float) -> float:
    """Seconds as milliseconds, rounded for the report."""
    return round(seconden * 1000, 4)


#: Reports progress: what is being measured, how far, out of how many.
Voortgang = Callable[[str, int, int], None]


def _geen_voortgang(_: str, __: int, ___: int) -> None:
    """Progress that reports nothing (the default for tests and scripts)."""


def voortgang_op_stderr() -> Voortgang:
    """Progress for people: a line on stderr per part, and per tenth of a long part."""
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    laatst: dict[str, int] = {}

    def meld(deel: str, gedaan: int, totaal: int) -> None:
        """Print a line when a part starts and at every tenth of it."""
        tiende = 10 * gedaan // max(totaal, 1)
        if laatst.get(deel) != tiende:
            laatst[deel] = tiende
            console.print(f"bench: {deel} {100 * gedaan // max(totaal, 1)} %", markup=False)

    return meld


def _latentie(
    vo: Verordening, warm: Iterable[Situatie], gemeten: Iterable[Situatie]
) -> dict[str, list[float]]:
    """Seconds per case for both engines, interleaved case by case.

    Every situation is evaluated once: the engines take turns on neighbouring situations of
    one generated stream (durable the even ones, the reference the odd ones), so neither
    gains from trace nodes the other just made for the same case (see `tracer._NodeCache`),
    and a noisy moment slows both alike. ``warm`` is evaluated first by both, unmeasured.
    The situations are made one by one, so the benchmark's own inputs do not pile up in
    memory for the garbage collector to walk through.
    """
    tijden: dict[str, list[float]] = {PRODUCTIE: [], REFERENTIE: []}
    for s in warm:
        for engine in tijden:
            vo.evaluate(s, peildatum=PEILDATUM, engine=engine)
    gc.collect()
    klok = time.perf_counter
    lijst_d, lijst_r = tijden[PRODUCTIE], tijden[REFERENTIE]
    stroom = iter(gemeten)
    for a in stroom:
        b = next(stroom, None)
        if b is None:
            break
        t0 = klok()
        vo.evaluate(a, peildatum=PEILDATUM, engine=PRODUCTIE)
        t1 = klok()
        vo.evaluate(b, peildatum=PEILDATUM, engine=REFERENTIE)
        t2 = klok()
        lijst_d.append(t1 - t0)
        lijst_r.append(t2 - t1)
    return tijden


def _schaal(warm: int, gemeten: int, voortgang: Voortgang) -> dict[str, Any]:
    """Median latency on the bylaw with every rule once, twice and four times."""
    from verordening._api import load
    from verordening.bench._scale import vermenigvuldig
    from verordening.bron.loader import shipped_root

    uit: dict[str, Any] = {}
    for stap, factor in enumerate((1, 2, 4)):
        voortgang("schaal", stap, 3)
        with tempfile.TemporaryDirectory(prefix="verordening-schaal-") as tijdelijk:
            root = Path(tijdelijk) / "rulesets"
            vermenigvuldig(shipped_root(), root, factor)
            start = time.perf_counter()
            vo = load(root)
            compileren = time.perf_counter() - start
            try:
                versie = vo.compiled.versie_op(PEILDATUM)
                tijden = _latentie(vo, _stroom(warm, 1), _stroom(gemeten, 4))
            finally:
                vo.close()
        uit[f"{factor}x"] = {
            "regels": len(versie.regels) if versie else 0,
            "compileren_s": round(compileren, 4),
            "mediaan_ms": _ms(statistics.median(tijden[PRODUCTIE])),
            "referentie_mediaan_ms": _ms(statistics.median(tijden[REFERENTIE])),
        }
    een = uit["1x"]
    for maat in ("2x", "4x"):
        uit[f"groei_{maat}"] = round(uit[maat]["mediaan_ms"] / een["mediaan_ms"], 3)
        uit[f"referentie_groei_{maat}"] = round(
            uit[maat]["referentie_mediaan_ms"] / een["referentie_mediaan_ms"], 3
        )
    voortgang("schaal", 3, 3)
    return uit


def _pool(vo: Verordening, aantal: int, voortgang: Voortgang) -> dict[str, Any]:
    """Throughput over two processes: the public evaluate_many, and the workers alone.

    Half of ``aantal`` new situations return each Advies, the other half only the outcome
    (so the workers meet every situation once).
    """
    helft = aantal // 2
    met_advies, kort_ = list(_stroom(helft, 5)), list(_stroom(aantal - helft, 6))
    voortgang("pool", 0, 3)
    start = time.perf_counter()
    pool = vo.pool(2)
    pool.gereed()
    opstart = time.perf_counter() - start
    voortgang("pool", 1, 3)
    start = time.perf_counter()
    for _ in vo.evaluate_many(met_advies, peildatum=PEILDATUM, processen=2):
        pass
    advies = time.perf_counter() - start
    voortgang("pool", 2, 3)
    start = time.perf_counter()
    for _ in pool.uitkomsten(kort_, PEILDATUM, PRODUCTIE, 200):
        pass
    kort = time.perf_counter() - start
    vo.close()
    voortgang("pool", 3, 3)
    return {
        "pool_gevallen": aantal,
        "pool_opstart_s": round(opstart, 3),
        "per_seconde_pool": round(len(met_advies) / advies, 1),
        "per_seconde_pool_met_opstart": round(len(met_advies) / (advies + opstart), 1),
        "per_seconde_pool_uitkomst": round(len(kort_) / kort, 1),
    }


def _geheugen(vo: Verordening, eerst: int, aantal: int, voortgang: Voortgang) -> dict[str, Any]:
    """Resident memory before and after ``aantal`` more evaluations in this process.

    The first ``eerst`` evaluations, each of a new situation, also give the cases per second
    of one process (the time to make the situations not counted); the rest cycle through
    300 situations and only serve the memory reading.
    """
    rondgang = list(_stroom(300, 7))
    gc.collect()
    voor = _rss_bytes()
    stap = max(aantal // 100, 1)
    klok = time.perf_counter
    bezig = 0.0
    eerst = min(eerst, aantal)
    for i, situatie in enumerate(_stroom(eerst, 3)):
        if i % stap == 0:
            voortgang("geheugen", i, aantal)
        t0 = klok()
        vo.evaluate(situatie, peildatum=PEILDATUM)
        bezig += klok() - t0
    for i in range(eerst, aantal):
        if i % stap == 0:
            voortgang("geheugen", i, aantal)
        vo.evaluate(rondgang[i % len(rondgang)], peildatum=PEILDATUM)
    gc.collect()
    na = _rss_bytes()
    voortgang("geheugen", aantal, aantal)
    return {
        "per_seconde_proces": round(eerst / bezig, 1) if bezig else 0.0,
        "geheugen_gevallen": aantal,
        "geheugen_voor_mb": round(voor / 2**20, 1),
        "geheugen_na_mb": round(na / 2**20, 1),
        "geheugengroei_procent": round(100.0 * (na - voor) / voor, 2),
    }


@dataclass(frozen=True)
class Omvang:
    """How many situations each part of the benchmark uses (every one generated anew)."""

    #: Evaluated first by both engines, unmeasured: imports, caches and kept trace nodes warm.
    warm: int
    #: Measured for latency, half per engine.
    latentie: int
    #: The first evaluations of the memory reading, each of a new situation: cases per
    #: second in one process.
    proces: int
    #: Measured per size of the bylaw (1x, 2x, 4x), half per engine, after ``warm // 3``.
    schaal: int
    #: Sent through the pool of two processes: half returning an Advies, half the outcome.
    pool: int
    #: Evaluations between the two readings of resident memory.
    geheugen: int


#: ``bench --snel``: done within a minute on the 2-core reference machine.
SNEL = Omvang(warm=300, latentie=1800, proces=2000, schaal=300, pool=4000, geheugen=20_000)
#: ``bench``: the full run (about 20 minutes at 1 ms per case; run it in the background).
VOL = Omvang(
    warm=1000, latentie=20_000, proces=20_000, schaal=2000, pool=40_000, geheugen=1_000_000
)


def _stroom(aantal: int, seed: int) -> Iterator[Situatie]:
    """``aantal`` new situations, validated one at a time (the same ones for the same seed)."""
    from verordening.model.situatie import Situatie

    for data in _synthetisch(aantal, seed):
        yield Situatie.model_validate(data)


def _gedeeld() -> tuple[int, int]:
    """Trace nodes served from `tracer._NodeCache` so far, and built, over every bylaw."""
    from verordening.engine.tracer import GEDEELD

    return GEDEELD.hits, GEDEELD.misses


def run_bench(
    snel: bool = True, voortgang: Voortgang | None = None, omvang: Omvang | None = None
) -> dict[str, Any]:
    """Measure everything in one run; ``snel`` is the short run (under a minute).

    Every measured situation is new to the process that evaluates it, so nothing kept from
    an earlier evaluation of the same case (trace nodes, see `tracer._NodeCache`) flatters
    a figure. ``omvang`` overrides the sizes (tests use a tiny run).
    """
    from verordening._api import check, load

    maat = omvang or (SNEL if snel else VOL)
    begin = time.perf_counter()
    duur: dict[str, float] = {}
    deel, sinds = "laden", begin

    def meld(naam: str, gedaan: int, totaal: int) -> None:
        """Record each part's wall time for the report, then pass on the progress."""
        nonlocal deel, sinds
        if naam != deel:
            nu = time.perf_counter()
            duur[deel] = round(duur.get(deel, 0.0) + nu - sinds, 1)
            deel, sinds = naam, nu
        if naam != "einde":
            (voortgang or _geen_voortgang)(naam, gedaan, totaal)

    meld("laden", 0, 1)
    start = time.perf_counter()
    vo = load()
    compileren = time.perf_counter() - start
    meld("latentie", 0, 1)
    treffers, missers = _gedeeld()
    tijden = _latentie(vo, _stroom(maat.warm, 1), _stroom(maat.latentie, 2))
    treffers, missers = (a - b for a, b in zip(_gedeeld(), (treffers, missers), strict=True))
    med_d = statistics.median(tijden[PRODUCTIE])
    med_r = statistics.median(tijden[REFERENTIE])
    meld("controleren", 0, 1)
    start = time.perf_counter()
    check()
    controleren = time.perf_counter() - start
    schaal = _schaal(maat.warm // 3, maat.schaal, meld)
    meld("geheugen", 0, 1)
    geheugen = _geheugen(vo, maat.proces, maat.geheugen, meld)
    pool = _pool(vo, maat.pool, meld)
    meld("einde", 0, 0)
    versie = vo.compiled.versie_op(PEILDATUM)
    return {
        "gevallen": len(tijden[PRODUCTIE]) + len(tijden[REFERENTIE]),
        "regels": len(versie.regels) if versie else 0,
        "mediaan_ms": _ms(med_d),
        "p90_ms": _ms(_pct(tijden[PRODUCTIE], 0.9)),
        "p99_ms": _ms(_pct(tijden[PRODUCTIE], 0.99)),
        "referentie_mediaan_ms": _ms(med_r),
        "referentie_p90_ms": _ms(_pct(tijden[REFERENTIE], 0.9)),
        "referentie_p99_ms": _ms(_pct(tijden[REFERENTIE], 0.99)),
        "verhouding_referentie": round(med_d / med_r, 3),
        "trace_gedeeld_procent": round(100.0 * treffers / max(treffers + missers, 1), 1),
        "compileren_s": round(compileren, 4),
        "controleren_s": round(controleren, 4),
        "per_seconde": round(1 / med_d, 1),
        **pool,
        **geheugen,
        "schaal": schaal,
        "duur_s": round(time.perf_counter() - begin, 1),
        "duur_per_deel_s": duur,
    }
