"""Compile validated files into an immutable `CompiledVerordening`.

Resolves every name (facts, parameters, kernwaarden, behoeften, rule ids),
type-checks conditions against the `Situatie` fact catalogue, applies a
municipal overlay, stratifies derived facts (cycles are author errors, V401)
and groups the rules into versions by validity date. An invalid compiled
bylaw cannot exist: `compile_sources` either returns one or diagnostics.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import _expr as e
from ._logic import CondFn, ExprFn, Verklaar, compile_cond, compile_decisive, compile_expr
from ._types import GegevenType
from .diagnostics import Diagnostic, SourceRef, suggest
from .facts import COLLECTIES, catalogue
from .loader import Bron, canonical_hash
from .schema import (
    Behoefte,
    GegevenDeclaratie,
    Gevolgen,
    Grondwaarde,
    Kernwaarde,
    Parameter,
    ParameterWaarde,
    Regel,
    VerordeningMeta,
    VoorstelSjabloon,
)

BEGIN = dt.date(1900, 1, 1)
EINDE = dt.date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class CompiledRegel:
    """A rule ready to run: parsed condition, compiled closures and citations."""

    id: str
    artikel: str
    artikel_nummer: str
    artikel_titel: str
    grondslag: str
    wetten: tuple[str, ...]
    kernwaarden: tuple[tuple[str, int], ...]
    grondwaarden: tuple[str, ...]
    stap: int
    behoefte: str | None
    gevolgen: Gevolgen | None
    toelichting: str
    uitzondering_op: tuple[str, ...]
    prioriteit: int
    restregel: bool
    als: e.Cond
    test: CondFn
    verklaar: Verklaar
    voorstel: VoorstelSjabloon | None
    voorstel_expr: tuple[tuple[str, e.Expr, ExprFn], ...]
    afleiding: str | None
    waarde: tuple[e.Expr, ExprFn] | None
    bron: SourceRef
    bestand: str
    deps: frozenset[str]
    vanaf: dt.date
    tot: dt.date


@dataclass(frozen=True)
class Versie:
    """The rules in force for one period, stratified and indexed."""

    vanaf: dt.date
    tot: dt.date
    regels: tuple[CompiledRegel, ...]
    per_id: dict[str, CompiledRegel]
    strata: tuple[tuple[CompiledRegel, ...], ...]
    afgeleid_per_stratum: tuple[tuple[str, ...], ...]
    definities: dict[str, tuple[CompiledRegel, ...]]
    relevant: dict[str, tuple[str, ...]]
    uitzonderingen: dict[str, frozenset[str]]
    bestanden: tuple[str, ...]
    hash: str
    sleutel: str = field(default="")


@dataclass(frozen=True)
class CompiledVerordening:
    """Everything `evaluate` needs; immutable once built."""

    meta: VerordeningMeta
    gemeente: str | None
    kernwaarden: dict[str, Kernwaarde]
    grondwaarden: dict[str, Grondwaarde]
    behoeften: dict[str, Behoefte]
    gegevens: dict[str, GegevenDeclaratie]
    parameters: dict[str, Parameter]
    feiten: dict[str, e.FeitType]
    versies: tuple[Versie, ...]
    grenzen: tuple[dt.date, ...]
    artikelnummers: dict[str, str]
    waarschuwingen: tuple[Diagnostic, ...]

    def versie_op(self, peildatum: dt.date) -> Versie | None:
        """The version in force on ``peildatum``, if any."""
        i = bisect.bisect_right(self.grenzen, peildatum) - 1
        if i < 0 or i >= len(self.versies):
            return None
        versie = self.versies[i]
        return versie if versie.vanaf <= peildatum <= versie.tot and versie.regels else None

    def parameters_op(self, peildatum: dt.date) -> dict[str, tuple[Parameter, ParameterWaarde]]:
        """Parameter values in force on ``peildatum`` (a value may be None: unconfirmed)."""
        uit: dict[str, tuple[Parameter, ParameterWaarde]] = {}
        for naam, param in self.parameters.items():
            for w in param.waarden:
                if w.geldig_vanaf <= peildatum <= (w.geldig_tot or EINDE):
                    uit[naam] = (param, w)
                    break
        return uit


class _Verzamelaar:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def fout(
        self,
        code: str,
        bericht: str,
        bron: SourceRef | None,
        hint: str | None = None,
        ook: Iterable[SourceRef] = (),
        context: str | None = None,
        ernst: str = "fout",
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code,
                bericht=bericht,
                bron=bron,
                hint=hint,
                ook=tuple(ook),
                context=context,
                ernst="fout" if ernst == "fout" else "waarschuwing",
            )
        )


def _declaraties(bronnen: list[Bron], v: _Verzamelaar) -> tuple[dict[str, Any], ...]:
    soorten: dict[str, dict[str, tuple[Any, SourceRef]]] = {
        "kernwaarden": {},
        "grondwaarden": {},
        "behoeften": {},
        "gegevens": {},
        "parameters": {},
    }
    sleutels = {
        "kernwaarden": "code",
        "grondwaarden": "code",
        "behoeften": "code",
        "gegevens": "naam",
        "parameters": "naam",
    }
    for bron in bronnen:
        for soort, tabel in soorten.items():
            for i, item in enumerate(getattr(bron.bestand, soort)):
                naam = getattr(item, sleutels[soort])
                plek = bron.doc.ref((soort, i))
                if soort == "parameters" and bron.overlay and naam in tabel:
                    tabel[naam] = (_overlay_parameter(tabel[naam][0], item), plek)
                    continue
                if naam in tabel:
                    v.fout(
                        "V310",
                        f"'{naam}' is twee keer gedeclareerd in {soort}",
                        plek,
                        ook=[tabel[naam][1]],
                        hint="elke naam wordt één keer gedeclareerd",
                    )
                    continue
                tabel[naam] = (item, plek)
    return tuple({k: w[0] for k, w in soorten[s].items()} for s in soorten)


def _overlay_parameter(model: Parameter, overlay: Parameter) -> Parameter:
    """Overlay values replace the model's values on the dates they cover."""
    eigen = list(overlay.waarden)
    behouden = [
        w
        for w in model.waarden
        if not any(
            o.geldig_vanaf <= (w.geldig_tot or EINDE) and w.geldig_vanaf <= (o.geldig_tot or EINDE)
            for o in eigen
        )
    ]
    waarden = tuple(sorted([*behouden, *eigen], key=lambda w: w.geldig_vanaf))
    return model.model_copy(update={"waarden": waarden, "omschrijving": overlay.omschrijving})


