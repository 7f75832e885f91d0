"""From a solver model to a real, minimal `Situatie`, and back to readable facts.

A solver model assigns values to facts. `lees` takes the known ones; `bouw` writes
them into a situation as a case system would send it (birth dates from ages, income
as one source, a hulpvraag per requested need); `feiten_van` evaluates it the way
`evaluate` does, so a finding is only reported when the real evaluator agrees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import z3

from verordening._types import GegevenType
from verordening.analyse._model import EIGEN_VELDEN, PERSOON_IDS, Model, Waarde3
from verordening.compiler.facts import leeftijd, leeftijd_maanden
from verordening.compiler.product import CompiledVerordening, Versie
from verordening.engine.core import ReferenceEngine, Run
from verordening.engine.evaluate import facts_for, validate_situatie
from verordening.errors import SituatieError
from verordening.taal.logic import Collecties, datum_plus

#: Facts the model layer computes from others; a situation never carries them itself.
BEREKEND = frozenset(
    {
        "peildatum.jaar_begin",
        "aanvrager.leeftijd_bij_melding",
        "huishouden.aantal_personen",
        "huishouden.aantal_kinderen",
        "huishouden.aantal_minderjarige_kinderen",
        "huishouden.inkomen",
    }
)
_SUB = {
    "woning.soort": ("woonsituatie", "soort"),
    "woning.woonlasten": ("woonsituatie", "woonlasten_per_maand"),
    "vermogen.bedrag": ("vermogen", "bedrag"),
    "vermogen.eigen_woning_overwaarde": ("vermogen", "eigen_woning_overwaarde"),
    "schulden.heeft_schulden": ("schulden", "heeft_schulden"),
    "schulden.problematisch": ("schulden", "problematisch"),
    "schulden.totaal": ("schulden", "totaal"),
    "netwerk.beschikbaar": ("netwerk", "beschikbaar"),
    "netwerk.mantelzorger_overbelast": ("netwerk", "mantelzorger_overbelast"),
    "inkomen.maanden_laag_inkomen": ("inkomenshistorie", "maanden_laag_inkomen"),
    "inkomen.uitzicht_op_verbetering": ("inkomenshistorie", "uitzicht_op_inkomensverbetering"),
}
_LEEFTIJD = ("leeftijd", "leeftijd_maanden", "geboortedatum")
#: Hulpvraag flags that are 'nee' unless a situation says otherwise.
_STANDAARD_NEE = ("gevraagd", "alleen_melding", "pgb_gewenst", "beroep_op_hardheidsclausule")


@dataclass
class Toewijzing:
    """The known facts of one example, and the present items of each collection."""

    peildatum: dt.date
    feiten: dict[str, Any] = field(default_factory=dict)
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def zonder(self, naam: str) -> Toewijzing:
        """A copy with one fact (or ``collectie[i].veld``) left out."""
        feiten = {k: v for k, v in self.feiten.items() if k != naam}
        items = {k: [dict(i) for i in v] for k, v in self.items.items()}
        if "[" in naam:
            collectie, rest = naam.split("[", 1)
            index, _, veld = rest.partition("]")
            if veld:
                items[collectie][int(index)].pop(veld.removeprefix("."), None)
            else:
                del items[collectie][int(index)]
        return Toewijzing(self.peildatum, feiten, items)

    def namen(self) -> list[str]:
        """Every fact and item field that could be left out, in a stable order."""
        uit: list[str] = []
        for collectie in ("medebewoners", "eerdere_besluiten"):
            # Whole items first, the last one first, so the indexes of the others stay valid.
            uit.extend(
                f"{collectie}[{i}]" for i in reversed(range(len(self.items.get(collectie, []))))
            )
        uit.extend(
            sorted(n for n in self.feiten if n not in BEREKEND and not n.startswith("peildatum"))
        )
        for collectie, items in sorted(self.items.items()):
            for i, item in enumerate(items):
                uit.extend(
                    f"{collectie}[{i}].{v}"
                    for v in sorted(item)
                    if v not in ("rol", "soort", "datum")
                )
        return uit


def _waarde(zm: z3.ModelRef, w: Waarde3, soort: GegevenType | str, m: Model) -> Any:
    """The value the solver model gives ``w``, as the evaluator holds it (a date, a code, ...)."""
    v = zm.eval(w.waarde, model_completion=True)
    if soort == GegevenType.ja_nee:
        return z3.is_true(v)
    getal = v.as_long()
    if soort == GegevenType.datum:
        return dt.date.fromordinal(max(1, min(getal, dt.date(2200, 1, 1).toordinal())))
    if soort == GegevenType.tekst:
        return m.tekst(getal)
    return getal


def lees(zm: z3.ModelRef, m: Model) -> Toewijzing:
    """The known facts and present items of a solver model."""
    from verordening.compiler.facts import COLLECTIES

    peil = _waarde(zm, m.feiten["peildatum"], GegevenType.datum, m)
    uit = Toewijzing(peil)
    for naam, info in m.cv.invoer.items():
        w = m.feiten[naam]
        if z3.is_true(zm.eval(w.bekend, model_completion=True)):
            uit.feiten[naam] = _waarde(zm, w, info.type, m)
    for collectie in ("medebewoners", "eerdere_besluiten"):
        rij: list[dict[str, Any]] = []
        for slot in m.collecties[collectie]:
            if not z3.is_true(zm.eval(slot.aanwezig, model_completion=True)):
                continue
            item: dict[str, Any] = {}
            for veld, w in slot.velden.items():
                if z3.is_true(zm.eval(w.bekend, model_completion=True)):
                    item[veld] = _waarde(zm, w, COLLECTIES[collectie][veld].type, m)
            rij.append(item)
        uit.items[collectie] = rij
    # Aanvrager and partner: the item fields that are not also flat facts.
    uit.items["personen"] = []
    for slot in m.collecties["personen"][:2]:
        item = {}
        for veld in EIGEN_VELDEN:
            w = slot.velden[veld]
            if z3.is_true(zm.eval(w.bekend, model_completion=True)):
                item[veld] = z3.is_true(zm.eval(w.waarde, model_completion=True))
        uit.items["personen"].append(item)
    return uit


def _geboren(peil: dt.date, jaren: int | None, maanden: int | None, datum: Any) -> dt.date | None:
    """A birth date that gives the ages the solver chose on ``peil``.

    The solver's own birth date is kept when it agrees with both ages (its link to
    them is coarse); otherwise one is computed back from the months, else the years.
    """
    if (
        isinstance(datum, dt.date)
        and (maanden is None or leeftijd_maanden(datum, peil) == maanden)
        and (jaren is None or leeftijd(datum, peil) == jaren)
    ):
        return datum
    if maanden is not None:
        return datum_plus(peil, "maanden", -maanden)
    if jaren is not None:
        return datum_plus(peil, "jaren", -jaren)
    return datum if isinstance(datum, dt.date) else None


def _persoon(pid: str, rol: str, feiten: dict[str, Any], wie: str, peil: dt.date) -> dict[str, Any]:
    """Applicant or partner (``wie``) as the situation's person ``pid``, from the flat facts."""
    p: dict[str, Any] = {"id": pid, "rol": rol}
    geboren = _geboren(
        peil,
        feiten.get(f"{wie}.leeftijd"),
        feiten.get(f"{wie}.leeftijd_maanden"),
        feiten.get(f"{wie}.geboortedatum"),
    )
    if geboren is not None:
        p["geboortedatum"] = geboren.isoformat()
    velden = {
        naam.split(".", 1)[1]: waarde
        for naam, waarde in feiten.items()
        if naam.startswith(f"{wie}.") and not naam.startswith(f"{wie}.leeftijd")
    }
    _schrijf_velden(p, velden, overslaan=(*_LEEFTIJD, "aanwezig"))
    return p


