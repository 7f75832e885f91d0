"""The sparse caseload: what a real case file leaves out, as one declared table.

A real case file states what the resident said and what the professional found, and leaves
out what is simply not the case: nobody writes "no Wlz indication, not a student, no fraud
claim". ``verordening caseload --schaars`` models the file at the melding, before the
onderzoek: it draws exactly the same households as without the option and then leaves out
every field that `WEGLATINGEN` names, under its condition:

- `Wanneer.onwaar`: a yes/no fact that is ``false`` (an absence). A ``true`` value stays:
  the resident mentions the Wlz indication they have, the acute need they feel.
- `Wanneer.leeg`: an empty list (for persons, only for the roles the entry names).
- `Wanneer.altijd`: a finding of the professional (mostly the fields the `Situatie` model
  describes as "Bevinding"), which the file only holds after the onderzoek, whatever its
  value.

An object that is left empty by these removals (e.g. ``netwerk``) is left out as well.
Everything else stays: persons with roles and birth dates, incomes, woonlasten, vermogen,
debts, the hulpvragen with their dates and amounts, and every ``true`` statement. Fields the
`Situatie` model requires never appear in the table. The table is rendered into
``docs/voor-beleidsmedewerkers/caseload.md`` by `schaars_markdown`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Wanneer(StrEnum):
    """When a field is left out of a sparse situation."""

    onwaar = "onwaar"
    leeg = "leeg"
    altijd = "altijd"


@dataclass(frozen=True)
class Weglating:
    """One field that the sparse caseload leaves out, with the condition and the reason.

    ``pad`` is the field's path in the situation; ``[]`` stands for every item of a list
    (``personen[].wlz_indicatie``). ``rollen`` limits an entry under ``personen[]`` to the
    persons with these roles.
    """

    pad: str
    wanneer: Wanneer
    waarom: str
    rollen: frozenset[str] | None = None


_ONWAAR = "niemand schrijft een 'nee' op; een 'ja' blijft staan"
_BEVINDING = "bevinding van de professional, pas na het onderzoek in het dossier"
_W = Weglating
_O, _L, _A = Wanneer.onwaar, Wanneer.leeg, Wanneer.altijd

#: Every field the sparse caseload leaves out (see the module docstring).
WEGLATINGEN: tuple[Weglating, ...] = (
    # Persons.
    _W("personen[].student_met_studiefinanciering", _O, _ONWAAR),
    _W("personen[].commerciele_relatie", _O, _ONWAAR),
    _W("personen[].verwant_eerste_of_tweede_graad", _O, _ONWAAR),
    _W(
        "personen[].inkomsten",
        _L,
        "niemand schrijft op dat een kind of huisgenoot geen inkomen heeft; aanvrager en "
        "partner melden het wel (ook 'geen inkomen')",
        frozenset({"kind", "ouder", "medebewoner"}),
    ),
    _W(
        "personen[].kan_huishouden_doen",
        _A,
        "bevinding in het onderzoek naar gebruikelijke hulp, pas na het onderzoek in het dossier",
    ),
    _W("personen[].langdurig_afwezig", _O, _ONWAAR),
    _W("personen[].wlz_indicatie", _O, _ONWAAR),
    _W("personen[].medisch_urenbeperkt", _O, _ONWAAR),
    _W("personen[].doelgroep_loonkostensubsidie", _O, _ONWAAR),
    _W("personen[].pro_of_vso_afgelopen_jaar", _O, _ONWAAR),
    _W("personen[].psychische_of_lichamelijke_belemmering", _O, _ONWAAR),
    _W("personen[].uwv_advies_beschut_werk", _O, _ONWAAR),
    _W("personen[].structureel_geen_bijverdienste", _O, _ONWAAR),
    _W("personen[].volgt_onderwijs", _O, _ONWAAR),
    _W("personen[].mantelzorger", _O, _ONWAAR),
    # Household.
    _W("schulden.heeft_schulden", _O, _ONWAAR),
    _W("schulden.problematisch", _O, _ONWAAR),
    _W("netwerk.beschikbaar", _A, _BEVINDING),
    _W("netwerk.mantelzorger_overbelast", _A, _BEVINDING),
    _W("handhaving.inlichtingenplicht_geschonden", _O, _ONWAAR),
    _W("handhaving.verplichting_geschonden", _O, _ONWAAR),
    _W("handhaving.slachtoffer_financieel_misbruik", _O, _ONWAAR),
    _W("inkomenshistorie.uitzicht_op_inkomensverbetering", _A, _BEVINDING),
    _W("eerdere_besluiten[].verwijtbaar_beeindigd", _O, _ONWAAR),
    _W("eerdere_besluiten[].benadeling_bestuursorgaan", _O, _ONWAAR),
    _W("eerdere_besluiten[].opzet", _O, _ONWAAR),
    _W("eerdere_besluiten[].onherroepelijke_sanctie", _O, _ONWAAR),
    # Hulpvragen: what the resident asks or states stays when true ...
    _W("hulpvragen[].spoed", _O, _ONWAAR),
    _W("hulpvragen[].alleen_melding", _O, "nee is de standaard: er is een aanvraag"),
    _W("hulpvragen[].pgb_gewenst", _O, "nee is de standaard: geen pgb gevraagd"),
    _W("hulpvragen[].pgb_gemotiveerd", _O, _ONWAAR),
    _W("hulpvragen[].zorg_in_natura_ongeschikt", _O, _ONWAAR),
    _W("hulpvragen[].hulp_door_sociaal_netwerk", _O, _ONWAAR),
    _W("hulpvragen[].verwijzing_arts", _O, _ONWAAR),
    _W(
        "hulpvragen[].beroep_op_hardheidsclausule",
        _O,
        "nee is de standaard: geen beroep op de hardheidsclausule",
    ),
    # ... what the professional finds is not yet there.
    _W("hulpvragen[].eigen_kracht_toereikend", _A, _BEVINDING),
    _W("hulpvragen[].algemene_voorziening_toereikend", _A, _BEVINDING),
    _W("hulpvragen[].voorliggende_voorziening", _A, _BEVINDING),
    _W("hulpvragen[].kosten_noodzakelijk", _A, _BEVINDING),
    _W("hulpvragen[].bijzondere_omstandigheden", _A, _BEVINDING),
    _W("hulpvragen[].algemeen_gebruikelijk", _A, _BEVINDING),
    _W("hulpvragen[].goedkoper_alternatief_passend", _A, _BEVINDING),
    _W("hulpvragen[].alternatief_in_eigen_omgeving", _A, _BEVINDING),
    _W("hulpvragen[].budgetvaardig", _A, _BEVINDING),
    _W("hulpvragen[].pgb_kwaliteit_gewaarborgd", _A, _BEVINDING),
    _W("hulpvragen[].bovengebruikelijke_zorg", _A, _BEVINDING),
    _W("hulpvragen[].specialistische_hulp_nodig", _A, _BEVINDING),
    _W("hulpvragen[].veilig_thuis_wonen_mogelijk", _A, _BEVINDING),
    _W("hulpvragen[].situatie_stabiel", _A, _BEVINDING),
    _W("hulpvragen[].afspraken_nagekomen", _A, _BEVINDING),
    _W("hulpvragen[].arbeidsinschakeling_nodig", _A, _BEVINDING),
    _W("hulpvragen[].onredelijke_uitkomst", _A, _BEVINDING),
)


def _weg(waarde: Any, regel: Weglating) -> bool:
    """Whether ``waarde`` is left out under ``regel``'s condition."""
    if regel.wanneer is Wanneer.altijd:
        return True
    if regel.wanneer is Wanneer.onwaar:
        return waarde is False
    return isinstance(waarde, list) and not waarde


