"""The bylaw multiplied, for `verordening bench`: how latency grows with the number of rules.

`vermenigvuldig` writes a copy of the rulesets in which every rule exists ``factor``
times. Copy *j* of a rule gets id ``<id>-k<j>``, serves need ``<behoefte>_k<j>`` and
reads and sets the derived facts ``<naam>_k<j>``; its exceptions point to copy *j* of
the rules they name. Needs and derived facts are declared once per copy; kernwaarden,
parameters and the bylaw's own declaration are shared. So every copy is a complete,
independent replica that the compiler checks like any ruleset, and ``factor`` times as
many rules are in force. Situations that ask for the original needs get the same Advies
from every size; only the work around them grows.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from verordening.bron.document import parse_file


def _bronnen(bron: Path) -> list[tuple[Path, Any]]:
    """The model files (no scenarios, no municipal overlays) with their parsed data."""
    uit = []
    for pad in sorted(bron.rglob("*.yaml")):
        delen = pad.relative_to(bron).parts
        if "scenarios" in delen or delen[0] == "gemeenten":
            continue
        doc, _ = parse_file(pad)
        if doc is not None:
            uit.append((pad.relative_to(bron), doc.data))
    return uit


class _Renamer:
    """Renames one copy: rule ids, needs and derived facts get the suffix of copy *j*."""

    def __init__(self, j: int, behoeften: list[str], feiten: set[str]) -> None:
        """Rename for copy ``j`` (copy 1 keeps every name) the needs and derived facts given."""
        self.j, self.behoeften, self.feiten = j, behoeften, feiten

    def behoefte(self, code: str) -> str:
        """The code of need ``code`` in this copy."""
        return f"{code}_k{self.j}" if self.j > 1 else code

    def naam(self, tekst: str) -> str:
        """A fact name of this copy: derived facts and per-need facts are its own."""
        if self.j == 1:
            return tekst
        if tekst in self.feiten:
            return f"{tekst}_k{self.j}"
        if tekst.startswith("hulpvraag."):
            delen = tekst.split(".")
            if len(delen) == 3 and delen[1] in self.behoeften:
                return f"hulpvraag.{self.behoefte(delen[1])}.{delen[2]}"
        return tekst

    def waarde(self, data: Any) -> Any:
        """A YAML value with every fact name in it renamed, keys included."""
        if isinstance(data, dict):
            return {
                self.naam(k) if isinstance(k, str) else k: self.waarde(v) for k, v in data.items()
            }
        if isinstance(data, list):
            return [self.waarde(v) for v in data]
        if isinstance(data, str):
            return self.naam(data)
        return data

    def regel(self, regel: dict[str, Any]) -> dict[str, Any]:
        """A rule of this copy: its id, exceptions, needs and every fact it names renamed."""
        uit: dict[str, Any] = {}
        for sleutel, waarde in regel.items():
            if sleutel == "id":
                uit[sleutel] = f"{waarde}-k{self.j}" if self.j > 1 else waarde
            elif sleutel == "uitzondering_op":
                ids = [waarde] if isinstance(waarde, str) else waarde
                nieuw = [f"{i}-k{self.j}" if self.j > 1 else i for i in ids]
                uit[sleutel] = nieuw[0] if isinstance(waarde, str) else nieuw
            elif sleutel == "behoefte":
                uit[sleutel] = self.behoefte(waarde)
            elif sleutel == "behoeften":
                # 'alle' would reach every copy's needs too; each copy names its own.
                codes = self.behoeften if waarde == "alle" else waarde
                uit[sleutel] = [self.behoefte(c) for c in codes]
            else:
                uit[sleutel] = self.waarde(waarde)
        return uit


def vermenigvuldig(bron: Path, doel: Path, factor: int) -> None:
    """Write the rulesets at ``bron`` into ``doel`` with every rule ``factor`` times."""
    bestanden = _bronnen(bron)
    behoeften = [
        b["code"] for _, data in bestanden for b in (data.get("behoeften") or []) if "code" in b
    ]
    feiten = {
        g["naam"] for _, data in bestanden for g in (data.get("gegevens") or []) if "naam" in g
    }
    kopieen = [_Renamer(j, behoeften, feiten) for j in range(1, factor + 1)]
    for rel, data in bestanden:
        nieuw = copy.deepcopy(data)
        if isinstance(data.get("behoeften"), list):
            nieuw["behoeften"] = [
                {
                    **b,
                    "code": k.behoefte(b["code"]),
                    **(
                        {"overlapt_met": [k.behoefte(c) for c in b["overlapt_met"]]}
                        if "overlapt_met" in b
                        else {}
                    ),
                }
                for k in kopieen
                for b in data["behoeften"]
            ]
        if isinstance(data.get("gegevens"), list):
            nieuw["gegevens"] = [
                {**g, "naam": k.naam(g["naam"])} for k in kopieen for g in data["gegevens"]
            ]
        for artikel in nieuw.get("artikelen") or []:
            regels = artikel.get("regels") or []
            artikel["regels"] = [k.regel(r) for k in kopieen for r in regels]
        pad = doel / rel
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(
            yaml.safe_dump(nieuw, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8",
        )
