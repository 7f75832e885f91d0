"""A case system answers the questions at their own paths, with no mapping (issue 15, item 5).

Every `Vraag` says where the Situatie answers it (``paden``), the kind of answer (``type``)
and the allowed codes (``waarden``). This test knows nothing of the bylaw's facts: it
writes a valid value of that type at every path of every question, evaluates again, and
after a few rounds nothing is asked and nothing is ``onbekend``.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

import verordening
from tests.property.conftest import voorbeelden
from tests.property.test_onbekend import norm_niet_in_de_verordening
from tests.strategies import situaties
from verordening import Advies, Vraag

Geval = tuple[dict[str, Any], dt.date]
ENGINES = ("durable_rules", "referentie")
#: Rounds of answering every open question before the case must be decided.
RONDEN = 6
_STAP = re.compile(r"\.(\w+)|\[(\d+)\]")


def _antwoord(vraag: Vraag, peildatum: dt.date) -> st.SearchStrategy[Any]:
    """A valid value for the question, from nothing but its ``type`` and ``waarden``."""
    codes = st.sampled_from(vraag.waarden) if vraag.waarden else None
    if vraag.type == "ja_nee":
        return st.booleans()
    if vraag.type == "geld":
        return st.integers(0, 400_000)
    if vraag.type == "aantal":
        return st.integers(0, 40)
    if vraag.type == "datum":
        # Nothing in a Situatie may lie after the peildatum (nobody is born later).
        begin = peildatum - dt.timedelta(days=90 * 365)
        return st.dates(begin, peildatum).map(dt.date.isoformat)
    if vraag.type == "tekst" and codes is not None:
        return codes
    if vraag.type == "codes" and codes is not None:
        return st.lists(codes, unique=True, max_size=2)
    if vraag.type == "inkomsten" and codes is not None:
        bron = st.fixed_dictionaries({"bron": codes, "bedrag_per_maand": st.integers(0, 300_000)})
        return st.lists(bron, max_size=2)
    raise AssertionError(f"vraag '{vraag.gegeven}': geen antwoord mogelijk bij type {vraag.type}")


def _zet(situatie: dict[str, Any], pad: str, waarde: Any) -> None:
    """Write ``waarde`` at the JSON path ``pad``, creating the objects on the way."""
    assert pad.startswith("$"), pad
    stappen: list[str | int] = [v or int(i) for v, i in _STAP.findall(pad)]
    assert "$" + "".join(f".{s}" if isinstance(s, str) else f"[{s}]" for s in stappen) == pad
    ouder: Any = situatie
    for stap, volgende in itertools.pairwise(stappen):
        if isinstance(stap, int):
            ouder = ouder[stap]
        else:
            if ouder.get(stap) is None:
                ouder[stap] = [] if isinstance(volgende, int) else {}
            ouder = ouder[stap]
    ouder[stappen[-1]] = waarde


def _open_voorstellen(advies: Advies, situatie: dict[str, Any], peildatum: dt.date) -> list[str]:
    """The needs still ``onbekend`` for a reason an answer could remove."""
    open_ = []
    for v in advies.voorstellen:
        if v.uitkomst != "onbekend":
            continue
        if norm_niet_in_de_verordening(advies, situatie, peildatum):
            # A known gap of the bylaw (see test_onbekend): no answer decides it.
            event("onbekend: norm van Pw art. 22a lid 3 of 24 niet in de verordening")
            continue
        open_.append(v.behoefte)
    return open_


@voorbeelden(ci=300, dev=80)
@given(situaties(compleet=False), st.sampled_from(ENGINES), st.data())
def test_antwoorden_op_de_paden_beslissen_het_geval(
    bylaw: verordening.Verordening, geval: Geval, engine: str, data: st.DataObject
) -> None:
    """Answering every question at its paths, with a value of its type, decides every need."""
    situatie, peildatum = geval
    situatie = copy.deepcopy(situatie)
    advies = bylaw.evaluate(situatie, peildatum=peildatum, engine=engine)
    for ronde in range(RONDEN):
        if not advies.vragen:
            break
        event(f"ronde {ronde + 1}")
        antwoorden: dict[str, st.SearchStrategy[Any]] = {}
        for vraag in advies.vragen:
            assert vraag.paden, f"vraag '{vraag.gegeven}' ({vraag.vraag}) noemt geen pad"
            assert vraag.voorstellen >= 1, f"op vraag '{vraag.gegeven}' wacht geen voorstel"
            for pad in vraag.paden:
                antwoorden.setdefault(pad, _antwoord(vraag, peildatum))
        for pad, waarden in antwoorden.items():
            _zet(situatie, pad, data.draw(waarden, label=pad))
        advies = bylaw.evaluate(situatie, peildatum=peildatum, engine=engine)
    assert not advies.vragen, f"na {RONDEN} rondes nog vragen: {[v.gegeven for v in advies.vragen]}"
    open_ = _open_voorstellen(advies, situatie, peildatum)
    assert not open_, f"na {RONDEN} rondes nog onbekend: {open_}; {advies.redenen}"