def _check_parameters(
    parameters: dict[str, Parameter], plekken: dict[str, SourceRef], v: _Verzamelaar
) -> None:
    for naam, param in parameters.items():
        waarden = sorted(param.waarden, key=lambda w: w.geldig_vanaf)
        for w in waarden:
            if w.waarde is None:
                continue
            verwacht = {GegevenType.ja_nee: bool, GegevenType.tekst: str}.get(param.type, int)
            if not isinstance(w.waarde, verwacht) or (
                verwacht is int and isinstance(w.waarde, bool)
            ):
                v.fout(
                    "V203",
                    f"parameter '{naam}' ({param.type}) heeft waarde {w.waarde!r} "
                    "van het verkeerde type",
                    plekken.get(naam),
                    "geld in eurocent en percentages in basispunten zijn hele getallen",
                )
        for vorige, volgende in itertools.pairwise(waarden):
            eind = vorige.geldig_tot
            if eind is None or eind >= volgende.geldig_vanaf:
                v.fout(
                    "V312",
                    f"parameter '{naam}': de periode vanaf {vorige.geldig_vanaf} "
                    f"overlapt met die vanaf {volgende.geldig_vanaf}",
                    plekken.get(naam),
                    "geef de eerdere waarde een 'geldig_tot'",
                )
            elif eind + dt.timedelta(days=1) < volgende.geldig_vanaf:
                v.fout(
                    "V311",
                    f"parameter '{naam}' heeft geen waarde van {eind + dt.timedelta(days=1)} tot "
                    f"{volgende.geldig_vanaf}",
                    plekken.get(naam),
                    "vul het gat of zet 'waarde: null' met 'bron: onbevestigd'",
                )


