"""Explanations of presumptions (aannames), onderzoekspunten and the new reason codes (issue 15).

An example situation is evaluated and the newer fields are put in with ``model_copy``, so
these tests hold whatever the engine fills in: every format shows every item, in order, and
escapes hostile text as the other explanation text is escaped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

import verordening
from verordening.model.advies import Aanname, Advies, Onderzoekspunt, Reden

VOORBEELDEN = Path(__file__).parent.parent / "examples" / "situaties"
SCRIPT = "<script>document.title='gehackt'</script>"
STER = "*markdown*"

WLZ = Aanname(
    gegeven="aanvrager.wlz_indicatie",
    waarde=False,
    omschrijving="u geen indicatie voor de Wet langdurige zorg heeft",
    grondslag="Pw art. 17 lid 1: de inlichtingenplicht",
    controle="Raadpleeg het Wlz-register van het CIZ bij het gesprek.",
    regels=("hh-wlz-voorliggend",),
)
DETENTIE = Aanname(
    gegeven="aanvrager.gedetineerd",
    waarde=False,
    omschrijving=f"u niet in detentie bent {SCRIPT} {STER}",
    grondslag="Pw art. 13 lid 1 onder a",
    controle=f"Controleer de BRP en Suwinet {SCRIPT}.",
    regels=("bijstand-gedetineerd", "bijstand-toekennen"),
)
BUITENLAND = Aanname(
    gegeven="aanvrager.verblijf_buitenland_sinds",
    waarde=dt.date(2024, 12, 1),
    omschrijving="U verbleef niet langer dan vier weken in het buitenland.",
    grondslag="Pw art. 13 lid 1 onder e",
    controle="Vraag ernaar in het gesprek.",
    regels=("bijstand-buitenland",),
)
PARAMETER = Aanname(
    gegeven="parameter.pw.zoektermijn.weken",
    waarde=4,
    omschrijving="de laatst bevestigde waarde van de zoektermijn geldt ook nu",
    grondslag="De wet stelt deze waarde niet vast; de gemeente kiest haar.",
    controle="Laat de beleidsmedewerker de waarde bevestigen.",
    regels=("bijstand-zoektermijn-einde",),
)
PUNTEN = (
    Onderzoekspunt(
        gegeven="vraag.eigen_kracht_toereikend",
        omschrijving=f"wat u zelf of met mensen om u heen kunt regelen {SCRIPT}",
        soort="bevinding",
        stap=2,
        regels=("hh-eigen-kracht",),
    ),
    Onderzoekspunt(
        gegeven="hulpvraag.inkomen_levensonderhoud.spoed",
        omschrijving=f"of u het geld {STER} dringend nodig heeft",
        soort="gegeven",
        stap=4,
        regels=("bijstand-zoektermijn-acute-nood", "bijstand-zoektermijn"),
    ),
    Onderzoekspunt(
        gegeven="parameter.pw.norm.jong_leeftijdsgrens",
        omschrijving="de leeftijdsgrens voor de jongerennorm bevestigen",
        soort="parameter",
        stap=4,
        regels=("bijstand-norm-alleenstaande",),
    ),
)
REDENEN = (
    Reden(
        code="onderzoek_nodig",
        tekst="Het onderzoek (Pw art. 53a) moet de eigen kracht nog vaststellen.",
        regels=("bijstand-zoektermijn",),
    ),
    Reden(code="parameter_onbevestigd", tekst="pw.norm heeft geen bevestigde waarde."),
    Reden(code="termijn_verstreken", tekst="De uiterste datum ligt vóór de peildatum."),
)
FORMATEN = ("markdown", "html", "tekst")


def _evalueer(vo: verordening.Verordening, naam: str) -> Advies:
    data: dict[str, Any] = yaml.safe_load((VOORBEELDEN / naam).read_text(encoding="utf-8"))
    return vo.evaluate(data, peildatum=data["peildatum"])


def _procedureel(
    vo: verordening.Verordening,
    aannames: tuple[Aanname, ...] = (WLZ, DETENTIE, BUITENLAND, PARAMETER),
    uiterlijk: dt.date = dt.date(2025, 3, 31),
) -> Advies:
    """c30 (a young person's procedural step), with presumptions, findings and reasons put in."""
    advies = _evalueer(vo, "c30-jongere-meldt-zich.yaml")
    assert advies.voorstellen[0].uitkomst == "procedureel"
    voorstel = advies.voorstellen[0].model_copy(
        update={"onderzoekspunten": PUNTEN, "uiterlijk": uiterlijk, "vereist_beoordeling": True}
    )
    return advies.model_copy(
        update={
            "voorstellen": (voorstel,),
            "aannames": aannames,
            "redenen": REDENEN,
            "vereist_beoordeling": True,
        }
    )


def _tekst(advies: Advies, vorm: str, formaat: str) -> str:
    return verordening.uitleg(advies, vorm=vorm, formaat=formaat)  # type: ignore[arg-type]


class _Tekst(HTMLParser):
    """The visible text of a page and every start tag in it."""

    def __init__(self) -> None:
        super().__init__()
        self.delen: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.delen.append(data)


def _zichtbaar(tekst: str, formaat: str) -> tuple[str, list[str]]:
    """What a reader sees (HTML and Markdown rendered; raw HTML let through) and the tags."""
    if formaat == "tekst":
        return tekst, []
    html = tekst if formaat == "html" else MarkdownIt("commonmark").render(tekst)
    parser = _Tekst()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.delen)), parser.tags


