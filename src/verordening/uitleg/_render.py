"""Build the explanation view from an Advies and render it with the shipped templates.

The explain stage reads nothing but the Advies (its frozen trace included), so an
explanation can be rendered later, elsewhere, from stored JSON. `view` prepares the
values in Dutch notation; the templates only arrange them.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import jinja2

from verordening.model.advies import Aanname, Advies
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
#: A Dutch label for every reason code the evaluator gives (`Reden.code`).
REDEN_LABEL = {
    "beoordeling": "Weging gevraagd",
    "maatwerk_afwijking": "Afwijking van de regels",
    "restregel": "Alleen het vangnet",
    "conflict": "Tegenstrijdige regels",
    "geen_regel": "Geen regel van toepassing",
    "geen_waarde": "Tussenuitkomst ontbreekt",
    "parameter_onbekend": "Parameter zonder bevestigde waarde",
    "parameter_onbevestigd": "Parameter niet bevestigd",
    "geen_verordening": "Geen verordening van kracht",
    "onderzoek_nodig": "Onderzoek nodig",
    "termijn_verstreken": "Termijn verstreken",
}
#: Who settles an onderzoekspunt (`Onderzoekspunt.soort`), for the jurist.
ONDERZOEK_SOORT = {
    "bevinding": "bevinding van de professional",
    "gegeven": "gegeven van de inwoner",
    "parameter": "parameter, waarde bevestigen",
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


def _aanname_waarde(a: Aanname, parameters: dict[str, str]) -> str:
    """The presumed value in words; a parameter shows as the trace shows its value."""
    w = a.waarde
    if a.gegeven.startswith("parameter.") and a.gegeven[10:] in parameters:
        return parameters[a.gegeven[10:]]
    if isinstance(w, bool):
        return "ja" if w else "nee"
    if isinstance(w, dt.date):
        return datum(w)
    return str(w)


def _vermoeden(a: Aanname, parameters: dict[str, str]) -> dict[str, Any]:
    """One presumption as the templates show it.

    ``omschrijving`` is written to follow "Wij zijn ervan uitgegaan dat …" (it starts in
    lower case, e.g. "u geen indicatie voor de Wet langdurige zorg heeft"); one written as a
    sentence of its own (a capital first) is shown as that sentence.
    """
    tekst = a.omschrijving.strip().rstrip(".").strip()
    bijzin = tekst[:1].islower()
    return {
        **a.model_dump(mode="json"),
        "waarde_tekst": _aanname_waarde(a, parameters),
        "bijzin": bijzin,
        "vermoeden": f"dat {tekst}" if bijzin else tekst,
        "zin": tekst,
        "voor_inwoner": not a.gegeven.startswith("parameter."),
    }


def view(advies: Advies, vorm: str) -> dict[str, Any]:
    """The data the templates show; also the JSON form of the explanation."""
    data = advies.model_dump(mode="json", exclude={"situatie"})
    for r in data["redenen"]:
        r["label"] = REDEN_LABEL.get(r["code"])
    parameters = {p["naam"]: waarde(p) for p in data["trace"]["parameters"]}
    # getattr/setdefault: an Advies built without validation may lack the newer fields.
    data["aannames"] = [_vermoeden(a, parameters) for a in getattr(advies, "aannames", ())]
    data["aannames_inwoner"] = [a for a in data["aannames"] if a["voor_inwoner"]]
    data["stap4"] = any(s["nummer"] == 4 for s in data["trace"]["stappen"])
    for v in data["voorstellen"]:
        punten = v.setdefault("onderzoekspunten", [])
        for p in punten:
            p["soort_tekst"] = ONDERZOEK_SOORT.get(p["soort"], p["soort"])
        v["onderzoekspunten_inwoner"] = [p for p in punten if p["soort"] != "parameter"]
        # A deadline before the peildatum (reason termijn_verstreken): both ISO dates here.
        v["verstreken"] = v["uiterlijk"] is not None and (
            dt.date.fromisoformat(v["uiterlijk"]) < advies.peildatum
        )
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
        # A procedural step with an ingangsdatum starts no right: it is the earliest day of the
        # next step (e.g. the aanvraag after the zoektermijn, Pw art. 41 lid 4), shown as "vanaf".
        v["vanaf_tekst"] = None
        if v["uitkomst"] == "procedureel" and v["ingangsdatum_tekst"]:
            v["vanaf_tekst"], v["ingangsdatum_tekst"] = v["ingangsdatum_tekst"], None
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