def _schrijf_velden(p: dict[str, Any], velden: dict[str, Any], overslaan: tuple[str, ...]) -> None:
    """Person fields as a situation gives them: income as one source of that amount."""
    for veld, waarde in velden.items():
        if veld in overslaan:
            continue
        if veld == "inkomen":
            p["inkomsten"] = [{"bron": "loon", "bedrag_per_maand": waarde}]
        else:
            p[veld] = waarde


def _item_persoon(
    pid: str, item: dict[str, Any], peil: dt.date, geboren: Any = None
) -> dict[str, Any]:
    """A medebewoner slot as the situation's person ``pid`` (``geboren``: a hulpvraag's date)."""
    p: dict[str, Any] = {"id": pid, "rol": item.get("rol", "medebewoner")}
    datum = _geboren(peil, item.get("leeftijd"), None, geboren)
    if datum is not None:
        p["geboortedatum"] = datum.isoformat()
    _schrijf_velden(p, item, overslaan=("rol", "leeftijd"))
    return p


def bouw(t: Toewijzing) -> dict[str, Any]:
    """A situation (as JSON data) that gives exactly these facts, as far as they can be given."""
    f, peil = t.feiten, t.peildatum
    s: dict[str, Any] = {"peildatum": peil.isoformat()}
    for naam in ("meldingsdatum", "aanvraagdatum"):
        if naam in f:
            s[naam] = f[naam].isoformat()
    personen = [_persoon("p1", "aanvrager", f, "aanvrager", peil)]
    if f.get("partner.aanwezig"):
        personen.append(_persoon("p2", "partner", f, "partner", peil))
    for p, item in zip(personen, t.items.get("personen", []), strict=False):
        p.update(item)
    mede = t.items.get("medebewoners", [])
    hulpvragen: list[dict[str, Any]] = []
    geboren_ander: Any = None
    for naam, waarde in sorted(f.items()):
        rol = f.get(naam.replace("persoon_geboortedatum", "persoon_rol"))
        if naam.endswith(".persoon_geboortedatum") and rol not in ("aanvrager", "partner"):
            geboren_ander = waarde
    for i, item in enumerate(mede):
        personen.append(
            _item_persoon(PERSOON_IDS[2 + i], item, peil, geboren_ander if i == 0 else None)
        )
    s["personen"] = personen
    for naam, (deel, veld) in _SUB.items():
        if naam in f:
            s.setdefault(deel, {})[veld] = f[naam]
    if "schulden.dreigende_situatie" in f:
        s.setdefault("schulden", {})["dreigend"] = (
            ["huisuitzetting"] if f["schulden.dreigende_situatie"] else []
        )
    for naam, waarde in f.items():
        if naam.startswith("handhaving."):
            s.setdefault("handhaving", {})[naam.split(".", 1)[1]] = waarde
    for naam, waarde in sorted(f.items()):
        if naam.startswith("hulpvraag.") and naam.endswith(".gevraagd") and waarde:
            behoefte = naam.split(".")[1]
            hulpvragen.append(_hulpvraag(behoefte, f, personen))
    s["hulpvragen"] = hulpvragen
    besluiten = []
    for item in t.items.get("eerdere_besluiten", []):
        b = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in item.items()}
        besluiten.append(b)
    if besluiten:
        s["eerdere_besluiten"] = besluiten
    uit: dict[str, Any] = _json(s)
    return uit


