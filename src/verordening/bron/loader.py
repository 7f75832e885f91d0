"""Find, parse and validate ruleset files: YAML → located `schema.Bestand` objects.

Problems never raise here; they are returned as diagnostics so that one run
reports every mistake in every file. The model files are every ``*.yaml`` under the
root except the ``scenarios`` folders and ``gemeenten/``; with a gemeente, the files
of ``gemeenten/<gemeente>/`` are its overlay. Each valid file becomes a `Bron` with
its content hash, which the receipt of every Advies refers to.

A file that fails still yields a `Bron` with ``volledig=False``: the parts of it that
follow the schema (every list item without an error), so the compiler can still check
their names, and ``verloren``: the names the failed parts would have declared, so the
compiler knows which of its name errors only follow from this failure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from verordening._encoders import canonical_hash
from verordening.bron.document import MAX_BYTES, Document, Pad, format_pad, parse_file
from verordening.bron.schema import Bestand
from verordening.diagnostics import Diagnostic, SourceRef, suggest
from verordening.errors import lege_lijst_door_element

#: Folder names that hold scenario tests, not rules.
SCENARIO_MAP = "scenarios"
GEMEENTEN_MAP = "gemeenten"


@dataclass(frozen=True)
class Bron:
    """One validated file with its document (for positions) and content hash.

    ``rel`` is the path inside the rulesets folder: the same wherever the program runs,
    so receipts and traces do not depend on the working directory.
    """

    doc: Document
    bestand: Bestand
    rel: str
    hash: str
    overlay: bool = False
    #: False when (part of) the file failed: ``bestand`` then holds only its valid parts.
    volledig: bool = True
    #: Names the failed parts would have declared, each with where the failed part is.
    verloren: tuple[Verlies, ...] = ()
    #: True for the empty stand-in of a file that failed as a whole.
    leeg: bool = False

    @property
    def heeft_inhoud(self) -> bool:
        """False for the stand-in of a file that failed as a whole."""
        return not self.leeg


@dataclass(frozen=True)
class Verlies:
    """A name that is not declared because the part of the file declaring it failed.

    ``soort`` is the declaration list (``parameters``, ``gegevens``, ``kernwaarden``,
    ``grondwaarden``, ``behoeften``, ``regels``) or ``verordening``.
    """

    soort: str
    naam: str
    oorzaak: SourceRef


def shipped_root() -> Path:
    """The rulesets shipped with the package (wheel) or beside the source (checkout)."""
    pakket = Path(str(resources.files("verordening")))
    for kandidaat in (pakket / "_rulesets", pakket.parent.parent / "rulesets"):
        if kandidaat.is_dir():
            return kandidaat
    raise FileNotFoundError("de meegeleverde regelsets zijn niet gevonden")


def discover(root: Path, gemeente: str | None = None) -> tuple[list[Path], list[Path]]:
    """Model files and overlay files under ``root`` (scenario folders excluded)."""
    if not root.is_dir():  # a file, or a device or pipe that `parse_file` refuses (V107)
        return [root], []
    model: list[Path] = []
    overlay: list[Path] = []
    for pad in sorted(root.rglob("*.yaml")):
        delen = pad.relative_to(root).parts
        if SCENARIO_MAP in delen[:-1]:
            continue
        if delen[0] == GEMEENTEN_MAP:
            if gemeente is not None and len(delen) > 2 and delen[1] == gemeente:
                overlay.append(pad)
            continue
        model.append(pad)
    return model, overlay


def validate(
    doc: Document, rel: str, overlay: bool = False
) -> tuple[Bron | None, list[Diagnostic]]:
    """Validate one parsed document against the schema."""
    if not isinstance(doc.data, dict):
        return None, [
            Diagnostic(
                code="V106",
                bericht="een regelsetbestand begint met sleutels, niet met een lijst of waarde",
                bron=doc.ref(()),
                hint="begin met 'schema_versie: 1'",
            )
        ]
    try:
        bestand = Bestand.model_validate(doc.data)
    except ValidationError as exc:
        return _gedeeltelijk(doc, exc, rel, overlay), diagnostics_from(doc, exc)
    data = bestand.model_dump(mode="json")
    return Bron(doc=doc, bestand=bestand, rel=rel, hash=canonical_hash(data), overlay=overlay), []


def load_sources(root: Path, gemeente: str | None = None) -> tuple[list[Bron], list[Diagnostic]]:
    """Parse and validate every file under ``root``; collect all problems."""
    model, overlay = discover(root, gemeente)
    bronnen: list[Bron] = []
    diagnostics: list[Diagnostic] = []
    if gemeente is not None and not overlay:
        diagnostics.append(
            Diagnostic(
                code="V317",
                bericht=f"geen overlay gevonden voor gemeente '{gemeente}'",
                hint=f"verwacht: {root / GEMEENTEN_MAP / gemeente}/*.yaml",
            )
        )
    for pad, is_overlay in [(p, False) for p in model] + [(p, True) for p in overlay]:
        naam = relatief_pad(pad, root)
        doc, fouten = parse_file(pad, naam)
        diagnostics.extend(fouten)
        sleutel = pad.name if root.is_file() else pad.relative_to(root).as_posix()
        if doc is None or fouten:
            if fouten:
                bronnen.append(_mislukt(pad, naam, sleutel, is_overlay, doc, fouten))
            continue
        bron, fouten = validate(doc, sleutel, is_overlay)
        diagnostics.extend(fouten)
        if bron is not None:
            bronnen.append(bron)
    return bronnen, diagnostics


#: The declaration lists of a file, and the field that names each item.
DECLARATIES = {
    "kernwaarden": "code",
    "grondwaarden": "code",
    "behoeften": "code",
    "gegevens": "naam",
    "parameters": "naam",
}
#: Top-level fields without which nothing of a file can be checked in its context.
_HEEL_BESTAND = ("schema_versie", "geldig_vanaf", "geldig_tot")
#: Top-level lists whose items can be left out one by one when they do not validate.
_LIJSTEN = (*DECLARATIES, "artikelen", "vervangt", "vervalt")


def _leeg(doc: Document | None, naam: str, rel: str, overlay: bool) -> Bron:
    """A source that contributes nothing (its file failed as a whole)."""
    return Bron(
        doc=Document(bestand=doc.bestand if doc else naam, data={}, posities={}),
        bestand=Bestand(schema_versie=1),
        rel=rel,
        hash="",
        overlay=overlay,
        volledig=False,
        leeg=True,
    )


def _mislukt(
    pad: Path,
    naam: str,
    rel: str,
    overlay: bool,
    doc: Document | None,
    fouten: list[Diagnostic],
) -> Bron:
    """The empty source of a file that cannot be read, with the names it would declare."""
    oorzaak = min((d.bron for d in fouten if d.bron is not None), key=_positie, default=None)
    oorzaak = oorzaak or SourceRef(bestand=naam, regel=1, kolom=1)
    if doc is not None and isinstance(doc.data, dict):
        namen = _namen_in(doc.data, ())
    else:
        namen = _namen_in_tekst(pad)
    verloren = tuple(Verlies(soort, n, oorzaak) for soort, n in namen)
    return dataclasses.replace(_leeg(doc, naam, rel, overlay), verloren=verloren)


def _positie(bron: SourceRef) -> tuple[int, int]:
    return bron.regel, bron.kolom


def _namen_in(data: Any, pad: Pad) -> list[tuple[str, str]]:
    """The names declared by ``data`` found at ``pad`` (a file, a list, or one item)."""
    if not pad:
        if not isinstance(data, dict):
            return []
        uit = [("verordening", "verordening")] if "verordening" in data else []
        for sleutel in _LIJSTEN:
            uit += _namen_in(data.get(sleutel), (sleutel,))
        return uit
    soort = str(pad[0])
    if len(pad) == 1 and isinstance(data, list):
        return [n for i, item in enumerate(data) for n in _namen_in(item, (soort, i))]
    if len(pad) == 1 and soort == "verordening":
        return [("verordening", "verordening")]
    if not isinstance(data, dict):
        return []
    if soort in DECLARATIES:
        naam = data.get(DECLARATIES[soort])
        return [(soort, naam)] if isinstance(naam, str) else []
    if soort in ("vervangt",) or (soort == "artikelen" and len(pad) == 4):
        rid = data.get("id")
        return [("regels", rid)] if isinstance(rid, str) else []
    if soort == "artikelen":
        regels = data.get("regels")
        if not isinstance(regels, list):
            return []
        return [n for j, r in enumerate(regels) for n in _namen_in(r, (*pad, "regels", j))]
    return []


_TOP = re.compile(r"^([a-z_]+)\s*:")
# No ambiguous runs of white space: "^\s*-?\s*" backtracks quadratically on a hostile line of
# thousands of spaces (bench --robuust: a 1,000-level block took 8 s of CPU).
_ITEM_NAAM = re.compile(r"^[ \t]*(?:-[ \t]*)?(naam|code|id)[ \t]*:[ \t]*[\"']?([A-Za-z0-9_.\-]+)")


def _namen_in_tekst(pad: Path) -> list[tuple[str, str]]:
    """Names a file that cannot be parsed declares, found line by line (best effort)."""
    try:
        if not pad.is_file() or pad.stat().st_size > MAX_BYTES:
            return []
        regels = pad.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    uit: list[tuple[str, str]] = []
    boven = ""
    for regel in regels:
        top = _TOP.match(regel)
        if top:
            boven = top.group(1)
            if boven == "verordening":
                uit.append(("verordening", "verordening"))
            continue
        item = _ITEM_NAAM.match(regel)
        if item is None:
            continue
        veld, naam = item.groups()
        if boven in DECLARATIES and veld == DECLARATIES[boven]:
            uit.append((boven, naam))
        elif boven in ("artikelen", "vervangt") and veld == "id":
            uit.append(("regels", naam))
    return uit


def _eenheid(loc: Pad) -> Pad | None:
    """The part of a file to leave out for an error at ``loc``; None: the whole file fails.

    A wrong version or period fails the whole file: without it, its rules would seem to
    hold at other dates and clash with the other versions (false V306).
    """
    if not loc or loc[0] in _HEEL_BESTAND:
        return None
    if loc[0] in _LIJSTEN and len(loc) >= 2 and isinstance(loc[1], int):
        regel = len(loc) >= 4 and loc[2] == "regels" and isinstance(loc[3], int)
        if loc[0] == "artikelen" and regel:
            return loc[:4]
        return loc[:2]
    return loc[:1]


def _snoei(doc: Document, weg: set[Pad]) -> Document:
    """``doc`` without the parts in ``weg``; positions follow the items that move up."""
    posities: dict[Pad, SourceRef] = {}

    def kopie(oud: Pad, nieuw: Pad) -> None:
        for achter in ((), ("\x00sleutel",)):
            plek = doc.posities.get((*oud, *achter))
            if plek is not None:
                posities[(*nieuw, *achter)] = plek

    def loop(node: Any, oud: Pad, nieuw: Pad) -> Any:
        kopie(oud, nieuw)
        if isinstance(node, dict):
            return {
                k: loop(v, (*oud, k), (*nieuw, k)) for k, v in node.items() if (*oud, k) not in weg
            }
        if isinstance(node, list):
            uit: list[Any] = []
            for i, kind in enumerate(node):
                if (*oud, i) not in weg:
                    uit.append(loop(kind, (*oud, i), (*nieuw, len(uit))))
            return uit
        return node

    return Document(bestand=doc.bestand, data=loop(doc.data, (), ()), posities=posities)


def _gedeeltelijk(doc: Document, exc: ValidationError, rel: str, overlay: bool) -> Bron:
    """The valid parts of a file that does not follow the schema, and what the rest declares."""
    weg: set[Pad] = set()
    for fout in exc.errors(include_url=False):
        eenheid = _eenheid(_strip_union_tags(doc.data, tuple(fout["loc"])))
        if eenheid is None:
            return _mislukt_data(doc, rel, overlay)
        weg.add(eenheid)
    # An article that fails takes its rules with it.
    weg = {p for p in weg if not any(q != p and p[: len(q)] == q for q in weg)}
    gesnoeid = _snoei(doc, weg)
    try:
        bestand = Bestand.model_validate(gesnoeid.data)
    except ValidationError:
        return _mislukt_data(doc, rel, overlay)
    verloren: list[Verlies] = []
    for eenheid in sorted(weg, key=lambda p: _positie(doc.ref(p))):
        data = _op(doc.data, eenheid)
        for soort, naam in _namen_in(data, eenheid):
            verloren.append(Verlies(soort, naam, doc.ref(eenheid)))
    return Bron(
        doc=gesnoeid,
        bestand=bestand,
        rel=rel,
        hash=canonical_hash(bestand.model_dump(mode="json")),
        overlay=overlay,
        volledig=False,
        verloren=tuple(verloren),
    )


def _mislukt_data(doc: Document, rel: str, overlay: bool) -> Bron:
    """The empty source of a parsed file whose errors cannot be isolated."""
    oorzaak = doc.ref(())
    verloren = tuple(Verlies(s, n, oorzaak) for s, n in _namen_in(doc.data, ()))
    return dataclasses.replace(_leeg(doc, doc.bestand, rel, overlay), verloren=verloren)


def _op(data: Any, pad: Pad) -> Any:
    for deel in pad:
        if isinstance(data, dict) and isinstance(deel, str):
            data = data.get(deel)
        elif isinstance(data, list) and isinstance(deel, int) and 0 <= deel < len(data):
            data = data[deel]
        else:
            return None
    return data


def relatief_pad(pad: Path, root: Path) -> str:
    """How a file is named in diagnostics: relative to the working folder, else to the tree."""
    basis = root.parent
    try:
        return str(pad.relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(pad.relative_to(basis))
        except ValueError:
            return str(pad)


_TYPEN = {
    "int": "een geheel getal",
    "bool": "true of false",
    "date": "een datum (JJJJ-MM-DD)",
    "string": "tekst",
    "dict": "sleutels met waarden",
    "list": "een lijst",
    "tuple": "een lijst",
    "model": "sleutels met waarden",
    "float": "een getal",
}


_TYPE_LABELS = frozenset({"int", "bool", "str", "date", "float", "none", "list", "dict"})


def _strip_union_tags(data: Any, loc: Pad) -> Pad:
    """Drop the type tags pydantic appends to a location inside a union field."""
    uit: list[str | int] = []
    huidig = data
    for deel in loc:
        in_dict = isinstance(huidig, dict) and isinstance(deel, str) and deel in huidig
        in_lijst = isinstance(huidig, list) and isinstance(deel, int) and 0 <= deel < len(huidig)
        if in_dict or in_lijst:
            huidig = huidig[deel]
        elif isinstance(deel, str) and (deel in _TYPE_LABELS or ("[" in deel and deel != "[key]")):
            break
        else:
            huidig = None
        uit.append(deel)
    return tuple(uit)


def diagnostics_from(doc: Document, exc: ValidationError) -> list[Diagnostic]:
    """Turn pydantic's errors into author diagnostics: one per place, in Dutch."""
    fouten: list[dict[str, Any]] = []
    plekken: list[Pad] = []
    for fout in exc.errors(include_url=False):
        err: dict[str, Any] = dict(fout)
        err["loc"] = _strip_union_tags(doc.data, tuple(fout["loc"]))
        fouten.append(err)
        plekken.append(err["loc"])
    uit: list[Diagnostic] = []
    gezien: set[Pad] = set()
    for err, loc in zip(fouten, plekken, strict=True):
        soort = str(err["type"])
        if lege_lijst_door_element(soort, loc, plekken):
            continue
        typefout = soort.endswith(("_type", "_parsing")) or soort == "union_tag_invalid"
        if typefout and loc in gezien:
            continue  # a union field reports one error per allowed type; one is enough
        if typefout:
            gezien.add(loc)
            if sum(1 for p, e in zip(plekken, fouten, strict=True) if p == loc) > 1:
                err["type"] = "union_type"
        uit.append(_diagnostic(doc, err))
    return uit


