"""Build the explanation view from an Advies and render it with the shipped templates.

The explain stage reads nothing but the Advies (its frozen trace included), so an
explanation can be rendered later, elsewhere, from stored JSON. `view` prepares the
values in Dutch notation; the templates only arrange them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from verordening.model.advies import Advies
from verordening.model.trace import GegevenWaarde
from verordening.opmaak import PERIODE, datum, geld
from verordening.opmaak import omgeving as sjabloon_omgeving

UITKOMST_JURIST = {
    "toegekend": "toegekend",
    "gedeeltelijk_toegekend": "gedeeltelijk toegekend",
    "afgewezen": "afgewezen",
    "alternatief": "alternatief (ander instrument)",
    "maatwerk_afwijking": "maatwerk met afwijking (weging vereist)",
    "procedureel": "procedurele stap",
    "onbekend": "onbekend (gegevens ontbreken)",
}
UITKOMST_INWONER = {
    "toegekend": "Wij stellen voor u deze hulp te geven.",
    "gedeeltelijk_toegekend": "Wij stellen voor u een deel van deze hulp te geven.",
    "afgewezen": "Wij stellen voor u deze hulp niet via de gemeente te geven.",
    "alternatief": "Wij stellen een andere oplossing voor die beter bij u past.",
    "maatwerk_afwijking": (
        "Een medewerker kijkt nog goed naar uw situatie, omdat die niet in de gewone regels past."
    ),
    "procedureel": "Eerst is er een volgende stap nodig.",
    "onbekend": "Wij hebben nog gegevens van u nodig om een voorstel te doen.",
}


def waarde(g: GegevenWaarde | dict[str, Any]) -> str:
    """A fact value in words."""
    data = g if isinstance(g, dict) else g.model_dump()
    w, soort = data["waarde"], data["type"]
    if w is None:
        return "onbekend"
    if soort == "geld" and isinstance(w, int) and not isinstance(w, bool):
        return geld(w)
    if soort == "datum":
        return datum(str(w))
    if soort == "basispunten" and isinstance(w, int):
        return f"{w / 100:.2f} %".replace(".", ",")
    if isinstance(w, bool):
        return "ja" if w else "nee"
    return str(w)


def view(advies: Advies, vorm: str) -> dict[str, Any]:
    """The data the templates show; also the JSON form of the explanation."""
    data = advies.model_dump(mode="json", exclude={"situatie"})
    for v in data["voorstellen"]:
        v["uitkomst_tekst"] = (UITKOMST_JURIST if vorm == "jurist" else UITKOMST_INWONER)[
            v["uitkomst"]
        ]
        v["bedrag_tekst"] = geld(v["bedrag"]) if v["bedrag"] is not None else None
        v["periode_tekst"] = PERIODE.get(v["periode"] or "", "")
        v["eigen_bijdrage_tekst"] = (
            geld(v["eigen_bijdrage"]) if v["eigen_bijdrage"] is not None else None
        )
        v["leveringsvorm_tekst"] = {
            "pgb": "persoonsgebonden budget (pgb)",
            "zorg_in_natura": "zorg in natura",
        }.get(v["leveringsvorm"] or "")
        for veld in ("uiterlijk", "ingangsdatum", "einddatum"):
            v[f"{veld}_tekst"] = datum(v[veld]) if v[veld] else None
    for stap in data["trace"]["stappen"]:
        for knoop in stap["knopen"]:
            for g in knoop["gegevens"]:
                g["tekst"] = waarde(g)
            if knoop["afgeleid"]:
                knoop["afgeleid"]["tekst"] = waarde(knoop["afgeleid"])
            for vw in knoop["voorwaarden"]:
                for g in vw["gegevens"]:
                    g["tekst"] = waarde(g)
    for p in data["trace"]["parameters"]:
        p["tekst"] = waarde(p)
        p["geldig_vanaf_tekst"] = datum(p["geldig_vanaf"])
        p["geldig_tot_tekst"] = datum(p["geldig_tot"]) if p["geldig_tot"] else "heden"
    data["gevolgen"] = [
        {"regel": k["regel"], "artikel": k["artikel"], **k["gevolgen"]}
        for stap in data["trace"]["stappen"]
        for k in stap["knopen"]
        if k["gevolgen"] and k["soort"] in ("toegepast", "afgeleid")
    ]
    data["peildatum_tekst"] = datum(advies.peildatum)
    data["vorm"] = vorm
    return data


@lru_cache(maxsize=1)
def _omgeving() -> jinja2.Environment:
    """The jinja2 environment of the explanation templates, made once."""
    return sjabloon_omgeving("verordening.uitleg", geld=geld, datum=datum)


def render_text(model: dict[str, Any], vorm: str, formaat: str) -> str:
    """Render the view with the template for ``vorm`` and ``formaat``."""
    extensie = {"markdown": "md", "html": "html", "tekst": "txt"}[formaat]
    return _omgeving().get_template(f"{vorm}.{extensie}.j2").render(a=model)
