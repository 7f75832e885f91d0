"""Strict, safe YAML loading that remembers where every value came from.

Only plain YAML is accepted: no tags, no duplicate keys, bounded file size and
bounded alias expansion. Booleans follow YAML 1.2 (only ``true``/``false``), so
``nee`` or ``no`` stay text. The result is plain Python data plus a map from
document path to position, so any later stage can point at ``file:line:col``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from verordening.bron import lezen
from verordening.diagnostics import Diagnostic, SourceRef

#: Largest ruleset or situation file accepted, in bytes (one limit, kept in `lezen`).
MAX_BYTES = lezen.MAX_BYTES
#: Largest number of nodes a document may expand to (defends against alias bombs).
MAX_NODES = 200_000
#: Deepest nesting accepted.
MAX_DEPTH = 64

Pad = tuple[str | int, ...]

_STANDARD_TAGS = frozenset(
    {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)


#: Deepest flow nesting (``[[[…]]]``) the scanner reads before it gives up. PyYAML's scanner
#: walks every open flow level for every token, so a long run of brackets costs about a
#: second before the composer's recursion stops; deeper than this is V105 at once. Above
#: MAX_DEPTH, so the builder still reports ordinary over-nesting at its exact node.
MAX_FLOW_DEPTH = 2 * MAX_DEPTH


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and a bound on flow nesting."""

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:  # noqa: N803 - PyYAML's name
        """Refuse to open a flow collection deeper than MAX_FLOW_DEPTH."""
        if self.flow_level >= MAX_FLOW_DEPTH:
            raise _TooDeepScanError(self.get_mark())
        super().fetch_flow_collection_start(TokenClass)


# Replace the YAML 1.1 boolean resolver (yes/no/on/off) by the YAML 1.2 one.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


@dataclass
class Document:
    """A parsed YAML file: its data and the position of every node."""

    bestand: str
    data: Any
    posities: dict[Pad, SourceRef] = field(default_factory=dict)

    def ref(self, pad: Pad) -> SourceRef:
        """Position of ``pad``, or of its nearest ancestor that has one."""
        while True:
            if pad in self.posities:
                return self.posities[pad]
            if not pad:
                return SourceRef(bestand=self.bestand, regel=1, kolom=1)
            pad = pad[:-1]

    def key_ref(self, pad: Pad) -> SourceRef:
        """Position of the key of ``pad`` (for unknown or misspelt keys)."""
        return self.posities.get((*pad, "\x00sleutel"), self.ref(pad))


def format_pad(pad: Pad) -> str:
    """Render a document path as ``regels[3].als[0]``."""
    uit = ""
    for deel in pad:
        if isinstance(deel, int):
            uit += f"[{deel}]"
        elif isinstance(deel, str) and not deel.startswith("\x00"):
            uit += f".{deel}" if uit else deel
    return uit


