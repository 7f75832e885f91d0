"""Render an `ImpactRapport`: terminal summary (rich), Markdown and HTML (jinja2), JSON.

Everything shown is built once by `view` (money as "€ 1.234,56", dates as
"1 juli 2025", percentages with a decimal comma); the templates and the terminal
summary only lay it out. The same report always gives the same text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2
from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from verordening.impact.model import GevalVerschil, ImpactRapport, JsonWaarde
from verordening.opmaak import PERIODE, datum, geld, zichtbaar
from verordening.opmaak import omgeving as sjabloon_omgeving

#: How many changed cases the terminal summary lists in detail.
MAX_GEVALLEN_TERMINAL = 20
#: How many invalid lines the terminal summary lists.
MAX_ONGELDIG_TERMINAL = 10

_GELD_VELDEN = frozenset({"bedrag", "eigen_bijdrage"})
#: Voorstel fields the terminal shows with their values; the others only by name.
_KERNVELDEN = frozenset(
    {
        "instrument",
        "bedrag",
        "periode",
        "eigen_bijdrage",
        "leveringsvorm",
        "ingangsdatum",
        "einddatum",
        "uiterlijk",
        "vereist_beoordeling",
    }
)
_DATUM_VELDEN = frozenset({"ingangsdatum", "einddatum", "uiterlijk"})
_UITKOMST = {
    "toegekend": "toegekend",
    "gedeeltelijk_toegekend": "gedeeltelijk toegekend",
    "afgewezen": "afgewezen",
    "alternatief": "alternatief",
    "maatwerk_afwijking": "maatwerk (afwijking)",
    "procedureel": "procedurele stap",
    "onbekend": "onbekend",
    "geen": "geen voorstel",
}


def procent(deel: int, geheel: int) -> str:
    """A share as '6,8 %' (one decimal, Dutch comma)."""
    if not geheel:
        return "0,0 %"
    return f"{100 * deel / geheel:.1f}".replace(".", ",") + " %"


def getal(n: int) -> str:
    """A count with a thousands dot: 100.000."""
    return f"{n:,}".replace(",", ".")


def verschil_geld(centen: int) -> str:
    """A difference in money with its sign: '+€ 92,82', '-€ 1,00', '€ 0,00'."""
    return ("+" if centen > 0 else "") + geld(centen)


def tekst(waarde: JsonWaarde, soort: str | None) -> str:
    """A value in words: money, dates, percentages, ja/nee, lists; '—' for empty."""
    if waarde is None or waarde == []:
        return "—"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list):
        return ", ".join(waarde)
    if soort == "geld" and isinstance(waarde, int):
        return geld(waarde)
    if soort == "datum" and isinstance(waarde, str):
        return datum(waarde)
    if soort == "basispunten" and isinstance(waarde, int):
        return f"{waarde / 100:.2f} %".replace(".", ",")
    if soort == "uitkomst" and isinstance(waarde, str):
        return _UITKOMST.get(waarde, waarde)
    if soort == "periode" and isinstance(waarde, str):
        return PERIODE.get(waarde, waarde)
    return str(waarde)


def _veld_soort(veld: str) -> str | None:
    """How a Voorstel field's value is shown: as money, a date, an outcome, a period, or plain."""
    if veld in _GELD_VELDEN:
        return "geld"
    if veld in _DATUM_VELDEN:
        return "datum"
    return veld if veld in ("uitkomst", "periode") else None


def _telling(rijen: Any) -> list[dict[str, Any]]:
    """Count rows of the report as the templates show them (Dutch numbers and percentages)."""
    return [
        {
            "code": r.code,
            "levensdomein": r.levensdomein,
            "totaal": getal(r.totaal),
            "gewijzigd": getal(r.gewijzigd),
            "aantal_gewijzigd": r.gewijzigd,
            "procent": procent(r.gewijzigd, r.totaal),
        }
        for r in rijen
    ]


