"""Explanations rendered from the frozen trace with jinja2 templates: never an LLM.

The same Advies always gives byte-identical text. ``vorm="jurist"`` follows the
four steps of the omgekeerde toets with every citation; ``vorm="inwoner"``
says the same in plain language (B1).
"""

from __future__ import annotations

import json
from typing import Literal

from verordening.model.advies import Advies
from verordening.uitleg._render import render_text, view

Vorm = Literal["jurist", "inwoner"]
Formaat = Literal["markdown", "html", "tekst", "json"]
VORMEN = ("jurist", "inwoner")
FORMATEN = ("markdown", "html", "tekst", "json")


def uitleg(advies: Advies, vorm: Vorm = "jurist", formaat: Formaat = "markdown") -> str:
    """Explain an Advies for a jurist or a resident, as Markdown, HTML, text or JSON.

    Raises:
        ValueError: for an unknown ``vorm`` or ``formaat``.
    """
    if vorm not in VORMEN:
        raise ValueError(f"onbekende vorm '{vorm}'; kies uit {', '.join(VORMEN)}")
    if formaat not in FORMATEN:
        raise ValueError(f"onbekend formaat '{formaat}'; kies uit {', '.join(FORMATEN)}")
    model = view(advies, vorm)
    if formaat == "json":
        return json.dumps(model, ensure_ascii=False, indent=2, sort_keys=True)
    return render_text(model, vorm, formaat)


__all__ = ["FORMATEN", "VORMEN", "uitleg"]
