"""The ``verordening`` command line, for policy staff, jurists and CI (Dutch help texts).

Exit codes: 0 goed; 1 fouten in de regelset, mislukte scenario's of een ongeldige
situatie; 2 verkeerd gebruik. A user never sees a Python traceback for bad YAML
or bad input.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from verordening._api import __version__, check, load
from verordening.bron import lezen
from verordening.bron.document import parse_text
from verordening.bron.loader import shipped_root
from verordening.cli._afsluiten import GEBRUIK, bestaand, scherm_af
from verordening.cli._nl import installeer as _installeer_nederlands
from verordening.diagnostics import Diagnostic, has_errors, render
from verordening.errors import RulesetError, SituatieError, VerordeningError
from verordening.model.advies import Advies
from verordening.opmaak import zichtbaar

_installeer_nederlands()  # typer's frame (Usage, Options, Missing option, ...) in Dutch

app = typer.Typer(
    name="verordening",
    help="De omgekeerde verordening sociaal domein: controleren, toepassen en uitleggen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
uit = Console(soft_wrap=True, highlight=False)
fout = Console(stderr=True, soft_wrap=True, highlight=False)

GemeenteOptie = Annotated[
    str | None, typer.Option("--gemeente", help="Gemeente-overlay, bijv. 'veldhoven'.")
]
PeildatumOptie = Annotated[
    str | None,
    typer.Option(
        "--peildatum",
        help="Peildatum (JJJJ-MM-DD); anders die uit het situatiebestand.",
    ),
]


class CheckFormaat(StrEnum):
    """Output formats of ``check``."""

    mens = "mens"
    gnu = "gnu"
    json = "json"


class AdviesFormaat(StrEnum):
    """Output formats of ``evaluate`` and ``uitleg``."""

    json = "json"
    markdown = "markdown"
    html = "html"
    tekst = "tekst"


class Vorm(StrEnum):
    """Audience of an explanation."""

    jurist = "jurist"
    inwoner = "inwoner"


DiagnoseFormaat = Annotated[
    CheckFormaat, typer.Option("--formaat", help="mens, gnu (één regel) of json.")
]


def _stop(bericht: str, code: int) -> NoReturn:
    """Print ``bericht`` on stderr and exit with ``code`` (1 content, 2 usage): no traceback."""
    fout.print(bericht, markup=False)
    raise typer.Exit(code)


def _root(pad: Path | None) -> Path:
    """The given rulesets path (exit 2 when it does not exist) or the shipped rulesets."""
    return bestaand(pad) or shipped_root()


@app.command("check")
def check_cmd(
    pad: Annotated[
        Path | None,
        typer.Argument(help="Map of bestand met regelsets; standaard de meegeleverde."),
    ] = None,
    gemeente: GemeenteOptie = None,
    formaat: DiagnoseFormaat = CheckFormaat.mens,
) -> None:
    """Controleer de regelsets op alle fouten: bestand:regel:kolom: CODE bericht."""
    _toon_diagnostics(check(_root(pad), gemeente=gemeente), formaat, ("fout", "waarschuwing"))


def _toon_diagnostics(
    diagnostics: list[Diagnostic], formaat: CheckFormaat, soorten: tuple[str, ...]
) -> NoReturn:
    """Print the diagnostics and a count per severity; exit 1 when there are errors."""
    if formaat == CheckFormaat.json:
        uit.print(render(diagnostics, "json"), markup=False)
    elif diagnostics:
        uit.print(render(diagnostics, str(formaat)), markup=False)
    if formaat != CheckFormaat.json:
        tel = {ernst: sum(1 for d in diagnostics if d.ernst == ernst) for ernst in soorten}
        samenvatting = ", ".join(f"{n} {ernst}(en)" for ernst, n in tel.items())
        (fout if tel["fout"] else uit).print(
            ("\n" if diagnostics else "") + samenvatting, markup=False
        )
    raise typer.Exit(1 if has_errors(diagnostics) else 0)


@app.command("analyse")
def analyse_cmd(
    pad: Annotated[
        Path | None,
        typer.Argument(help="Map met regelsets; standaard de meegeleverde."),
    ] = None,
    gemeente: GemeenteOptie = None,
    formaat: DiagnoseFormaat = CheckFormaat.mens,
) -> None:
    """Zoek tegenstrijdige regels, leemtes, dubbele verstrekking en regels die nooit gelden."""
    from verordening.analyse import analyse

    with fout.status("De regels worden doorzocht …", spinner="dots"):
        diagnostics = analyse(_root(pad), gemeente=gemeente)
    _toon_diagnostics(diagnostics, formaat, ("fout", "waarschuwing", "opmerking"))


def _lees_situatie(pad: Path) -> dict[str, Any]:
    """A situation file (YAML or JSON; ``-`` is stdin), read bounded (`bron.lezen`).

    A path that names no readable regular file exits 2; bad content exits 1.
    """
    naam = "(invoer)" if str(pad) == lezen.STDIN else str(pad)
    try:
        tekst = lezen.lees_tekst(pad, lezen.MAX_BYTES, naam)
        if pad.suffix == ".json" or (str(pad) == lezen.STDIN and tekst.lstrip()[:1] in "{["):
            data = lezen.laad_json(tekst, naam)
        else:
            doc, fouten = parse_text(tekst, naam)
            if doc is None or fouten:
                _stop(render(fouten), 1)
            data = doc.data
    except lezen.LeesError as exc:
        _stop(str(exc), GEBRUIK if exc.gebruik else 1)
    if not isinstance(data, dict):
        _stop(f"{naam}: een situatie is een object met velden", 1)
    return data


def _peildatum(optie: str | None, data: dict[str, Any]) -> dt.date:
    """The peildatum from ``--peildatum``, else from the situation; a usage error without one."""
    waarde = optie if optie is not None else data.get("peildatum")
    if waarde is None:
        _stop(
            "geen peildatum: geef --peildatum JJJJ-MM-DD of zet 'peildatum' in de situatie",
            2,
        )
    if isinstance(waarde, dt.date):
        return waarde
    try:
        return dt.date.fromisoformat(str(waarde))
    except ValueError:
        _stop(f"ongeldige peildatum '{waarde}': gebruik JJJJ-MM-DD", 2)


def _advies(situatie: Path, peildatum: str | None, gemeente: str | None) -> Advies:
    """The Advies of the situation in file ``situatie``; every user error ends in `_stop`."""
    data = _lees_situatie(situatie)
    datum = _peildatum(peildatum, data)
    try:
        vo = load(gemeente=gemeente)
        return vo.evaluate(data, peildatum=datum)
    except SituatieError as exc:
        _stop(str(exc), 1)
    except RulesetError as exc:
        _stop(str(exc), 1)
    except VerordeningError as exc:
        _stop(str(exc), 1)


@app.command("evaluate")
def evaluate_cmd(
    situatie: Annotated[Path, typer.Argument(help="Situatie als YAML of JSON.")],
    peildatum: PeildatumOptie = None,
    gemeente: GemeenteOptie = None,
    vragen: Annotated[
        bool,
        typer.Option("--vragen", help="Toon alleen de vragen voor ontbrekende gegevens."),
    ] = False,
    formaat: Annotated[
        AdviesFormaat, typer.Option("--formaat", help="json, markdown, html of tekst.")
    ] = AdviesFormaat.json,
) -> None:
    """Pas de verordening toe op een situatie en toon het advies."""
    advies = _advies(situatie, peildatum, gemeente)
    if vragen:
        if formaat == AdviesFormaat.json:
            uit.print(
                json.dumps(
                    [v.model_dump(mode="json") for v in advies.vragen],
                    ensure_ascii=False,
                    indent=2,
                ),
                markup=False,
            )
        elif not advies.vragen:
            uit.print("Er ontbreken geen gegevens die de uitkomst veranderen.", markup=False)
        else:
            for v in advies.vragen:
                # The texts come from the rulesets: shown on one line, control characters visible.
                vraag, gegeven, waarom = (
                    zichtbaar(w, regels=False) for w in (v.vraag, v.gegeven, v.waarom)
                )
                regels = [f"- {vraag} ({gegeven})", f"  {waarom}"]
                if v.paden:
                    soort = f" ({v.type}: {', '.join(v.waarden)})" if v.waarden else f" ({v.type})"
                    regels.append(f"  Antwoord in: {', '.join(v.paden)}{soort}")
                uit.print("\n".join(regels), markup=False)
        return
    if formaat == AdviesFormaat.json:
        uit.print(advies.model_dump_json(indent=2), markup=False)
        return
    from verordening.uitleg import uitleg

    uit.print(uitleg(advies, vorm="jurist", formaat=str(formaat)), markup=False, end="")  # type: ignore[arg-type]


@app.command("uitleg")
def uitleg_cmd(
    bestand: Annotated[
        Path,
        typer.Argument(help="Situatie (YAML/JSON) of een opgeslagen Advies (JSON)."),
    ],
    vorm: Annotated[Vorm, typer.Option("--vorm", help="jurist of inwoner.")] = Vorm.jurist,
    formaat: Annotated[
        AdviesFormaat, typer.Option("--formaat", help="markdown, html, tekst of json.")
    ] = AdviesFormaat.markdown,
    peildatum: PeildatumOptie = None,
    gemeente: GemeenteOptie = None,
) -> None:
    """Leg een advies uit; een opgeslagen Advies wordt niet opnieuw berekend."""
    from pydantic import ValidationError

    from verordening.uitleg import uitleg

    advies: Advies | None = None
    if bestand.suffix == ".json":
        try:
            tekst = lezen.lees_tekst(bestand, lezen.MAX_ADVIES_BYTES)
            ruw = lezen.laad_json(tekst, str(bestand))
        except lezen.LeesError as exc:
            _stop(str(exc), GEBRUIK if exc.gebruik else 1)
        if isinstance(ruw, dict) and "ontvangstbewijs" in ruw:
            try:
                advies = Advies.model_validate_json(tekst)
            except ValidationError as exc:
                _stop(f"{bestand}: geen geldig Advies ({exc.error_count()} problemen)", 1)
    if advies is None:
        advies = _advies(bestand, peildatum, gemeente)
    uit.print(uitleg(advies, vorm=str(vorm), formaat=str(formaat)), markup=False, end="")  # type: ignore[arg-type]


@app.command("test")
def scenario_cmd(
    pad: Annotated[Path | None, typer.Argument(help="Map met regelsets en scenario's.")] = None,
    minimum_dekking: Annotated[
        float,
        typer.Option(
            "--minimum-dekking",
            help="Faal als minder dan dit percentage regels geraakt wordt.",
        ),
    ] = 0.0,
) -> None:
    """Voer de scenario's naast de regels uit en toon de dekking per regel."""
    from verordening.scenarios import Uitslag, coverage, find_files, ruleset_root, run_all

    bron = _root(pad)
    bestanden = find_files(bron)
    root = ruleset_root(bron)
    if not bestanden:
        _stop(f"geen scenario's gevonden onder '{bron}'", 1)
    uitslagen: list[Uitslag] = []
    problemen = 0
    try:
        for item in run_all(bestanden):
            if isinstance(item, Uitslag):
                uitslagen.append(item)
                if not item.geslaagd:
                    problemen += 1
                    uit.print(f"MISLUKT {item.bestand}:{item.regel} {item.naam}", markup=False)
                    for v in item.verschillen:
                        uit.print(f"    {v}", markup=False)
            else:
                problemen += 1
                uit.print(item.gnu(), markup=False)
        geraakt, niet = coverage(root, uitslagen)
    except RulesetError as exc:
        _stop(str(exc), 1)
    totaal = len(geraakt) + len(niet)
    dekking = 100.0 * len(geraakt) / totaal if totaal else 100.0
    uit.print(
        f"\n{len(uitslagen) - sum(not u.geslaagd for u in uitslagen)} geslaagd, "
        f"{sum(not u.geslaagd for u in uitslagen)} mislukt",
        markup=False,
    )
    uit.print(f"dekking: {len(geraakt)} van {totaal} regels ({dekking:.1f} %)", markup=False)
    for r in niet:
        uit.print(f"    niet geraakt: {r}", markup=False)
    if problemen or dekking < minimum_dekking:
        raise typer.Exit(1)


