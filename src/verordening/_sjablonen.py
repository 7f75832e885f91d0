"""One jinja2 set-up for every rendered text (explanations, impact reports)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2


def omgeving(pakket: str, **filters: Callable[..., Any]) -> jinja2.Environment:
    """The templates of ``pakket``: HTML autoescaped, strict about undefined names."""
    uit = jinja2.Environment(
        loader=jinja2.PackageLoader(pakket, "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    uit.filters.update(filters)
    return uit