class _Builder:
    """Turns a composed YAML node tree into plain data, recording the place of every value.

    Walking the nodes itself (instead of PyYAML's constructor) is what makes the
    loader strict: it refuses tags, merge keys and duplicate keys, and it counts every
    node, aliases included, so an alias bomb stops at `MAX_NODES`.
    """

    def __init__(self, bestand: str) -> None:
        """Start an empty build of file ``bestand``."""
        self.bestand = bestand
        self.posities: dict[Pad, SourceRef] = {}
        self.diagnostics: list[Diagnostic] = []
        self.nodes = 0
        self._constructor = _Loader("")
        # An alias is the same node object as its anchor, visited once per use. Positions are
        # made once per node, and a problem in a node is reported once, however often it is
        # repeated through aliases: otherwise a 15 kB file of aliased duplicate keys costs a
        # diagnostic per repetition (hundreds of thousands) before the node budget stops it.
        self._refs: dict[int, SourceRef] = {}
        self._gemeld: set[tuple[str, int]] = set()

    def ref(self, node: yaml.Node) -> SourceRef:
        """The place of ``node``: 1-based line and column, and its length on one line."""
        bekend = self._refs.get(id(node))
        if bekend is not None:
            return bekend
        start, eind = node.start_mark, node.end_mark
        lengte = eind.column - start.column if eind.line == start.line else 1
        nieuw = SourceRef(
            bestand=self.bestand,
            regel=start.line + 1,
            kolom=start.column + 1,
            lengte=max(1, lengte),
        )
        self._refs[id(node)] = nieuw
        return nieuw

    def eerste_keer(self, code: str, node: yaml.Node) -> bool:
        """True the first time ``code`` is reported for ``node`` (aliases repeat nodes)."""
        sleutel = (code, id(node))
        if sleutel in self._gemeld:
            return False
        self._gemeld.add(sleutel)
        return True

    def fout(self, code: str, bericht: str, node: yaml.Node, hint: str | None = None) -> None:
        """Record a problem at ``node``; the build goes on, so all problems are reported."""
        if self.eerste_keer(code, node):
            self.diagnostics.append(
                Diagnostic(code=code, bericht=bericht, bron=self.ref(node), hint=hint)
            )

    def build(self, node: yaml.Node, pad: Pad, diepte: int) -> Any:
        """The data of ``node`` at document path ``pad``, at nesting depth ``diepte``.

        Raises:
            _TooLargeError: more than `MAX_NODES` nodes (aliases expanded) were built.
            _TooDeepError: the nesting is deeper than `MAX_DEPTH`.
        """
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLargeError(node)
        if diepte > MAX_DEPTH:
            raise _TooDeepError(node)
        if pad not in self.posities:
            self.posities[pad] = self.ref(node)
        if node.tag not in _STANDARD_TAGS:
            self.fout(
                "V104",
                f"tag '{node.tag}' is niet toegestaan",
                node,
                "gebruik gewone YAML zonder '!'-tags",
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pad, diepte)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(kind, (*pad, i), diepte + 1) for i, kind in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, pad: Pad, diepte: int) -> dict[str, Any]:
        """A mapping as a dict with text keys; each key's own place is recorded as well.

        A ``<<`` merge (V104), a key that is not text (V102) or one that comes twice
        (V103, pointing at both) is reported and left out. A true/false or number key is
        taken as its text.
        """
        uit: dict[str, Any] = {}
        eerst: dict[str, yaml.Node] = {}
        for sleutel_node, waarde_node in node.value:
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise _TooLargeError(sleutel_node)
            if sleutel_node.tag == "tag:yaml.org,2002:merge":
                self.fout(
                    "V104",
                    "samenvoegen met '<<' is niet toegestaan",
                    sleutel_node,
                    "schrijf de velden uit",
                )
                continue
            sleutel = (
                self._scalar(sleutel_node) if isinstance(sleutel_node, yaml.ScalarNode) else None
            )
            if not isinstance(sleutel, str | int | bool) or isinstance(sleutel, bool):
                if isinstance(sleutel, bool | int):
                    sleutel = str(sleutel).lower()
                else:
                    self.fout("V102", "een sleutel moet tekst zijn", sleutel_node)
                    continue
            sleutel = str(sleutel)
            if sleutel in eerst:
                if not self.eerste_keer("V103", sleutel_node):
                    continue
                eerder = self.ref(eerst[sleutel])
                self.diagnostics.append(
                    Diagnostic(
                        code="V103",
                        bericht=f"sleutel '{sleutel}' komt twee keer voor",
                        bron=self.ref(sleutel_node),
                        ook=(eerder,),
                        hint="verwijder of hernoem één van beide",
                    )
                )
                continue
            eerst[sleutel] = sleutel_node
            self.posities[(*pad, sleutel, "\x00sleutel")] = self.ref(sleutel_node)
            uit[sleutel] = self.build(waarde_node, (*pad, sleutel), diepte + 1)
        return uit

    def _scalar(self, node: yaml.Node) -> Any:
        """A scalar as PyYAML's safe constructor reads it; None (and V102) for an invalid one."""
        try:
            return self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.fout(
                    "V102",
                    f"'{node.value}' is geen bestaande datum",
                    node,
                    "schrijf een datum als JJJJ-MM-DD, bijv. 2024-02-29",
                )
            else:
                reden = _dutch_yaml_error(str(exc)) if isinstance(exc, yaml.YAMLError) else ""
                self.fout(
                    "V102",
                    f"ongeldige waarde '{node.value}'"
                    + (f": {reden}" if reden and reden != _ONBEKEND else ""),
                    node,
                )
            return None


