"""Hypothesis strategies: valid situations across the needs of the shipped bylaw.

Every field may be absent (onbekend), so the strategies also exercise questions.
Shrinking gives small, readable households.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

BEHOEFTEN = ["inkomen_levensonderhoud", "schoon_en_leefbaar_huis", "schulden_op_orde"]
PEILDATA = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2026, 12, 31))


def _optioneel(strategie: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategie)


@st.composite
def personen(draw: st.DrawFn, peildatum: dt.date) -> list[dict[str, Any]]:
    def persoon(pid: str, rol: str, min_leeftijd: int, max_leeftijd: int) -> dict[str, Any]:
        leeftijd = draw(st.integers(min_leeftijd, max_leeftijd))
        dag = draw(st.integers(0, 364))
        geboren = dt.date(peildatum.year - leeftijd, 1, 1) + dt.timedelta(days=dag)
        p: dict[str, Any] = {"id": pid, "rol": rol}
        velden = {
            "geboortedatum": st.just(geboren.isoformat()),
            "verblijfsstatus": st.sampled_from(
                ["nederlander", "gelijkgesteld", "geen_rechtmatig_verblijf"]
            ),
            "student_met_studiefinanciering": st.booleans(),
            "commerciele_relatie": st.booleans(),
            "medisch_urenbeperkt": st.booleans(),
            "psychische_of_lichamelijke_belemmering": st.booleans(),
            "kan_huishouden_doen": st.sampled_from(["volledig", "gedeeltelijk", "niet"]),
            "langdurig_afwezig": st.booleans(),
            "wlz_indicatie": st.booleans(),
            "inkomsten": st.lists(
                st.fixed_dictionaries(
                    {
                        "bron": st.sampled_from(["loon", "uitkering", "pensioen", "alimentatie"]),
                        "bedrag_per_maand": st.integers(0, 400_000),
                    }
                ),
                max_size=2,
            ),
        }
        for naam, strategie in velden.items():
            waarde = draw(_optioneel(strategie))
            if waarde is not None:
                p[naam] = waarde
        return p

    uit = [persoon("p1", "aanvrager", 14, 95)]
    if draw(st.booleans()):
        uit.append(persoon("p2", "partner", 18, 95))
    for i in range(draw(st.integers(0, 3))):
        uit.append(persoon(f"h{i}", draw(st.sampled_from(["kind", "ouder", "medebewoner"])), 0, 90))
    return uit


@st.composite
def situaties(draw: st.DrawFn) -> tuple[dict[str, Any], dt.date]:
    peildatum = draw(PEILDATA)
    gekozen = draw(st.lists(st.sampled_from(BEHOEFTEN), min_size=1, max_size=3, unique=True))
    hulpvragen = []
    for b in gekozen:
        vraag: dict[str, Any] = {"behoefte": b}
        for naam in (
            "spoed",
            "eigen_kracht_toereikend",
            "algemene_voorziening_toereikend",
        ):
            waarde = draw(_optioneel(st.booleans()))
            if waarde is not None:
                vraag[naam] = waarde
        hulpvragen.append(vraag)
    situatie: dict[str, Any] = {
        "personen": draw(personen(peildatum)),
        "hulpvragen": hulpvragen,
    }
    melding = draw(_optioneel(st.integers(0, 90)))
    if melding is not None:
        situatie["meldingsdatum"] = (peildatum - dt.timedelta(days=melding)).isoformat()
    vermogen = draw(_optioneel(st.integers(-100_000, 3_000_000)))
    if vermogen is not None:
        situatie["vermogen"] = {"bedrag": vermogen}
    if draw(st.booleans()):
        situatie["schulden"] = {
            "heeft_schulden": draw(st.booleans()),
            "dreigend": draw(
                st.lists(
                    st.sampled_from(["huisuitzetting", "afsluiting_energie"]),
                    max_size=1,
                )
            ),
        }
    if draw(st.booleans()):
        situatie["netwerk"] = {"mantelzorger_overbelast": draw(st.booleans())}
    besluiten = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "soort": st.sampled_from(["fraudevordering", "schuldhulptraject"]),
                    "datum": st.dates(dt.date(2010, 1, 1), peildatum).map(dt.date.isoformat),
                    "opzet": st.booleans(),
                    "benadeling_bestuursorgaan": st.booleans(),
                    "onherroepelijke_sanctie": st.booleans(),
                    "verwijtbaar_beeindigd": st.booleans(),
                }
            ),
            max_size=2,
        )
    )
    if besluiten:
        situatie["eerdere_besluiten"] = besluiten
    return situatie, peildatum


def paden(data: Any, pad: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into nested dicts and lists (for mutation tests)."""
    uit = [pad]
    if isinstance(data, dict):
        for k, v in data.items():
            uit += paden(v, (*pad, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            uit += paden(v, (*pad, i))
    return uit
