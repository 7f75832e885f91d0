"""The bylaw as a readable document, generated from the YAML (never written by hand).

Chapters and articles in plain Dutch, each rule's conditions as sentences that use
the descriptions of the facts, the kernwaarden per article and the parameters with
every dated value and its source. Markdown and HTML, through the jinja2 templates.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from verordening.bron.loader import Bron, load_sources
from verordening.compiler import CompiledRegel, CompiledVerordening, compile_sources
from verordening.compiler.facts import COLLECTIES, VRAAG_FEITEN, catalogue
from verordening.diagnostics import has_errors
from verordening.errors import RulesetError
from verordening.opmaak import datum, geld
from verordening.opmaak import omgeving as sjabloon_omgeving
from verordening.taal import nodes as e
from verordening.taal.describe import Beschrijver

HOOFDSTUKKEN = {
    1: "Inleiding",
    2: "Hulp vragen",
    3: "Meedoen en werk",
    4: "Inkomen",
    5: "Financiën op orde",
    6: "Huishouding en zelfredzaamheid",
    7: "Wonen",
    8: "Opgroeien",
    9: "Pgb en eigen bijdrage",
    10: "Handhaving",
    11: "Kwaliteit, klachten en participatie",
    12: "Slotbepalingen",
}


class _Zinnen:
    """Turns parsed conditions into Dutch sentences with the facts' own descriptions."""

    def __init__(self, cv: CompiledVerordening) -> None:
        """Use the fact catalogue of ``cv``'s needs, and Dutch dates, for the sentences."""
        self.cv = cv
        self.invoer = catalogue(cv.behoeften)
        self.beschrijver = Beschrijver(zinnen=True, naam=self.naam, datum=datum)

    def naam(self, ref: e.Ref) -> str:
        """How the bylaw names a fact: by its Dutch description, not its code.

        An item field takes its collection's description, a parameter reads "de parameter
        <naam>", a hulpvraag fact "bij deze hulpvraag: ...", a derived fact its declared
        description; an unknown name stays as it is.
        """
        if ref.item:
            for velden in COLLECTIES.values():
                if ref.naam in velden:
                    return velden[ref.naam].omschrijving
            return ref.naam
        if ref.naam.startswith("parameter."):
            return f"de parameter {ref.naam[10:]}"
        if ref.naam.startswith("hulpvraag."):
            kort = ref.naam.rsplit(".", 1)[1]
            info = VRAAG_FEITEN.get(kort)
            return f"bij deze hulpvraag: {info.omschrijving}" if info else ref.naam
        if ref.naam in self.cv.gegevens:
            return " ".join(self.cv.gegevens[ref.naam].omschrijving.split()).rstrip(".")
        info = self.invoer.get(ref.naam)
        return info.omschrijving if info else ref.naam

    def expr(self, node: e.Expr) -> str:
        """An expression as a Dutch phrase."""
        return self.beschrijver.expr(node)

    def cond(self, node: e.Cond | None) -> str:
        """A condition as a Dutch sentence."""
        return self.beschrijver.cond(node)

    def voorwaarden(self, regel: CompiledRegel) -> list[str]:
        """The rule's conditions as a list of sentences (the 'gevraagd' guard left out)."""
        delen = regel.als.delen if isinstance(regel.als, e.Alle) else (regel.als,)
        uit: list[str] = []
        for deel in delen:
            bewaking = isinstance(deel, e.Vergelijk) and isinstance(deel.links, e.Ref)
            if bewaking and deel.links.naam.endswith(".gevraagd"):  # type: ignore[union-attr]
                continue
            if isinstance(deel, e.Alle):
                uit.extend(self.cond(d) for d in deel.delen)
            else:
                uit.append(self.cond(deel))
        return uit or ["altijd"]


def _regel(z: _Zinnen, r: CompiledRegel) -> dict[str, Any]:
    """One rule as the document shows it: its conditions as sentences, and what follows."""
    if r.voorstel is not None:
        s = r.voorstel
        dan = f"voorstel: {str(s.uitkomst).replace('_', ' ')} ({s.instrument})"
        if s.vereist_beoordeling or str(s.uitkomst) == "maatwerk_afwijking":
            dan += "; een professional weegt dit"
    else:
        waarde = z.expr(r.waarde[0]) if r.waarde else "ja"
        dan = f"{z.naam(e.Ref(r.afleiding or '', '', r.bron))} is {waarde}"
    return {
        "id": r.id,
        "lid": r.artikel[len(r.artikel_nummer) :].strip(),
        "grondslag": r.grondslag,
        "toelichting": " ".join(r.toelichting.split()),
        "als": z.voorwaarden(r),
        "dan": dan,
        "behoefte": r.behoefte,
        "voorrang": ", ".join(
            [*(f"uitzondering op {x}" for x in r.uitzondering_op)]
            + ([f"prioriteit {r.prioriteit}"] if r.prioriteit else [])
        ),
    }