def _geval(g: GevalVerschil) -> dict[str, Any]:
    """A changed case as the templates show it, every value in Dutch notation."""
    voorstellen = [
        {
            "behoefte": v.behoefte,
            "levensdomein": v.levensdomein,
            "oud": tekst(v.uitkomst_oud or "geen", "uitkomst"),
            "nieuw": tekst(v.uitkomst_nieuw or "geen", "uitkomst"),
            "instrument": v.instrument_nieuw or v.instrument_oud or "—",
            "velden": [
                {
                    "veld": f.veld,
                    "oud": tekst(f.oud, _veld_soort(f.veld)),
                    "nieuw": tekst(f.nieuw, _veld_soort(f.veld)),
                }
                for f in v.velden
                if f.veld != "uitkomst"
            ],
        }
        for v in g.voorstellen
    ]
    regels = [
        {
            "regel": r.regel,
            "artikel": r.artikel,
            "wat": r.wat,
            "waarde": (
                f"{tekst(r.waarde_oud, r.type)} → {tekst(r.waarde_nieuw, r.type)}"
                if r.waarde_oud != r.waarde_nieuw
                else None
            ),
        }
        for r in g.regels
    ]
    parameters = [
        {
            "naam": p.naam,
            "oud": tekst(p.oud, p.type),
            "nieuw": tekst(p.nieuw, p.type),
            "geldig_vanaf": ", ".join(
                dict.fromkeys(datum(d) for d in (p.geldig_vanaf_oud, p.geldig_vanaf_nieuw) if d)
            ),
            "regels": list(p.regels),
        }
        for p in g.parameters
    ]
    beoordeling = None
    if g.vereist_beoordeling_oud != g.vereist_beoordeling_nieuw:
        beoordeling = (
            f"{tekst(g.vereist_beoordeling_oud, None)} → {tekst(g.vereist_beoordeling_nieuw, None)}"
        )
    return {
        "regelnummer": g.regelnummer,
        "kenmerk": g.kenmerk or "—",
        "peildatum": datum(g.peildatum),
        "behoeften": list(g.behoeften),
        "voorstellen": voorstellen,
        "beoordeling": beoordeling,
        "redenen_erbij": list(g.redenen_erbij),
        "redenen_weg": list(g.redenen_weg),
        "vragen_erbij": list(g.vragen_erbij),
        "vragen_weg": list(g.vragen_weg),
        "regels": regels,
        "parameters": parameters,
    }


def view(r: ImpactRapport, max_gevallen: int | None = None) -> dict[str, Any]:
    """The data every output shows, with money, dates and percentages in words.

    ``max_gevallen`` limits the changed cases that are prepared (the terminal shows a few).
    """
    return {
        "oud": r.oud,
        "nieuw": r.nieuw,
        "situaties": r.situaties,
        "gemeente": r.gemeente or "geen (het model)",
        "peildatum": datum(r.peildatum) if r.peildatum else "uit elke situatie",
        "engine": r.engine,
        "totaal": getal(r.totaal),
        "ongeldig": getal(r.ongeldig),
        "aantal_gewijzigd": r.gewijzigd,
        "gewijzigd": getal(r.gewijzigd),
        "procent": procent(r.gewijzigd, r.totaal),
        "levensdomeinen": _telling(r.per_levensdomein),
        "behoeften": _telling(r.per_behoefte),
        "instrumenten": _telling(r.per_instrument),
        "kernwaarden": _telling(r.per_kernwaarde),
        "overgangen": [
            {
                "behoefte": o.behoefte,
                "oud": tekst(o.oud, "uitkomst"),
                "nieuw": tekst(o.nieuw, "uitkomst"),
                "aantal": getal(o.aantal),
            }
            for o in r.overgangen
        ],
        "bedragen": [
            {
                "instrument": b.instrument or "—",
                "periode": PERIODE.get(b.periode or "", b.periode or "—"),
                "aantal_oud": getal(b.aantal_oud),
                "totaal_oud": geld(b.totaal_oud),
                "aantal_nieuw": getal(b.aantal_nieuw),
                "totaal_nieuw": geld(b.totaal_nieuw),
                "verschil": verschil_geld(b.verschil),
                "veranderd": b.verschil != 0 or b.aantal_oud != b.aantal_nieuw,
            }
            for b in r.bedragen
        ],
        "gevallen": [_geval(g) for g in r.gevallen[:max_gevallen]],
        "ongeldige_invoer": [
            {
                "regelnummer": o.regelnummer,
                "kenmerk": o.kenmerk or "—",
                "problemen": [{"pad": p.pad, "bericht": p.bericht} for p in o.problemen],
            }
            for o in r.ongeldige_invoer
        ],
    }


@lru_cache(maxsize=1)
def _omgeving() -> jinja2.Environment:
    """The jinja2 environment of the impact templates, made once."""
    return sjabloon_omgeving("verordening.impact")