@dataclass
class _Ruwe:
    bron: Bron
    regel: Regel
    pad: tuple[str | int, ...]
    artikel_nummer: str
    artikel_titel: str
    wetten: tuple[str, ...]
    artikel_kernwaarden: dict[str, int]


def _verzamel_regels(bronnen: list[Bron], v: _Verzamelaar) -> tuple[list[_Ruwe], dict[str, str]]:
    model: list[_Ruwe] = []
    overlay_nieuw: list[_Ruwe] = []
    vervang: dict[str, _Ruwe] = {}
    vervalt: dict[str, tuple[Bron, int]] = {}
    nummers: dict[str, str] = {}
    for bron in bronnen:
        b = bron.bestand
        doel = overlay_nieuw if bron.overlay else model
        for ai, art in enumerate(b.artikelen):
            for ri, regel in enumerate(art.regels):
                doel.append(
                    _Ruwe(
                        bron,
                        regel,
                        ("artikelen", ai, "regels", ri),
                        art.nummer,
                        art.titel,
                        art.wetten,
                        dict(art.kernwaarden),
                    )
                )
        if bron.overlay:
            for ri, regel in enumerate(b.vervangt):
                vervang[regel.id] = _Ruwe(bron, regel, ("vervangt", ri), "", "", (), {})
            for vi, verval in enumerate(b.vervalt):
                vervalt[verval.regel] = (bron, vi)
            nummers.update(b.artikelnummers)
    bekend = {r.regel.id: r for r in model}
    for rid, ruw in vervang.items():
        origineel = bekend.get(rid)
        if origineel is None:
            v.fout(
                "V307",
                f"de overlay vervangt regel '{rid}', maar die bestaat niet in het model",
                ruw.bron.doc.ref(ruw.pad),
                suggest(rid, bekend),
            )
            continue
        ruw.artikel_nummer, ruw.artikel_titel = (
            origineel.artikel_nummer,
            origineel.artikel_titel,
        )
        ruw.wetten, ruw.artikel_kernwaarden = (
            origineel.wetten,
            origineel.artikel_kernwaarden,
        )
    for rid, (bron, vi) in vervalt.items():
        if rid not in bekend:
            v.fout(
                "V307",
                f"de overlay laat regel '{rid}' vervallen, maar die bestaat niet in het model",
                bron.doc.ref(("vervalt", vi)),
                suggest(rid, bekend),
            )
    regels = [vervang.get(r.regel.id, r) for r in model if r.regel.id not in vervalt]
    return regels + overlay_nieuw, nummers