def _letterlijk(zicht: str, tags: list[str]) -> None:
    """The hostile text is shown as it is: no script ran, no emphasis was made of it."""
    assert "script" not in tags
    assert SCRIPT in zicht and STER in zicht


def _op_volgorde(tekst: str, stukken: list[str]) -> None:
    """Each piece occurs in ``tekst`` after the one before it."""
    positie = 0
    for stuk in stukken:
        gevonden = tekst.find(stuk, positie)
        assert gevonden >= 0, f"{stuk!r} niet (meer) gevonden na positie {positie}"
        positie = gevonden + len(stuk)


@pytest.mark.parametrize("formaat", FORMATEN)
def test_jurist_lists_every_presumption_under_step_4_in_order(
    vo: verordening.Verordening, formaat: str
) -> None:
    tekst = _tekst(_procedureel(vo), "jurist", formaat)
    zicht, tags = _zichtbaar(tekst, formaat)
    _op_volgorde(
        zicht,
        [
            "Stap 4 — De juridische toets",
            "Te controleren vermoedens",
            "aanvrager.wlz_indicatie",
            "dat u geen indicatie voor de Wet langdurige zorg heeft",
            "Pw art. 17 lid 1: de inlichtingenplicht",
            "Raadpleeg het Wlz-register",
            "hh-wlz-voorliggend",
            "aanvrager.gedetineerd",
            "bijstand-gedetineerd, bijstand-toekennen",
            "aanvrager.verblijf_buitenland_sinds",
            "1 december 2024",
            "U verbleef niet langer dan vier weken in het buitenland",
            "parameter.pw.zoektermijn.weken",
            "Gebruikte parameters",
            "Niet van toepassing",
        ],
    )
    assert "Te controleren vermoedens" not in zicht.split("Stap 4 — De juridische toets")[0]
    # The parameter fallback shows its value as the trace shows a parameter.
    assert re.search(r"parameter\.pw\.zoektermijn\.weken`? = 4", tekst)
    _letterlijk(zicht, tags)
    assert f"u niet in detentie bent {SCRIPT} {STER}" in zicht


