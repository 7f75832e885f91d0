"""Diagnostics for ruleset authors: stable codes, locations and Dutch messages.

Every problem found while loading, validating or compiling a ruleset becomes a
`Diagnostic`. They are collected in one pass, sorted by file and line, and
rendered either for people (with the source line underlined) or on one line for
CI and editors (``bestand:regel:kolom: fout CODE: bericht``).
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
    """A place in a YAML file; line and column are 1-based."""

    model_config = ConfigDict(frozen=True)

    bestand: str = Field(description="Pad van het YAML-bestand, relatief waar mogelijk.")
    regel: int = Field(ge=1, description="Regelnummer, vanaf 1.")
    kolom: int = Field(ge=1, description="Kolom, vanaf 1.")
    lengte: int = Field(default=1, ge=1, description="Lengte van het aangewezen stuk.")

    def __str__(self) -> str:
        """The place as editors and compilers write it: ``bestand:regel:kolom``."""
        return f"{self.bestand}:{self.regel}:{self.kolom}"


class Diagnostic(BaseModel):
    """One problem in a ruleset, in the author's words."""

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

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, line, column, code."""
        if self.bron is None:
            return ("", 0, 0, self.code)
        return (self.bron.bestand, self.bron.regel, self.bron.kolom, self.code)

    def gnu(self) -> str:
        """Render on one line, for CI logs and editors."""
        plaats = f"{self.bron}: " if self.bron else ""
        extra = f" ({self.hint})" if self.hint else ""
        ook = "".join(f" [zie ook {o}]" for o in self.ook)
        voorbeeld = f" [voorbeeld: {'; '.join(self.voorbeeld)}]" if self.voorbeeld else ""
        return f"{plaats}{self.ernst} {self.code}: {self.bericht}{extra}{ook}{voorbeeld}"

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
        return "\n".join(regels)


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
    """Sort by location and drop exact duplicates, keeping the first."""
    gezien: set[str] = set()
    uniek: list[Diagnostic] = []
    for diag in sorted(diagnostics, key=Diagnostic.sort_key):
        sleutel = diag.model_dump_json()
        if sleutel not in gezien:
            gezien.add(sleutel)
            uniek.append(diag)
    return uniek


def render(diagnostics: Sequence[Diagnostic], formaat: str = "mens") -> str:
    """Render diagnostics as 'mens' (code frames), 'gnu' (one line each) or 'json'."""
    if formaat == "json":
        return json.dumps(
            [d.model_dump(mode="json") for d in diagnostics],
            ensure_ascii=False,
            indent=2,
        )
    if formaat == "gnu":
        return "\n".join(d.gnu() for d in diagnostics)
    return "\n\n".join(d.human() for d in diagnostics)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error (not just a warning)."""
    return any(d.ernst == "fout" for d in diagnostics)