class SchemaSoort(StrEnum):
    """Which JSON Schema to print."""

    ruleset = "ruleset"
    situatie = "situatie"
    advies = "advies"


@app.command("schema")
def schema_cmd(
    soort: Annotated[
        SchemaSoort, typer.Argument(help="ruleset, situatie of advies.")
    ] = SchemaSoort.ruleset,
) -> None:
    """Toon het JSON Schema (voor editors en zaaksystemen)."""
    from verordening.bron.schema import json_schema
    from verordening.model.situatie import Situatie

    schema: dict[str, Any] = {
        SchemaSoort.ruleset: json_schema,
        SchemaSoort.situatie: Situatie.model_json_schema,
        SchemaSoort.advies: Advies.model_json_schema,
    }[soort]()
    uit.print(json.dumps(schema, ensure_ascii=False, indent=2), markup=False)


@app.command("bench")
def bench_cmd(
    snel: Annotated[bool, typer.Option("--snel", help="Korte meting.")] = False,
    robuust: Annotated[
        bool,
        typer.Option(
            "--robuust",
            help="Meet per vijandige invoer (aliasbommen, diepe nesting, enorme teksten,"
            " apparaten) de processortijd en het geheugen tot de afwijzing, elk in een"
            " begrensd subproces. Exitcode 1 als een invoer niet met een foutcode is"
            " afgewezen.",
        ),
    ] = False,
    formaat: Annotated[str, typer.Option("--formaat", help="tekst of json.")] = "tekst",
) -> None:
    """Meet de snelheid van durable_rules tegen de referentie-evaluator (zelfde run).

    Met --robuust: wat elke vijandige invoer kost voordat hij wordt afgewezen.
    """
    from verordening.bench import run_bench, voortgang_op_stderr

    if robuust:
        from verordening.bench import robuust_als_tekst, run_robuust

        verslag = run_robuust(voortgang=voortgang_op_stderr())
        if formaat == "json":
            uit.print(json.dumps(verslag, indent=2, ensure_ascii=False), markup=False)
        else:
            uit.print(robuust_als_tekst(verslag), markup=False)
        raise typer.Exit(0 if verslag["alle_afgewezen"] else 1)
    resultaat = run_bench(snel=snel, voortgang=voortgang_op_stderr())
    if formaat == "json":
        uit.print(json.dumps(resultaat, indent=2), markup=False)
        return
    for sleutel, waarde in resultaat.items():
        uit.print(f"{sleutel:28} {waarde}", markup=False)