def document(bronnen: list[Bron], cv: CompiledVerordening, peildatum: dt.date) -> dict[str, Any]:
    """The data of the readable bylaw, in force on ``peildatum``."""
    z = _Zinnen(cv)
    versie = cv.versie_op(peildatum)
    regels: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if versie is not None:
        for r in versie.regels:
            regels.setdefault((r.artikel_nummer, r.artikel_titel), []).append(_regel(z, r))
    hoofdstukken: dict[int, list[dict[str, Any]]] = {}
    for bron in bronnen:
        b = bron.bestand
        if (b.geldig_vanaf and b.geldig_vanaf > peildatum) or (
            b.geldig_tot and b.geldig_tot < peildatum
        ):
            continue
        for art in b.artikelen:
            nummer = cv.artikelnummers.get(art.nummer, art.nummer)
            hoofdstuk = b.hoofdstuk or int(art.nummer.split(".")[0])
            hoofdstukken.setdefault(hoofdstuk, []).append(
                {
                    "nummer": nummer,
                    "sorteer": tuple(int(d) for d in art.nummer.split(".") if d.isdigit()),
                    "titel": art.titel,
                    "tekst": " ".join(art.tekst.split()),
                    "wetten": art.wetten,
                    "kernwaarden": [
                        {"tekst": cv.kernwaarden[c].tekst, "gewicht": g}
                        for c, g in sorted(art.kernwaarden.items(), key=lambda kv: (-kv[1], kv[0]))
                        if c in cv.kernwaarden
                    ],
                    "delegatie": str(art.delegatie),
                    "regels": regels.get((art.nummer, art.titel), []),
                }
            )
    parameters = [
        {
            "naam": naam,
            "omschrijving": " ".join(p.omschrijving.split()),
            "artikel": p.artikel,
            "waarden": [
                {
                    "vanaf": datum(w.geldig_vanaf),
                    "tot": datum(w.geldig_tot) if w.geldig_tot else "heden",
                    "waarde": _waarde(p.type, w.waarde),
                    "bron": w.bron,
                    "status": str(w.status),
                }
                for w in p.waarden
            ],
        }
        for naam, p in sorted(cv.parameters.items())
    ]
    return {
        "naam": cv.meta.naam,
        "citeertitel": cv.meta.citeertitel,
        "gemeente": cv.gemeente,
        "peildatum": datum(peildatum),
        "wetten": cv.meta.wetten,
        "kernwaarden": [
            {"code": k.code, "tekst": k.tekst, "status": str(k.status)}
            for k in cv.kernwaarden.values()
        ],
        "hoofdstukken": [
            {
                "nummer": n,
                "titel": HOOFDSTUKKEN.get(n, f"Hoofdstuk {n}"),
                "artikelen": sorted(arts, key=lambda a: a["sorteer"]),
            }
            for n, arts in sorted(hoofdstukken.items())
        ],
        "parameters": parameters,
    }


def _waarde(soort: str, waarde: object) -> str:
    """A parameter value as the document shows it: money, percentage, ja/nee or onbekend."""
    if waarde is None:
        return "onbekend (onbevestigd)"
    if soort == "geld" and isinstance(waarde, int) and not isinstance(waarde, bool):
        return geld(waarde)
    if soort == "basispunten" and isinstance(waarde, int):
        return f"{waarde / 100:.2f} %".replace(".", ",")
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde)


def render_bylaw(
    pad: Path, peildatum: dt.date, formaat: str = "markdown", gemeente: str | None = None
) -> str:
    """Render the rulesets under ``pad`` as Markdown or HTML.

    Raises:
        RulesetError: when the rulesets contain author errors.
    """
    bronnen, diagnostics = load_sources(pad, gemeente)
    cv, meer = compile_sources(bronnen, gemeente)
    if cv is None or has_errors(diagnostics + meer):
        raise RulesetError([d for d in diagnostics + meer if d.ernst == "fout"])
    data = document(bronnen, cv, peildatum)
    sjabloon = {"markdown": "verordening.md.j2", "html": "verordening.html.j2"}[formaat]
    return _omgeving().get_template(sjabloon).render(v=data)


@lru_cache(maxsize=1)
def _omgeving() -> jinja2.Environment:
    """The jinja2 environment of the bylaw templates, made once."""
    return sjabloon_omgeving("verordening.documenten", geld=geld, datum=datum)