def _toepassen(knoop: Any, delen: list[str], regel: Weglating) -> None:
    """Remove the field at ``delen`` below ``knoop`` (a dict) where ``regel`` says so."""
    if not isinstance(knoop, dict):
        return
    kop, *rest = delen
    lijst = kop.endswith("[]")
    naam = kop.removesuffix("[]")
    if naam not in knoop:
        return
    if not rest:
        if _weg(knoop[naam], regel):
            del knoop[naam]
        return
    onder = knoop[naam]
    items = onder if lijst and isinstance(onder, list) else [onder]
    for item in items:
        if naam == "personen" and regel.rollen is not None and item.get("rol") not in regel.rollen:
            continue
        _toepassen(item, rest, regel)
    if isinstance(onder, dict) and not onder:
        del knoop[naam]


def schaars(data: dict[str, Any], weglatingen: Iterable[Weglating] = WEGLATINGEN) -> None:
    """Remove from the situation ``data`` (in place) every field the table leaves out."""
    for regel in weglatingen:
        _toepassen(data, regel.pad.split("."), regel)


def schaars_markdown() -> str:
    """The table of `WEGLATINGEN` for ``docs/voor-beleidsmedewerkers/caseload.md``."""
    uitleg = {
        Wanneer.onwaar: "als het `false` is",
        Wanneer.leeg: "als de lijst leeg is",
        Wanneer.altijd: "altijd",
    }
    regels = ["| gegeven | weggelaten | waarom |", "|---|---|---|"]
    for w in WEGLATINGEN:
        wanneer = uitleg[w.wanneer]
        if w.rollen is not None:
            wanneer += f" (alleen bij {', '.join(sorted(w.rollen))})"
        regels.append(f"| `{w.pad}` | {wanneer} | {w.waarom} |")
    return "\n".join(regels) + "\n"