def _hulpvraag(behoefte: str, f: dict[str, Any], personen: list[dict[str, Any]]) -> dict[str, Any]:
    """The hulpvraag for ``behoefte``, for the person whose role the facts name."""
    pre = f"hulpvraag.{behoefte}."
    h: dict[str, Any] = {"behoefte": behoefte}
    rol = f.get(pre + "persoon_rol", "aanvrager")
    gekozen = next((p for p in personen if p["rol"] == rol), personen[0])
    if gekozen["id"] != "p1":
        h["persoon"] = gekozen["id"]
    for naam, waarde in f.items():
        if naam.startswith(pre):
            veld = naam[len(pre) :]
            if veld != "gevraagd" and not veld.startswith("persoon_"):
                h[veld] = waarde
    return h


def _json(waarde: Any) -> Any:
    """``waarde`` with every date written as ISO text, as a case system sends it."""
    if isinstance(waarde, dict):
        return {k: _json(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_json(v) for v in waarde]
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return waarde


@dataclass
class Uitvoering:
    """A situation evaluated as `evaluate` does: its facts and the run of the rules."""

    situatie: dict[str, Any]
    feiten: dict[str, Any]
    collecties: Collecties
    run: Run


Predicaat = Callable[[Uitvoering], bool]


def voer_uit(
    cv: CompiledVerordening, versie: Versie, situatie: dict[str, Any], peil: dt.date
) -> Uitvoering | None:
    """Evaluate with the reference engine; None when the situation is not valid."""
    try:
        sit = validate_situatie(situatie, cv)
    except SituatieError:
        return None
    feiten, collecties, _ = facts_for(cv, sit, peil)
    run = ReferenceEngine().run(cv, versie, dict(feiten), collecties)
    return Uitvoering(situatie, run.feiten, collecties, run)


def minimaliseer(
    cv: CompiledVerordening, versie: Versie, t: Toewijzing, predicaat: Predicaat
) -> Uitvoering | None:
    """Leave out every fact the finding does not need; None when it does not hold at all."""
    uit = voer_uit(cv, versie, bouw(t), t.peildatum)
    if uit is None or not predicaat(uit):
        return None
    geprobeerd: set[str] = set()
    while True:
        # Names are recomputed after each step: leaving out an item renumbers the others.
        naam = next((n for n in t.namen() if n not in geprobeerd), None)
        if naam is None:
            break
        geprobeerd.add(naam)
        kleiner = t.zonder(naam)
        poging = voer_uit(cv, versie, bouw(kleiner), t.peildatum)
        if poging is not None and predicaat(poging):
            t, uit = kleiner, poging
    return uit


def leesbaar(cv: CompiledVerordening, u: Uitvoering) -> tuple[str, ...]:
    """The given facts of an example, one 'naam = waarde' line each, for people."""
    regels = [f"peildatum = {u.situatie['peildatum']}"]
    for naam in sorted(cv.invoer):
        if naam.startswith("peildatum") or naam in BEREKEND or naam not in u.feiten:
            continue
        waarde = u.feiten[naam]
        laatste = naam.rsplit(".", 1)[-1]
        if waarde is False and (laatste in _STANDAARD_NEE or naam == "partner.aanwezig"):
            continue  # what every situation says unless told otherwise
        if laatste == "persoon_id" or (laatste == "persoon_rol" and waarde == "aanvrager"):
            continue
        regels.append(f"{naam} = {_toon(waarde)}")
    for collectie in ("medebewoners", "eerdere_besluiten"):
        for i, item in enumerate(u.collecties.get(collectie, ())):
            velden = ", ".join(f"{k}: {_toon(v)}" for k, v in item.items() if v is not None)
            regels.append(f"{collectie}[{i + 1}] = {{{velden}}}")
    return tuple(regels)


def _toon(waarde: Any) -> str:
    """A value as `leesbaar` shows it: ja/nee, ISO dates, else its text."""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return str(waarde)
