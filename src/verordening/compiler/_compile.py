"""Compile validated files into an immutable `CompiledVerordening`.

Resolves every name (facts, parameters, kernwaarden, behoeften, rule ids),
type-checks conditions against the `Situatie` fact catalogue, applies a
municipal overlay, stratifies derived facts (cycles are author errors, V401)
and groups the rules into versions by validity date. An invalid compiled
bylaw cannot exist: `compile_sources` either returns one or diagnostics.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from verordening._types import GegevenType, Uitkomst
from verordening.bron.loader import Bron
from verordening.bron.schema import Behoefte, GegevenDeclaratie, Grondwaarde, Kernwaarde
from verordening.compiler._bevoegdheid import check_bevoegdheid
from verordening.compiler._sources import (
    _check_parameters,
    _Collector,
    _declaraties,
    _markeer_gevolgen,
    _RawRule,
    _verzamel_regels,
)
from verordening.compiler._vermoedens import vermoedens
from verordening.compiler._versions import _versies
from verordening.compiler.facts import COLLECTIES, catalogue
from verordening.compiler.product import BEGIN, EINDE, CompiledRegel, CompiledVerordening, Versie
from verordening.diagnostics import Diagnostic, SourceRef, suggest
from verordening.model.trace import Gevolg, KernwaardeGewicht
from verordening.taal import nodes as e
from verordening.taal import parse as p
from verordening.taal.logic import ExprFn, compile_cond, compile_decisive, compile_expr

__all__ = ["BEGIN", "EINDE", "CompiledRegel", "CompiledVerordening", "Versie", "compile_sources"]


def compile_sources(
    bronnen: list[Bron], gemeente: str | None = None
) -> tuple[CompiledVerordening | None, list[Diagnostic]]:
    """Compile validated files; returns the compiled bylaw or the diagnostics that prevent it.

    In order: merge the declarations (`_sources`), check the bylaw's own declaration
    (V310, V316) and the parameters' periods, build the names a rule can read (input
    facts, derived facts, parameters, collections) and check the references between
    declarations; then gather the rules with the overlay applied, expand rules written
    for several needs, compile each rule, check the rule ids, and group the rules into
    versions with their strata (`_versions`). Every problem is collected, so one run
    reports them all; with any error the result is None.
    """
    v = _Collector()
    kernwaarden, grondwaarden, behoeften, gegevens, parameters = _declaraties(bronnen, v)
    metas = [(b, b.bestand.verordening) for b in bronnen if b.bestand.verordening is not None]
    model_metas = [b for b, _ in metas if not b.overlay]
    for dubbel in model_metas[1:]:
        v.fout(
            "V310",
            "de verordening is twee keer gedeclareerd ('verordening:')",
            dubbel.doc.key_ref(("verordening",)),
            "declareer de verordening één keer, in rulesets/01-inleiding/",
            ook=[model_metas[0].doc.key_ref(("verordening",))],
        )
    meta = next((m for b, m in metas if b.overlay), None) or next((m for _, m in metas), None)
    if meta is None:
        v.fout(
            "V316",
            "de regelset declareert geen 'verordening' (naam, citeertitel, wetten)",
            None,
            "zet dit in rulesets/01-inleiding/",
            naam="verordening",
        )
    if not kernwaarden:
        v.fout(
            "V316",
            "de regelset declareert geen kernwaarden",
            None,
            "zet die in rulesets/01-inleiding/",
            naam="kernwaarden",
        )
    plekken: dict[tuple[str, object, str], SourceRef] = {}
    for b in bronnen:
        for i, param in enumerate(b.bestand.parameters):
            plekken[(param.naam, None, "")] = b.doc.ref(("parameters", i))
            for j, w in enumerate(param.waarden):
                for veld in ("waarde", "geldig_vanaf", "geldig_tot"):
                    plek = ("parameters", i, "waarden", j, veld)
                    plekken[(param.naam, w.geldig_vanaf, veld)] = b.doc.ref(plek)
    _check_parameters(parameters, plekken, v)
    invoer = catalogue(behoeften)
    vermoed = vermoedens(bronnen, invoer, v)
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
    for bron in bronnen:
        for i, behoefte in enumerate(bron.bestand.behoeften):
            for j, g in enumerate(behoefte.grondwaarden):
                if g not in grondwaarden:
                    v.fout(
                        "V304",
                        f"behoefte '{behoefte.code}' noemt onbekende grondwaarde '{g}'",
                        bron.doc.ref(("behoeften", i, "grondwaarden", j)),
                        suggest(g, grondwaarden),
                        naam=g,
                    )
            for j, code in enumerate(behoefte.overlapt_met):
                if code not in behoeften:
                    v.fout(
                        "V305",
                        f"onbekende behoefte '{code}'",
                        bron.doc.ref(("behoeften", i, "overlapt_met", j)),
                        suggest(code, behoeften),
                        context=f"bij behoefte {behoefte.code}",
                        naam=code,
                    )
        for i, artikel in enumerate(bron.bestand.artikelen):
            for code in artikel.kernwaarden:
                if code not in kernwaarden:
                    v.fout(
                        "V303",
                        f"onbekende kernwaarde '{code}'",
                        bron.doc.key_ref(("artikelen", i, "kernwaarden", code)),
                        suggest(code, kernwaarden),
                        context=f"bij artikel {artikel.nummer}",
                        naam=code,
                    )
        if not bron.overlay:
            for sleutel in ("vervangt", "vervalt", "artikelnummers"):
                if getattr(bron.bestand, sleutel):
                    v.fout(
                        "V318",
                        f"'{sleutel}' werkt alleen in een gemeente-overlay",
                        bron.doc.key_ref((sleutel,)),
                        "zet dit in rulesets/gemeenten/<gemeente>/ en laad met --gemeente",
                    )
    ruwe, nummers = _verzamel_regels(bronnen, v)
    ruwe = _expand(ruwe, behoeften, v)
    regels: list[CompiledRegel] = []
    for ruw in ruwe:
        gecompileerd = _compile_regel(
            ruw, feiten, collecties, kernwaarden, grondwaarden, behoeften, gegevens, v
        )
        if gecompileerd is not None:
            regels.append(gecompileerd)
    _check_ids(regels, v)
    versies, grenzen = _versies(regels, bronnen, gegevens, v)
    v.diagnostics = _markeer_gevolgen(v.diagnostics, bronnen)
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
        invoer=invoer,
        versies=versies,
        grenzen=grenzen,
        artikelnummers=nummers,
        waarschuwingen=tuple(v.diagnostics),
        vermoedens=vermoed,
    ), v.diagnostics


def _compile_regel(
    ruw: _RawRule,
    feiten: dict[str, e.FeitType],
    collecties: dict[str, dict[str, e.FeitType]],
    kernwaarden: dict[str, Kernwaarde],
    grondwaarden: dict[str, Grondwaarde],
    behoeften: dict[str, Behoefte],
    gegevens: dict[str, GegevenDeclaratie],
    v: _Collector,
) -> CompiledRegel | None:
    """Compile one rule, or None (with diagnostics) when any part of it is wrong.

    Checks its kernwaarden (V206 none, V303 unknown), a declared power (V207), grondwaarden
    (V304) and behoefte (V305); parses ``als``, the computed fields of the ``voorstel``
    (V315 wrong type) and the ``afleiding`` (V313 not declared, V314 wrong type, V309 not a
    listed value). A proposal rule gets the implicit first condition
    ``hulpvraag.<behoefte>.gevraagd``, so it can only hold when its need is asked.
    """
    r, doc, pad = ruw.regel, ruw.bron.doc, ruw.pad
    artikel = ruw.artikel_nummer + (f" lid {r.lid}" if r.lid else "")
    context = f"in regel '{r.id}' (artikel {artikel})"
    fouten_voor = len(v.diagnostics)
    gewichten = {**ruw.artikel_kernwaarden, **r.kernwaarden}
    if not gewichten:
        v.fout(
            "V206",
            "deze regel heeft geen kernwaarden",
            doc.ref(pad),
            "geef de regel of het artikel 'kernwaarden' met gewicht 1 tot 3",
            context=context,
        )
    check_bevoegdheid(r, doc, pad, v, context)
    for code in r.kernwaarden:
        if code not in kernwaarden:
            v.fout(
                "V303",
                f"onbekende kernwaarde '{code}'",
                doc.key_ref((*pad, "kernwaarden", code)),
                suggest(code, kernwaarden),
                context=context,
                naam=code,
            )
    for i, code in enumerate(r.grondwaarden):
        if code not in grondwaarden:
            v.fout(
                "V304",
                f"onbekende grondwaarde '{code}'",
                doc.ref((*pad, "grondwaarden", i)),
                suggest(code, grondwaarden),
                context=context,
                naam=code,
            )
    if r.behoefte is not None and r.behoefte not in behoeften:
        v.fout(
            "V305",
            f"onbekende behoefte '{r.behoefte}'",
            doc.ref((*pad, "behoefte")),
            suggest(r.behoefte, behoeften) or "declareer behoeften in rulesets/01-inleiding/",
            context=context,
            naam=r.behoefte,
        )
        return None
    if r.onderzoeksstap and (
        r.voorstel is None
        or r.voorstel.uitkomst != Uitkomst.procedureel
        or r.voorstel.uiterlijk is None
        or r.restregel
    ):
        v.fout(
            "V322",
            "'onderzoeksstap' kan alleen bij een regel die een processtap met 'uiterlijk' "
            "voorstelt",
            doc.key_ref((*pad, "onderzoeksstap")),
            "geef de regel 'voorstel: {uitkomst: procedureel, uiterlijk: ...}', of haal "
            "'onderzoeksstap' weg",
            context=context,
        )
    scope = p.Scope(
        doc=doc,
        feiten=feiten,
        collecties=collecties,
        behoefte=r.behoefte,
        context=context,
    )
    als = p.parse_cond(r.als, (*pad, "als"), scope)
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
            ("eigen_bijdrage", GegevenType.geld),
            ("ingangsdatum", GegevenType.datum),
            ("einddatum", GegevenType.datum),
            ("uiterlijk", GegevenType.datum),
        ):
            data = getattr(r.voorstel, veld)
            if data is None:
                continue
            expr = p.parse_expr(data, (*pad, "voorstel", veld), scope)
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
                naam=r.afleiding.gegeven,
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
                expr = p.parse_expr(r.afleiding.waarde, wpad, scope, tekst_is_naam=tekst_naam)
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
        verklaar=compile_decisive(als, ruw.bron.rel),
        voorstel=r.voorstel,
        voorstel_expr=tuple(voorstel_expr),
        afleiding=r.afleiding.gegeven if r.afleiding else None,
        waarde=waarde,
        bron=doc.ref(pad),
        plaats=doc.ref(pad).model_copy(update={"bestand": ruw.bron.rel}),
        bestand=ruw.bron.rel,
        deps=frozenset(deps),
        gelezen=tuple(sorted(deps)),
        onderzoeksstap=r.onderzoeksstap,
        kernwaarde_trace=tuple(
            KernwaardeGewicht(
                code=c,
                tekst=kernwaarden[c].tekst,
                gewicht=g,
                status=str(kernwaarden[c].status),
            )
            for c, g in sorted(gewichten.items(), key=lambda kv: (-kv[1], kv[0]))
            if c in kernwaarden
        ),
        gevolg=Gevolg(**r.gevolgen.model_dump()) if r.gevolgen else None,
        vanaf=ruw.vanaf or b.geldig_vanaf or BEGIN,
        tot=ruw.tot or b.geldig_tot or EINDE,
    )


def _past(doel: str, gevonden: str) -> bool:
    """Whether a value of type ``gevonden`` may be assigned to a fact of type ``doel``.

    A bare number fits any numeric unit (``waarde: 0`` for an amount).
    """
    if doel == gevonden:
        return True
    return gevonden == e.GETAL and doel in (
        GegevenType.geld,
        GegevenType.aantal,
        GegevenType.basispunten,
    )


def _overlapt(a: CompiledRegel, b: CompiledRegel) -> bool:
    """Whether the periods in force of two rules share a day."""
    return a.vanaf <= b.tot and b.vanaf <= a.tot


def _check_ids(regels: list[CompiledRegel], v: _Collector) -> None:
    """Check the rule ids across all files.

    An id is used once per period (V306); ``uitzondering_op`` names a rule in force at the
    same time that serves the same behoefte or derived fact (V307).
    """
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
                    naam=doel,
                )
            elif any((x.behoefte, x.afleiding) != (r.behoefte, r.afleiding) for x in kandidaten):
                v.fout(
                    "V307",
                    f"regel '{r.id}' is een uitzondering op '{doel}', maar die dient iets anders",
                    r.bron,
                    "een uitzondering geldt voor dezelfde behoefte of hetzelfde afgeleide gegeven",
                    ook=[kandidaten[0].bron],
                )


def _expand(ruwe: list[_RawRule], behoeften: dict[str, Behoefte], v: _Collector) -> list[_RawRule]:
    """One rule per need for rules written once for several needs (``behoeften:``).

    An instance is named ``<id>@<behoefte>``. An exception that names a rule written for
    several needs means the instance for the same need.
    """
    gedeeld: set[str] = {r.regel.id for r in ruwe if r.regel.behoeften is not None}
    uit: list[_RawRule] = []
    for ruw in ruwe:
        r = ruw.regel
        if r.behoeften is None:
            doelen: list[str | None] = [r.behoefte]
        elif r.behoeften == "alle":
            doelen = list(behoeften)
        else:
            doelen = []
            for i, code in enumerate(r.behoeften):
                if code in behoeften:
                    doelen.append(code)
                else:
                    v.fout(
                        "V305",
                        f"onbekende behoefte '{code}'",
                        ruw.bron.doc.ref((*ruw.pad, "behoeften", i)),
                        suggest(code, behoeften),
                        naam=code,
                    )
        for doel in doelen:
            uitz = tuple(f"{x}@{doel}" if x in gedeeld else x for x in r.uitzondering_op)
            update: dict[str, object] = {"uitzondering_op": uitz}
            if r.behoeften is not None:
                update.update({"id": f"{r.id}@{doel}", "behoefte": doel, "behoeften": None})
            uit.append(dataclasses.replace(ruw, regel=r.model_copy(update=update)))
    return uit