def _diagnostic(doc: Document, err: Any) -> Diagnostic:
    """One pydantic error as a coded Dutch diagnostic at the place of the offending YAML.

    A missing field is V201; an unknown key V202, with a suggestion from the fields
    that exist there; an unsupported schema_versie V205; a value of the wrong type
    V203; a value of the right type that is not allowed (code, form, range, check of
    the schema) V204.
    """
    loc: Pad = tuple(err["loc"])
    soort: str = err["type"]
    if loc and loc[-1] == "[key]":
        sleutel = str(loc[-2])
        return Diagnostic(
            code="V204",
            bericht=f"sleutel '{sleutel}' heeft niet de juiste vorm",
            bron=doc.key_ref(loc[:-1]),
            yaml_pad=format_pad(loc[:-1]),
            hint=_vorm_hint("kernwaarde"),
        )
    veld = next((str(d) for d in reversed(loc) if isinstance(d, str)), "")
    invoer = err.get("input")
    pad_tekst = format_pad(loc)
    if soort == "missing":
        return Diagnostic(
            code="V201",
            bericht=f"verplicht veld '{veld}' ontbreekt",
            bron=doc.ref(loc[:-1]),
            yaml_pad=pad_tekst,
            hint=_veld_hint(loc),
        )
    if soort == "extra_forbidden":
        toegestaan = _fields_at(loc[:-1])
        return Diagnostic(
            code="V202",
            bericht=f"onbekend veld '{veld}'",
            bron=doc.key_ref(loc),
            yaml_pad=pad_tekst,
            hint=suggest(veld, toegestaan)
            or (f"mogelijk: {', '.join(toegestaan)}" if toegestaan else None),
        )
    bron = doc.ref(loc)
    if veld == "schema_versie" and len(loc) == 1:
        return Diagnostic(
            code="V205",
            bericht=f"schema_versie {invoer!r} wordt niet ondersteund",
            bron=bron,
            yaml_pad=pad_tekst,
            hint="gebruik 'schema_versie: 1'",
        )
    if soort in ("enum", "literal_error"):
        verwacht = err.get("ctx", {}).get("expected", "")
        return Diagnostic(
            code="V204",
            bericht=f"'{invoer}' is geen geldige waarde voor '{veld}'",
            bron=bron,
            yaml_pad=pad_tekst,
            hint=_enum_hint(str(invoer), verwacht),
        )
    if soort == "string_pattern_mismatch":
        return Diagnostic(
            code="V204",
            bericht=f"'{invoer}' heeft niet de juiste vorm voor '{veld}'",
            bron=bron,
            yaml_pad=pad_tekst,
            hint=_vorm_hint(veld),
        )
    if soort in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err.get("ctx", {})
        grens = next(iter(ctx.values()), "")
        woord = "ten minste" if soort.startswith("greater") else "ten hoogste"
        return Diagnostic(
            code="V204",
            bericht=f"'{veld}' moet {woord} {grens} zijn, niet {invoer}",
            bron=bron,
            yaml_pad=pad_tekst,
        )
    if soort == "too_short":
        return Diagnostic(
            code="V204",
            bericht=f"'{veld}' mag niet leeg zijn",
            bron=bron,
            yaml_pad=pad_tekst,
        )
    if soort == "value_error":
        bericht = str(err.get("msg", "")).removeprefix("Value error, ")
        return Diagnostic(code="V204", bericht=bericht, bron=bron, yaml_pad=pad_tekst)
    if soort == "union_type":
        return Diagnostic(
            code="V203",
            bericht=f"'{veld}' verwacht één waarde (een getal, ja/nee, tekst of datum), "
            f"gevonden: {_kort(invoer)}",
            bron=bron,
            yaml_pad=pad_tekst,
        )
    basis = soort.split("_")[0]
    verwacht = _TYPEN.get(basis, basis)
    if veld == "nummer" and isinstance(invoer, int | float) and not isinstance(invoer, bool):
        return Diagnostic(
            code="V203",
            bericht=f"'{veld}' verwacht tekst, gevonden het getal {invoer}",
            bron=bron,
            yaml_pad=pad_tekst,
            hint='zet een artikelnummer tussen aanhalingstekens, bijv. nummer: "6.10"',
        )
    return Diagnostic(
        code="V203",
        bericht=f"'{veld}' verwacht {verwacht}, gevonden: {_kort(invoer)}",
        bron=bron,
        yaml_pad=pad_tekst,
    )


