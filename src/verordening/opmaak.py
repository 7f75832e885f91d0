"""Dutch formatting shared by every rendered text: money, dates, escaping and the one jinja2 set-up.

Every template gets its text from situations, caseloads and rulesets, so none of that text may
act as markup: HTML templates (``*.html.j2``) escape every value, Markdown templates pass user
text through `md` (or `code` for a code span), and every value in every format shows control
characters as visible escapes (`zichtbaar`), so they never reach a terminal or a page raw.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

#: Unicode categories of characters that are never text: controls (C0, DEL, C1), format
#: characters (bidi overrides, zero-width), lone surrogates and line/paragraph separators.
_STUUR_CATEGORIEEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: Format characters that are legitimate inside text and harmless on a page or terminal.
_ONSCHULDIG = frozenset({"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufe0f"})
_WITRUIMTE = re.compile(r"[ \t\n\r]+")
_MD_TEKEN = re.compile(r"[\\`*_\[\]|~&<>]")
_MD_BEGIN = re.compile(r"^(?:([#+\-=])(?=[#+\-=\s]|$)|(\d{1,9})([.)])(?=\s|$))")
_MD_VERVANG = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def stuurteken(tekst: str) -> str | None:
    """The first control or format character in ``tekst`` (tab and newline count), or None."""
    if tekst.isprintable():
        return None
    for teken in tekst:
        if unicodedata.category(teken) in _STUUR_CATEGORIEEN:
            return teken
    return None


def ontsnapt(teken: str) -> str:
    r"""One character as a visible Python-style escape: '\x1b', '\u202e'."""
    return teken.encode("unicode_escape").decode("ascii")


def zichtbaar(tekst: str, regels: bool = True) -> str:
    r"""``tekst`` with every control character shown as an escape ('\x1b', '\u202e').

    Newlines and tabs stay when ``regels`` is true (multi-line text from a ruleset); the
    harmless format characters of ordinary writing (soft hyphen, zero-width joiner) stay too.
    """
    if stuurteken(tekst) is None:
        return tekst
    behouden = {"\n", "\t"} if regels else set()
    return "".join(
        ontsnapt(t)
        if unicodedata.category(t) in _STUUR_CATEGORIEEN
        and t not in behouden
        and t not in _ONSCHULDIG
        else t
        for t in tekst
    )


def _eenregelig(waarde: object) -> str:
    return _WITRUIMTE.sub(" ", zichtbaar(str(waarde))).strip()


def md(waarde: object) -> str:
    """Text from a situation, caseload or ruleset, safe anywhere in Markdown (also a table cell).

    One line (runs of white space become one space), so it cannot start a heading, list or
    block of its own; HTML (``<``, ``>``, ``&``) as entities; the characters that make links,
    emphasis, code, tables and strike-through backslash-escaped (an underscore inside a word,
    as in ``bijzondere_bijstand``, cannot make emphasis and stays); a leading ``# ``, ``- ``,
    ``+ ``, ``1. ``, ``---`` or ``===`` escaped, as the value may start a line; control
    characters visible (`zichtbaar`).
    """
    tekst = _eenregelig(waarde)

    def vervang(m: re.Match[str]) -> str:
        teken = m.group()
        if teken in _MD_VERVANG:
            return _MD_VERVANG[teken]
        if teken == "_":
            i = m.start()
            binnen = 0 < i < len(tekst) - 1 and tekst[i - 1].isalnum() and tekst[i + 1].isalnum()
            if binnen:
                return teken
        return "\\" + teken

    tekst = _MD_TEKEN.sub(vervang, tekst)
    return _MD_BEGIN.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", tekst, count=1)


def code(waarde: object, tabel: bool = False) -> str:
    """Text as one Markdown code span, whatever backticks it holds; ``tabel``: inside a table cell.

    Nothing inside a code span is markup, so only the fence, line breaks and (in a table)
    the ``|`` need care; empty text gives an empty string.
    """
    tekst = _eenregelig(waarde)
    if not tekst:
        return ""
    langste = max((len(r) for r in re.findall(r"`+", tekst)), default=0)
    hek = "`" * (langste + 1)
    if tekst.startswith("`") or tekst.endswith("`"):
        tekst = f" {tekst} "
    if tabel:
        tekst = tekst.replace("|", "\\|")
    return f"{hek}{tekst}{hek}"


def identificatie(waarde: object) -> str:
    """An identifier (a kenmerk) for plain text: one line, every control character escaped."""
    return zichtbaar(str(waarde), regels=False)


def _is_html(naam: str | None) -> bool:
    return naam is not None and naam.endswith((".html.j2", ".html", ".htm"))


def _zichtbaar_waarde(waarde: object) -> object:
    from markupsafe import Markup

    if isinstance(waarde, str) and not isinstance(waarde, Markup):
        return zichtbaar(waarde)
    return waarde


def omgeving(pakket: str, **filters: Callable[..., Any]) -> jinja2.Environment:
    """The templates of ``pakket`` (and the shared page layout): strict about undefined names.

    Autoescape is on for every HTML template (``*.html.j2``); every printed value passes
    `zichtbaar` first; the filters `md` and `code` are there for the Markdown templates and
    `identificatie` for identifiers in plain text.
    """
    import jinja2

    uit = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader(pakket, "templates"),
                jinja2.PackageLoader("verordening", "sjablonen"),
            ]
        ),
        autoescape=_is_html,
        finalize=_zichtbaar_waarde,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    uit.filters.update(md=md, code=code, identificatie=identificatie)
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
