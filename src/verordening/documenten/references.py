"""Generated reference documents: the fact catalogue and the JSON Schemas.

Tests compare the committed files with what this module generates, and
``pytest --update-golden`` rewrites them, so the docs never drift from the code.
"""

from __future__ import annotations

import json

from verordening.bron.schema import json_schema
from verordening.compiler.facts import COLLECTIES, VRAAG_FEITEN, catalogue
from verordening.compiler.product import CompiledVerordening
from verordening.model.advies import Advies
from verordening.model.situatie import MAX_BEDRAG, Situatie
from verordening.opmaak import code, geld, md


def gegevens_markdown(cv: CompiledVerordening) -> str:
    """All fact names a rule may use, with type and meaning, as Markdown."""
    regels = [
        "# Gegevens die regels kunnen gebruiken",
        "",
        "Gegenereerd uit de code (`verordening/facts.py`) en de regelsets; niet met de hand",
        "bewerken. Een gegeven dat de situatie niet geeft, is *onbekend*, nooit een gok. Wat",
        "er dan gebeurt, zegt de kolom *Soort*:",
        "",
        "- *gegeven*: de inwoner vertelt het; ontbreekt het, dan wordt het een vraag (en een",
        "  onderzoekspunt van de processtap).",
        "- *bevinding*: de professional stelt het vast in het onderzoek; ontbreekt het, dan is",
        "  de volgende stap het onderzoek, met dit gegeven als onderzoekspunt. Nooit vermoed.",
        "- *uitzondering*: een uitzondering op een recht die de gemeente in een register",
        "  nagaat; alleen hiervoor mag `vermoedens.yaml` een vermoeden geven (anders V320).",
        "",
        "Bedragen (type geld) zijn hele eurocent. Een bedrag uit de situatie is nooit",
        f"negatief en nooit meer dan {MAX_BEDRAG} eurocent ({geld(MAX_BEDRAG)}):",
        "inkomen, woonlasten, kosten, schulden, vorderingen en het vermogen in de eigen",
        "woning. Alleen `vermogen.bedrag` (bezit min schulden, Pw art. 34) kan negatief zijn,",
        "tot min dat maximum. Een situatie met een negatief inkomen, `true` of tekst als",
        "bedrag, of een geboortedatum na de peildatum wordt geweigerd.",
        "",
        "## Invoergegevens",
        "",
        "| Naam | Type | Soort | Betekenis | Vraag als het ontbreekt |",
        "|---|---|---|---|---|",
    ]
    for naam, info in catalogue().items():
        waarden = f" ({', '.join(info.waarden)})" if info.waarden else ""
        regels.append(
            f"| `{naam}` | {info.type}{waarden} | {info.soort} | {info.omschrijving} "
            f"| {info.vraag or '—'} |"
        )
    regels += [
        "",
        "## Per hulpvraag",
        "",
        "In een regel met een `behoefte` schrijft u `vraag.<naam>`; dat is het gegeven van de",
        "hulpvraag voor die behoefte (`hulpvraag.<behoefte>.<naam>`).",
        "",
        "| Naam | Type | Soort | Betekenis |",
        "|---|---|---|---|",
    ]
    for naam, info in VRAAG_FEITEN.items():
        regels.append(f"| `vraag.{naam}` | {info.type} | {info.soort} | {info.omschrijving} |")
    regels += ["", "## Collecties (voor `aantal`)", ""]
    for collectie, velden in COLLECTIES.items():
        regels += [f"### `{collectie}`", "", "| Veld | Type | Betekenis |", "|---|---|---|"]
        for veld, info in velden.items():
            waarden = f" ({', '.join(info.waarden)})" if info.waarden else ""
            regels.append(f"| `{veld}` | {info.type}{waarden} | {info.omschrijving} |")
        regels.append("")
    regels += [
        "## Vermoedens in de meegeleverde regelsets",
        "",
        "Zolang het gegeven niet is opgegeven, geldt deze waarde (`01-inleiding/vermoedens.yaml`).",
        "",
        "| Gegeven | Vermoed | Vanaf | Grondslag |",
        "|---|---|---|---|",
    ]
    for vm in cv.vermoedens:
        waarde = {True: "ja", False: "nee"}.get(vm.waarde, str(vm.waarde))
        regels.append(
            f"| {code(vm.gegeven, tabel=True)} | {md(waarde)} | {vm.vanaf.isoformat()} "
            f"| {md(vm.grondslag)} |"
        )
    regels += [
        "",
        "## Afgeleide gegevens in de meegeleverde regelsets",
        "",
        "| Naam | Type | Betekenis |",
        "|---|---|---|",
    ]
    for naam, decl in sorted(cv.gegevens.items()):
        regels.append(f"| `{naam}` | {decl.type} | {' '.join(decl.omschrijving.split())} |")
    regels += [
        "",
        "## Parameters",
        "",
        "Schrijf `{parameter: <naam>}`.",
        "",
        "| Naam | Type | Betekenis |",
        "|---|---|---|",
    ]
    for naam, param in sorted(cv.parameters.items()):
        regels.append(f"| `{naam}` | {param.type} | {' '.join(param.omschrijving.split())} |")
    return "\n".join(regels) + "\n"


def onbevestigd_markdown(cv: CompiledVerordening) -> str:
    """Every parameter value that is not confirmed by a public source, with why."""
    regels = [
        "# Waarden zonder bevestigde bron",
        "",
        "Gegenereerd uit `rulesets/parameters/`; niet met de hand bewerken. Een waarde met",
        "status *onbevestigd* staat als `waarde: null` in de regelset: de engine rekent er niet",
        "mee en vraagt om weging (`parameter_onbevestigd`); waar de wet de waarde niet vastlegt",
        "(`wet_bepaalt_waarde: false`), rekent zij met de laatst bevestigde waarde en noemt dat",
        "als aanname in het advies. Een waarde met status *afgeleid* is",
        "berekend uit een bevestigde bron, of is een lokale keuze van het model die een gemeente",
        "in haar overlay kan vervangen.",
        "",
        "| Parameter | Geldig vanaf | Waarde | Status | Bron en toelichting |",
        "|---|---|---|---|---|",
    ]
    for naam, param in sorted(cv.parameters.items()):
        for w in param.waarden:
            if str(w.status) == "bevestigd" and w.waarde is not None:
                continue
            status = "onbevestigd" if w.waarde is None else str(w.status)
            toelichting = " ".join(f"{w.bron} {w.opmerking or ''}".split()).replace("|", "/")
            waarde = "—" if w.waarde is None else str(w.waarde)
            regels.append(f"| `{naam}` | {w.geldig_vanaf} | {waarde} | {status} | {toelichting} |")
    return "\n".join(regels) + "\n"


def schemas() -> dict[str, str]:
    """JSON Schemas for editors and case systems, by file name."""
    return {
        "regelset.schema.json": json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n",
        "situatie.schema.json": json.dumps(
            Situatie.model_json_schema(), ensure_ascii=False, indent=2
        )
        + "\n",
        "advies.schema.json": json.dumps(Advies.model_json_schema(), ensure_ascii=False, indent=2)
        + "\n",
    }