class _TooDeepScanError(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _TooLargeError(Exception):
    """The document expands to more than `MAX_NODES` values; ends the build at ``node``."""

    def __init__(self, node: yaml.Node) -> None:
        """Remember the node where the limit was reached, to point at it."""
        self.node = node


class _TooDeepError(_TooLargeError):
    """The document nests deeper than `MAX_DEPTH`; ends the build at ``node``."""

    pass


def _te_groot(begin: SourceRef) -> Diagnostic:
    """V101: the file is larger than `MAX_BYTES`."""
    return Diagnostic(
        code="V101",
        bericht=f"bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB",
        bron=begin,
        hint="splits het onderwerp over meer bestanden",
    )


def parse_text(tekst: str, bestand: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse YAML text strictly; returns the document (or None) and all problems."""
    begin = SourceRef(bestand=bestand, regel=1, kolom=1)
    if len(tekst.encode("utf-8", errors="replace")) > MAX_BYTES:
        return None, [_te_groot(begin)]
    try:
        loader = _Loader(tekst)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except _TooDeepScanError as exc:
        return None, [
            Diagnostic(
                code="V105",
                bericht=f"het document is dieper genest dan {MAX_DEPTH} niveaus",
                bron=SourceRef(bestand=bestand, regel=exc.mark.line + 1, kolom=exc.mark.column + 1),
                hint="maak de structuur platter; zo diep nesten is nooit nodig",
            )
        ]
    except RecursionError:
        return None, [
            Diagnostic(
                code="V105",
                bericht=f"het document is dieper genest dan {MAX_DEPTH} niveaus",
                bron=begin,
                hint="maak de structuur platter; zo diep nesten is nooit nodig",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.problem and "could not find expected ':'" in exc.problem and exc.context_mark:
            mark = exc.context_mark  # the key without a colon, not the line after it
        bron = (
            SourceRef(bestand=bestand, regel=mark.line + 1, kolom=mark.column + 1)
            if mark
            else begin
        )
        reden = exc.problem or str(exc)
        return None, [
            Diagnostic(
                code="V102",
                bericht=f"YAML kan niet gelezen worden: {_dutch_yaml_error(reden)}",
                bron=bron,
                hint="controleer de inspringing en de dubbele punten op deze regel",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [
            Diagnostic(
                code="V102",
                bericht=f"YAML kan niet gelezen worden: {_dutch_yaml_error(str(exc))}",
                bron=begin,
            )
        ]
    if root is None:
        return None, [
            Diagnostic(
                code="V106",
                bericht="het bestand is leeg",
                bron=begin,
                hint="begin met 'schema_versie: 1', of verwijder het bestand",
            )
        ]
    builder = _Builder(bestand)
    try:
        data = builder.build(root, (), 0)
    except _TooDeepError as exc:
        return None, [
            Diagnostic(
                code="V105",
                bericht=f"het document is dieper genest dan {MAX_DEPTH} niveaus",
                bron=builder.ref(exc.node),
                hint="maak de structuur platter; zo diep nesten is nooit nodig",
            )
        ]
    except _TooLargeError as exc:
        return None, [
            Diagnostic(
                code="V105",
                bericht=f"het document groeit uit tot meer dan {MAX_NODES} waarden"
                " (te veel aliassen)",
                bron=builder.ref(exc.node),
                hint="gebruik geen ankers (&) en aliassen (*) om grote stukken te herhalen",
            )
        ]
    return Document(bestand=bestand, data=data, posities=builder.posities), builder.diagnostics


def parse_file(pad: Path, naam: str | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Read (bounded, regular files only, see `lezen`) and parse a YAML file; never raises."""
    bestand = naam or str(pad)
    begin = SourceRef(bestand=bestand, regel=1, kolom=1)
    try:
        tekst = lezen.lees_tekst(pad, MAX_BYTES, bestand)
    except lezen.LeesError as exc:
        if exc.code == "V101":
            return None, [_te_groot(begin)]
        hint = (
            "sla het bestand op als UTF-8 (de standaard in de meeste editors)"
            if "UTF-8" in exc.bericht
            else None
        )
        return None, [
            Diagnostic(code=exc.code, bericht=_bestand_bericht(exc), bron=begin, hint=hint)
        ]
    return parse_text(tekst, bestand)


def _bestand_bericht(exc: lezen.LeesError) -> str:
    if exc.bericht.startswith("bestand "):
        return exc.bericht
    if exc.bericht.startswith(("is ", "bestaat")):
        return f"bestand kan niet gelezen worden: het {exc.bericht}"
    return f"bestand kan niet gelezen worden: {exc.bericht}"


#: PyYAML's problem texts (scanner, parser, composer, reader) in Dutch, most specific first.
_VERTALING: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed here", "hier mag geen ':' met een waarde staan"),
    ("could not find expected ':'", "de ':' na een sleutel ontbreekt"),
    (
        "found character '\\t' that cannot start any token",
        "tabs zijn niet toegestaan, gebruik spaties",
    ),
    (
        "that cannot start any token",
        "dit teken kan een waarde niet beginnen; zet de tekst tussen aanhalingstekens",
    ),
    ("found undefined alias", "onbekende alias"),
    ("found duplicate anchor", "hetzelfde anker (&) staat twee keer in het bestand"),
    (
        "expected <block end>, but found '-'",
        "een lijstregel ('-') staat op de verkeerde inspringing",
    ),
    ("expected <block end>", "een regel staat op de verkeerde inspringing"),
    ("expected ',' or ']'", "een lijst tussen [ en ] is niet goed afgesloten"),
    ("expected ',' or '}'", "een blok tussen { en } is niet goed afgesloten"),
    ("found unexpected end of stream", "het bestand houdt onverwacht op"),
    ("found unexpected document separator", "onverwachte '---' of '...' in het bestand"),
    ("expected a single document in the stream", "er staat meer dan één document in het bestand"),
    ("but found another document", "er staat meer dan één document in het bestand"),
    ("expected '<document start>'", "er staat nog iets na het einde van het document"),
    ("mapping keys are not allowed here", "hier mag geen sleutel staan"),
    ("sequence entries are not allowed here", "hier mag geen lijstregel ('-') staan"),
    ("expected the node content", "hier ontbreekt een waarde"),
    ("expected a comment or a line break", "na deze waarde mag alleen commentaar (#) staan"),
    (
        "found unknown escape character",
        "onbekend teken na '\\' in tekst tussen dubbele aanhalingstekens",
    ),
    (
        "expected escape sequence",
        "onvolledige code na '\\' in tekst tussen dubbele aanhalingstekens",
    ),
    (
        "expected alphabetic or numeric character",
        "een anker (&) of alias (*) heeft een naam van letters en cijfers nodig",
    ),
    ("indentation indicator", "ongeldig teken na '|' of '>'"),
    ("chomping", "ongeldig teken na '|' of '>'"),
    ("unacceptable character", "het bestand bevat een teken dat niet is toegestaan"),
    ("special characters are not allowed", "het bestand bevat een teken dat niet is toegestaan"),
    ("YAML directive", "ongeldige '%YAML'-regel"),
    ("tag handle", "ongeldige tag"),
    ("tag", "ongeldige tag"),
)
#: What a PyYAML problem without a translation says.
_ONBEKEND = "de YAML-structuur klopt hier niet"


def _dutch_yaml_error(reden: str) -> str:
    """PyYAML's problem in Dutch (never the English text: policy staff read this)."""
    for engels, nederlands in _VERTALING:
        if engels in reden:
            return nederlands
    return _ONBEKEND