def compile_sources(
    bronnen: list[Bron], gemeente: str | None = None
) -> tuple[CompiledVerordening | None, list[Diagnostic]]:
    """Compile validated files; returns the compiled bylaw or the diagnostics that prevent it."""
    v = _Verzamelaar()
    kernwaarden, grondwaarden, behoeften, gegevens, parameters = _declaraties(bronnen, v)
    metas = [(b, b.bestand.verordening) for b in bronnen if b.bestand.verordening is not None]
    meta = next((m for b, m in metas if b.overlay), None) or next((m for _, m in metas), None)
    if meta is None:
        v.fout(
            "V316",
            "de regelset declareert geen 'verordening' (naam, citeertitel, wetten)",
            None,
            "zet dit in rulesets/01-inleiding/",
        )
    if not kernwaarden:
        v.fout(
            "V316",
            "de regelset declareert geen kernwaarden",
            None,
            "zet die in rulesets/01-inleiding/",
        )
    plekken = {
        p.naam: b.doc.ref(("parameters", i))
        for b in bronnen
        for i, p in enumerate(b.bestand.parameters)
    }
    _check_parameters(parameters, plekken, v)
    invoer = catalogue(behoeften)
    feiten: dict[str, e.FeitType] = {n: e.FeitType(i.type, i.waarden) for n, i in invoer.items()}
    gegeven_plek = {
        g.naam: b.doc.ref(("gegevens", i))
        for b in bronnen
        for i, g in enumerate(b.bestand.gegevens)
    }
    for naam, decl in gegevens.items():
        if naam in feiten:
            v.fout(
                "V310",
                f"afgeleid gegeven '{naam}' heeft dezelfde naam als een invoergegeven",
                gegeven_plek[naam],
            )
            continue
        feiten[naam] = e.FeitType(decl.type, decl.waarden)
    for naam, param in parameters.items():
        feiten[f"parameter.{naam}"] = e.FeitType(param.type)
    collecties = {
        n: {k: e.FeitType(i.type, i.waarden) for k, i in velden.items()}
        for n, velden in COLLECTIES.items()
    }
    for b in behoeften.values():
        for g in b.grondwaarden:
            if g not in grondwaarden:
                v.fout(
                    "V304",
                    f"behoefte '{b.code}' noemt onbekende grondwaarde '{g}'",
                    None,
                    suggest(g, grondwaarden),
                )
    ruwe, nummers = _verzamel_regels(bronnen, v)
    regels: list[CompiledRegel] = []
    for ruw in ruwe:
        gecompileerd = _compile_regel(
            ruw, feiten, collecties, kernwaarden, grondwaarden, behoeften, gegevens, v
        )
        if gecompileerd is not None:
            regels.append(gecompileerd)
    _check_ids(regels, v)
    versies, grenzen = _versies(regels, bronnen, gegevens, v)
    fouten = [d for d in v.diagnostics if d.ernst == "fout"]
    if fouten or meta is None:
        return None, v.diagnostics
    return CompiledVerordening(
        meta=meta,
        gemeente=gemeente,
        kernwaarden=kernwaarden,
        grondwaarden=grondwaarden,
        behoeften=behoeften,
        gegevens=gegevens,
        parameters=parameters,
        feiten=feiten,
        versies=versies,
        grenzen=grenzen,
        artikelnummers=nummers,
        waarschuwingen=tuple(v.diagnostics),
    ), v.diagnostics


