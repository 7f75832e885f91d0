"""Unknown facts: a question, never a guess; answering the questions ends in an outcome.

Issue 6: removing a fact the outcome depends on gives the same proposal or ``onbekend``
with questions, never another definite outcome; since issue 15 also the procedural step
(``procedureel`` with onderzoekspunten) or, for an exception to a right, an outcome that
rests on a presumption listed in ``aannames``. Issue 8: a case system that answers every
question (with any valid value at the field the question is about) and evaluates again
reaches a definite outcome within a few rounds.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
from typing import Any

from hypothesis import event, example, given
from hypothesis import strategies as st

import verordening
from tests.property.conftest import voorbeelden
from tests.regressions.test_bijstandsnorm_huishoudens import PEILDATUM, huishouden
from tests.regressions.test_woonvoorziening_zonder_bevinding import PEILDATUM as WONING_PEILDATUM
from tests.regressions.test_woonvoorziening_zonder_bevinding import woning_aanpassen
from tests.strategies import MET_STANDAARD, antwoorden, situaties, zet
from verordening import Advies, Voorstel
from verordening.taal import nodes as e

Geval = tuple[dict[str, Any], dt.date]
#: Rounds of questions and answers before the case must be decided. Each round answers
#: every open question; a chain of rules waiting on each other is at most this deep.
RONDEN = 8


def _bekend_namen(node: Any) -> set[str]:
    """The last part of every name a ``bekend`` condition reads, anywhere in ``node``."""
    if isinstance(node, e.Bekend):
        return {node.naam.rsplit(".", 1)[-1]}
    if isinstance(node, tuple | list):
        return {n for deel in node for n in _bekend_namen(deel)}
    if dataclasses.is_dataclass(node):
        return {n for f in dataclasses.fields(node) for n in _bekend_namen(getattr(node, f.name))}
    return set()


@functools.cache
def _afwezig_betekent_iets(vo: verordening.Verordening) -> frozenset[str]:
    """Fields whose absence the rules read on purpose (with ``bekend``), not as onbekend.

    A finding that is not there yet (``situatie_stabiel``, ``verplichting_geschonden``) or a
    UWV advice that does not exist means the rule does not apply; an earlier decision
    without ``persoon`` is for the whole household. Leaving these out is an answer.
    """
    namen = {
        n for versie in vo.compiled.versies for r in versie.regels for n in _bekend_namen(r.als)
    }
    return frozenset(namen | {"persoon", *MET_STANDAARD})


def _weglaatbaar(situatie: dict[str, Any], vast: frozenset[str]) -> list[tuple[Any, ...]]:
    """Every optional fact of the situation that can be left out (then it is onbekend)."""
    uit: list[tuple[Any, ...]] = [(k,) for k in ("meldingsdatum", "aanvraagdatum") if k in situatie]
    for lijst in ("personen", "hulpvragen", "eerdere_besluiten"):
        for i, item in enumerate(situatie.get(lijst, [])):
            verplicht = {"id", "rol", "behoefte", "soort", "datum"}
            uit += [(lijst, i, k) for k in item if k not in verplicht and k not in vast]
    for deel in (
        "woonsituatie",
        "vermogen",
        "schulden",
        "netwerk",
        "handhaving",
        "inkomenshistorie",
    ):
        if deel in situatie:
            uit.append((deel,))
            # 'dreigend' defaults to none: leaving it out says there is no threat.
            uit += [(deel, k) for k in situatie[deel] if k != "dreigend" and k not in vast]
    return uit


def _zonder(situatie: dict[str, Any], pad: tuple[Any, ...]) -> dict[str, Any]:
    kopie = copy.deepcopy(situatie)
    ouder: Any = kopie
    for deel in pad[:-1]:
        ouder = ouder[deel]
    del ouder[pad[-1]]
    return kopie


def _per_behoefte(advies: Advies) -> dict[str, Voorstel]:
    return {v.behoefte: v for v in advies.voorstellen}


def _uitkomst(voorstel: Voorstel | None) -> tuple[Any, ...] | None:
    """What a proposal gives the resident; which true rule explains it may differ.

    Two rules with the same outcome need no question to choose between them (a refusal
    for assets or for prospects is the same refusal), so the deciding rule, article and
    motivation are left out of the comparison.
    """
    if voorstel is None:
        return None
    return (
        voorstel.uitkomst,
        voorstel.instrument,
        voorstel.leveringsvorm,
        voorstel.bedrag,
        voorstel.periode,
        voorstel.eigen_bijdrage,
        voorstel.ingangsdatum,
        voorstel.einddatum,
        voorstel.uiterlijk,
        voorstel.vereist_beoordeling,
    )


def _gelezen_paden(
    advies: Advies, situatie: dict[str, Any], peildatum: dt.date, alleen_beslissend: bool
) -> list[tuple[Any, ...]]:
    """Where the situation holds the input facts the rules of this advice read.

    With ``alleen_beslissend``: only those the deciding rules read, through the derived
    facts they use (the rules that were applied, and the rules that derived their facts).
    """
    knopen = [k for stap in advies.trace.stappen for k in stap.knopen]
    if alleen_beslissend:
        afgeleid = {k.afgeleid.naam: k for k in knopen if k.soort == "afgeleid" and k.afgeleid}
        namen: set[str] = set()
        open_ = [k for k in knopen if k.soort == "toegepast"]
        while open_:
            for g in open_.pop().gegevens:
                if g.naam not in namen:
                    namen.add(g.naam)
                    if g.naam in afgeleid:
                        open_.append(afgeleid[g.naam])
    else:
        namen = {g.naam for k in knopen for g in k.gegevens}
    paden = {p for n in namen for p, _ in antwoorden(n, situatie, peildatum, ontbrekend=False)}
    return sorted(paden, key=repr)


@voorbeelden(ci=400, dev=120)
@given(situaties(compleet=True), st.data())
# Explicit examples leave out, one at a time, every fact the rules of the case read.
@example((woning_aanpassen(goedkoper_alternatief_passend=True), WONING_PEILDATUM), None)
def test_ontbrekend_gegeven_geeft_een_vraag_nooit_een_gok(
    vo: verordening.Verordening, geval: Geval, data: st.DataObject | None
) -> None:
    """Leaving out a fact keeps each proposal, or makes it onbekend with a question.

    Mostly facts that the deciding rules, or the other rules of this case, read are left
    out (that is where a guess would show), and now and then any other.
    """
    situatie, peildatum = geval
    eerst = vo.evaluate(situatie, peildatum=peildatum)
    paden = _weglaatbaar(situatie, _afwezig_betekent_iets(vo))
    if data is None:
        gelezen = _gelezen_paden(eerst, situatie, peildatum, alleen_beslissend=False)
        gekozen = {p for p in gelezen if p in paden}
    else:
        gekozen = set(data.draw(st.lists(st.sampled_from(paden), min_size=1, max_size=2)))
    for beslissend in (True, False) if data is not None else ():
        gelezen = [p for p in _gelezen_paden(eerst, situatie, peildatum, beslissend) if p in paden]
        if gelezen:
            gekozen |= set(data.draw(st.lists(st.sampled_from(gelezen), max_size=4)))
    voor = _per_behoefte(eerst)
    vermoed_voor = {a.gegeven for a in eerst.aannames}
    for pad in sorted(gekozen, key=repr):
        advies = vo.evaluate(_zonder(situatie, pad), peildatum=peildatum)
        vermoed = {a.gegeven for a in advies.aannames} - vermoed_voor
        for behoefte, na in _per_behoefte(advies).items():
            if na.uitkomst == "onbekend":
                event("onbekend")
                assert advies.redenen, f"{pad}: onbekend zonder reden"
                # Without a question only where the bylaw itself lacks something.
                assert advies.vragen or {r.code for r in advies.redenen} & {
                    "parameter_onbevestigd",
                    "geen_waarde",
                    "conflict",
                }, f"{pad}: onbekend zonder vraag"
                continue
            if na.onderzoekspunten:
                # The open point goes to the onderzoek (DESIGN §3, step 3), with a reason.
                event("procedurele stap")
                assert na.uitkomst == "procedureel" and na.vereist_beoordeling
                assert {r.code for r in advies.redenen} & {"onderzoek_nodig"}
                continue
            if any(g.rsplit(".", 1)[-1].endswith(str(pad[-1])) for g in vermoed):
                # The left-out fact is now presumed (DESIGN §3, step 2): the Advies says so.
                event("vermoeden")
                continue
            event("gelijk" if voor.get(behoefte) == na else "andere regel, zelfde uitkomst")
            assert _uitkomst(voor.get(behoefte)) == _uitkomst(na), (
                f"zonder {'.'.join(map(str, pad))}: {behoefte} was "
                f"{getattr(voor.get(behoefte), 'uitkomst', None)} "
                f"({getattr(voor.get(behoefte), 'regel', None)}), werd {na.uitkomst} ({na.regel})"
            )


def _leeftijd(persoon: dict[str, Any], peildatum: dt.date) -> int:
    geboren = dt.date.fromisoformat(persoon["geboortedatum"])
    return (
        peildatum.year
        - geboren.year
        - ((peildatum.month, peildatum.day) < (geboren.month, geboren.day))
    )


def _norm_niet_in_de_verordening(situatie: dict[str, Any], peildatum: dt.date) -> bool:
    """Households whose bijstand norm the bylaw does not give (a known, reported gap).

    A partner under 18 has no right of his own (Pw art. 13 lid 1 onder f); the norm is then
    that of Pw art. 24. Gehuwden of whom one is 18 to 20, with other cost-sharers, get the
    norm of Pw art. 22a lid 3. Neither is in the rulesets (not all their amounts were read
    in a checked source), so every need that reads bijstand.norm stays onbekend with the
    reason 'geen_waarde' and goes to a professional.
    """
    rollen = {p["rol"]: p for p in situatie["personen"]}
    if "partner" not in rollen or any("geboortedatum" not in p for p in rollen.values()):
        return False
    leeftijden = [_leeftijd(rollen[r], peildatum) for r in ("aanvrager", "partner")]
    jong = sum(1 for j in leeftijden if 18 <= j < 21)
    return leeftijden[1] < 18 or (jong == 1 and len(situatie["personen"]) > 2)


def norm_niet_in_de_verordening(
    advies: Advies, situatie: dict[str, Any], peildatum: dt.date
) -> bool:
    """An onbekend that only the known gap of the bijstandsnorm explains (no answer helps)."""
    return _norm_niet_in_de_verordening(situatie, peildatum) and any(
        r.code == "geen_waarde" and "bijstand.norm" in r.tekst for r in advies.redenen
    )


@given(situaties(compleet=False), st.data())
# The shrunk counterexample asks nothing, so no answers are drawn (data is not used).
@example((huishouden("1985-03-03", "1958-03-03"), PEILDATUM), None)
def test_vragen_beantwoorden_geeft_een_uitkomst(
    vo: verordening.Verordening, geval: Geval, data: st.DataObject
) -> None:
    """Answering every question, again and again, ends without questions and onbekend."""
    situatie, peildatum = geval
    situatie = copy.deepcopy(situatie)
    advies = vo.evaluate(situatie, peildatum=peildatum)
    for ronde in range(RONDEN):
        if not advies.vragen:
            break
        event(f"ronde {ronde + 1}")
        # Every question of this round is answered on the situation as it was asked about.
        te_beantwoorden = {}
        for vraag in advies.vragen:
            velden = antwoorden(vraag.gegeven, situatie, peildatum)
            assert velden, (
                f"vraag naar '{vraag.gegeven}' ({vraag.vraag}) wijst geen veld aan dat nog "
                "ingevuld kan worden"
            )
            te_beantwoorden.update(velden)
        for pad, waarden in te_beantwoorden.items():
            zet(situatie, pad, data.draw(waarden, label=".".join(map(str, pad))))
        advies = vo.evaluate(situatie, peildatum=peildatum)
    assert not advies.vragen, f"na {RONDEN} rondes nog vragen: {[v.gegeven for v in advies.vragen]}"
    for v in advies.voorstellen:
        if v.uitkomst == "onbekend":
            # Only a value the bylaw itself lacks may keep a proposal open; no answer helps.
            redenen = {r.code for r in advies.redenen}
            if "parameter_onbevestigd" in redenen:
                event("onbekend: parameter zonder bevestigde waarde")
                continue
            if norm_niet_in_de_verordening(advies, situatie, peildatum):
                event("onbekend: norm van Pw art. 22a lid 3 of 24 niet in de verordening")
                continue
            raise AssertionError(f"{v.behoefte} blijft onbekend: {advies.redenen}")
