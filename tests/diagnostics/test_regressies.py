"""Regressions: defects once found in the diagnostics, each with the input that showed it.

Each test states the behaviour we want. They were strict xfails while the defect
was open; now they guard against its return.
"""

from __future__ import annotations

from pathlib import Path

from tests.diagnostics import make_foutcodes as mf
from verordening.diagnostics import Diagnostic


def _check(tmp_path: Path, yaml: str) -> list[Diagnostic]:
    geval = mf.Geval("VXXX-gebrek", maak=lambda: yaml.encode("utf-8"))
    return mf.draai(geval, tmp_path)[0]


def _regel(kern: str = "", extra: str = "", als: str = "- aanvrager.wlz_indicatie: nee") -> str:
    return f"""schema_versie: 1
onderwerp: gebrek
artikelen:
  - nummer: "6.9"
    titel: Gebrek
    tekst: Een artikel.
{kern}    regels:
      - id: hh-gebrek
        grondslag: Wmo 2015 art. 2.3.5
        stap: 4
        behoefte: schoon_en_leefbaar_huis
        toelichting: Een regel.
{extra}        als:
          {als}
        voorstel:
          uitkomst: afgewezen
          instrument: maatwerk_huishoudelijke_ondersteuning
          wetten: [Wet maatschappelijke ondersteuning 2015]
          motivering: Een motivering.
"""


def test_vergeten_dubbele_punt_wijst_de_goede_regel_aan(tmp_path: Path) -> None:
    yaml = 'schema_versie: 1\nartikelen:\n  - nummer: "6.2"\n    titel Algemeen\n    tekst: x\n'
    (diag,) = _check(tmp_path, yaml)
    assert diag.code == "V102"
    assert diag.bron is not None
    assert diag.bron.regel == 4  # 'titel Algemeen', not 'tekst: x' on line 5


def test_ongeldige_datum_geeft_een_nederlands_bericht(tmp_path: Path) -> None:
    (diag,) = _check(tmp_path, "schema_versie: 1\ngeldig_vanaf: 2024-02-30\n")
    assert diag.code == "V102"
    assert "out of range" not in diag.bericht
    assert diag.hint is not None


def test_fout_in_een_waarde_meldt_geen_lege_lijst(tmp_path: Path) -> None:
    yaml = """schema_versie: 1
parameters:
  - naam: pw.toeslag.max
    type: geld
    omschrijving: Hoogste individuele toeslag
    waarden:
      - geldig_vanaf: 2024-01-01
        geldig_tot: 2023-12-31
        waarde: 109171
        bron: https://wetten.overheid.nl/
"""
    diagnostics = _check(tmp_path, yaml)
    assert [d.bericht for d in diagnostics] == ["geldig_tot ligt vóór geldig_vanaf"]


def test_verkeerde_standaard_geeft_een_melding_in_het_nederlands(tmp_path: Path) -> None:
    yaml = """schema_versie: 1
gegevens:
  - naam: wmo.iets
    type: ja_nee
    omschrijving: Iets.
    standaard: [1, 2]
"""
    (diag,) = _check(tmp_path, yaml)
    assert diag.code == "V203"
    assert "'standaard'" in diag.bericht
    assert diag.yaml_pad == "gegevens[0].standaard"


def test_kernwaarde_in_kleine_letters_noemt_de_sleutel(tmp_path: Path) -> None:
    diagnostics = _check(tmp_path, _regel(extra="        kernwaarden: {kw_eigen_kracht: 2}\n"))
    (diag,) = diagnostics
    assert diag.code == "V204"
    assert "[key]" not in diag.bericht
    assert "[key]" not in (diag.yaml_pad or "")
    assert diag.bron is not None
    assert diag.bron.kolom == 23  # the key 'kw_eigen_kracht', not its value


def test_verkeerde_parameterwaarde_wijst_de_waarde_aan(tmp_path: Path) -> None:
    yaml = """schema_versie: 1
parameters:
  - naam: pw.toeslag.max
    type: geld
    omschrijving: Hoogste individuele toeslag
    waarden:
      - geldig_vanaf: 2024-01-01
        waarde: "1.091,71"
        bron: https://wetten.overheid.nl/
"""
    (diag,) = _check(tmp_path, yaml)
    assert diag.code == "V203"
    assert diag.bron is not None
    assert diag.bron.regel == 8


def test_onbekende_kernwaarde_van_het_artikel_wijst_het_artikel_aan(tmp_path: Path) -> None:
    (diag,) = _check(tmp_path, _regel(kern="    kernwaarden: {KW_EIGENKRACHT: 2}\n"))
    assert diag.code == "V303"
    assert diag.bron is not None
    assert diag.bron.regel == 7  # 'kernwaarden:' of the article, not '- id:' on line 9


def test_onbekende_kernwaarde_van_artikel_zonder_regels(tmp_path: Path) -> None:
    yaml = """schema_versie: 1
artikelen:
  - nummer: "1.4"
    titel: Zonder regels
    tekst: Een artikel zonder uitvoerbare regels.
    kernwaarden: {KW_BESTAAT_NIET: 2}
"""
    assert [d.code for d in _check(tmp_path, yaml)] == ["V303"]


def test_onbekende_grondwaarde_van_een_behoefte_heeft_een_plaats(tmp_path: Path) -> None:
    yaml = """schema_versie: 1
behoeften:
  - code: veilig_thuis
    levensdomein: wonen
    omschrijving: Veilig thuis kunnen wonen.
    grondwaarden: [VEILIG_WONEN]
"""
    (diag,) = _check(tmp_path, yaml)
    assert diag.code == "V304"
    assert diag.bron is not None


def test_regel_zonder_kernwaarden_noemt_de_regel_een_keer(tmp_path: Path) -> None:
    (diag,) = _check(tmp_path, _regel())
    assert diag.code == "V206"
    assert diag.human().count("'hh-gebrek'") == 1


def test_vervalt_buiten_een_overlay_wordt_gemeld(tmp_path: Path) -> None:
    yaml = """schema_versie: 1
vervalt:
  - regel: hh-eigen-kracht
    motivering: Hoort in gemeenten/<gemeente>/.
"""
    assert _check(tmp_path, yaml) != []


def test_verkeerd_type_toont_de_waarde_zoals_geschreven(tmp_path: Path) -> None:
    (diag,) = _check(tmp_path, "schema_versie: 1\nonderwerp: 2024-01-01\n")
    assert diag.code == "V203"
    assert "datetime" not in diag.bericht


def test_artikelnummer_als_getal_krijgt_een_hint(tmp_path: Path) -> None:
    yaml = """schema_versie: 1
artikelen:
  - nummer: 6.10
    titel: Een titel
    tekst: Een tekst.
"""
    (diag,) = _check(tmp_path, yaml)
    assert diag.code == "V203"
    assert diag.hint is not None
