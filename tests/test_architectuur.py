"""The layout's rules that import-linter cannot see: the public names, private names, engine names.

import-linter (``lint-imports`` in CI, contracts in pyproject.toml) checks the stage layers,
that a ``_private`` module is imported only inside its own folder, and that there are no cycles.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import verordening

SRC = Path(verordening.__file__).parent
API_MD = Path(__file__).parents[1] / "docs" / "ontwikkelaars" / "api.md"

#: The public API (docs/ontwikkelaars/api.md); changing it is a semver decision, not a refactor.
PUBLIEK = {
    "Aanname",
    "Advies",
    "Diagnostic",
    "EvaluatieError",
    "ImpactError",
    "ImpactRapport",
    "Onderzoekspunt",
    "Ontvangstbewijs",
    "Reden",
    "RulesetError",
    "Situatie",
    "SituatieError",
    "SourceRef",
    "Verordening",
    "VerordeningError",
    "Verschil",
    "Voorstel",
    "Vraag",
    "__version__",
    "check",
    "herhaal",
    "impact",
    "load",
    "uitleg",
}


def _modules() -> list[tuple[str, ast.Module]]:
    uit = []
    for pad in sorted(SRC.rglob("*.py")):
        deel = pad.relative_to(SRC.parent).with_suffix("").parts
        naam = ".".join(deel[:-1] if deel[-1] == "__init__" else deel)
        uit.append((naam, ast.parse(pad.read_text(encoding="utf-8"))))
    return uit


def _map(module: str) -> str:
    """The stage folder a module belongs to (the package itself for top-level modules)."""
    delen = module.split(".")
    return ".".join(delen[:2]) if len(delen) > 2 else delen[0]


def test_the_public_names_are_exactly_the_documented_ones() -> None:
    assert set(verordening.__all__) == PUBLIEK
    gedocumenteerd = set(re.findall(r"verordening\.(\w+)", API_MD.read_text(encoding="utf-8")))
    assert gedocumenteerd | {"__version__"} >= PUBLIEK
    for naam in verordening.__all__:
        assert getattr(verordening, naam) is not None


def test_no_private_name_is_imported_across_folders() -> None:
    fouten = []
    for module, boom in _modules():
        for knoop in ast.walk(boom):
            if not isinstance(knoop, ast.ImportFrom) or not knoop.module:
                continue
            if not knoop.module.startswith("verordening"):
                continue
            if _map(knoop.module) == _map(module) and knoop.module != "verordening":
                continue
            for alias in knoop.names:
                if alias.name.startswith("_") and alias.name != "__version__":
                    fouten.append(f"{module}: from {knoop.module} import {alias.name}")
    assert fouten == []


def test_engine_names_are_spelled_only_in_the_registry_and_the_engines() -> None:
    toegestaan = {
        "verordening.engine.registry",
        "verordening.engine._durable",
        "verordening.engine.core",
    }
    namen = {"durable_rules", "referentie"}
    fouten = []
    for module, boom in _modules():
        if module in toegestaan:
            continue
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.Constant) and knoop.value in namen:
                fouten.append(f"{module}:{knoop.lineno}: {knoop.value!r}")
    assert fouten == []


def test_every_stage_folder_has_an_entrance_with_a_docstring() -> None:
    for pad in sorted(p for p in SRC.iterdir() if p.is_dir() and not p.name.startswith("_")):
        if not any(pad.glob("*.py")):
            continue
        ingang = pad / "__init__.py"
        assert ingang.exists(), pad.name
        assert ast.get_docstring(ast.parse(ingang.read_text(encoding="utf-8"))), pad.name


def test_an_engine_instance_plugs_in_without_registration() -> None:
    import datetime as dt

    from verordening.engine.core import ReferenceEngine

    class Kopie(ReferenceEngine):
        naam = "kopie"

    vo = verordening.load()
    situatie = {
        "meldingsdatum": "2025-03-03",
        "personen": [{"id": "p1", "rol": "aanvrager", "geboortedatum": "2001-08-14"}],
        "hulpvragen": [{"behoefte": "inkomen_levensonderhoud"}],
    }
    peildatum = dt.date(2025, 3, 3)
    eigen = vo.evaluate(situatie, peildatum=peildatum, engine=Kopie())
    referentie = vo.evaluate(situatie, peildatum=peildatum, engine="referentie")
    assert eigen.ontvangstbewijs.engine == "kopie"
    assert eigen.model_dump(exclude={"ontvangstbewijs"}) == referentie.model_dump(
        exclude={"ontvangstbewijs"}
    )