def _compile_regel(
    ruw: _Ruwe,
    feiten: dict[str, e.FeitType],
    collecties: dict[str, dict[str, e.FeitType]],
    kernwaarden: dict[str, Kernwaarde],
    grondwaarden: dict[str, Grondwaarde],
    behoeften: dict[str, Behoefte],
    gegevens: dict[str, GegevenDeclaratie],
    v: _Verzamelaar,
) -> CompiledRegel | None:
    r, doc, pad = ruw.regel, ruw.bron.doc, ruw.pad
    artikel = ruw.artikel_nummer + (f" lid {r.lid}" if r.lid else "")
    context = f"in regel '{r.id}' (artikel {artikel})"
    fouten_voor = len(v.diagnostics)
    gewichten = {**ruw.artikel_kernwaarden, **r.kernwaarden}
    if not gewichten:
        v.fout(
            "V206",
            f"regel '{r.id}' heeft geen kernwaarden",
            doc.ref(pad),
            "geef de regel of het artikel 'kernwaarden' met gewicht 1 tot 3",
            context=context,
        )
    for code in gewichten:
        if code not in kernwaarden:
            v.fout(
                "V303",
                f"onbekende kernwaarde '{code}'",
                doc.key_ref((*pad, "kernwaarden", code)),
                suggest(code, kernwaarden),
                context=context,
            )
    for i, code in enumerate(r.grondwaarden):
        if code not in grondwaarden:
            v.fout(
                "V304",
                f"onbekende grondwaarde '{code}'",
                doc.ref((*pad, "grondwaarden", i)),
                suggest(code, grondwaarden),
                context=context,
            )
    if r.behoefte is not None and r.behoefte not in behoeften:
        v.fout(
            "V305",
            f"onbekende behoefte '{r.behoefte}'",
            doc.ref((*pad, "behoefte")),
            suggest(r.behoefte, behoeften) or "declareer behoeften in rulesets/01-inleiding/",
            context=context,
        )
        return None
    scope = e.Scope(
        doc=doc,
        feiten=feiten,
        collecties=collecties,
        behoefte=r.behoefte,
        context=context,
    )
    als = e.parse_cond(r.als, (*pad, "als"), scope)
    if als is not None and r.voorstel is not None:
        gevraagd = e.Vergelijk(
            "==",
            e.Ref(f"hulpvraag.{r.behoefte}.gevraagd", GegevenType.ja_nee, als.bron),
            e.Lit(True, GegevenType.ja_nee, als.bron),
            als.bron,
        )
        als = e.Alle((gevraagd, als), als.bron) if not isinstance(als, e.Altijd) else gevraagd
    voorstel_expr: list[tuple[str, e.Expr, ExprFn]] = []
    if r.voorstel is not None:
        for veld, verwacht in (
            ("bedrag", GegevenType.geld),
            ("ingangsdatum", GegevenType.datum),
            ("einddatum", GegevenType.datum),
            ("uiterlijk", GegevenType.datum),
        ):
            data = getattr(r.voorstel, veld)
            if data is None:
                continue
            expr = e.parse_expr(data, (*pad, "voorstel", veld), scope)
            if expr is not None and expr.type not in (
                verwacht,
                e.GETAL if verwacht == GegevenType.geld else verwacht,
            ):
                scope.fout(
                    "V315",
                    f"'{veld}' moet {verwacht} zijn, maar is {expr.type}",
                    (*pad, "voorstel", veld),
                )
            elif expr is not None:
                voorstel_expr.append((veld, expr, compile_expr(expr)))
    waarde: tuple[e.Expr, ExprFn] | None = None
    if r.afleiding is not None:
        decl = gegevens.get(r.afleiding.gegeven)
        plek = (*pad, "afleiding", "gegeven")
        if decl is None:
            hint = (
                "dit is een invoergegeven; afleiden kan alleen naar gedeclareerde 'gegevens'"
                if r.afleiding.gegeven in feiten
                else (suggest(r.afleiding.gegeven, gegevens) or "declareer het onder 'gegevens:'")
            )
            scope.fout(
                "V313",
                f"'{r.afleiding.gegeven}' is geen gedeclareerd afgeleid gegeven",
                plek,
                hint,
            )
        else:
            if r.afleiding.waarde is None:
                if decl.type != GegevenType.ja_nee:
                    scope.fout(
                        "V314",
                        f"afleiding van '{decl.naam}' ({decl.type}) noemt geen 'waarde'",
                        plek,
                    )
                lit = e.Lit(True, GegevenType.ja_nee, doc.ref(plek))
                waarde = (lit, compile_expr(lit))
            else:
                wpad = (*pad, "afleiding", "waarde")
                tekst_naam = decl.type != GegevenType.tekst
                expr = e.parse_expr(r.afleiding.waarde, wpad, scope, tekst_is_naam=tekst_naam)
                if expr is not None and not _past(decl.type, expr.type):
                    scope.fout(
                        "V314",
                        f"'{decl.naam}' is {decl.type}, maar de waarde is {expr.type}",
                        wpad,
                    )
                elif expr is not None:
                    if isinstance(expr, e.Lit) and decl.waarden and expr.waarde not in decl.waarden:
                        scope.fout(
                            "V309",
                            f"'{expr.waarde}' is geen mogelijke waarde van '{decl.naam}'",
                            wpad,
                            suggest(str(expr.waarde), decl.waarden),
                        )
                    waarde = (expr, compile_expr(expr))
    v.diagnostics.extend(scope.diagnostics)
    if als is None or (
        len(v.diagnostics) > fouten_voor
        and any(d.ernst == "fout" for d in v.diagnostics[fouten_voor:])
    ):
        return None
    deps = {ref.naam for ref in e.refs(als)}
    for _, expr, _ in voorstel_expr:
        deps.update(ref.naam for ref in e.refs(expr))
    if waarde is not None:
        deps.update(ref.naam for ref in e.refs(waarde[0]))
    b = ruw.bron.bestand
    return CompiledRegel(
        id=r.id,
        artikel=artikel,
        artikel_nummer=ruw.artikel_nummer,
        artikel_titel=ruw.artikel_titel,
        grondslag=r.grondslag,
        wetten=ruw.wetten,
        kernwaarden=tuple(sorted(gewichten.items(), key=lambda kv: (-kv[1], kv[0]))),
        grondwaarden=r.grondwaarden,
        stap=r.stap,
        behoefte=r.behoefte,
        gevolgen=r.gevolgen,
        toelichting=r.toelichting,
        uitzondering_op=r.uitzondering_op,
        prioriteit=r.prioriteit,
        restregel=r.restregel,
        als=als,
        test=compile_cond(als),
        verklaar=compile_decisive(als),
        voorstel=r.voorstel,
        voorstel_expr=tuple(voorstel_expr),
        afleiding=r.afleiding.gegeven if r.afleiding else None,
        waarde=waarde,
        bron=doc.ref(pad),
        bestand=ruw.bron.rel,
        deps=frozenset(deps),
        vanaf=b.geldig_vanaf or BEGIN,
        tot=b.geldig_tot or EINDE,
    )