def _kort(waarde: Any) -> str:
    """A found value as the author wrote it (dates as JJJJ-MM-DD, text in quotes)."""
    if isinstance(waarde, bool):
        tekst = "true" if waarde else "false"
    elif isinstance(waarde, dt.date):
        tekst = waarde.isoformat()
    elif isinstance(waarde, str):
        tekst = f"'{waarde}'"
    elif isinstance(waarde, dict):
        tekst = "sleutels met waarden"
    elif isinstance(waarde, list):
        tekst = "een lijst"
    else:
        tekst = str(waarde)
    return tekst if len(tekst) <= 40 else tekst[:37] + "..."


def _enum_hint(invoer: str, verwacht: str) -> str:
    """The closest allowed value to ``invoer``, else the list of all (from pydantic's text)."""
    opties = [o.strip().strip("'") for o in verwacht.replace(" or ", ",").split(",") if o.strip()]
    return suggest(invoer, opties) or f"mogelijk: {', '.join(opties)}"


def _vorm_hint(veld: str) -> str | None:
    """The form a value of field ``veld`` must have, with an example."""
    return {
        "id": (
            "een regel-id is kebab-case: kleine letters, cijfers en streepjes, "
            "bijv. 'hh-gebruikelijke-hulp'"
        ),
        "code": "codes zijn kleine letters, cijfers en underscores",
        "naam": "namen zijn kleine letters met punten, bijv. 'bijstand.norm'",
        "nummer": "een artikelnummer is bijvoorbeeld 4.3 of 2.1.2",
        "kernwaarde": "kernwaarden en grondwaarden zijn HOOFDLETTERS, bijv. KW_EIGEN_KRACHT",
    }.get(veld, "kernwaarden en grondwaarden zijn HOOFDLETTERS, bijv. KW_EIGEN_KRACHT")


def _veld_hint(loc: Pad) -> str | None:
    """Where the fields are documented, for an error that is not at the file's top."""
    return "zie docs/voor-beleidsmedewerkers/regelset-referentie.md" if loc else None


def _model_at(loc: Pad) -> type[BaseModel] | None:
    """The schema model that the document path ``loc`` points into, if any."""
    model: type[BaseModel] | None = Bestand
    for deel in loc:
        if model is None:
            return None
        if isinstance(deel, int):
            continue
        info = model.model_fields.get(str(deel))
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside a field's annotation (through unions, tuples, lists, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            gevonden = _inner_model(arg)
            if gevonden is not None:
                return gevonden
    return None


def _fields_at(loc: Pad) -> list[str]:
    """The field names allowed at ``loc`` (for suggestions after a typo)."""
    model = _model_at(loc)
    return list(model.model_fields) if model is not None else []
