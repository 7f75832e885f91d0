"""Diagnostics for ruleset authors: stable codes, locations and Dutch messages.

Every problem found while loading, validating or compiling a ruleset becomes a
`Diagnostic`. They are collected in one pass, sorted with the root causes first
(files that cannot be read or do not follow the schema, V1xx/V2xx), then by file
and line, and rendered either for people (with the source line underlined) or on
one line for CI and editors (``bestand:regel:kolom: fout CODE: bericht``).

A diagnostic that only follows from an earlier error (a name that is unknown
because the file that declares it failed) carries ``gevolg_van``;
`sort_diagnostics` groups it under that cause (``gevolgen``), so the cause is
shown once, first, with one line saying how many messages follow from it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from verordening._bestand import MAX_BYTES, OnleesbaarError, open_gewoon

Ernst = Literal["fout", "waarschuwing", "opmerking"]


class SourceRef(BaseModel):
    """Een plaats in een YAML-bestand; regel en kolom tellen vanaf 1."""

    model_config = ConfigDict(frozen=True)

    bestand: str = Field(description="Pad van het YAML-bestand, relatief waar mogelijk.")
    regel: int = Field(ge=1, description="Regelnummer, vanaf 1.")
    kolom: int = Field(ge=1, description="Kolom, vanaf 1.")
    lengte: int = Field(default=1, ge=1, description="Lengte van het aangewezen stuk.")

    def __str__(self) -> str:
        """The place as editors and compilers write it: ``bestand:regel:kolom``."""
        return f"{self.bestand}:{self.regel}:{self.kolom}"


class Diagnostic(BaseModel):
    """Eén probleem in een regelset, in de woorden van de auteur."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="Stabiele code: V1xx YAML, V2xx schema, V3xx namen, V4xx logica.")
    ernst: Ernst = Field(default="fout", description="'fout' blokkeert laden.")
    bericht: str = Field(description="De fout in gewoon Nederlands.")
    bron: SourceRef | None = Field(default=None, description="Waar het mis is.")
    yaml_pad: str | None = Field(default=None, description="Pad in het document.")
    hint: str | None = Field(default=None, description="Wat u kunt doen.")
    context: str | None = Field(default=None, description="De regel of het artikel.")
    ook: tuple[SourceRef, ...] = Field(
        default=(), description="Andere betrokken plaatsen (bijv. de tweede regel)."
    )
    voorbeeld: tuple[str, ...] = Field(
        default=(),
        description="Een zo klein mogelijke situatie die de bevinding laat zien (analyse), "
        "één 'gegeven = waarde' per regel.",
    )
    voorbeeld_situatie: dict[str, Any] | None = Field(
        default=None, description="Dezelfde voorbeeldsituatie als invoer voor 'evaluate'."
    )
    naam: str | None = Field(
        default=None,
        description="De onbekende naam waar een naamfout (V3xx) over gaat.",
    )
    gevolg_van: SourceRef | None = Field(
        default=None,
        description="De eerdere fout waar deze melding uit volgt (een bestand dat niet "
        "gelezen kon worden).",
    )
    gevolgen: tuple[Diagnostic, ...] = Field(
        default=(),
        description="Meldingen die uit deze fout volgen; ze worden niet apart getoond.",
    )

    def sort_key(self) -> tuple[int, str, int, int, str]:
        """Order root causes (V1xx, V2xx) first, then by file, line, column, code."""
        rang = 0 if self.code.startswith(OORZAAK_CODES) else 1
        if self.bron is None:
            return (rang, "", 0, 0, self.code)
        return (rang, self.bron.bestand, self.bron.regel, self.bron.kolom, self.code)

    def gnu(self) -> str:
        """Render on one line, for CI logs and editors."""
        plaats = f"{self.bron}: " if self.bron else ""
        extra = f" ({self.hint})" if self.hint else ""
        ook = "".join(f" [zie ook {o}]" for o in self.ook)
        voorbeeld = f" [voorbeeld: {'; '.join(self.voorbeeld)}]" if self.voorbeeld else ""
        gevolgen = f" [{self.gevolgen_tekst()}]" if self.gevolgen else ""
        return f"{plaats}{self.ernst} {self.code}: {self.bericht}{extra}{ook}{voorbeeld}{gevolgen}"

    def gevolgen_tekst(self) -> str:
        """One line on the messages that follow from this one (empty when none do)."""
        if not self.gevolgen:
            return ""
        namen = list(dict.fromkeys(f"'{g.naam}'" for g in self.gevolgen if g.naam))
        if len(namen) > MAX_NAMEN:
            namen = [*namen[:MAX_NAMEN], f"nog {len(namen) - MAX_NAMEN}"]
        n = len(self.gevolgen)
        tekst = (
            "1 andere melding volgt uit deze fout"
            if n == 1
            else f"{n} andere meldingen volgen uit deze fout"
        )
        if namen:
            tekst += f" (onbekend: {', '.join(namen)})"
        return tekst + "; los deze fout eerst op"

    def human(self) -> str:
        """Render with the source line underlined and the hint below it."""
        kop = f"{self.ernst} {self.code}"
        if self.bron is not None:
            kop += f"  {self.bron}"
        if self.yaml_pad:
            kop += f"   ({self.yaml_pad})"
        regels = [kop, f"  {self.bericht}"]
        if self.context:
            regels[-1] += f" {self.context}"
        if self.bron is not None:
            regels.extend(_code_frame(self.bron))
        for ander in self.ook:
            regels.append(f"  zie ook {ander}")
            regels.extend(_code_frame(ander))
        if self.voorbeeld:
            regels.append("  voorbeeld:")
            regels.extend(f"    {r}" for r in self.voorbeeld)
        if self.hint:
            regels.append(f"  {self.hint}")
        if self.gevolgen:
            regels.append(f"  {self.gevolgen_tekst()}")
        return "\n".join(regels)


