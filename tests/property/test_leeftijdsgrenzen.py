"""Continuity around the age of 18: a youth-care need is not dropped on the birthday (issue 6).

A young person of 17 years and 11 months or more asks for youth care. The Jeugdwet stops at
18, except for verlengde jeugdhulp (Jeugdwet art. 1.1, jeugdige onder 4°: youth care that
started, or was decided on, before 18). The properties follow the same young person over
the birthday.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import event, example, given
from hypothesis import strategies as st

import verordening
from tests.property.conftest import voorbeelden
from tests.regressions.test_jeugdhulp_rond_18 import PEILDATUM, melding_voor_zoon_van_17
from tests.strategies import JEUGD, geboren, jongere_situaties
from verordening import Advies, Voorstel

Geval = tuple[dict[str, Any], dt.date]
VERLENEND = ("toegekend", "gedeeltelijk_toegekend")
JEUGDHULP = frozenset(
    {
        "individuele_voorziening_jeugdhulp",
        "verlengde_jeugdhulp",
        "jeugdhulp_na_verwijzing",
        "pgb_jeugdhulp",
    }
)


def _achttien(situatie: dict[str, Any]) -> dt.date:
    """The 18th birthday of the young person k1."""
    kind = next(p for p in situatie["personen"] if p["id"] == "k1")
    geboren_op = dt.date.fromisoformat(kind["geboortedatum"])
    try:
        return geboren_op.replace(year=geboren_op.year + 18)
    except ValueError:  # born on 29 February: 18 on 1 March (facts.leeftijd)
        return dt.date(geboren_op.year + 18, 3, 1)


@st.composite
def bijna_18(draw: st.DrawFn, alleen_melding: bool = False) -> Geval:
    """A young person who turns 18 within 31 days of the peildatum, with a care need."""
    situatie, peildatum = draw(
        jongere_situaties(
            st.just(17), compleet=True, behoeften=[JEUGD, "meedoen_in_de_samenleving"]
        )
    )
    kind = next(p for p in situatie["personen"] if p["id"] == "k1")
    kind["geboortedatum"] = geboren(peildatum, 17, draw(st.integers(334, 364))).isoformat()
    kind["wlz_indicatie"] = False
    for vraag in situatie["hulpvragen"]:
        if alleen_melding:
            # The ordinary melding: no acute need, no doctor's referral (they skip the decision).
            vraag.update(spoed=False, verwijzing_arts=False)
        vraag.update(
            alleen_melding=alleen_melding,
            beroep_op_hardheidsclausule=False,
            specialistische_hulp_nodig=True,
            eigen_kracht_toereikend=False,
            voorliggende_voorziening=False,
        )
    situatie.pop("eerdere_besluiten", None)
    return situatie, peildatum


def _jeugd(advies: Advies) -> Voorstel:
    return next(v for v in advies.voorstellen if v.behoefte == JEUGD)


@voorbeelden(ci=800)
@given(bijna_18(), st.integers(365, 1_500), st.integers(0, 60))
def test_jeugdhulp_voor_18_loopt_door_na_18(
    vo: verordening.Verordening, geval: Geval, looptijd: int, dagen_na_18: int
) -> None:
    """Youth care decided at 17y11m goes on after the 18th birthday (verlengde jeugdhulp)."""
    situatie, peildatum = geval
    voor = _jeugd(vo.evaluate(situatie, peildatum=peildatum))
    event(f"voor 18: {voor.uitkomst}")
    if voor.uitkomst not in VERLENEND:
        return
    # The decision is taken on the peildatum and recorded; later the young person is 18.
    later = copy.deepcopy(situatie)
    einde = peildatum + dt.timedelta(days=looptijd)
    later["eerdere_besluiten"] = [
        {
            "soort": "jeugdhulp",
            "persoon": "k1",
            "datum": peildatum.isoformat(),
            "einddatum": einde.isoformat(),
        }
    ]
    na_18 = _achttien(situatie) + dt.timedelta(days=dagen_na_18)
    na = _jeugd(vo.evaluate(later, peildatum=min(na_18, einde)))
    assert na.uitkomst in VERLENEND and na.instrument in JEUGDHULP, (
        f"jeugdhulp {voor.instrument} ({voor.regel}) werd na 18: {na.uitkomst} ({na.regel})"
    )


@voorbeelden(ci=800)
@given(bijna_18(), st.integers(0, 60))
def test_jeugdhulpvraag_valt_niet_weg_op_18(
    vo: verordening.Verordening, geval: Geval, dagen_na_18: int
) -> None:
    """Without a decision before 18, the need still gets a proposal or a referral at 18."""
    situatie, peildatum = geval
    voor = vo.evaluate(situatie, peildatum=peildatum)
    na_18 = vo.evaluate(situatie, peildatum=_achttien(situatie) + dt.timedelta(days=dagen_na_18))
    for v in voor.voorstellen:
        na = next((w for w in na_18.voorstellen if w.behoefte == v.behoefte), None)
        event(f"{v.behoefte}: {v.uitkomst} → {na.uitkomst if na else None}")
        if v.uitkomst not in VERLENEND:
            continue
        assert na is not None, f"{v.behoefte}: na 18 geen voorstel meer"
        assert na.uitkomst in VERLENEND or na.verwijzing or na.vereist_beoordeling, (
            f"{v.behoefte}: {v.uitkomst} ({v.regel}) werd na 18 {na.uitkomst} ({na.regel}) "
            "zonder verwijzing"
        )


@voorbeelden(ci=800)
@given(bijna_18(alleen_melding=True))
@example((melding_voor_zoon_van_17(), PEILDATUM))
def test_melding_voor_18_wordt_op_tijd_besloten(vo: verordening.Verordening, geval: Geval) -> None:
    """A youth-care melding at 17y11m: deciding on the due date still gives youth care.

    The procedural step names the date the decision is due (``uiterlijk``). A decision taken
    on that day, on the same facts, must give what a decision today would give; otherwise
    the young person loses youth care only because the decision came after the birthday.
    """
    situatie, peildatum = geval
    stap = _jeugd(vo.evaluate(situatie, peildatum=peildatum))
    event(f"melding: {stap.uitkomst} {stap.instrument}")
    if stap.uitkomst != "procedureel" or stap.uiterlijk is None:
        return
    aanvraag = copy.deepcopy(situatie)
    for vraag in aanvraag["hulpvragen"]:
        vraag["alleen_melding"] = False
    nu = _jeugd(vo.evaluate(aanvraag, peildatum=peildatum))
    op_tijd = _jeugd(vo.evaluate(aanvraag, peildatum=stap.uiterlijk))
    if nu.uitkomst in VERLENEND:
        assert op_tijd.uitkomst in VERLENEND, (
            f"besluit uiterlijk {stap.uiterlijk} (18 op {_achttien(situatie)}): "
            f"{nu.uitkomst} ({nu.regel}) werd {op_tijd.uitkomst} ({op_tijd.regel})"
        )
