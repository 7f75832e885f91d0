"""Parse and type-check conditions and expressions from YAML data into `taal.nodes`.

Part of the compile stage: the compiler calls `parse_cond` and `parse_expr` for each
rule's ``als``, ``waarde`` and proposal fields, with a `Scope` that knows the facts,
collections and parameters in reach. Every problem becomes a coded diagnostic at the
exact YAML position (V2xx, V3xx); a node is only returned when its whole subtree is
valid, so evaluation (`taal.logic`) never meets an ill-typed node.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, assert_never

from verordening._types import GegevenType
from verordening.bron.document import Document, Pad, format_pad
from verordening.diagnostics import Diagnostic, SourceRef, suggest
from verordening.taal.nodes import (
    AFRONDING,
    EENHEDEN,
    GETAL,
    ONWAAR,
    REKEN,
    VERGELIJKING,
    WAAR,
    Aantal,
    Alle,
    Altijd,
    Bekend,
    Cond,
    DatumPlus,
    EenVan,
    Expr,
    FeitType,
    In,
    Lit,
    Niet,
    Ref,
    Reken,
    Type,
    Vergelijk,
)
from verordening.taal.operators import REKENOPERATOREN, WAARDE_SLEUTELWOORDEN, RekenOp


@dataclass
class Scope:
    """Names visible to one rule, and where problems go."""

    doc: Document
    feiten: dict[str, FeitType]
    collecties: dict[str, dict[str, FeitType]]
    behoefte: str | None
    context: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    item: dict[str, FeitType] | None = None

    def fout(
        self,
        code: str,
        bericht: str,
        pad: Pad,
        hint: str | None = None,
        sleutel: bool = False,
        naam: str | None = None,
    ) -> None:
        """Record an author error at ``pad`` (the key itself when ``sleutel``).

        ``naam`` is the unknown name a name error is about (lets the compiler tell a
        typo from a name whose declaring file failed).
        """
        bron = self.doc.key_ref(pad) if sleutel else self.doc.ref(pad)
        self.diagnostics.append(
            Diagnostic(
                code=code,
                bericht=bericht,
                bron=bron,
                yaml_pad=format_pad(pad),
                hint=hint,
                context=self.context,
                naam=naam,
            )
        )

    def resolve(self, naam: str, pad: Pad, sleutel: bool = False) -> Ref | None:
        """The reference a fact name stands for here, or None (and a V301) when unknown."""
        if self.item is not None and naam in self.item:
            return Ref(naam, self.item[naam].type, self.doc.ref(pad), item=True)
        volledig = naam
        if naam.startswith("vraag."):
            if self.behoefte is None:
                self.fout(
                    "V301",
                    f"'{naam}' kan alleen in een regel met een 'behoefte'",
                    pad,
                    sleutel=sleutel,
                )
                return None
            volledig = f"hulpvraag.{self.behoefte}.{naam[6:]}"
        info = self.feiten.get(volledig)
        if info is None:
            namen = list(self.feiten)
            if self.item is not None:
                namen += list(self.item)
            if self.behoefte is not None:
                prefix = f"hulpvraag.{self.behoefte}."
                namen += [f"vraag.{n[len(prefix) :]}" for n in self.feiten if n.startswith(prefix)]
            hint = suggest(naam, namen) or "alle gegevens: docs/voor-beleidsmedewerkers/gegevens.md"
            self.fout("V301", f"onbekend gegeven '{naam}'", pad, hint, sleutel=sleutel, naam=naam)
            return None
        return Ref(volledig, info.type, self.doc.ref(pad))

    def waarden_van(self, ref: Ref) -> tuple[str, ...]:
        """The codes a reference may take (empty when it is not a code)."""
        if ref.item and self.item is not None:
            return self.item[ref.naam].waarden
        info = self.feiten.get(ref.naam)
        return info.waarden if info else ()


def parse_cond(data: Any, pad: Pad, scope: Scope) -> Cond | None:
    """Parse a condition; problems go to ``scope.diagnostics`` and give None."""
    bron = scope.doc.ref(pad)
    if data is None:
        return Altijd(bron)
    if isinstance(data, list):
        lijst = [parse_cond(d, (*pad, i), scope) for i, d in enumerate(data)]
        return None if any(d is None for d in lijst) else Alle(tuple(d for d in lijst if d), bron)
    if not isinstance(data, dict) or not data:
        scope.fout(
            "V208",
            "een voorwaarde is een lijst of een sleutel met een vergelijking",
            pad,
            "bijvoorbeeld: - aanvrager.leeftijd: {ten_minste: 18}",
        )
        return None
    if "waarde" in data:
        return _parse_waarde_atom(data, pad, scope)
    delen: list[Cond | None] = []
    for sleutel, waarde in data.items():
        sub = (*pad, sleutel)
        if sleutel in ("alle", "een_van"):
            if not isinstance(waarde, list) or not waarde:
                scope.fout("V208", f"'{sleutel}' verwacht een lijst met voorwaarden", sub)
                delen.append(None)
                continue
            onder = [parse_cond(d, (*sub, i), scope) for i, d in enumerate(waarde)]
            if any(o is None for o in onder):
                delen.append(None)
            else:
                klasse = Alle if sleutel == "alle" else EenVan
                delen.append(klasse(tuple(o for o in onder if o), scope.doc.ref(sub)))
        elif sleutel == "niet":
            onder_een = parse_cond(waarde, sub, scope)
            delen.append(None if onder_een is None else Niet(onder_een, scope.doc.ref(sub)))
        elif sleutel == "bekend":
            if not isinstance(waarde, str):
                scope.fout("V208", "'bekend' verwacht de naam van een gegeven", sub)
                delen.append(None)
                continue
            ref = scope.resolve(waarde, sub)
            delen.append(
                None if ref is None else Bekend(ref.naam, scope.doc.ref(sub), item=ref.item)
            )
        else:
            delen.append(_parse_atom(sleutel, waarde, sub, scope))
    if any(d is None for d in delen):
        return None
    goed = tuple(d for d in delen if d is not None)
    return goed[0] if len(goed) == 1 else Alle(goed, bron)


def _parse_atom(naam: str, spec: Any, pad: Pad, scope: Scope) -> Cond | None:
    """Parse ``naam: spec`` in a condition: a fact compared with one or more operands.

    A bare value is short for ``gelijk``; the atom's place is the key, where the author
    wrote the fact's name.
    """
    links = scope.resolve(naam, pad, sleutel=True)
    if links is None:
        return None
    if not isinstance(spec, dict):
        spec = {"gelijk": spec}
    return _vergelijkingen(links, naam, spec, pad, scope, scope.doc.key_ref(pad))


def _parse_waarde_atom(data: dict[str, Any], pad: Pad, scope: Scope) -> Cond | None:
    """Parse ``{waarde: <expression>, <comparison>: ...}``: a computed value compared."""
    links = parse_expr(data["waarde"], (*pad, "waarde"), scope)
    if links is None:
        return None
    ops = {k: v for k, v in data.items() if k != "waarde"}
    return _vergelijkingen(links, describe_kort(links), ops, pad, scope, scope.doc.ref(pad))


def describe_kort(expr: Expr) -> str:
    """A short label for an expression in messages."""
    if isinstance(expr, Ref):
        return expr.naam
    if isinstance(expr, Aantal):
        return f"aantal {expr.collectie}"
    if isinstance(expr, Reken):
        return expr.op
    if isinstance(expr, Lit | DatumPlus):
        return "de waarde"
    assert_never(expr)


def _vergelijkingen(
    links: Expr,
    naam: str,
    spec: dict[str, Any],
    pad: Pad,
    scope: Scope,
    bron: SourceRef,
) -> Cond | None:
    """The comparisons of ``links`` in ``spec`` (``gelijk``, ``in``, ...), type-checked.

    Several comparisons in one mapping form an ``alle``. Each problem is reported (V208
    unknown comparison or shape, V308 types that cannot be compared, V309 a value the
    fact cannot have) and the whole atom is then None.
    """
    if not spec:
        scope.fout("V208", f"geen vergelijking bij '{naam}'", pad)
        return None
    ref = links if isinstance(links, Ref) else None
    delen: list[Cond] = []
    ok = True
    for op, operand in spec.items():
        sub = (*pad, op)
        if op == "in":
            if not isinstance(operand, list) or not operand:
                scope.fout("V208", "'in' verwacht een lijst met waarden", sub)
                ok = False
                continue
            waarden = [_literal(o, ref, (*sub, i), scope) for i, o in enumerate(operand)]
            if any(w is None for w in waarden):
                ok = False
                continue
            verkeerd = [w for w in waarden if w and not _vergelijkbaar(links.type, w.type, "==")]
            for w in verkeerd:
                scope.fout(
                    "V308",
                    f"'{naam}' ({links.type}) kan niet gelijk zijn aan {_omschrijf(w)}",
                    sub,
                    _type_hint(links, w),
                )
            if verkeerd:
                ok = False
                continue
            delen.append(In(links, tuple(w.waarde for w in waarden if w), bron))
            continue
        if op not in VERGELIJKING:
            hint = (
                suggest(op, [*VERGELIJKING, "in"])
                or f"mogelijk: {', '.join([*VERGELIJKING, 'in'])}"
            )
            scope.fout("V208", f"onbekende vergelijking '{op}'", sub, hint, sleutel=True)
            ok = False
            continue
        rechts = _operand(operand, ref, sub, scope)
        if rechts is None:
            ok = False
            continue
        if not _vergelijkbaar(links.type, rechts.type, VERGELIJKING[op]):
            scope.fout(
                "V308",
                f"'{naam}' ({links.type}) kan niet vergeleken worden met {_omschrijf(rechts)}",
                sub,
                _type_hint(links, rechts),
            )
            ok = False
            continue
        delen.append(Vergelijk(VERGELIJKING[op], links, rechts, bron))
    if not ok:
        return None
    return delen[0] if len(delen) == 1 else Alle(tuple(delen), bron)


def _omschrijf(expr: Expr) -> str:
    """An operand as messages name it: a literal with its value and type, else its type."""
    if isinstance(expr, Lit):
        return f"'{expr.waarde}' ({expr.type})"
    return f"een waarde van type {expr.type}"


def _type_hint(links: Expr, rechts: Expr) -> str | None:
    """A hint for a type mismatch: the two mistakes authors make most (text for a fact, euros)."""
    if isinstance(rechts, Lit) and rechts.type == GegevenType.tekst:
        return f"verwijst u naar een gegeven? schrijf dan {{gegeven: {rechts.waarde}}}"
    if links.type == GegevenType.geld:
        return "bedragen staan in hele eurocenten, bijv. 109171 voor € 1.091,71"
    return None


def _vergelijkbaar(a: Type, b: Type, op: str) -> bool:
    """Whether types ``a`` and ``b`` can be compared with ``op``.

    Numbers compare only with the same unit (geld with geld), a bare number with any
    unit; ja_nee and tekst only with ``==`` and ``!=``.
    """
    numeriek = {GegevenType.geld, GegevenType.aantal, GegevenType.basispunten, GETAL}
    if a in numeriek and b in numeriek:
        return a == b or GETAL in (a, b)
    if a != b:
        return False
    return op in ("==", "!=") if a in (GegevenType.ja_nee, GegevenType.tekst) else True


def _literal(data: Any, links: Ref | None, pad: Pad, scope: Scope) -> Lit | None:
    """A literal of YAML ``data``, typed for the fact ``links`` it is compared with.

    Text becomes ja/nee against a ja_nee fact, and must be one of the listed values
    against a tekst fact that has them (V309). Floats are refused (V203): money is whole
    eurocents and percentages whole basispunten.
    """
    bron = scope.doc.ref(pad)
    doel = links.type if links else None
    if isinstance(data, bool):
        return Lit(data, GegevenType.ja_nee, bron)
    if isinstance(data, int):
        return Lit(data, GETAL, bron)
    if isinstance(data, float):
        scope.fout(
            "V203",
            f"kommagetal {data} is niet toegestaan",
            pad,
            "gebruik hele eurocenten of basispunten (1% = 100)",
        )
        return None
    if isinstance(data, dt.datetime):
        return Lit(data.date(), GegevenType.datum, bron)
    if isinstance(data, dt.date):
        return Lit(data, GegevenType.datum, bron)
    if isinstance(data, str):
        if doel == GegevenType.ja_nee and data.lower() in WAAR + ONWAAR:
            return Lit(data.lower() in WAAR, GegevenType.ja_nee, bron)
        if links is not None and doel == GegevenType.tekst:
            toegestaan = scope.waarden_van(links)
            if toegestaan and data not in toegestaan:
                scope.fout(
                    "V309",
                    f"'{data}' is geen mogelijke waarde van '{links.naam}'",
                    pad,
                    suggest(data, toegestaan) or f"mogelijk: {', '.join(toegestaan)}",
                )
                return None
        return Lit(data, GegevenType.tekst, bron)
    scope.fout("V203", "hier wordt een enkele waarde verwacht", pad)
    return None


def _operand(data: Any, links: Ref | None, pad: Pad, scope: Scope) -> Expr | None:
    """The right side of a comparison: an expression when a mapping, else a literal.

    Bare text here is a value, not a fact name (``{gegeven: naam}`` names a fact).
    """
    if isinstance(data, dict):
        return parse_expr(data, pad, scope)
    return _literal(data, links, pad, scope)


def parse_expr(data: Any, pad: Pad, scope: Scope, tekst_is_naam: bool = True) -> Expr | None:
    """Parse an expression (bare text = fact name, unless ``tekst_is_naam`` is False)."""
    bron = scope.doc.ref(pad)
    if isinstance(data, str) and tekst_is_naam:
        return scope.resolve(data, pad)
    if not isinstance(data, dict):
        return _literal(data, None, pad, scope)
    if len(data) != 1:
        scope.fout(
            "V208",
            "een berekening heeft precies één bewerking",
            pad,
            "bijv. {som: [a, b]} of {parameter: naam}",
        )
        return None
    ((op, arg),) = data.items()
    sub = (*pad, op)
    if op == "gegeven":
        if isinstance(arg, str):
            return scope.resolve(arg, sub)
        _naam_verwacht(scope, sub)
        return None
    if op == "parameter":
        if not isinstance(arg, str):
            _naam_verwacht(scope, sub)
            return None
        info = scope.feiten.get(f"parameter.{arg}")
        if info is None:
            namen = [n[10:] for n in scope.feiten if n.startswith("parameter.")]
            scope.fout("V302", f"onbekende parameter '{arg}'", sub, suggest(arg, namen), naam=arg)
            return None
        return Ref(f"parameter.{arg}", info.type, scope.doc.ref(sub))
    if op == "tekst":
        return Lit(str(arg), GegevenType.tekst, scope.doc.ref(sub))
    if op == "aantal":
        return _parse_aantal(arg, sub, scope)
    if op in ("datum_plus", "datum_min"):
        return _parse_datum_plus(arg, sub, scope, -1 if op == "datum_min" else 1)
    if op == "eerstvolgende_werkdag":
        datum = parse_expr(arg, sub, scope)
        if datum is None:
            return None
        if datum.type != GegevenType.datum:
            scope.fout("V308", "'eerstvolgende_werkdag' verwacht een datum", sub)
            return None
        nul = Lit(0, GETAL, scope.doc.ref(sub))
        return DatumPlus(datum, "eerstvolgende_werkdag", nul, GegevenType.datum, scope.doc.ref(sub))
    if op in REKEN:
        return _parse_reken(op, arg, sub, scope, bron)
    hint = suggest(op, [*REKEN, *WAARDE_SLEUTELWOORDEN])
    scope.fout("V208", f"onbekende bewerking '{op}'", sub, hint, sleutel=True)
    return None


def _naam_verwacht(scope: Scope, pad: Pad) -> None:
    """Report V203: the name of a fact was expected here."""
    scope.fout("V203", "hier wordt de naam van een gegeven verwacht", pad)


_TELWOORDEN = {2: "twee", 3: "drie"}


def _parse_reken(op: str, arg: Any, pad: Pad, scope: Scope, bron: SourceRef) -> Expr | None:
    """Parse an arithmetic operator: its operands (a list, or named fields) and result type.

    The operator table says whether ``op`` takes fields (``deling``, ``percentage_van``,
    which must name their ``afronding``) or a list, and of how many values.
    """
    afronding = "rekenkundig"
    soort_op = REKENOPERATOREN[RekenOp(op)]
    if soort_op.velden:
        if not isinstance(arg, dict):
            scope.fout(
                "V208",
                f"'{op}' verwacht velden",
                pad,
                "deling: {teller, noemer, afronding}; "
                "percentage_van: {bedrag, basispunten, afronding}",
            )
            return None
        namen = soort_op.velden
        onbekend = set(arg) - {*namen, "afronding"}
        for o in sorted(onbekend):
            scope.fout(
                "V202",
                f"onbekend veld '{o}' in '{op}'",
                (*pad, o),
                suggest(o, [*namen, "afronding"]),
                sleutel=True,
            )
        if "afronding" not in arg:
            scope.fout(
                "V201",
                f"'{op}' noemt altijd de 'afronding'",
                pad,
                f"kies uit: {', '.join(AFRONDING)}",
            )
            return None
        afronding = arg["afronding"]
        if afronding not in AFRONDING:
            scope.fout(
                "V204",
                f"onbekende afronding '{afronding}'",
                (*pad, "afronding"),
                suggest(str(afronding), AFRONDING),
            )
            return None
        ontbreekt = [n for n in namen if n not in arg]
        for n in ontbreekt:
            scope.fout("V201", f"'{op}' mist '{n}'", pad)
        if ontbreekt or onbekend:
            return None
        items = [arg[n] for n in namen]
        paden = [(*pad, n) for n in namen]
    else:
        if not isinstance(arg, list) or len(arg) < 2:
            scope.fout("V208", f"'{op}' verwacht een lijst van ten minste twee waarden", pad)
            return None
        if soort_op.aantal is not None and len(arg) != soort_op.aantal:
            aantal = _TELWOORDEN.get(soort_op.aantal, str(soort_op.aantal))
            scope.fout("V208", f"'{op}' verwacht precies {aantal} waarden", pad)
            return None
        items = list(arg)
        paden = [(*pad, i) for i in range(len(arg))]
    args = [parse_expr(a, p, scope) for a, p in zip(items, paden, strict=True)]
    if any(a is None for a in args):
        return None
    goed = tuple(a for a in args if a is not None)
    soort = _reken_type(op, goed)
    if soort is None:
        typen = ", ".join(a.type for a in goed)
        scope.fout(
            "V308",
            f"'{op}' kan niet rekenen met {typen}",
            pad,
            "geld telt op bij geld; geld maal een aantal is geld; percentages in basispunten",
        )
        return None
    return Reken(RekenOp(op), goed, soort, bron, afronding)


def _reken_type(op: str, args: tuple[Expr, ...]) -> Type | None:
    """The type of ``op`` applied to ``args``, or None when the units do not combine.

    geld adds to geld only; a product has at most one geld factor; geld divided by a
    number is geld; ``percentage_van`` takes basispunten. A bare number takes the unit of
    the other operands.
    """
    numeriek = {GegevenType.geld, GegevenType.aantal, GegevenType.basispunten, GETAL}
    typen = [a.type for a in args]
    if op in ("minimum", "maximum") and all(t == GegevenType.datum for t in typen):
        return GegevenType.datum
    if any(t not in numeriek for t in typen):
        return None
    echt = [t for t in typen if t != GETAL]
    reken_op = RekenOp(op)
    match reken_op:
        case RekenOp.SOM | RekenOp.VERSCHIL | RekenOp.MINIMUM | RekenOp.MAXIMUM:
            if not echt:
                return GETAL
            return echt[0] if all(t == echt[0] for t in echt) else None
        case RekenOp.PRODUCT:
            if echt.count(GegevenType.geld) > 1:
                return None
            if GegevenType.geld in echt:
                return GegevenType.geld
            return echt[0] if echt else GETAL
        case RekenOp.DELING:
            teller, noemer = typen
            if noemer == GegevenType.geld and teller != GegevenType.geld:
                return None
            if teller == GegevenType.geld and noemer != GegevenType.geld:
                return GegevenType.geld
            return GegevenType.aantal if teller != GETAL or noemer != GETAL else GETAL
        case RekenOp.PERCENTAGE_VAN:
            bedrag, punten = typen
            if punten not in (GegevenType.basispunten, GETAL):
                return None
            return bedrag
        case _:
            assert_never(reken_op)


def _parse_aantal(arg: Any, pad: Pad, scope: Scope) -> Expr | None:
    """Parse ``aantal: {van: <collectie>, waar: <condition>}``.

    The condition is parsed with the collection's item fields in reach (`Scope.item`).
    """
    if not isinstance(arg, dict) or "van" not in arg:
        scope.fout("V208", "'aantal' verwacht {van: collectie, waar: voorwaarde}", pad)
        return None
    collectie = arg["van"]
    if not isinstance(collectie, str) or collectie not in scope.collecties:
        scope.fout(
            "V301",
            f"onbekende collectie '{collectie}'",
            (*pad, "van"),
            suggest(str(collectie), scope.collecties) or f"mogelijk: {', '.join(scope.collecties)}",
        )
        return None
    for o in sorted(set(arg) - {"van", "waar"}):
        scope.fout(
            "V202",
            f"onbekend veld '{o}' in 'aantal'",
            (*pad, o),
            suggest(o, ["van", "waar"]),
            sleutel=True,
        )
    vorige, scope.item = scope.item, scope.collecties[collectie]
    try:
        waar = parse_cond(arg.get("waar"), (*pad, "waar"), scope) if "waar" in arg else None
    finally:
        scope.item = vorige
    if "waar" in arg and waar is None:
        return None
    return Aantal(collectie, waar, GegevenType.aantal, scope.doc.ref(pad))


def _parse_datum_plus(arg: Any, pad: Pad, scope: Scope, teken: int) -> Expr | None:
    """Parse ``datum_plus`` / ``datum_min`` (``teken`` -1): a date and exactly one unit."""
    if not isinstance(arg, dict) or "datum" not in arg:
        scope.fout(
            "V208",
            "'datum_plus' en 'datum_min' verwachten {datum: ..., weken: n} "
            "(of dagen, maanden, jaren, werkdagen)",
            pad,
        )
        return None
    eenheden = [e for e in EENHEDEN if e in arg]
    for o in sorted(set(arg) - {"datum", *EENHEDEN}):
        scope.fout(
            "V202",
            f"onbekend veld '{o}' in 'datum_plus'",
            (*pad, o),
            suggest(o, ["datum", *EENHEDEN]),
            sleutel=True,
        )
        return None
    if len(eenheden) != 1:
        scope.fout("V208", "'datum_plus' noemt precies één van: " + ", ".join(EENHEDEN), pad)
        return None
    datum = parse_expr(arg["datum"], (*pad, "datum"), scope)
    aantal = parse_expr(arg[eenheden[0]], (*pad, eenheden[0]), scope)
    if datum is None or aantal is None:
        return None
    if datum.type != GegevenType.datum or aantal.type not in (
        GegevenType.aantal,
        GETAL,
    ):
        scope.fout("V308", "'datum_plus' telt een aantal op bij een datum", pad)
        return None
    return DatumPlus(datum, eenheden[0], aantal, GegevenType.datum, scope.doc.ref(pad), teken)