#: Codes of root causes: a file that cannot be read (V1xx) or does not follow the schema (V2xx).
OORZAAK_CODES = ("V1", "V2")
#: How many unknown names the line about consequences lists.
MAX_NAMEN = 5


def _code_frame(bron: SourceRef) -> list[str]:
    """The source line of ``bron`` with carets under the part it points at, or none.

    The carets are clipped to the line, so a place past its end still shows one.
    """
    tekst = _source_line(bron.bestand, bron.regel)
    if tekst is None:
        return []
    nummer = str(bron.regel)
    marge = " " * (len(nummer) + 5)
    lengte = max(1, min(bron.lengte, max(1, len(tekst) - bron.kolom + 1)))
    return [
        f"    {nummer} | {tekst}",
        f"{marge}| {' ' * (bron.kolom - 1)}{'^' * lengte}",
    ]


@lru_cache(maxsize=64)
def _file_lines(bestand: str) -> tuple[str, ...]:
    """The lines of ``bestand``, read once (`clear_source_cache` empties the cache)."""
    # Regular files only and bounded: a code frame never reads a device or hangs on a pipe.
    try:
        with open_gewoon(bestand) as invoer:
            inhoud = invoer.read(MAX_BYTES + 1)
        te_groot = len(inhoud) > MAX_BYTES  # then the lines before the cut still show
        tekst = inhoud.removeprefix(b"\xef\xbb\xbf").decode(
            "utf-8", errors="ignore" if te_groot else "strict"
        )
        regels = tekst.splitlines()
        return tuple(regels[:-1] if te_groot else regels)
    except (OnleesbaarError, OSError, UnicodeDecodeError):
        return ()


def _source_line(bestand: str, regel: int) -> str | None:
    """Line ``regel`` of ``bestand`` without trailing space; None when the file or line is gone."""
    lines = _file_lines(bestand)
    if 1 <= regel <= len(lines):
        return lines[regel - 1].rstrip()
    return None