def _past(doel: str, gevonden: str) -> bool:
    if doel == gevonden:
        return True
    return gevonden == e.GETAL and doel in (
        GegevenType.geld,
        GegevenType.aantal,
        GegevenType.basispunten,
    )


def _overlapt(a: CompiledRegel, b: CompiledRegel) -> bool:
    return a.vanaf <= b.tot and b.vanaf <= a.tot


def _check_ids(regels: list[CompiledRegel], v: _Verzamelaar) -> None:
    per_id: dict[str, list[CompiledRegel]] = defaultdict(list)
    for r in regels:
        for eerder in per_id[r.id]:
            if _overlapt(eerder, r):
                v.fout(
                    "V306",
                    f"regel-id '{r.id}' komt twee keer voor in dezelfde periode",
                    r.bron,
                    ook=[eerder.bron],
                    hint="geef elke regel een eigen id, of laat de versies elkaar in tijd opvolgen",
                )
        per_id[r.id].append(r)
    for r in regels:
        for doel in r.uitzondering_op:
            kandidaten = [x for x in per_id.get(doel, []) if _overlapt(x, r)]
            if not kandidaten:
                v.fout(
                    "V307",
                    f"regel '{r.id}' is een uitzondering op onbekende regel '{doel}'",
                    r.bron,
                    suggest(doel, per_id),
                )
            elif any((x.behoefte, x.afleiding) != (r.behoefte, r.afleiding) for x in kandidaten):
                v.fout(
                    "V307",
                    f"regel '{r.id}' is een uitzondering op '{doel}', maar die dient iets anders",
                    r.bron,
                    "een uitzondering geldt voor dezelfde behoefte of hetzelfde afgeleide gegeven",
                    ook=[kandidaten[0].bron],
                )


def _versies(
    regels: list[CompiledRegel],
    bronnen: list[Bron],
    gegevens: dict[str, GegevenDeclaratie],
    v: _Verzamelaar,
) -> tuple[tuple[Versie, ...], tuple[dt.date, ...]]:
    grenzen = sorted(
        {BEGIN}
        | {r.vanaf for r in regels}
        | {r.tot + dt.timedelta(days=1) for r in regels if r.tot < EINDE}
    )
    versies: list[Versie] = []
    gemeld: set[tuple[str, ...]] = set()
    for i, begin in enumerate(grenzen):
        eind = grenzen[i + 1] - dt.timedelta(days=1) if i + 1 < len(grenzen) else EINDE
        actief = tuple(r for r in regels if r.vanaf <= begin and r.tot >= eind)
        versies.append(_bouw_versie(begin, eind, actief, bronnen, gegevens, v, gemeld))
    return tuple(versies), tuple(grenzen)


