"""Properties of every Advies, on generated situations across all needs (issue 6).

Each property is a separate test. The situations come from `tests.strategies`: all
needs of the bylaw, households with children, partners and housemates, ages around
the thresholds of the four laws, Wlz indications, debts, fraud claims and earlier
decisions, with facts present or missing.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

import verordening
from tests.property.conftest import voorbeelden
from tests.regressions.test_dubbele_verstrekking_rond_18 import PEILDATUM, jongere_van_19
from tests.strategies import ALLE_PEILDATA, JEUGD, jongere_situaties, situaties
from verordening import Advies, Situatie, Voorstel

Geval = tuple[dict[str, Any], dt.date]
ENGINES = ("durable_rules", "referentie")
VERLENEND = ("toegekend", "gedeeltelijk_toegekend")

#: Instruments that meet the same need under different laws: granting two of one group to
#: the same person is double provision (Jeugdwet and Wmo around 18).
ZELFDE_ZORG = {
    "begeleiding": frozenset(
        {
            "maatwerk_begeleiding",
            "individuele_voorziening_jeugdhulp",
            "verlengde_jeugdhulp",
            "jeugdhulp_na_verwijzing",
            "pgb_jeugdhulp",
        }
    ),
}
#: Emergency measures: in acute danger the municipality acts at once and does not wait for
#: the Wlz care office (art. 7.4, Wmo 2015 art. 2.3.3), so they are no double provision.
TIJDELIJK = frozenset({"tijdelijke_opvang", "tijdelijke_maatwerkvoorziening", "spoedhulp_jeugd"})
#: Needs whose care the Wlz provides for someone with a Wlz indication.
WLZ_ZORG = (
    "schoon_en_leefbaar_huis",
    "zelfstandig_verplaatsen",
    "meedoen_in_de_samenleving",
    "geschikte_woning",
    "veilig_onderdak",
    "gezond_en_veilig_opgroeien",
)
#: Needs the Wlz covers only in a Wlz institution: at home, housing adaptations and mobility
#: aids for someone with a Wlz indication stay with the Wmo (art. 7.1 of the bylaw; Wmo 2015
#: art. 2.3.5 lid 6 and art. 8.6a onder a, review S2-4).
WLZ_ALLEEN_IN_INSTELLING = frozenset({"geschikte_woning", "zelfstandig_verplaatsen"})
#: Needs the Wlz covers in an institution, and at home only where the Wlz package covers them
#: (Wmo 2015 art. 2.3.5 lid 6, review S2-4); the hulpvraag records that as a passende
#: voorliggende voorziening.
WLZ_THUIS_ALLEEN_ALS_GEDEKT = frozenset({"schoon_en_leefbaar_huis", "meedoen_in_de_samenleving"})
#: Needs the Wlz excludes only for the problem its care covers (Jeugdwet art. 1.2 lid 1 onder a
#: and lid 2): the hulpvraag records that as a passende voorliggende voorziening.
WLZ_ALLEEN_VOOR_DE_PROBLEMATIEK = frozenset({"gezond_en_veilig_opgroeien"})


def _als_referentie(advies: Advies) -> str:
    bewijs = advies.ontvangstbewijs.model_copy(update={"engine": "referentie"})
    return advies.model_copy(update={"ontvangstbewijs": bewijs}).model_dump_json()


def _hulpvraag(situatie: dict[str, Any], behoefte: str) -> dict[str, Any]:
    """The hulpvraag of the situation for ``behoefte``."""
    return next(v for v in situatie["hulpvragen"] if v["behoefte"] == behoefte)


def _voor_wie(situatie: dict[str, Any], behoefte: str) -> str:
    """The person a need is for; the household chapter always judges the applicant."""
    aanvrager = next(p["id"] for p in situatie["personen"] if p["rol"] == "aanvrager")
    if behoefte == "schoon_en_leefbaar_huis":
        return aanvrager
    vraag = next(v for v in situatie["hulpvragen"] if v["behoefte"] == behoefte)
    return str(vraag.get("persoon", aanvrager))


@given(situaties())
def test_deterministisch(vo: verordening.Verordening, geval: Geval) -> None:
    """The same input gives the same Advies, receipt and explanation, in any input form."""
    situatie, peildatum = geval
    eerste = vo.evaluate(situatie, peildatum=peildatum)
    tweede = vo.evaluate(copy.deepcopy(situatie), peildatum=peildatum)
    als_model = vo.evaluate(verordening.Situatie.model_validate(situatie), peildatum=peildatum)
    assert eerste.model_dump_json() == tweede.model_dump_json() == als_model.model_dump_json()
    assert verordening.uitleg(eerste, vorm="jurist") == verordening.uitleg(tweede, vorm="jurist")
    # The case system's own reference is carried, but is no part of the input hash.
    met_kenmerk = vo.evaluate({**situatie, "kenmerk": "zaak-1"}, peildatum=peildatum)
    assert met_kenmerk.kenmerk == "zaak-1"
    assert met_kenmerk.ontvangstbewijs == eerste.ontvangstbewijs


@given(situaties(peildata=ALLE_PEILDATA), st.sampled_from(ENGINES))
def test_totaal(bylaw: verordening.Verordening, geval: Geval, engine: str) -> None:
    """Every valid situation, on any date, gives an Advies that answers every hulpvraag."""
    situatie, peildatum = geval
    advies = bylaw.evaluate(situatie, peildatum=peildatum, engine=engine)  # type: ignore[arg-type]
    assert isinstance(advies, Advies)
    beantwoord = {v.behoefte for v in advies.voorstellen}
    for vraag in situatie["hulpvragen"]:
        if vraag["behoefte"] not in beantwoord:
            assert advies.vereist_beoordeling and advies.redenen, vraag["behoefte"]
    for v in advies.voorstellen:
        if v.uitkomst == "onbekend":
            assert advies.vragen or advies.redenen, f"{v.behoefte}: onbekend zonder vraag of reden"


@given(situaties(peildata=ALLE_PEILDATA), st.sampled_from(ENGINES))
def test_ontbrekende_gegevens_zoals_de_wet_zegt(
    bylaw: verordening.Verordening, geval: Geval, engine: str
) -> None:
    """DESIGN §3 (issue 15): onbekend only with a Reden; a step with its points; all agree.

    A Voorstel that asks for weighing makes the Advies ask for it; a procedural step for
    open points has an uiterlijk, its points in the order of the omgekeerde toets and the
    Reden onderzoek_nodig; a past uiterlijk is flagged; a presumption never hides a given
    value (the presumed fact is absent from the situation).
    """
    situatie, peildatum = geval
    advies = bylaw.evaluate(situatie, peildatum=peildatum, engine=engine)  # type: ignore[arg-type]
    codes = {r.code for r in advies.redenen}
    for v in advies.voorstellen:
        if v.vereist_beoordeling:
            assert advies.vereist_beoordeling, v.behoefte
        if v.uitkomst == "onbekend":
            assert "onbekend" in codes and v.vereist_beoordeling, v.behoefte
        if v.onderzoekspunten:
            assert v.uitkomst == "procedureel" and v.uiterlijk and v.vereist_beoordeling
            assert "onderzoek_nodig" in codes
            stappen = [p.stap for p in v.onderzoekspunten]
            assert stappen == sorted(stappen)
        if v.uiterlijk is not None and v.uiterlijk < peildatum:
            assert "termijn_verstreken" in codes and v.vereist_beoordeling
    gegeven = Situatie.model_validate(situatie)
    for a in advies.aannames:
        wie, _, veld = a.gegeven.rpartition(".")
        if wie in ("aanvrager", "partner"):
            persoon = next(p for p in gegeven.personen if p.rol == wie)
            assert getattr(persoon, veld) is None, a.gegeven
        assert a.regels and a.grondslag and a.controle


@voorbeelden(ci=600)
@given(situaties(peildata=ALLE_PEILDATA))
def test_engines_gelijk(bylaw: verordening.Verordening, geval: Geval) -> None:
    """durable_rules and the reference evaluator give the same Advies, byte for byte."""
    situatie, peildatum = geval
    durable = bylaw.evaluate(situatie, peildatum=peildatum, engine="durable_rules")
    referentie = bylaw.evaluate(situatie, peildatum=peildatum, engine="referentie")
    assert durable.ontvangstbewijs.engine == "durable_rules"
    assert _als_referentie(durable) == referentie.model_dump_json()


@given(situaties())
def test_voorstel_noemt_artikel_en_kernwaarde(bylaw: verordening.Verordening, geval: Geval) -> None:
    """Every proposal cites an article of the bylaw, a law article and a declared kernwaarde."""
    situatie, peildatum = geval
    advies = bylaw.evaluate(situatie, peildatum=peildatum)
    cv = bylaw.compiled
    artikelen = {
        cv.artikelnummers.get(r.artikel_nummer, r.artikel_nummer)
        for versie in cv.versies
        for r in versie.regels
    }
    for v in advies.voorstellen:
        if v.uitkomst == "onbekend":
            assert v.regel is None and v.artikel is None
            continue
        assert v.regel and v.grondslag, v
        assert v.artikel and v.artikel.split(" ")[0] in artikelen, v.artikel
        assert v.kernwaarden, f"{v.regel} noemt geen kernwaarde"
        assert v.voor_inwoner, f"{v.regel} heeft geen uitleg voor de inwoner"
        for k in v.kernwaarden:
            assert k.code in cv.kernwaarden and 1 <= k.gewicht <= 3, k
    for stap in advies.trace.stappen:
        for knoop in stap.knopen:
            assert knoop.artikel and knoop.kernwaarden, knoop.regel


@given(situaties())
def test_advies_is_uit_te_leggen_te_herladen_en_vraagt_naar_regels(
    vo: verordening.Verordening, geval: Geval
) -> None:
    """Every Advies reloads from its JSON and can be explained in every form and format.

    Every question names the rules that wait for it and is phrased as a question, and an
    unknown outcome always comes with a question or a review (never a guess).
    """
    situatie, peildatum = geval
    advies = vo.evaluate(situatie, peildatum=peildatum)
    assert Advies.model_validate_json(advies.model_dump_json()) == advies
    for vorm in ("jurist", "inwoner"):
        for formaat in ("markdown", "html", "tekst", "json"):
            assert verordening.uitleg(advies, vorm=vorm, formaat=formaat)  # type: ignore[arg-type]
    for vraag in advies.vragen:
        assert vraag.regels and vraag.vraag.endswith("?")
    if any(v.uitkomst == "onbekend" for v in advies.voorstellen):
        assert advies.vragen or advies.vereist_beoordeling, "onbekend zonder vraag of reden"


@given(situaties())
def test_maatwerk_afwijking_vereist_beoordeling(
    bylaw: verordening.Verordening, geval: Geval
) -> None:
    """A proposal that deviates from the rules always goes to a professional, with a reason."""
    situatie, peildatum = geval
    advies = bylaw.evaluate(situatie, peildatum=peildatum)
    for v in advies.voorstellen:
        if v.uitkomst == "maatwerk_afwijking":
            assert v.vereist_beoordeling and advies.vereist_beoordeling, v.regel
            assert any(r.code == "maatwerk_afwijking" for r in advies.redenen), advies.redenen


def _verlenend(advies: Advies) -> list[Voorstel]:
    return [v for v in advies.voorstellen if v.uitkomst in VERLENEND and not v.vereist_beoordeling]


@voorbeelden(ci=1000)
@given(
    st.one_of(
        situaties(),
        jongere_situaties(),
        jongere_situaties(compleet=True, behoeften=[JEUGD, "meedoen_in_de_samenleving"]),
    )
)
@example((jongere_van_19("k1"), PEILDATUM))
def test_geen_dubbele_verstrekking(bylaw: verordening.Verordening, geval: Geval) -> None:
    """No need is provided twice: one proposal per need, no overlapping grants per person."""
    situatie, peildatum = geval
    advies = bylaw.evaluate(situatie, peildatum=peildatum)
    behoeften = [v.behoefte for v in advies.voorstellen]
    assert len(behoeften) == len(set(behoeften)), "een behoefte kreeg twee voorstellen"
    per_persoon: dict[str, list[Voorstel]] = {}
    for v in _verlenend(advies):
        per_persoon.setdefault(_voor_wie(situatie, v.behoefte), []).append(v)
    wlz = {p["id"] for p in situatie["personen"] if p.get("wlz_indicatie") is True}
    for wie, voorstellen in per_persoon.items():
        instrumenten = [v.instrument for v in voorstellen]
        assert len(instrumenten) == len(set(instrumenten)), (wie, instrumenten)
        for naam, groep in ZELFDE_ZORG.items():
            dubbel = [
                (v.behoefte, v.instrument, v.wetten) for v in voorstellen if v.instrument in groep
            ]
            assert len({w for _, _, w in dubbel}) <= 1, f"{wie}: {naam} dubbel verstrekt: {dubbel}"
        if wie in wlz:
            instelling = (situatie.get("woonsituatie") or {}).get("soort") == "instelling"

            def _gedekt(v: Voorstel) -> bool:
                """The hulpvraag records the Wlz as the passende voorliggende voorziening."""
                return _hulpvraag(situatie, v.behoefte).get("voorliggende_voorziening") is True

            dubbel = [
                v.regel
                for v in voorstellen
                if v.behoefte in WLZ_ZORG
                and v.instrument not in TIJDELIJK
                and (instelling or v.behoefte not in WLZ_ALLEEN_IN_INSTELLING)
                and (instelling or v.behoefte not in WLZ_THUIS_ALLEEN_ALS_GEDEKT or _gedekt(v))
                and (v.behoefte not in WLZ_ALLEEN_VOOR_DE_PROBLEMATIEK or _gedekt(v))
            ]
            assert not dubbel, f"{wie} heeft een Wlz-indicatie en krijgt toch {dubbel}"


@voorbeelden(ci=200)
@given(situaties(), situaties(), st.booleans())
def test_geval_beinvloedt_volgende_niet(
    vo: verordening.Verordening, a: Geval, b: Geval, a_ongeldig: bool
) -> None:
    """Case B alone equals case B after case A, on the same object, for both engines.

    Case A may also be invalid input, which raises and must leave nothing behind.
    """
    situatie_a, peildatum_a = a
    if a_ongeldig:
        situatie_a = {**situatie_a, "hulpvragen": [{"behoefte": "bestaat_niet"}]}
    situatie_b, peildatum_b = b
    for engine in ENGINES:
        alleen = vo.evaluate(situatie_b, peildatum=peildatum_b, engine=engine)  # type: ignore[arg-type]
        for ander in ENGINES:
            try:
                vo.evaluate(situatie_a, peildatum=peildatum_a, engine=ander)  # type: ignore[arg-type]
            except verordening.SituatieError:
                assert a_ongeldig
        na = vo.evaluate(situatie_b, peildatum=peildatum_b, engine=engine)  # type: ignore[arg-type]
        assert na.model_dump_json() == alleen.model_dump_json()