def clear_source_cache() -> None:
    """Forget cached file contents (after files were edited)."""
    _file_lines.cache_clear()


def suggest(naam: str, mogelijk: Iterable[str]) -> str | None:
    """Return a did-you-mean hint for ``naam`` among ``mogelijk``, if any is close."""
    kandidaten = difflib.get_close_matches(naam, sorted(set(mogelijk)), n=1, cutoff=0.6)
    if kandidaten:
        return f"bedoelde u '{kandidaten[0]}'?"
    return None


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort root causes first, then by location; drop exact duplicates, keeping the first.

    A diagnostic with ``gevolg_van`` is moved into the ``gevolgen`` of its cause when the
    cause is among ``diagnostics``; otherwise it stays, with its hint naming the cause.
    """
    gezien: set[str] = set()
    uniek: list[Diagnostic] = []
    for diag in sorted(diagnostics, key=Diagnostic.sort_key):
        sleutel = diag.model_dump_json()
        if sleutel not in gezien:
            gezien.add(sleutel)
            uniek.append(diag)
    return _groepeer(uniek)


def _groepeer(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    oorzaken = [
        i
        for i, d in enumerate(diagnostics)
        if d.bron is not None and d.gevolg_van is None and d.code.startswith(OORZAAK_CODES)
    ]
    per_oorzaak: dict[int, list[Diagnostic]] = {}
    rest: list[tuple[int, Diagnostic]] = []
    for i, diag in enumerate(diagnostics):
        plek = _oorzaak_van(diag.gevolg_van, diagnostics, oorzaken)
        if plek is None:
            rest.append((i, diag))
        else:
            per_oorzaak.setdefault(plek, []).append(diag)
    return [
        d.model_copy(update={"gevolgen": (*d.gevolgen, *per_oorzaak[i])}) if i in per_oorzaak else d
        for i, d in rest
    ]


def _oorzaak_van(
    gevolg_van: SourceRef | None, diagnostics: list[Diagnostic], oorzaken: list[int]
) -> int | None:
    """Index of the cause: the first root cause in the file at or after ``gevolg_van``.

    ``gevolg_van`` is where the failed part starts (a list item, or the first error of a
    file that cannot be parsed); its errors lie inside it. Without one after it, the
    last one before it in the same file.
    """
    if gevolg_van is None:
        return None
    plekken = [(i, d.bron) for i in oorzaken if (d := diagnostics[i]).bron is not None]
    in_bestand = [(i, b) for i, b in plekken if b.bestand == gevolg_van.bestand]
    positie = (gevolg_van.regel, gevolg_van.kolom)
    for i, bron in in_bestand:
        if (bron.regel, bron.kolom) >= positie:
            return i
    return in_bestand[-1][0] if in_bestand else None


def render(diagnostics: Sequence[Diagnostic], formaat: str = "mens") -> str:
    """Render diagnostics as 'mens' (code frames), 'gnu' (one line each) or 'json'."""
    if formaat == "json":
        return json.dumps(
            [d.model_dump(mode="json") for d in diagnostics],
            ensure_ascii=False,
            indent=2,
        )
    if formaat == "gnu":
        return _zichtbaar("\n".join(d.gnu() for d in diagnostics))
    return _zichtbaar("\n\n".join(d.human() for d in diagnostics))


def _zichtbaar(tekst: str) -> str:
    r"""``tekst`` with control characters shown as escapes ('\x1b').

    A name taken from a ruleset never drives the terminal; newlines and tabs (code frames) stay.
    """
    if tekst.isprintable():
        return tekst
    return "".join(
        t if t.isprintable() or t in "\n\t" else t.encode("unicode_escape").decode("ascii")
        for t in tekst
    )


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error (not just a warning)."""
    return any(d.ernst == "fout" for d in diagnostics)
