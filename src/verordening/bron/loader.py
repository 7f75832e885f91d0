"""Find, parse and validate ruleset files: YAML → located `schema.Bestand` objects.

Problems never raise here; they are returned as diagnostics so that one run
reports every mistake in every file. The model files are every ``*.yaml`` under the
root except the ``scenarios`` folders and ``gemeenten/``; with a gemeente, the files
of ``gemeenten/<gemeente>/`` are its overlay. Each valid file becomes a `Bron` with
its content hash, which the receipt of every Advies refers to.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from verordening._encoders import canonical_hash
from verordening.bron.document import Document, Pad, format_pad, parse_file
from verordening.bron.schema import Bestand
from verordening.diagnostics import Diagnostic, suggest

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
        return None, diagnostics_from(doc, exc)
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
        doc, fouten = parse_file(pad, relatief_pad(pad, root))
        diagnostics.extend(fouten)
        if doc is None or fouten:
            continue
        sleutel = pad.name if root.is_file() else pad.relative_to(root).as_posix()
        bron, fouten = validate(doc, sleutel, is_overlay)
        diagnostics.extend(fouten)
        if bron is not None:
            bronnen.append(bron)
    return bronnen, diagnostics


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


def lege_lijst_door_element(soort: str, loc: Pad, plekken: list[Pad]) -> bool:
    """True for pydantic's 'too short' on a list whose item is wrong (reported by itself)."""
    return soort == "too_short" and any(p[: len(loc)] == loc and p != loc for p in plekken)


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