def render(rapport: ImpactRapport, formaat: str) -> str:
    """The report as ``markdown``, ``html`` or ``json`` text.

    Raises:
        ValueError: for another formaat (the terminal summary is `toon`).
    """
    if formaat == "json":
        return rapport.model_dump_json(indent=2) + "\n"
    extensie = {"markdown": "md", "html": "html"}.get(formaat)
    if extensie is None:
        raise ValueError(f"onbekend formaat '{formaat}'; kies uit markdown, html of json")
    return _omgeving().get_template(f"impact.{extensie}.j2").render(r=view(rapport))


def _tabel(titel: str, kolommen: list[tuple[str, str]]) -> Table:
    """An empty rich table in the house style with the columns ``(name, alignment)``."""
    tabel = Table(
        title=titel,
        title_justify="left",
        title_style="bold",
        box=box.ROUNDED,
        header_style="bold",
        pad_edge=True,
    )
    for naam, uitlijning in kolommen:
        tabel.add_column(naam, justify=uitlijning)  # type: ignore[arg-type]
    return tabel


def _tellingtabel(
    titel: str, rijen: list[dict[str, Any]], eerste: str, domein: bool
) -> Table | Text:
    """A terminal table of the codes that changed, or one line when nothing did."""
    veranderd = [r for r in rijen if r["aantal_gewijzigd"]]
    if not veranderd:
        return Text(f"{titel}: geen verandering.", style="dim")
    kolommen = [(eerste, "left")]
    if domein:
        kolommen.append(("Levensdomein", "left"))
    tabel = _tabel(
        titel, [*kolommen, ("Gevallen", "right"), ("Veranderd", "right"), ("%", "right")]
    )
    for r in veranderd:
        cellen = [r["code"], *([r["levensdomein"] or "—"] if domein else [])]
        tabel.add_row(*map(Text, [*cellen, r["totaal"], r["gewijzigd"], r["procent"]]))
    if len(veranderd) < len(rijen):
        tabel.caption = f"en {len(rijen) - len(veranderd)} zonder verandering"
        tabel.caption_justify = "left"
    return tabel


def _geval_tabel(g: dict[str, Any]) -> Group:
    """One changed case for the terminal: its kenmerk, then per need old → new."""
    kop = Text()
    kop.append(g["kenmerk"], style="bold")
    kop.append(f"  (regelnummer {g['regelnummer']}, peildatum {g['peildatum']})", style="dim")
    rijen = Table.grid(padding=(0, 2))
    rijen.add_column(style="dim", no_wrap=True)
    rijen.add_column()
    for v in g["voorstellen"]:
        t = Text()
        t.append(v["behoefte"], style="bold")
        t.append(f": {v['oud']} → {v['nieuw']}")
        overig = []
        for f in v["velden"]:
            if f["veld"] in _KERNVELDEN:
                t.append(f"; {f['veld']} {f['oud']} → {f['nieuw']}")
            else:
                overig.append(f["veld"])
        if overig:
            t.append(f"; ook anders: {', '.join(overig)}", style="dim")
        rijen.add_row("voorstel", t)
    if g["beoordeling"]:
        rijen.add_row("weging", Text(f"door een professional: {g['beoordeling']}"))
    for soort, lijst in (("vraag erbij", "vragen_erbij"), ("vraag weg", "vragen_weg")):
        for gegeven in g[lijst]:
            rijen.add_row(soort, Text(gegeven))
    for soort, lijst in (("reden erbij", "redenen_erbij"), ("reden weg", "redenen_weg")):
        for reden in g[lijst]:
            rijen.add_row(soort, Text(reden))
    for r in g["regels"]:
        t = Text()
        t.append(r["regel"], style="cyan")
        t.append(f" (art. {r['artikel']}): {r['wat']}")
        if r["waarde"]:
            t.append(f", {r['waarde']}")
        rijen.add_row("regel", t)
    for p in g["parameters"]:
        t = Text()
        t.append(p["naam"], style="magenta")
        t.append(f": {p['oud']} → {p['nieuw']} (geldig vanaf {p['geldig_vanaf']})")
        rijen.add_row("parameter", t)
    return Group(kop, Padding(rijen, (0, 0, 1, 2)))


