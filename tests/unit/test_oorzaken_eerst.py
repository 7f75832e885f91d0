"""Root causes first: messages that only follow from a failed file are grouped under it.

Issue 14, item 6: one indentation slip in a parameters file gave 16 errors, the real
one last, with did-you-mean hints that pointed at unrelated names.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from pathlib import Path

import pytest

import verordening
from tests.conftest import RULESETS
from verordening.bron.document import parse_text
from verordening.bron.loader import load_sources
from verordening.diagnostics import Diagnostic, render

PARAMETERS = Path("parameters") / "vermogensgrenzen.yaml"
BIJSTAND = Path("04-inkomen") / "algemene-bijstand.yaml"


def _kopie(tmp_path: Path) -> Path:
    root = tmp_path / "rulesets"
    shutil.copytree(RULESETS, root)
    return root


def _verschuif(bestand: Path, begin: str) -> None:
    """Indent the first line that starts with ``begin`` by one space (the slip)."""
    regels = bestand.read_text(encoding="utf-8").splitlines()
    i = next(i for i, r in enumerate(regels) if r.startswith(begin))
    regels[i] = " " + regels[i]
    bestand.write_text("\n".join(regels) + "\n", encoding="utf-8")


def _check(root: Path, pad: Path | None = None) -> list[Diagnostic]:
    with contextlib.chdir(root):
        return verordening.check(pad or Path("."))


def test_inspringfout_in_parameters_geeft_een_melding_met_de_gevolgen(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    assert _check(root) == []  # the shipped tree is valid: every message below is the slip's
    _verschuif(root / PARAMETERS, "    omschrijving:")

    diagnostics = _check(root)

    assert [(d.code, d.bron and d.bron.bestand) for d in diagnostics] == [("V102", str(PARAMETERS))]
    gevolgen = diagnostics[0].gevolgen
    assert gevolgen, "the rules that use the lost parameters are counted under the cause"
    assert {g.code for g in gevolgen} == {"V302"}
    for g in gevolgen:
        assert g.gevolg_van is not None and g.gevolg_van.bestand == str(PARAMETERS)
        assert g.naam is not None and g.naam.startswith("pw.vermogen.grens")
        assert "bedoelde u" not in (g.hint or ""), "no did-you-mean for a name that is lost"
    assert f"{len(gevolgen)} andere meldingen volgen uit deze fout" in render(diagnostics)


def test_oorzaak_staat_voor_andere_fouten_en_echte_tikfouten_blijven(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    _verschuif(root / PARAMETERS, "    omschrijving:")
    bijstand = root / BIJSTAND
    tekst = bijstand.read_text(encoding="utf-8")
    assert "{parameter: pw.norm.jong_18_20.alleenstaande}" in tekst
    bijstand.write_text(
        tekst.replace(
            "{parameter: pw.norm.jong_18_20.alleenstaande}",
            "{parameter: pw.norm.jong_18_20.alleenstaand}",
            1,
        ),
        encoding="utf-8",
    )

    diagnostics = _check(root)

    # 04-inkomen sorts before parameters/, but the cause comes first.
    assert [d.code for d in diagnostics] == ["V102", "V302"]
    typo = diagnostics[1]
    assert typo.gevolg_van is None
    assert typo.hint == "bedoelde u 'pw.norm.jong_18_20.alleenstaande'?"


def test_tikfout_naast_een_verloren_naam_wijst_naar_de_oorzaak(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    _verschuif(root / PARAMETERS, "    omschrijving:")
    bijstand = root / BIJSTAND
    tekst = bijstand.read_text(encoding="utf-8")
    assert "{parameter: pw.vermogen.grens.alleenstaande}" in tekst
    bijstand.write_text(
        tekst.replace(
            "{parameter: pw.vermogen.grens.alleenstaande}",
            "{parameter: pw.vermogen.grens.alleenstaand}",
            1,
        ),
        encoding="utf-8",
    )

    diagnostics = _check(root)

    assert [d.code for d in diagnostics] == ["V102", "V302"]
    typo = diagnostics[1]
    assert typo.gevolg_van is None  # a real typo: shown, not grouped
    assert typo.hint is not None
    assert typo.hint.startswith("bedoelde u 'pw.vermogen.grens.alleenstaande'?")
    assert str(PARAMETERS) in typo.hint


def test_json_bevat_de_gevolgen_onder_de_oorzaak(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    _verschuif(root / PARAMETERS, "    omschrijving:")
    data = json.loads(render(_check(root), "json"))
    assert len(data) == 1
    assert data[0]["gevolgen"]
    assert all(g["gevolg_van"]["bestand"] == str(PARAMETERS) for g in data[0]["gevolgen"])


def test_los_bestand_toont_gevolgen_met_de_oorzaak_als_hint(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    _verschuif(root / PARAMETERS, "    omschrijving:")
    diagnostics = _check(root, BIJSTAND)
    assert diagnostics, "checking the file that uses the lost names alone is not clean"
    for diag in diagnostics:
        assert diag.code == "V302"
        assert diag.hint is not None and str(PARAMETERS) in diag.hint


def test_verloren_kernwaarden_verbergen_ook_v316(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    _verschuif(root / "01-inleiding" / "kernwaarden.yaml", "  - code:")
    diagnostics = _check(root)
    assert [d.code for d in diagnostics] == ["V102"]
    assert diagnostics[0].gevolgen


def test_schemafout_laat_de_geldige_delen_van_het_bestand_controleren(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    bijstand = root / BIJSTAND
    regels = bijstand.read_text(encoding="utf-8").splitlines()
    # A schema error in the first rule (an unknown field) ...
    i = next(i for i, r in enumerate(regels) if re.match(r"^\s+grondslag:", r))
    regels.insert(i, regels[i].replace("grondslag:", "grondslagg:"))
    tekst = "\n".join(regels) + "\n"
    # ... and a name error in the last rule of the same file.
    laatste = tekst.rindex("{parameter: ")
    tekst = tekst[:laatste] + "{parameter: bestaat.niet}" + tekst[tekst.index("}", laatste) + 1 :]
    bijstand.write_text(tekst, encoding="utf-8")

    diagnostics = _check(root)

    assert [d.code for d in diagnostics] == ["V202", "V302"]
    assert all(d.bron is not None and d.bron.bestand == str(BIJSTAND) for d in diagnostics)
    assert "bestaat.niet" in diagnostics[1].bericht


def test_load_sources_geeft_het_geldige_deel_en_de_verloren_namen(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    params = root / PARAMETERS
    tekst = params.read_text(encoding="utf-8")
    eerste = tekst.index("    omschrijving:")
    params.write_text(tekst[:eerste] + tekst[tekst.index("\n", eerste) + 1 :], encoding="utf-8")

    bronnen, diagnostics = load_sources(root)

    assert [d.code for d in diagnostics] == ["V201"]
    bron = next(b for b in bronnen if b.rel == PARAMETERS.as_posix())
    assert not bron.volledig
    namen = [p.naam for p in bron.bestand.parameters]
    verloren = [(v.soort, v.naam) for v in bron.verloren]
    assert verloren == [("parameters", "pw.vermogen.grens.alleenstaande")]
    assert namen and "pw.vermogen.grens.alleenstaande" not in namen
    # Positions follow the items that moved up: the first kept item points at its own line.
    plek = bron.doc.ref(("parameters", 0, "naam"))
    regel = params.read_text(encoding="utf-8").splitlines()[plek.regel - 1]
    assert namen[0] in regel


def test_fout_in_de_geldigheid_laat_het_hele_bestand_vallen(tmp_path: Path) -> None:
    root = _kopie(tmp_path)
    params = root / PARAMETERS
    params.write_text(
        params.read_text(encoding="utf-8").replace(
            "schema_versie: 1\n", "schema_versie: 1\ngeldig_vanaf: morgen\n", 1
        ),
        encoding="utf-8",
    )
    bronnen, diagnostics = load_sources(root)
    assert [d.code for d in diagnostics] == ["V203"]
    bron = next(b for b in bronnen if b.rel == PARAMETERS.as_posix())
    assert not bron.heeft_inhoud
    assert ("parameters", "pw.vermogen.grens.alleenstaande") in {
        (v.soort, v.naam) for v in bron.verloren
    }
    alles = _check(root)
    assert [d.code for d in alles] == ["V203"]
    assert alles[0].gevolgen


#: YAML that PyYAML refuses, each with a different problem text.
KAPOTTE_YAML = [
    "a: b: c\n",
    "a:\n  - b\n - c\n",
    "a:\n  b: 1\n   c: 2\n",
    "a: [1, 2\nb: 3\n",
    "a: {b: 1\nc: 2\n",
    "a: *onbekend\n",
    "a: 'open\n",
    'a: "\\q"\n',
    "a: @b\n",
    "a: 1\n---\nb: 2\n",
    "a: |x\n  tekst\n",
    "a: &\n",
    "- a\nb: 1\n",
    "a: b\n? c\n: d\n- e\n",
    "a:\tb\n\tc: d\n",
    "%YAML 2.0\n---\na: 1\n",
]
ENGELS = re.compile(
    r"\b(expected|found|but|while|scanning|parsing|mapping|sequence|block|stream|"
    r"character|allowed|cannot|could|not|the|here)\b"
)


@pytest.mark.parametrize("tekst", KAPOTTE_YAML)
def test_yaml_fouten_zijn_nederlands(tekst: str) -> None:
    doc, diagnostics = parse_text(tekst, "x.yaml")
    assert doc is None or diagnostics, f"PyYAML accepted {tekst!r}"
    for diag in diagnostics:
        assert not ENGELS.search(diag.bericht), diag.bericht