def _bouw_versie(
    vanaf: dt.date,
    tot: dt.date,
    regels: tuple[CompiledRegel, ...],
    bronnen: list[Bron],
    gegevens: dict[str, GegevenDeclaratie],
    v: _Verzamelaar,
    gemeld: set[tuple[str, ...]],
) -> Versie:
    definities: dict[str, list[CompiledRegel]] = defaultdict(list)
    for r in regels:
        if r.afleiding:
            definities[r.afleiding].append(r)
    niveau: dict[str, int] = {}
    bezig: list[str] = []

    def bepaal(naam: str) -> int:
        if naam in niveau:
            return niveau[naam]
        if naam not in definities:
            return 0
        if naam in bezig:
            cyclus = (*bezig[bezig.index(naam) :], naam)
            if tuple(sorted(cyclus)) not in gemeld:
                gemeld.add(tuple(sorted(cyclus)))
                eerste = definities[naam][0]
                v.fout(
                    "V401",
                    f"kringredenering in afgeleide gegevens: {' → '.join(cyclus)}",
                    eerste.bron,
                    "een afgeleid gegeven mag niet (via andere) van zichzelf afhangen",
                    ook=[definities[n][0].bron for n in cyclus[1:-1]],
                )
            return 1
        bezig.append(naam)
        hoogste = max((bepaal(d) for r in definities[naam] for d in r.deps), default=0)
        bezig.pop()
        niveau[naam] = hoogste + 1
        return hoogste + 1

    for naam in definities:
        bepaal(naam)
    laatste = max(niveau.values(), default=0) + 1
    strata: list[list[CompiledRegel]] = [[] for _ in range(laatste)]
    for r in regels:
        strata[(niveau[r.afleiding] if r.afleiding else laatste) - 1].append(r)
    afgeleid = [tuple(sorted(n for n, k in niveau.items() if k == s + 1)) for s in range(laatste)]
    per_id = {r.id: r for r in regels}
    uitz: dict[str, set[str]] = {r.id: set(r.uitzondering_op) for r in regels}
    veranderd = True
    while veranderd:
        veranderd = False
        for over in uitz.values():
            extra = set().union(*(uitz.get(o, set()) for o in over)) - over
            if extra:
                over.update(extra)
                veranderd = True
    relevant: dict[str, tuple[str, ...]] = {}
    for behoefte in sorted({r.behoefte for r in regels if r.behoefte and r.voorstel}):
        gezien: set[str] = set()
        rij = [r for r in regels if r.behoefte == behoefte and r.voorstel]
        while rij:
            r = rij.pop()
            if r.id in gezien:
                continue
            gezien.add(r.id)
            for dep in r.deps:
                rij.extend(definities.get(dep, ()))
        relevant[behoefte] = tuple(r.id for r in regels if r.id in gezien)
    in_kracht = sorted(
        b.rel + ":" + b.hash
        for b in bronnen
        if (b.bestand.geldig_vanaf or BEGIN) <= tot and vanaf <= (b.bestand.geldig_tot or EINDE)
    )
    return Versie(
        vanaf=vanaf,
        tot=tot,
        regels=regels,
        per_id=per_id,
        strata=tuple(tuple(s) for s in strata),
        afgeleid_per_stratum=tuple(afgeleid),
        definities={k: tuple(x) for k, x in definities.items()},
        relevant=relevant,
        uitzonderingen={k: frozenset(x) for k, x in uitz.items()},
        bestanden=tuple(in_kracht),
        hash=canonical_hash(in_kracht),
    )
