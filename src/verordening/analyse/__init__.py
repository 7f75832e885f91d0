"""`verordening analyse`: static analysis of the rulesets across all four laws.

Beyond the author errors of `check`, it searches the condition space with a solver
(z3) for, per period in which the rules and parameter values stay the same:

- V501 conflicts: two rules that can both win for one need (or one derived fact)
  and propose different things, with no precedence between them;
- V502 gaps: a need that is asked for while no rule for it applies;
- V503 double provision: two needs the bylaw declares as overlapping
  (``overlapt_met``) granted to one person under different laws;
- V504 unreachable rules and V505 rules that are always overruled;
- V506 parameters used while they have no value; V507 kernwaarden and grondwaarden
  that nothing uses; V508 which situations reach each ``restregel``;
- V509 questions the solver could not decide (never counted as clean silently).

Every finding carries a minimal example situation, confirmed with the reference
evaluator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import z3

from verordening.analyse._model import Model, Periode
from verordening.analyse._voorbeeld import Uitvoering, leesbaar
from verordening.analyse._zoek import (
    VERLENEND,
    Onbeslist,
    Zoeker,
    botsende_paren,
    dubbel,
    is_conflict,
    is_conflict_afgeleid,
    is_leemte,
    kandidaten,
    periode_tekst,
    verschilt,
    wint,
)
from verordening.bron.loader import Bron, load_sources, shipped_root
from verordening.compiler import compile_sources
from verordening.compiler.product import EINDE, CompiledRegel, CompiledVerordening
from verordening.diagnostics import (
    Diagnostic,
    Ernst,
    SourceRef,
    clear_source_cache,
    has_errors,
    sort_diagnostics,
)

__all__ = ["analyse"]

#: How far past the last date in the rulesets an open-ended period is searched.
HORIZON_DAGEN = 366


def analyse(pad: str | Path | None = None, gemeente: str | None = None) -> list[Diagnostic]:
    """Every author error, and every finding of the static analysis, sorted by place.

    Never raises for author mistakes; with author errors only those are returned
    (the analysis needs a bylaw that compiles).
    """
    root = Path(pad) if pad is not None else shipped_root()
    if not root.exists():
        return [Diagnostic(code="V107", bericht=f"pad '{root}' bestaat niet")]
    clear_source_cache()
    bronnen, diagnostics = load_sources(root, gemeente)
    cv, meer = compile_sources(bronnen, gemeente)
    diagnostics = diagnostics + meer
    if cv is None or has_errors(diagnostics):
        return sort_diagnostics(diagnostics)
    return sort_diagnostics(diagnostics + _Analyse(cv, bronnen).bevindingen())


def perioden(cv: CompiledVerordening) -> list[Periode]:
    """The periods in which both the rules in force and every parameter value stay equal."""
    grenzen = set(cv.grenzen)
    for param in cv.parameters.values():
        for w in param.waarden:
            grenzen.add(w.geldig_vanaf)
            if w.geldig_tot is not None and w.geldig_tot < EINDE:
                grenzen.add(w.geldig_tot + dt.timedelta(days=1))
    echte = sorted(g for g in grenzen if g.year > 1900)
    if not echte:
        return []
    horizon = echte[-1] + dt.timedelta(days=HORIZON_DAGEN)
    uit: list[Periode] = []
    for i, vanaf in enumerate(echte):
        tot = echte[i + 1] - dt.timedelta(days=1) if i + 1 < len(echte) else horizon
        versie = cv.versie_op(vanaf)
        if versie is not None and versie.regels:
            uit.append(Periode(vanaf, tot, versie))
    return uit


@dataclass
class _Analyse:
    """One run of the static analysis over a compiled bylaw; collects findings by key.

    A finding's key (code plus rule ids or needs) makes each one reported once, however
    many periods show it. ``ooit_waar`` and ``ooit_winnaar`` gather over all periods
    which rules can hold and which can win, so V504 and V505 are only decided at the end.
    """

    cv: CompiledVerordening
    bronnen: list[Bron]
    gevonden: dict[tuple[str, ...], Diagnostic] = field(default_factory=dict)
    ooit_waar: set[str] = field(default_factory=set)
    ooit_winnaar: set[str] = field(default_factory=set)
    in_kracht: dict[str, CompiledRegel] = field(default_factory=dict)
    _dubbel_gedaan: set[str] = field(default_factory=set)

    def bevindingen(self) -> list[Diagnostic]:
        """Every finding: the static checks, the searches per period, then V504/V505/V508."""
        self._ongebruikte_waarden()
        for periode in perioden(self.cv):
            self._parameters(periode)
            self._periode(periode)
        for rid, r in sorted(self.in_kracht.items()):
            if rid not in self.ooit_waar and ("V509", rid) not in self.gevonden:
                self._meld(
                    ("V504", r.id),
                    "V504",
                    f"regel '{r.id}' kan nooit gelden: haar voorwaarden sluiten elkaar uit",
                    r,
                    hint="controleer de grenzen en codes in 'als'; een regel die nooit geldt, "
                    "kan weg",
                )
            elif r.restregel and rid not in self.ooit_winnaar:
                self._meld(
                    ("V508", r.id),
                    "V508",
                    f"restregel '{r.id}' wordt nooit bereikt: de andere regels voor "
                    f"'{r.behoefte}' geven in elke situatie een antwoord of een vraag",
                    r,
                    ernst="opmerking",
                )
            elif rid in self.ooit_waar and rid not in self.ooit_winnaar:
                self._meld(
                    ("V505", r.id),
                    "V505",
                    f"regel '{r.id}' geldt soms, maar gaat nooit voor: een andere regel met "
                    "voorrang geldt dan altijd ook",
                    r,
                    hint="haal de regel weg, of geef haar voorrang met 'uitzondering_op' of "
                    "'prioriteit'",
                )
        return list(self.gevonden.values())

    # ------------------------------------------------------------------ static checks

    def _declaratie(self, sectie: str, code: str) -> SourceRef | None:
        """The place of the declaration of ``code`` in section ``sectie`` (for V507)."""
        for bron in self.bronnen:
            for i, item in enumerate(getattr(bron.bestand, sectie)):
                if item.code == code:
                    return bron.doc.ref((sectie, i, "code"))
        return None

    def _ongebruikte_waarden(self) -> None:
        """V507: kernwaarden and grondwaarden no rule and no behoefte uses."""
        regels = [r for v in self.cv.versies for r in v.regels]
        kern = {k for r in regels for k, _ in r.kernwaarden}
        grond = {g for r in regels for g in r.grondwaarden}
        grond |= {g for b in self.cv.behoeften.values() for g in b.grondwaarden}
        for sectie, gebruikt, alle, soort in (
            ("kernwaarden", kern, self.cv.kernwaarden, "kernwaarde"),
            ("grondwaarden", grond, self.cv.grondwaarden, "grondwaarde"),
        ):
            for code in sorted(set(alle) - gebruikt):
                self.gevonden[("V507", code)] = Diagnostic(
                    code="V507",
                    ernst="waarschuwing",
                    bericht=f"{soort} '{code}' wordt door geen enkele regel gebruikt",
                    bron=self._declaratie(sectie, code),
                    hint=f"noem de {soort} bij de artikelen waar zij weegt, of haal haar weg",
                )

    def _parameters(self, periode: Periode) -> None:
        """V506: a rule in force in ``periode`` reads a parameter without a value then."""
        waarden = self.cv.parameters_op(periode.vanaf)
        for r in periode.versie.regels:
            for naam in sorted({n for n in r.gelezen if n.startswith("parameter.")}):
                kort = naam.removeprefix("parameter.")
                if kort in waarden:
                    continue
                self._meld(
                    ("V506", r.id, kort),
                    "V506",
                    f"regel '{r.id}' gebruikt parameter '{kort}', maar die heeft "
                    f"{periode_tekst(periode.vanaf, periode.tot)} geen waarde",
                    r,
                    hint="geef de parameter een waarde voor die periode (desnoods 'waarde: null' "
                    "met 'bron: onbevestigd'), of laat de regel eerder eindigen",
                )

    # ------------------------------------------------------------------ the searches

    def _periode(self, periode: Periode) -> None:
        """Run the searches of one period: gaps and conflicts per need, conflicts per derived fact.

        For every rule it also records whether it can hold and win (see `_bereik`), and it
        ends with the search for double provision.
        """
        z = Zoeker(Model(self.cv, periode))
        versie = periode.versie
        for r in versie.regels:
            self.in_kracht.setdefault(r.id, r)
        for behoefte in sorted(versie.relevant):
            regels = kandidaten(versie, behoefte)
            gevraagd = z.model.feiten[f"hulpvraag.{behoefte}.gevraagd"].waarde
            self._leemte(z, periode, behoefte, regels, gevraagd)
            for a, b in botsende_paren(versie, regels):
                doel = z3.And(
                    gevraagd,
                    z.model.wint(a, regels),
                    z.model.wint(b, regels),
                    verschilt(z.model, a, b),
                )
                self._zoek(
                    z,
                    ("V501", a.id, b.id),
                    doel,
                    is_conflict(versie, a, b, regels),
                    (
                        "V501",
                        f"regels '{a.id}' en '{b.id}' kunnen allebei gelden voor '{behoefte}' "
                        "en stellen iets anders voor, zonder voorrang tussen hen",
                        [a, b],
                        "maak de voorwaarden elkaar uitsluitend, of geef één regel voorrang met "
                        "'uitzondering_op' of een hogere 'prioriteit'",
                    ),
                    periode,
                )
            for r in regels:
                self._bereik(z, r, regels, gevraagd, periode)
            # A procedural step for open points competes with no candidate (see `kandidaten`):
            # it is reachable when its own conditions can hold.
            for r in (versie.per_id[i] for i in versie.relevant.get(behoefte, ())):
                if r.onderzoeksstap:
                    self._bereik(z, r, [r], gevraagd, periode)
        for naam, definities in sorted(versie.definities.items()):
            lijst = list(definities)
            for a, b in _afgeleide_paren(z, lijst):
                wa, wb = (z.model.expr(x.waarde[0]) if x.waarde else None for x in (a, b))
                verschil = (
                    z3.And(wa.bekend, wb.bekend, wa.waarde != wb.waarde)
                    if wa is not None and wb is not None
                    else z3.BoolVal(wa is not None or wb is not None)
                )
                doel = z3.And(z.model.wint(a, lijst), z.model.wint(b, lijst), verschil)
                self._zoek(
                    z,
                    ("V501", naam, a.id, b.id),
                    doel,
                    is_conflict_afgeleid(naam, a, b),
                    (
                        "V501",
                        f"regels '{a.id}' en '{b.id}' kunnen allebei gelden en geven "
                        f"'{naam}' een andere waarde, zonder voorrang tussen hen",
                        [a, b],
                        "maak de voorwaarden elkaar uitsluitend, of geef één regel voorrang",
                    ),
                    periode,
                )
            for r in lijst:
                self._bereik(z, r, lijst, z3.BoolVal(True), periode)
        self._dubbel(z, periode)

    def _leemte(
        self,
        z: Zoeker,
        periode: Periode,
        behoefte: str,
        regels: list[CompiledRegel],
        gevraagd: z3.BoolRef,
    ) -> None:
        """V502: a situation that asks for ``behoefte`` while every rule for it is onwaar."""
        doel = z3.And(gevraagd, *[z.model.onwaar(r) for r in regels])
        eerste = min(regels, key=lambda r: (r.bron.bestand, r.bron.regel))
        self._zoek(
            z,
            ("V502", behoefte),
            doel,
            is_leemte(behoefte, regels),
            (
                "V502",
                f"leemte: voor '{behoefte}' is er een situatie waarin geen enkele regel iets "
                "voorstelt; de inwoner krijgt dan geen antwoord",
                [eerste],
                "vul de regels aan, of leg de rest expliciet vast met een regel met "
                "'restregel: true' (altijd ter beoordeling)",
            ),
            periode,
        )

    def _bereik(
        self,
        z: Zoeker,
        r: CompiledRegel,
        concurrenten: list[CompiledRegel],
        gevraagd: z3.BoolRef,
        periode: Periode,
    ) -> None:
        """Record whether ``r`` can hold and whether it can win in ``periode``.

        Skips what is already known from an earlier period. For a ``restregel`` it searches
        for a situation that reaches it (V508, a remark); a question the solver cannot
        decide is V509 and counts the rule as reachable, so it is not reported as dead.
        """
        if r.id in self.ooit_winnaar and not r.restregel:
            return
        try:
            if r.id not in self.ooit_waar:
                if not z.mogelijk(gevraagd, z.model.waar(r)):
                    return
                self.ooit_waar.add(r.id)
            if r.restregel:
                if ("V508", r.id) in self.gevonden:
                    return
                # A restregel answers only when every other rule certainly does not apply.
                anderen = [s for s in concurrenten if not s.restregel]
                behoefte = r.behoefte or ""
                self._zoek(
                    z,
                    ("V508", r.id),
                    z3.And(gevraagd, *[z.model.onwaar(s) for s in anderen]),
                    is_leemte(behoefte, anderen) if r.voorstel else wint(z.versie, r, concurrenten),
                    (
                        "V508",
                        f"restregel '{r.id}' wordt bereikt als geen andere regel geldt, "
                        "bijvoorbeeld in deze situatie (altijd ter beoordeling)",
                        [r],
                        None,
                    ),
                    periode,
                    ernst="opmerking",
                )
                if ("V508", r.id) in self.gevonden:
                    self.ooit_winnaar.add(r.id)
            elif z.mogelijk(gevraagd, z.model.wint(r, concurrenten)):
                self.ooit_winnaar.add(r.id)
        except Onbeslist as exc:
            self._onbeslist(("V509", r.id), r, f"of regel '{r.id}' kan gelden", str(exc))
            self.ooit_waar.add(r.id)
            self.ooit_winnaar.add(r.id)

    def _dubbel(self, z: Zoeker, periode: Periode) -> None:
        """V503: two needs declared as overlapping granted to one person under different laws."""
        versie = periode.versie
        # Double provision is searched once per version of the rules (its first period):
        # which instruments can meet one need changes with the rules, not with amounts.
        if versie.hash in self._dubbel_gedaan:
            return
        self._dubbel_gedaan.add(versie.hash)
        for code, decl in sorted(self.cv.behoeften.items()):
            for ander in decl.overlapt_met:
                if (ander, code) in self._paren_gedaan(code, ander):
                    continue
                ra, rb = kandidaten(versie, code), kandidaten(versie, ander)
                fa = z.model.feiten
                zelfde = z3.And(
                    fa[f"hulpvraag.{code}.gevraagd"].waarde,
                    fa[f"hulpvraag.{ander}.gevraagd"].waarde,
                    fa[f"hulpvraag.{code}.persoon_id"].waarde
                    == fa[f"hulpvraag.{ander}.persoon_id"].waarde,
                )
                paren = [
                    (a, b)
                    for a in _verlenend(ra)
                    for b in _verlenend(rb)
                    if not set(_wetten(a)) & set(_wetten(b))
                ]
                if paren:
                    self._dubbel_paar(z, periode, (code, ander), ra, rb, zelfde, paren)

    def _dubbel_paar(
        self,
        z: Zoeker,
        periode: Periode,
        behoeften: tuple[str, str],
        ra: list[CompiledRegel],
        rb: list[CompiledRegel],
        zelfde: z3.BoolRef,
        paren: list[tuple[CompiledRegel, CompiledRegel]],
    ) -> None:
        """One question for all pairs of two overlapping needs; the example names the pair."""
        versie = periode.versie
        sleutel = ("V503", *behoeften)
        toetsen = [(a, b, dubbel(versie, a, ra, b, rb, behoeften)) for a, b in paren]
        doel = z3.And(
            zelfde,
            z3.Or([z3.And(z.model.wint_zeker(a, ra), z.model.wint_zeker(b, rb)) for a, b in paren]),
        )
        try:
            voorbeeld = z.vind(doel, lambda u: any(toets(u) for _, _, toets in toetsen))
        except Onbeslist as exc:
            vraag = f"of '{behoeften[0]}' en '{behoeften[1]}' dubbel verstrekt kunnen worden"
            self._onbeslist(sleutel, paren[0][0], vraag, str(exc))
            return
        if voorbeeld is None:
            return
        a, b = next((a, b) for a, b, toets in toetsen if toets(voorbeeld))
        self._meld(
            sleutel,
            "V503",
            f"dubbele verstrekking: '{a.id}' ({', '.join(_wetten(a))}) en '{b.id}' "
            f"({', '.join(_wetten(b))}) kennen voor dezelfde persoon allebei iets toe voor "
            f"'{behoeften[0]}' en '{behoeften[1]}' "
            f"({periode_tekst(periode.vanaf, periode.tot)})",
            a,
            ook=[b],
            hint="laat de ene regel de andere als voorliggend uitsluiten (een voorwaarde op de "
            "andere hulpvraag), of maak er één voorstel van",
            voorbeeld=voorbeeld,
        )

    def _paren_gedaan(self, code: str, ander: str) -> set[tuple[str, str]]:
        """The pair already searched from the other side, when both needs declare the overlap."""
        decl = self.cv.behoeften.get(ander)
        # A pair declared on both sides is searched once, from the first code.
        if decl is not None and code in decl.overlapt_met and ander < code:
            return {(ander, code)}
        return set()

    # ------------------------------------------------------------------ reporting

    def _zoek(
        self,
        z: Zoeker,
        sleutel: tuple[str, ...],
        doel: z3.BoolRef,
        predicaat: Callable[[Uitvoering], bool],
        melding: tuple[str, str, list[CompiledRegel], str | None],
        periode: Periode,
        ernst: Ernst = "fout",
    ) -> None:
        """Search for a situation meeting ``doel`` that the reference evaluator confirms.

        When one is found, ``melding`` (code, message, rules, hint) is reported under
        ``sleutel`` with it as the example; an undecided search becomes V509.
        """
        if sleutel in self.gevonden:
            return
        try:
            voorbeeld = z.vind(doel, predicaat)
        except Onbeslist as exc:
            self._onbeslist(
                ("V509", *sleutel), None, f"{sleutel[0]} {' / '.join(sleutel[1:])}", str(exc)
            )
            return
        if voorbeeld is None:
            return
        code, bericht, regels, hint = melding
        self._meld(
            sleutel,
            code,
            f"{bericht} ({periode_tekst(periode.vanaf, periode.tot)})",
            regels[0],
            ook=regels[1:],
            hint=hint,
            voorbeeld=voorbeeld,
            ernst=ernst,
        )

    def _meld(
        self,
        sleutel: tuple[str, ...],
        code: str,
        bericht: str,
        regel: CompiledRegel,
        *,
        ook: list[CompiledRegel] | None = None,
        hint: str | None = None,
        voorbeeld: Uitvoering | None = None,
        ernst: Ernst = "fout",
    ) -> None:
        """Report one finding under ``sleutel`` (once), with its example situation if any."""
        if sleutel in self.gevonden:
            return
        self.gevonden[sleutel] = Diagnostic(
            code=code,
            ernst=ernst,
            bericht=bericht,
            bron=regel.bron,
            context=f"(artikel {regel.artikel_nummer})",
            ook=tuple(o.bron for o in ook or ()),
            hint=hint,
            voorbeeld=leesbaar(self.cv, voorbeeld) if voorbeeld else (),
            voorbeeld_situatie=voorbeeld.situatie if voorbeeld else None,
        )

    def _onbeslist(
        self, sleutel: tuple[str, ...], regel: CompiledRegel | None, vraag: str, reden: str
    ) -> None:
        """Report V509: the solver could not decide ``vraag`` (a warning, never silence)."""
        self.gevonden.setdefault(
            sleutel,
            Diagnostic(
                code="V509",
                ernst="waarschuwing",
                bericht=f"de analyse kon niet beslissen {vraag} ({_reden(reden)})",
                bron=regel.bron if regel else None,
                hint="vereenvoudig de voorwaarden (minder rekenwerk met datums), of test dit "
                "geval met een scenario",
            ),
        )


def _reden(reden: str) -> str:
    """The solver's reason in Dutch (z3 says 'canceled' or 'timeout' at its time limit)."""
    if reden in ("canceled", "timeout"):
        return "tijdslimiet van de solver bereikt"
    return reden


def _verlenend(regels: list[CompiledRegel]) -> list[CompiledRegel]:
    """The rules among ``regels`` that grant something (their outcome is in `VERLENEND`)."""
    return [r for r in regels if r.voorstel is not None and str(r.voorstel.uitkomst) in VERLENEND]


def _wetten(r: CompiledRegel) -> tuple[str, ...]:
    """The laws a proposal rests on: its own ``wetten``, else its article's."""
    assert r.voorstel is not None
    return tuple(r.voorstel.wetten) or r.wetten


def _afgeleide_paren(
    z: Zoeker, regels: list[CompiledRegel]
) -> list[tuple[CompiledRegel, CompiledRegel]]:
    """The pairs of rules for one derived fact with no precedence between them (V501 candidates)."""
    from verordening.analyse._model import gaat_voor

    uit = []
    for i, a in enumerate(regels):
        for b in regels[i + 1 :]:
            if not (gaat_voor(z.versie, a, b) or gaat_voor(z.versie, b, a)):
                uit.append((a, b))
    return uit
