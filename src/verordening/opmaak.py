"""Dutch formatting shared by every rendered text: money, dates and the one jinja2 set-up.

Used by the explain stage and the documents (uitleg, impact report, bylaw): `geld`
writes eurocents as "€ 1.091,71", `datum` a date as "1 maart 2025", and `omgeving`
is the one way a jinja2 environment is made (strict about undefined names, HTML
autoescaped, the shared page layout available).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import jinja2


def omgeving(pakket: str, **filters: Callable[..., Any]) -> jinja2.Environment:
    """The templates of ``pakket`` (and the shared page layout): strict about undefined names."""
    uit = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader(pakket, "templates"),
                jinja2.PackageLoader("verordening", "sjablonen"),
            ]
        ),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    uit.filters.update(filters)
    return uit


MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
PERIODE = {"per_maand": "per maand", "per_jaar": "per jaar", "eenmalig": "eenmalig"}


def geld(centen: int | None) -> str:
    """Eurocents as '€ 1.089,00'."""
    if centen is None:
        return "onbekend"
    teken = "-" if centen < 0 else ""
    euro, cent = divmod(abs(centen), 100)
    return f"{teken}€ {euro:,}".replace(",", ".") + f",{cent:02d}"


def datum(waarde: dt.date | str | None) -> str:
    """A date as '31 maart 2025'."""
    if waarde is None:
        return "onbekend"
    if isinstance(waarde, str):
        waarde = dt.date.fromisoformat(waarde)
    return f"{waarde.day} {MAANDEN[waarde.month - 1]} {waarde.year}"