class RenderFormaat(StrEnum):
    """Output formats of ``render``."""

    markdown = "markdown"
    html = "html"


@app.command("render")
def render_cmd(
    pad: Annotated[
        Path | None, typer.Argument(help="Map met regelsets; standaard de meegeleverde.")
    ] = None,
    formaat: Annotated[
        RenderFormaat, typer.Option("--formaat", help="markdown of html.")
    ] = RenderFormaat.markdown,
    gemeente: GemeenteOptie = None,
    peildatum: Annotated[
        str | None,
        typer.Option("--peildatum", help="Tekst zoals geldend op deze datum; standaard vandaag."),
    ] = None,
) -> None:
    """Toon de verordening als leesbaar document, gemaakt uit de YAML."""
    from zoneinfo import ZoneInfo

    from verordening.documenten.bylaw import render_bylaw

    datum = _peildatum(
        peildatum, {"peildatum": dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date()}
    )
    try:
        uit.print(render_bylaw(_root(pad), datum, str(formaat), gemeente), markup=False, end="")
    except RulesetError as exc:
        _stop(str(exc), 1)


@app.command("versie")
def versie_cmd() -> None:
    """Toon de versie van de bibliotheek."""
    uit.print(f"verordening {__version__}", markup=False)


# caseload and impact live in their own module; registered here, after the other commands.
from verordening.cli._impact import caseload_cmd, impact_cmd  # noqa: E402 - registration after the app

app.command("caseload")(caseload_cmd)
app.command("impact")(impact_cmd)
# Every command: Ctrl-C gives "Afgebroken." and exit 130, escaped read/write errors their code.
scherm_af(app)
