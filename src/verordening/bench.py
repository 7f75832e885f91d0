"""A short benchmark: durable_rules against the reference evaluator, in the same run.

Figures are ratios measured side by side (interleaved), so a noisy machine
affects both engines alike. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import statistics
import time
from typing import Any

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


def run_bench(snel: bool = True) -> dict[str, Any]:
    """Measure per-case latency of both engines, interleaved, plus load time."""
    from ._api import load
    from .models import Situatie

    start = time.perf_counter()
    vo = load()
    compileren = time.perf_counter() - start
    situaties = [Situatie.model_validate(s) for s in synthetic_situations(300 if snel else 2000)]
    rondes = 3 if snel else 5
    tijden: dict[str, list[float]] = {"durable_rules": [], "referentie": []}
    for s in situaties[:20]:
        vo.evaluate(s, peildatum=PEILDATUM)
        vo.evaluate(s, peildatum=PEILDATUM, engine="referentie")
    gc.collect()
    for _ in range(rondes):
        for s in situaties:
            for engine in ("durable_rules", "referentie"):
                t0 = time.perf_counter()
                vo.evaluate(s, peildatum=PEILDATUM, engine=engine)
                tijden[engine].append(time.perf_counter() - t0)
    med_d = statistics.median(tijden["durable_rules"])
    med_r = statistics.median(tijden["referentie"])
    start = time.perf_counter()
    from ._api import check

    check()
    controleren = time.perf_counter() - start
    pool_aantal = 2000 if snel else 20_000
    stroom = [situaties[i % len(situaties)] for i in range(pool_aantal)]
    start = time.perf_counter()
    for _ in vo.evaluate_many(stroom, peildatum=PEILDATUM, processen=2):
        pass
    per_seconde_pool = pool_aantal / (time.perf_counter() - start)
    geheugen_aantal = 10_000 if snel else 1_000_000
    gc.collect()
    voor = _rss_bytes()
    for i in range(geheugen_aantal):
        vo.evaluate(situaties[i % len(situaties)], peildatum=PEILDATUM)
    gc.collect()
    groei = 100.0 * (_rss_bytes() - voor) / voor
    return {
        "gevallen": len(situaties) * rondes,
        "regels": sum(len(v.regels) for v in vo.compiled.versies[-1:]),
        "mediaan_ms": round(med_d * 1000, 4),
        "p90_ms": round(_pct(tijden["durable_rules"], 0.9) * 1000, 4),
        "p99_ms": round(_pct(tijden["durable_rules"], 0.99) * 1000, 4),
        "referentie_mediaan_ms": round(med_r * 1000, 4),
        "referentie_p99_ms": round(_pct(tijden["referentie"], 0.99) * 1000, 4),
        "verhouding_referentie": round(med_d / med_r, 3),
        "compileren_s": round(compileren, 4),
        "controleren_s": round(controleren, 4),
        "per_seconde": round(1 / med_d, 1),
        "per_seconde_pool": round(per_seconde_pool, 1),
        "geheugen_gevallen": geheugen_aantal,
        "geheugengroei_procent": round(groei, 2),
    }
