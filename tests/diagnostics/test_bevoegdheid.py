"""V207: a rule with 'bevoegdheid: kan' asks for a weighing whose reason names the provision.

What "names the provision" means mechanically is written in
`verordening.compiler._bevoegdheid`: the reason cites one article of the grondslag as
``art. N`` or ``artikel N`` (not a longer number), followed by ``lid L`` when the
grondslag gives a lid. These cases pin that definition down.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.diagnostics import make_foutcodes as mf
from verordening.diagnostics import Diagnostic


def _check(
    tmp_path: Path, grondslag: str, bevoegdheid: str, voorstel_extra: str
) -> list[Diagnostic]:
    yaml = f"""schema_versie: 1
onderwerp: bevoegdheid
artikelen:
  - nummer: "6.9"
    titel: Een bevoegdheid
    tekst: Het college kan weigeren.
    kernwaarden: {{KW_AFSTEMMING: 2}}
    regels:
      - id: hh-bevoegdheid
        grondslag: {grondslag}
{bevoegdheid}        stap: 1
        behoefte: schoon_en_leefbaar_huis
        toelichting: Een regel.
        als:
          - woning.soort: instelling
        voorstel:
          uitkomst: afgewezen
          instrument: maatwerk_huishoudelijke_ondersteuning
          wetten: [Wet maatschappelijke ondersteuning 2015]
          motivering: Een motivering.
{voorstel_extra}"""
    geval = mf.Geval("VXXX-bevoegdheid", maak=lambda: yaml.encode("utf-8"))
    return mf.draai(geval, tmp_path)[0]


KAN = "        bevoegdheid: kan\n"
WEGEN = "          vereist_beoordeling: true\n"


def _reden(tekst: str) -> str:
    return WEGEN + f"          reden_beoordeling: '{tekst}'\n"


@pytest.mark.parametrize(
    ("grondslag", "reden"),
    [
        (
            "Wmo 2015 art. 2.3.5 lid 6",
            "Weigeren op grond van Wmo 2015 art. 2.3.5 lid 6 is een bevoegdheid.",
        ),
        ("Wgs art. 3 lid 2", "Wgs art. 3 lid 2–3: het college kan weigeren."),
        ("Pw art. 35 lid 2", "Zie artikel 35, lid 2 van de Participatiewet."),
        # One of several articles of the grondslag is enough.
        (
            "Wgs art. 2 lid 4 onder e en art. 3 lid 2 en 3",
            "Wgs art. 3 lid 2 geeft een bevoegdheid.",
        ),
        # A grondslag without a lid: the article alone names it.
        ("Pw art. 16", "Pw art. 16 geeft een bevoegdheid."),
    ],
)
def test_reden_die_de_bepaling_noemt_is_goed(tmp_path: Path, grondslag: str, reden: str) -> None:
    assert _check(tmp_path, grondslag, KAN, _reden(reden)) == []


@pytest.mark.parametrize(
    ("grondslag", "reden"),
    [
        ("Pw art. 3 lid 2", "Pw art. 35 lid 2 geeft een bevoegdheid."),  # longer number
        ("Pw art. 35 lid 2", "Pw art. 35 lid 1 geeft een bevoegdheid."),  # other lid
        ("Pw art. 35 lid 2", "Pw art. 35 lid 21 geeft een bevoegdheid."),  # longer lid
        ("Wmo 2015 art. 2.3.5 lid 6", "Wmo 2015 art. 2.3 lid 6 geeft een bevoegdheid."),
        ("Wmo 2015 art. 2.3.5 lid 6", "Weigeren is een bevoegdheid van het college."),
    ],
)
def test_reden_die_de_bepaling_niet_noemt_is_v207(
    tmp_path: Path, grondslag: str, reden: str
) -> None:
    (diag,) = _check(tmp_path, grondslag, KAN, _reden(reden))
    assert diag.code == "V207"
    assert diag.bron is not None and diag.bron.regel == 23  # the reden_beoordeling line


def test_bevoegdheid_zonder_beoordeling_wijst_de_bevoegdheid_aan(tmp_path: Path) -> None:
    (diag,) = _check(tmp_path, "Wmo 2015 art. 2.3.5 lid 6", KAN, "")
    assert diag.code == "V207"
    assert diag.bron is not None and diag.bron.regel == 11
    assert diag.hint is not None and "art. 2.3.5 lid 6" in diag.hint


def test_beoordeling_zonder_reden_is_v207(tmp_path: Path) -> None:
    (diag,) = _check(tmp_path, "Wmo 2015 art. 2.3.5 lid 6", KAN, WEGEN)
    assert diag.code == "V207"
    assert diag.bron is not None and diag.bron.regel == 22  # the vereist_beoordeling line


@pytest.mark.parametrize("bevoegdheid", ["", "        bevoegdheid: moet\n"])
def test_plicht_of_niets_aangegeven_vraagt_geen_beoordeling(
    tmp_path: Path, bevoegdheid: str
) -> None:
    assert _check(tmp_path, "Wmo 2015 art. 2.3.5 lid 6", bevoegdheid, "") == []


def test_bevoegdheid_op_een_afleiding_is_v207(tmp_path: Path) -> None:
    yaml = """schema_versie: 1
onderwerp: bevoegdheid
gegevens:
  - naam: hh.wlz_weigeren
    type: ja_nee
    omschrijving: Weigeren wegens de Wlz.
artikelen:
  - nummer: "6.9"
    titel: Een bevoegdheid
    tekst: Het college kan weigeren.
    kernwaarden: {KW_AFSTEMMING: 2}
    regels:
      - id: hh-bevoegdheid
        grondslag: Wmo 2015 art. 2.3.5 lid 6
        bevoegdheid: kan
        stap: 1
        toelichting: Een regel.
        als:
          - woning.soort: instelling
        afleiding:
          gegeven: hh.wlz_weigeren
"""
    geval = mf.Geval("VXXX-bevoegdheid", maak=lambda: yaml.encode("utf-8"))
    codes = [d.code for d in mf.draai(geval, tmp_path)[0]]
    assert codes == ["V207"]