@pytest.mark.parametrize("formaat", FORMATEN)
def test_jurist_lists_onderzoekspunten_of_the_procedural_step_in_order(
    vo: verordening.Verordening, formaat: str
) -> None:
    tekst = _tekst(_procedureel(vo), "jurist", formaat)
    zicht, tags = _zichtbaar(tekst, formaat)
    _op_volgorde(
        zicht,
        [
            "Onderzoekspunten",
            "Stap 2, bevinding van de professional: wat u zelf of met mensen om u heen",
            "vraag.eigen_kracht_toereikend",
            "Wachtende regels: hh-eigen-kracht",
            f"Stap 4, gegeven van de inwoner: of u het geld {STER} dringend nodig heeft",
            "Wachtende regels: bijstand-zoektermijn-acute-nood, bijstand-zoektermijn",
            "Stap 4, parameter, waarde bevestigen: de leeftijdsgrens",
            "Stap 1 — Het effect",
        ],
    )
    assert "Uiterlijk: 31 maart 2025." in zicht or "uiterlijk 31 maart 2025." in zicht
    assert "termijn verstreken" not in zicht
    _letterlijk(zicht, tags)


@pytest.mark.parametrize("formaat", FORMATEN)
def test_jurist_names_new_reason_codes_with_a_dutch_label(
    vo: verordening.Verordening, formaat: str
) -> None:
    zicht, _ = _zichtbaar(_tekst(_procedureel(vo), "jurist", formaat), formaat)
    _op_volgorde(
        zicht,
        [
            "Beoordeling door een professional",
            "Onderzoek nodig — [onderzoek_nodig] Het onderzoek (Pw art. 53a)",
            "(regels: bijstand-zoektermijn)",
            "Parameter niet bevestigd — [parameter_onbevestigd]",
            "Termijn verstreken — [termijn_verstreken] De uiterste datum",
            "Ontvangstbewijs",
        ],
    )


@pytest.mark.parametrize("formaat", FORMATEN)
def test_expired_deadline_is_marked(vo: verordening.Verordening, formaat: str) -> None:
    advies = _procedureel(vo, uiterlijk=dt.date(2025, 2, 28))
    assert advies.peildatum == dt.date(2025, 3, 3)
    jurist, _ = _zichtbaar(_tekst(advies, "jurist", formaat), formaat)
    inwoner, _ = _zichtbaar(_tekst(advies, "inwoner", formaat), formaat)
    assert "28 februari 2025 (termijn verstreken)" in jurist
    assert "Die datum is al voorbij." in inwoner
    op_tijd, _ = _zichtbaar(_tekst(_procedureel(vo), "inwoner", formaat), formaat)
    assert "Die datum is al voorbij." not in op_tijd


@pytest.mark.parametrize("formaat", FORMATEN)
def test_resident_hears_one_presumption_in_b1(vo: verordening.Verordening, formaat: str) -> None:
    advies = _evalueer(vo, "c26-gezonde-partner.yaml").model_copy(update={"aannames": (WLZ,)})
    zicht, _ = _zichtbaar(_tekst(advies, "inwoner", formaat), formaat)
    assert (
        "Wij zijn ervan uitgegaan dat u geen indicatie voor de Wet langdurige zorg heeft. "
        "Klopt dat niet? Laat het ons dan weten." in zicht
    )
    assert "wlz_indicatie" not in zicht and "Pw art." not in zicht


@pytest.mark.parametrize("formaat", FORMATEN)
def test_resident_hears_every_presumption_but_no_parameter(
    vo: verordening.Verordening, formaat: str
) -> None:
    tekst = _tekst(_procedureel(vo), "inwoner", formaat)
    zicht, tags = _zichtbaar(tekst, formaat)
    _op_volgorde(
        zicht,
        [
            "Waar wij van uitgingen",
            "dat u geen indicatie voor de Wet langdurige zorg heeft;",
            f"dat u niet in detentie bent {SCRIPT} {STER};",
            "U verbleef niet langer dan vier weken in het buitenland.",
            "Klopt iets hiervan niet? Laat het ons dan weten.",
            "Bent u het er niet mee eens?",
        ],
    )
    # A parameter is no fact of the resident's: nothing to tell us about.
    assert "zoektermijn geldt ook nu" not in zicht
    for code in ("aanvrager.", "parameter.", "hulpvraag.", "Stap 4"):
        assert code not in zicht
    _letterlijk(zicht, tags)