def _eenregelig(data: Any) -> Any:
    if isinstance(data, str):
        return zichtbaar(data, regels=False)
    if isinstance(data, dict):
        return {k: _eenregelig(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_eenregelig(v) for v in data]
    return data


def toon(
    rapport: ImpactRapport, console: Console, max_gevallen: int = MAX_GEVALLEN_TERMINAL
) -> None:
    """Print the terminal summary: totals, tables and the first changed cases.

    Every text is shown on one line with its control characters as escapes, and as plain
    text (never rich markup): kenmerken and messages of invalid lines come from the caseload.
    """
    r = _eenregelig(view(rapport, max_gevallen))
    kop = Table.grid(padding=(0, 2))
    kop.add_column(style="bold")
    kop.add_column()
    kop.add_row("Oude regels", Text(r["oud"]))
    kop.add_row("Nieuwe regels", Text(r["nieuw"]))
    kop.add_row("Situaties", Text(r["situaties"]))
    kop.add_row("Gemeente", Text(r["gemeente"]))
    kop.add_row("Peildatum", Text(r["peildatum"]))
    kop.add_row("Engine", Text(r["engine"]))
    console.print(Text("Impact van de wijziging", style="bold underline"))
    console.print(Padding(kop, (1, 0, 1, 2), expand=False))
    samenvatting = Text("  ")
    samenvatting.append(f"{r['gewijzigd']} van {r['totaal']}", style="bold")
    samenvatting.append(f" adviezen veranderd ({r['procent']})")
    if rapport.ongeldig:
        samenvatting.append(f"; {r['ongeldig']} situaties ongeldig", style="bold red")
    console.print(samenvatting)
    console.print()
    if not rapport.gewijzigd:
        console.print(Text("  Geen enkel advies is veranderd.", style="green"))
        console.print()
    else:
        for titel, sleutel, eerste in (
            ("Per levensdomein", "levensdomeinen", "Levensdomein"),
            ("Per behoefte", "behoeften", "Behoefte"),
            ("Per instrument", "instrumenten", "Instrument"),
            ("Per kernwaarde", "kernwaarden", "Kernwaarde"),
        ):
            console.print(_tellingtabel(titel, r[sleutel], eerste, sleutel == "behoeften"))
            console.print()
        overgangen = _tabel(
            "Uitkomsten oud → nieuw",
            [("Behoefte", "left"), ("Oud", "left"), ("Nieuw", "left"), ("Aantal", "right")],
        )
        for o in r["overgangen"]:
            overgangen.add_row(*map(Text, (o["behoefte"], o["oud"], o["nieuw"], o["aantal"])))
        console.print(overgangen)
        console.print()
    if r["bedragen"]:
        bedragen = _tabel(
            "Bedragen per instrument (alle gevallen)",
            [
                ("Instrument", "left"),
                ("Periode", "left"),
                ("Voor", "right"),
                ("Na", "right"),
                ("Verschil", "right"),
            ],
        )
        for b in r["bedragen"]:
            stijl = "bold" if b["veranderd"] else None
            bedragen.add_row(
                Text(b["instrument"]),
                Text(b["periode"]),
                Text(f"{b['totaal_oud']} ({b['aantal_oud']}×)"),
                Text(f"{b['totaal_nieuw']} ({b['aantal_nieuw']}×)"),
                Text(b["verschil"]),
                style=stijl,
            )
        console.print(bedragen)
        console.print()
    if r["gevallen"]:
        getoond = r["gevallen"][:max_gevallen]
        titel = f"Gewijzigde gevallen ({len(getoond)} van {r['gewijzigd']})"
        console.print(Text(titel, style="bold underline"))
        console.print()
        for g in getoond:
            console.print(_geval_tabel(g))
        rest = rapport.gewijzigd - len(getoond)
        if rest > 0:
            console.print(
                f"  … en nog {getal(rest)} gewijzigde gevallen: zie --formaat markdown, html "
                "of json voor de volledige lijst.",
                style="dim",
            )
    if r["ongeldige_invoer"]:
        console.print()
        console.print(Text(f"Ongeldige invoer ({r['ongeldig']})", style="bold red"))
        for o in r["ongeldige_invoer"][:MAX_ONGELDIG_TERMINAL]:
            for p in o["problemen"]:
                console.print(
                    f"  regelnummer {o['regelnummer']}: {p['pad']}: {p['bericht']}", markup=False
                )
        if rapport.ongeldig > MAX_ONGELDIG_TERMINAL:
            console.print(
                f"  … en nog {getal(rapport.ongeldig - MAX_ONGELDIG_TERMINAL)}", style="dim"
            )
