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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._api import Verordening
    from .models import Situatie

PEILDATUM = dt.date(2025, 3, 1)


def synthetic_situations(aantal: int, seed: int = 7) -> list[dict[str, Any]]:
    """Anonymous, varied situations across the slice's three needs (no personal data)."""
    rnd = random.Random(seed)
    uit: list[dict[str, Any]] = []
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
        uit.append(
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
    return uit


def _rss_bytes() -> int:
    """Resident memory of this process now (Linux /proc; elsewhere the peak from resource)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


def _pct(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(p * len(geordend)))]


def _ms(seconden: float) -> float:
    return round(seconden * 1000, 4)


#: Reports progress: what is being measured, how far, out of how many.
Voortgang = Callable[[str, int, int], None]


def _geen_voortgang(_: str, __: int, ___: int) -> None:
    return None


def voortgang_op_stderr() -> Voortgang:
    """Progress for people: a line on stderr per part, and per tenth of a long part."""
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    laatst: dict[str, int] = {}

    def meld(deel: str, gedaan: int, totaal: int) -> None:
        tiende = 10 * gedaan // max(totaal, 1)
        if laatst.get(deel) != tiende:
            laatst[deel] = tiende
            console.print(f"bench: {deel} {100 * gedaan // max(totaal, 1)} %", markup=False)

    return meld


def _latentie(vo: Verordening, situaties: list[Situatie], rondes: int) -> dict[str, list[float]]:
    """Seconds per case for both engines, interleaved case by case."""
    tijden: dict[str, list[float]] = {"durable_rules": [], "referentie": []}
    for s in situaties[:20]:
        for engine in tijden:
            vo.evaluate(s, peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
    gc.collect()
    klok = time.perf_counter
    for _ in range(rondes):
        for s in situaties:
            for engine, lijst in tijden.items():
                t0 = klok()
                vo.evaluate(s, peildatum=PEILDATUM, engine=engine)  # type: ignore[arg-type]
                lijst.append(klok() - t0)
    return tijden


def _schaal(situaties: list[Situatie], snel: bool, voortgang: Voortgang) -> dict[str, Any]:
    """Median latency on the bylaw with every rule once, twice and four times."""
    from ._api import load
    from ._bench_schaal import vermenigvuldig
    from .loader import shipped_root

    uit: dict[str, Any] = {}
    deel = situaties[: 100 if snel else 300]
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
                tijden = _latentie(vo, deel, 2 if snel else 3)
            finally:
                vo.close()
        uit[f"{factor}x"] = {
            "regels": len(versie.regels) if versie else 0,
            "compileren_s": round(compileren, 4),
            "mediaan_ms": _ms(statistics.median(tijden["durable_rules"])),
            "referentie_mediaan_ms": _ms(statistics.median(tijden["referentie"])),
        }
    een = uit["1x"]
    for maat in ("2x", "4x"):
        uit[f"groei_{maat}"] = round(uit[maat]["mediaan_ms"] / een["mediaan_ms"], 3)
        uit[f"referentie_groei_{maat}"] = round(
            uit[maat]["referentie_mediaan_ms"] / een["referentie_mediaan_ms"], 3
        )
    voortgang("schaal", 3, 3)
    return uit


def _pool(
    vo: Verordening, situaties: list[Situatie], aantal: int, voortgang: Voortgang
) -> dict[str, Any]:
    """Throughput over two processes: the public evaluate_many, and the workers alone."""
    stroom = [situaties[i % len(situaties)] for i in range(aantal)]
    voortgang("pool", 0, 3)
    start = time.perf_counter()
    pool = vo.pool(2)
    pool.gereed()
    opstart = time.perf_counter() - start
    voortgang("pool", 1, 3)
    start = time.perf_counter()
    for _ in vo.evaluate_many(stroom, peildatum=PEILDATUM, processen=2):
        pass
    advies = time.perf_counter() - start
    voortgang("pool", 2, 3)
    start = time.perf_counter()
    for _ in pool.uitkomsten(stroom, PEILDATUM, "durable_rules", 200):
        pass
    kort = time.perf_counter() - start
    vo.close()
    voortgang("pool", 3, 3)
    return {
        "pool_gevallen": aantal,
        "pool_opstart_s": round(opstart, 3),
        "per_seconde_pool": round(aantal / advies, 1),
        "per_seconde_pool_met_opstart": round(aantal / (advies + opstart), 1),
        "per_seconde_pool_uitkomst": round(aantal / kort, 1),
    }


def _geheugen(
    vo: Verordening, situaties: list[Situatie], aantal: int, voortgang: Voortgang
) -> dict[str, Any]:
    """Resident memory before and after ``aantal`` more evaluations in this process."""
    gc.collect()
    voor = _rss_bytes()
    stap = max(aantal // 100, 1)
    for i in range(aantal):
        if i % stap == 0:
            voortgang("geheugen", i, aantal)
        vo.evaluate(situaties[i % len(situaties)], peildatum=PEILDATUM)
    gc.collect()
    na = _rss_bytes()
    voortgang("geheugen", aantal, aantal)
    return {
        "geheugen_gevallen": aantal,
        "geheugen_voor_mb": round(voor / 2**20, 1),
        "geheugen_na_mb": round(na / 2**20, 1),
        "geheugengroei_procent": round(100.0 * (na - voor) / voor, 2),
    }


def run_bench(snel: bool = True, voortgang: Voortgang | None = None) -> dict[str, Any]:
    """Measure everything in one run; ``snel`` is the short run (about a minute).

    Full run: 2,000 situations x 5 rounds, the pool over 20,000 cases and memory over
    1,000,000 evaluations. Short run: 300 x 3, 2,000 and 100,000.
    """
    from ._api import check, load
    from .models import Situatie

    meld = voortgang or _geen_voortgang
    begin = time.perf_counter()
    meld("laden", 0, 1)
    start = time.perf_counter()
    vo = load()
    compileren = time.perf_counter() - start
    situaties = [Situatie.model_validate(s) for s in synthetic_situations(300 if snel else 2000)]
    rondes = 3 if snel else 5
    meld("latentie", 0, 1)
    tijden = _latentie(vo, situaties, rondes)
    med_d = statistics.median(tijden["durable_rules"])
    med_r = statistics.median(tijden["referentie"])
    meld("controleren", 0, 1)
    start = time.perf_counter()
    check()
    controleren = time.perf_counter() - start
    proces_aantal = 2000 if snel else 20_000
    meld("proces", 0, 1)
    start = time.perf_counter()
    for i in range(proces_aantal):
        vo.evaluate(situaties[i % len(situaties)], peildatum=PEILDATUM)
    per_seconde_proces = proces_aantal / (time.perf_counter() - start)
    schaal = _schaal(situaties, snel, meld)
    geheugen = _geheugen(vo, situaties, 100_000 if snel else 1_000_000, meld)
    pool = _pool(vo, situaties, 2000 if snel else 20_000, meld)
    versie = vo.compiled.versie_op(PEILDATUM)
    return {
        "gevallen": len(situaties) * rondes,
        "regels": len(versie.regels) if versie else 0,
        "mediaan_ms": _ms(med_d),
        "p90_ms": _ms(_pct(tijden["durable_rules"], 0.9)),
        "p99_ms": _ms(_pct(tijden["durable_rules"], 0.99)),
        "referentie_mediaan_ms": _ms(med_r),
        "referentie_p90_ms": _ms(_pct(tijden["referentie"], 0.9)),
        "referentie_p99_ms": _ms(_pct(tijden["referentie"], 0.99)),
        "verhouding_referentie": round(med_d / med_r, 3),
        "compileren_s": round(compileren, 4),
        "controleren_s": round(controleren, 4),
        "per_seconde": round(1 / med_d, 1),
        "per_seconde_proces": round(per_seconde_proces, 1),
        **pool,
        **geheugen,
        "schaal": schaal,
        "duur_s": round(time.perf_counter() - begin, 1),
    }