@pytest.mark.parametrize("formaat", FORMATEN)
def test_resident_hears_what_we_look_at_together_and_by_when(
    vo: verordening.Verordening, formaat: str
) -> None:
    zicht, tags = _zichtbaar(_tekst(_procedureel(vo), "inwoner", formaat), formaat)
    _op_volgorde(
        zicht,
        [
            "Wat gebeurt er nu? Wij kijken samen met u verder naar uw situatie.",
            "Dat doen wij uiterlijk op 31 maart 2025.",
            "Wij bekijken dan samen:",
            f"wat u zelf of met mensen om u heen kunt regelen {SCRIPT}",
            f"of u het geld {STER} dringend nodig heeft",
            "Waar wij van uitgingen",
        ],
    )
    assert "leeftijdsgrens voor de jongerennorm" not in zicht
    _letterlijk(zicht, tags)


def test_resident_text_keeps_short_sentences(vo: verordening.Verordening) -> None:
    tekst = _tekst(_procedureel(vo), "inwoner", "tekst")
    for zin in (z for regel in tekst.splitlines() for z in regel.split(". ")):
        assert len(zin.split()) <= 25, zin


def test_markdown_escapes_presumptions_and_findings(vo: verordening.Verordening) -> None:
    for vorm in ("jurist", "inwoner"):
        tekst = _tekst(_procedureel(vo), vorm, "markdown")
        assert "<script>" not in tekst and "&lt;script&gt;" in tekst
        assert STER not in tekst and r"\*markdown\*" in tekst


def test_html_escapes_presumptions_and_findings(vo: verordening.Verordening) -> None:
    for vorm in ("jurist", "inwoner"):
        tekst = _tekst(_procedureel(vo), vorm, "html")
        assert "<script>document" not in tekst and "&lt;script&gt;document" in tekst


def test_without_presumptions_or_findings_nothing_is_added(vo: verordening.Verordening) -> None:
    advies = _evalueer(vo, "c30-jongere-meldt-zich.yaml")
    for formaat in FORMATEN:
        jurist = _tekst(advies, "jurist", formaat)
        inwoner = _tekst(advies, "inwoner", formaat)
        assert "Te controleren vermoedens" not in jurist and "Onderzoekspunten" not in jurist
        assert "Waar wij van uitgingen" not in inwoner and "bekijken dan samen" not in inwoner
        assert "U kunt de volgende stap zetten vanaf 31 maart 2025, niet eerder." in inwoner
        assert "uiterlijk op 31 maart 2025" not in inwoner


def test_json_explanation_carries_presumptions_and_labels(vo: verordening.Verordening) -> None:
    advies = _procedureel(vo)
    data = json.loads(_tekst(advies, "jurist", "json"))
    assert [a["gegeven"] for a in data["aannames"]] == [a.gegeven for a in advies.aannames]
    assert [a["waarde_tekst"] for a in data["aannames"]] == ["nee", "nee", "1 december 2024", "4"]
    assert [r["label"] for r in data["redenen"]] == [
        "Onderzoek nodig",
        "Parameter niet bevestigd",
        "Termijn verstreken",
    ]
    assert [p["stap"] for p in data["voorstellen"][0]["onderzoekspunten"]] == [2, 4, 4]


def test_explanation_with_presumptions_is_the_same_after_reloading(
    vo: verordening.Verordening,
) -> None:
    advies = _procedureel(vo)
    herladen = Advies.model_validate_json(advies.model_dump_json())
    assert herladen == advies
    for vorm in ("jurist", "inwoner"):
        for formaat in (*FORMATEN, "json"):
            assert _tekst(advies, vorm, formaat) == _tekst(herladen, vorm, formaat)
