"""Engine duties (DESIGN §5) and API behaviour (DESIGN §2)."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import verordening
from tests.conftest import RULESETS
from verordening.engine import _durable

VOORBEELDEN = sorted((Path(__file__).parents[2] / "examples" / "situaties").glob("*.yaml"))


def _laad(pad: Path) -> tuple[dict[str, Any], dt.date]:
    data = yaml.safe_load(pad.read_text(encoding="utf-8"))
    return data, data["peildatum"]


def _kern(advies: verordening.Advies) -> dict[str, Any]:
    data = advies.model_dump(mode="json")
    data["ontvangstbewijs"].pop("engine")
    return data


@pytest.mark.parametrize("pad", VOORBEELDEN, ids=lambda p: p.stem)
def test_both_engines_give_the_same_advies_on_every_example(
    vo: verordening.Verordening, pad: Path
) -> None:
    situatie, peildatum = _laad(pad)
    assert _kern(vo.evaluate(situatie, peildatum=peildatum)) == _kern(
        vo.evaluate(situatie, peildatum=peildatum, engine="referentie")
    )


def test_eight_threads_give_the_sequential_results(vo: verordening.Verordening) -> None:
    gevallen = [_laad(p) for p in VOORBEELDEN] * 40
    verwacht = [vo.evaluate(s, peildatum=d).model_dump_json() for s, d in gevallen]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        echt = list(
            pool.map(lambda g: vo.evaluate(g[0], peildatum=g[1]).model_dump_json(), gevallen)
        )
    assert echt == verwacht


def test_eight_threads_share_trace_nodes_and_sessions_without_changing_a_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Varied situations, so the threads share kept trace nodes (a small store, so its
    # generations also turn over while they run) and the reused durable sessions.
    from verordening.bench import PEILDATUM, synthetic_situations
    from verordening.engine import tracer as _tracer

    monkeypatch.setattr(_tracer, "GEHEUGEN_KNOPEN", 64)
    vo = verordening.load(RULESETS)
    try:
        gevallen = [(s, PEILDATUM) for s in synthetic_situations(240, seed=23)]
        gevallen += [_laad(p) for p in VOORBEELDEN]
        verwacht = [vo.evaluate(s, peildatum=d).model_dump_json() for s, d in gevallen]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            echt = list(
                pool.map(lambda g: vo.evaluate(g[0], peildatum=g[1]).model_dump_json(), gevallen)
            )
    finally:
        vo.close()
    assert echt == verwacht


@pytest.mark.langzaam  # 1,100 evaluations in a row
def test_more_than_1024_cases_in_one_process(vo: verordening.Verordening) -> None:
    situatie, peildatum = _laad(VOORBEELDEN[0])
    eerste = vo.evaluate(situatie, peildatum=peildatum)
    for _ in range(1100):
        laatste = vo.evaluate(situatie, peildatum=peildatum)
    assert laatste == eerste


def test_reload_frees_and_reuses_native_rulesets(tmp_path: Path) -> None:
    situatie, peildatum = _laad(VOORBEELDEN[0])
    a = verordening.load(RULESETS)
    eerste = a.evaluate(situatie, peildatum=peildatum)
    kopie = tmp_path / "rulesets"
    shutil.copytree(RULESETS, kopie)
    b = verordening.load(kopie)
    assert b.evaluate(situatie, peildatum=peildatum).voorstellen == eerste.voorstellen
    voor = len(_durable.REGISTRY)
    a.close()
    b.close()
    assert len(_durable.REGISTRY) <= voor
    c = verordening.load(RULESETS)
    assert c.evaluate(situatie, peildatum=peildatum).voorstellen == eerste.voorstellen


def test_invalid_input_lists_every_problem_by_path(vo: verordening.Verordening) -> None:
    with pytest.raises(verordening.SituatieError) as exc:
        vo.evaluate(
            {
                "personen": [{"id": "p1", "rol": "koning", "geboortedatum": "gisteren"}],
                "hulpvragen": [{"behoefte": "inkomen_levensonderhoud", "uren_per_week": -1}],
            },
            peildatum=dt.date(2024, 1, 1),
        )
    paden = {p.pad for p in exc.value.problemen}
    assert {
        "$.personen[0].rol",
        "$.personen[0].geboortedatum",
        "$.hulpvragen[0].uren_per_week",
    } <= paden


def test_unknown_behoefte_is_invalid_input_with_suggestion(
    vo: verordening.Verordening,
) -> None:
    with pytest.raises(verordening.SituatieError) as exc:
        vo.evaluate(
            {
                "personen": [{"id": "p1", "rol": "aanvrager"}],
                "hulpvragen": [{"behoefte": "inkomen_levensonderhoudt"}],
            },
            peildatum=dt.date(2024, 1, 1),
        )
    assert exc.value.problemen[0].pad == "$.hulpvragen[0].behoefte"
    assert "inkomen_levensonderhoud" in exc.value.problemen[0].bericht


def test_minimal_situation_asks_questions_instead_of_guessing(
    vo: verordening.Verordening,
) -> None:
    advies = vo.evaluate(
        {
            "personen": [{"id": "p1", "rol": "aanvrager"}],
            "hulpvragen": [{"behoefte": "inkomen_levensonderhoud"}],
        },
        peildatum=dt.date(2024, 3, 1),
    )
    assert [v.uitkomst for v in advies.voorstellen] == ["onbekend"]
    gevraagd = {v.gegeven for v in advies.vragen}
    assert {"aanvrager.leeftijd", "aanvrager.verblijfsstatus"} <= gevraagd


def test_peildatum_selects_parameters(vo: verordening.Verordening) -> None:
    situatie, _ = _laad(VOORBEELDEN[0])
    bedragen = {
        d: vo.evaluate(situatie, peildatum=d).voorstellen[0].bedrag
        for d in (dt.date(2023, 2, 1), dt.date(2023, 8, 1), dt.date(2024, 2, 1))
    }
    assert bedragen == {
        dt.date(2023, 2, 1): 170808,
        dt.date(2023, 8, 1): 173802,
        dt.date(2024, 2, 1): 183404,
    }


def test_no_bylaw_in_force_is_a_result_not_an_exception(
    vo: verordening.Verordening,
) -> None:
    situatie, _ = _laad(VOORBEELDEN[0])
    advies = vo.evaluate(situatie, peildatum=dt.date(2019, 1, 1))
    assert advies.voorstellen == () and advies.vereist_beoordeling
    assert advies.redenen[0].code == "geen_verordening"


def test_peildatum_must_be_a_date(vo: verordening.Verordening) -> None:
    situatie, _ = _laad(VOORBEELDEN[0])
    with pytest.raises(verordening.SituatieError):
        vo.evaluate(situatie, peildatum="2024-01-01")  # type: ignore[arg-type]


def test_receipt_replays_and_kenmerk_stays_out_of_the_input_hash(
    vo: verordening.Verordening,
) -> None:
    situatie, peildatum = _laad(VOORBEELDEN[0])
    advies = vo.evaluate(situatie, peildatum=peildatum)
    ander = vo.evaluate({**situatie, "kenmerk": "ander-kenmerk"}, peildatum=peildatum)
    assert advies.ontvangstbewijs.invoer_hash == ander.ontvangstbewijs.invoer_hash
    assert not verordening.herhaal(advies, vo)
    herladen = verordening.Advies.model_validate_json(advies.model_dump_json())
    assert herladen == advies and not verordening.herhaal(herladen, vo)


def test_replay_reports_a_changed_ruleset(tmp_path: Path, vo: verordening.Verordening) -> None:
    situatie, peildatum = _laad(VOORBEELDEN[0])
    advies = vo.evaluate(situatie, peildatum=peildatum)
    kopie = tmp_path / "rulesets"
    shutil.copytree(RULESETS, kopie)
    normen = kopie / "parameters" / "bijstandsnormen.yaml"
    normen.write_text(
        normen.read_text(encoding="utf-8").replace("waarde: 170808", "waarde: 170809"),
        encoding="utf-8",
    )
    verschil = verordening.herhaal(advies, verordening.load(kopie))
    assert verschil and any("regelset" in v for v in verschil.verschillen)


def test_evaluate_many_in_two_processes_keeps_order(
    vo: verordening.Verordening,
) -> None:
    gevallen = [_laad(p)[0] for p in VOORBEELDEN] * 3
    peildatum = dt.date(2024, 5, 1)
    volgorde = [
        a.kenmerk for a in vo.evaluate_many(gevallen, peildatum=peildatum, processen=2, blok=4)
    ]
    assert volgorde == [g["kenmerk"] for g in gevallen]
    los = [vo.evaluate(g, peildatum=peildatum).voorstellen for g in gevallen]
    samen = [
        a.voorstellen for a in vo.evaluate_many(gevallen, peildatum=peildatum, processen=2, blok=4)
    ]
    assert samen == los


def test_engine_failure_is_raised_not_swallowed(
    vo: verordening.Verordening, monkeypatch: pytest.MonkeyPatch
) -> None:
    situatie, peildatum = _laad(VOORBEELDEN[0])

    def kapot(*_: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(_durable, "resolve_stratum", kapot)
    with pytest.raises(verordening.EvaluatieError, match="kapot"):
        vo.evaluate(situatie, peildatum=peildatum)
    monkeypatch.undo()
    assert vo.evaluate(situatie, peildatum=peildatum).voorstellen


def _sessies_leeg() -> list[str]:
    """The facts left behind in the reused sessions (none after a case ends)."""
    with _durable._LOCK:
        return [
            f"{handle}: {feit}"
            for handle, sid in _durable._SESSIONS.sid.items()
            for feit in json.loads(_durable._engine.get_facts(handle, sid))
        ]


def test_reused_sessions_are_empty_after_each_case_and_after_a_failure(
    vo: verordening.Verordening, monkeypatch: pytest.MonkeyPatch
) -> None:
    gevallen = [_laad(p) for p in VOORBEELDEN]
    verwacht = [vo.evaluate(s, peildatum=d) for s, d in gevallen]
    assert _durable._SESSIONS.sid, "every C ruleset keeps one session between cases"
    assert _sessies_leeg() == []
    voor = dict(_durable._SESSIONS.sid)
    for s, d in gevallen:
        vo.evaluate(s, peildatum=d)
    assert _durable._SESSIONS.sid == voor, "the same sessions serve the next cases"

    # A case that fails halfway (after the first stratum's actions ran) drops the
    # sessions it touched; the next cases start new ones and give the same results.
    aanroepen = 0
    echt = _durable.resolve_stratum

    def halverwege(*args: Any) -> None:
        nonlocal aanroepen
        aanroepen += 1
        if aanroepen == 2:
            raise RuntimeError("halverwege")
        echt(*args)

    monkeypatch.setattr(_durable, "resolve_stratum", halverwege)
    with pytest.raises(verordening.EvaluatieError, match="halverwege"):
        vo.evaluate(gevallen[0][0], peildatum=gevallen[0][1])
    monkeypatch.undo()
    afleiding = vo._engines["durable_rules"]._bound(vo.compiled.versie_op(gevallen[0][1]))
    assert _durable._SESSIONS.sid.get(afleiding.afleiding) != voor[afleiding.afleiding]
    assert [vo.evaluate(s, peildatum=d) for s, d in gevallen] == verwacht
    assert _sessies_leeg() == []


def test_durable_translation_is_integer_only(vo: verordening.Verordening) -> None:
    spec = _durable.translate(vo.compiled.versies[-1])
    tekst = json.dumps(spec.definitie)
    assert "." not in "".join(c for c in tekst if c.isdigit() or c == ".")


def test_evaluate_many_raises_for_the_invalid_case_in_order(vo: verordening.Verordening) -> None:
    import pickle

    goed = _laad(VOORBEELDEN[0])[0]
    fout = {"personen": [{"id": "p1", "rol": "koning"}], "hulpvragen": []}
    reeks = vo.evaluate_many(
        [goed, goed, fout, goed], peildatum=dt.date(2024, 5, 1), processen=2, blok=2
    )
    assert next(reeks).voorstellen and next(reeks).voorstellen
    with pytest.raises(verordening.SituatieError) as exc:
        next(reeks)
    assert {p.pad for p in exc.value.problemen} == {"$.personen[0].rol", "$.hulpvragen"}
    kopie = pickle.loads(pickle.dumps(exc.value))
    assert kopie.problemen == exc.value.problemen and str(kopie) == str(exc.value)


def test_stratum_facts_are_split_by_keys_and_still_give_the_same_advies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # durable refuses a fact of more than 254 properties; with a limit of 5 keys per fact
    # the shipped bylaw needs many more groups, which must change nothing in the outcome.
    def groepen(versie: Any) -> list[Any]:
        spec = _durable.translate(versie)
        return [f for d in spec.parts.values() for fs in d.strata.values() for f in fs]

    vo = verordening.load(RULESETS)
    try:
        versie = vo.compiled.versie_op(dt.date(2025, 3, 1))
        assert versie is not None
        gewoon = len(groepen(versie))
        monkeypatch.setattr(_durable, "_MAX_KEYS", 5)
        kleiner = groepen(versie)
        assert len(kleiner) > gewoon + 10
        te_groot = [len(k) + len(s) for _, (k, s) in kleiner if len(k) + len(s) > 5]
        # Only a rule that alone reads more than the limit makes a fact too big, and it is
        # named as one durable cannot run.
        weigeringen = _durable.weigeringen(versie)
        assert len(weigeringen) >= len(te_groot) > 0
        assert all("leest te veel gegevens" in reden for _, reden in weigeringen)
        for pad in VOORBEELDEN:
            situatie, peildatum = _laad(pad)
            assert _kern(vo.evaluate(situatie, peildatum=peildatum)) == _kern(
                vo.evaluate(situatie, peildatum=peildatum, engine="referentie")
            )
    finally:
        vo.close()


def test_the_shipped_bylaw_has_no_rule_durable_refuses(vo: verordening.Verordening) -> None:
    for versie in vo.compiled.versies:
        assert _durable.weigeringen(versie) == []
