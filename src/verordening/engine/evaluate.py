"""CompiledVerordening + Situatie → Advies: input checks, engine run, selection, trace.

Everything after the engine run is shared by both engines: per behoefte the
proposal is chosen by explicit precedence (``uitzondering_op``, ``prioriteit``,
``restregel``). Missing facts follow DESIGN §3: presumed facts are filled in before the
run (`facts_for`), an outcome that waits on open points becomes the procedural step of
its need with onderzoekspunten (`_Afronding.open_voorstel`) and a question per missing
fact; conflicts, gaps, deviations and past deadlines become reasons for a professional.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, assert_never

from pydantic import ValidationError

from verordening._encoders import canonical_hash
from verordening._types import Uitkomst
from verordening.compiler.facts import (
    COLLECTIES,
    VRAAG_FEITEN,
    Antwoord,
    FactInfo,
    GegevenSoort,
    antwoord,
    extract,
    item_antwoord,
)
from verordening.compiler.product import (
    CompiledRegel,
    CompiledVermoeden,
    CompiledVerordening,
    Versie,
    Voorbereiding,
)
from verordening.engine.core import Engine, Run, choose, soort_voorstel
from verordening.engine.tracer import Spoor, Uitkomsten
from verordening.errors import (
    EvaluatieError,
    Probleem,
    SituatieError,
    lege_lijst_door_element,
    pydantic_melding,
)
from verordening.model.advies import (
    SCHEMA_VERSIE,
    Aanname,
    Advies,
    Onderzoekspunt,
    Ontvangstbewijs,
    Reden,
    Voorstel,
    Vraag,
)
from verordening.model.situatie import Situatie
from verordening.model.trace import Trace, vertrouwd
from verordening.taal import nodes as e
from verordening.taal.logic import Collecties, compile_cond

#: The fields of an Advies the evaluator sets explicitly (schema_versie keeps its default).
_ADVIES_GEZET = set(Advies.model_fields) - {"schema_versie"}


def format_loc(loc: Iterable[Any]) -> str:
    """Render a pydantic location as a JSON path: ``$.personen[0].rol``."""
    pad = "$"
    for deel in loc:
        pad += f"[{deel}]" if isinstance(deel, int) else f".{deel}"
    return pad


def validate_situatie(
    invoer: Situatie | Mapping[str, Any],
    cv: CompiledVerordening,
    peildatum: dt.date | None = None,
) -> Situatie:
    """Validate input; raise `SituatieError` listing every problem by ``$.path``.

    Facts that can only be judged against the peildatum (nobody is born after it) are
    checked against ``peildatum``, or the situation's own peildatum when none is given.
    """
    if isinstance(invoer, Situatie):
        situatie = invoer
    else:
        if not isinstance(invoer, Mapping):
            raise SituatieError([Probleem("$", "een situatie is een object met velden")])
        try:
            situatie = Situatie.model_validate(dict(invoer))
        except ValidationError as exc:
            problemen = []
            fouten = exc.errors(include_url=False)
            plekken = [tuple(f["loc"]) for f in fouten]
            for err in fouten:
                loc = tuple(err["loc"])
                if lege_lijst_door_element(err["type"], loc, plekken):
                    continue
                problemen.append(Probleem(format_loc(err["loc"]), pydantic_melding(err)))
            raise SituatieError(problemen) from None
    problemen = _na_peildatum(situatie, peildatum or situatie.peildatum)
    for i, vraag in enumerate(situatie.hulpvragen):
        behoefte = cv.behoeften.get(vraag.behoefte)
        if behoefte is None:
            from verordening.diagnostics import suggest

            hint = suggest(vraag.behoefte, cv.behoeften)
            problemen.append(
                Probleem(
                    f"$.hulpvragen[{i}].behoefte",
                    f"onbekende behoefte '{vraag.behoefte}'" + (f"; {hint}" if hint else ""),
                )
            )
        elif vraag.levensdomein is not None and vraag.levensdomein != behoefte.levensdomein:
            problemen.append(
                Probleem(
                    f"$.hulpvragen[{i}].levensdomein",
                    f"behoefte '{vraag.behoefte}' hoort bij levensdomein '{behoefte.levensdomein}'",
                )
            )
    if problemen:
        raise SituatieError(problemen)
    return situatie


def _na_peildatum(situatie: Situatie, peildatum: dt.date | None) -> list[Probleem]:
    """A birth date after the peildatum: the person does not exist yet on that day."""
    if peildatum is None:
        return []
    return [
        Probleem(
            f"$.personen[{i}].geboortedatum",
            f"de geboortedatum {p.geboortedatum.isoformat()} ligt na de peildatum "
            f"{peildatum.isoformat()}",
        )
        for i, p in enumerate(situatie.personen)
        if p.geboortedatum is not None and p.geboortedatum > peildatum
    ]


def facts_for(
    cv: CompiledVerordening, situatie: Situatie, peildatum: dt.date
) -> tuple[dict[str, Any], Collecties, dict[str, CompiledVermoeden]]:
    """Input facts, collections and the parameter values in force on ``peildatum``.

    A fact the situation does not give and the bylaw presumes (`CompiledVermoeden`) gets
    the presumed value; the third item maps each presumed fact name to its presumption.
    A given value always wins.
    """
    feiten, collecties = extract(situatie, peildatum, cv.behoeften)
    vermoed = _vermoed(cv, feiten, peildatum, situatie)
    feiten.update(cv.parameter_stand(peildatum).feiten)
    return feiten, collecties, vermoed


def _vermoed(
    cv: CompiledVerordening, feiten: dict[str, Any], peildatum: dt.date, situatie: Situatie
) -> dict[str, CompiledVermoeden]:
    """Fill in the presumed value of every presumed fact the situation leaves out.

    ``vraag.<naam>`` applies to every hulpvraag asked; a fact of the partner only when
    there is a partner.
    """
    uit: dict[str, CompiledVermoeden] = {}
    for vm in cv.vermoedens_op(peildatum):
        if vm.gegeven.startswith("vraag."):
            kort = vm.gegeven[6:]
            namen = [f"hulpvraag.{v.behoefte}.{kort}" for v in situatie.hulpvragen]
        elif vm.gegeven.startswith("partner.") and feiten.get("partner.aanwezig") is not True:
            continue
        else:
            namen = [vm.gegeven]
        for naam in namen:
            if naam not in feiten:
                feiten[naam] = vm.waarde
                uit[naam] = vm
    return uit


def evaluate(
    cv: CompiledVerordening,
    engine: Engine,
    invoer: Situatie | Mapping[str, Any],
    peildatum: dt.date,
    bibliotheek: str,
) -> Advies:
    """Evaluate one situation on ``peildatum`` with ``engine``."""
    if not isinstance(peildatum, dt.date) or isinstance(peildatum, dt.datetime):
        raise SituatieError(
            [Probleem("peildatum", "de peildatum moet een datum zijn (datetime.date)")]
        )
    situatie = validate_situatie(invoer, cv, peildatum)
    versie = cv.versie_op(peildatum)
    feiten, collecties, vermoed = facts_for(cv, situatie, peildatum)
    # The engine adds the derived facts to ``feiten``; nothing else reads it, so no copy.
    run = Run(feiten=feiten) if versie is None else engine.run(cv, versie, feiten, collecties)
    return _Afronding(
        cv, versie, situatie, peildatum, run, collecties, engine.naam, bibliotheek, vermoed
    ).advies()


class _Afronding:
    """Everything after the engine run for one case: selection, questions, reasons, the Advies.

    One instance per case. It reads the engine's `Run` and keeps what the trace needs
    later: the status of each rule, the winner per behoefte, the needs left open and the
    choice made for each, so the `Spoor` explains exactly the selection made here.
    """

    def __init__(
        self,
        cv: CompiledVerordening,
        versie: Versie | None,
        situatie: Situatie,
        peildatum: dt.date,
        run: Run,
        collecties: Collecties,
        engine: str,
        bibliotheek: str,
        vermoed: dict[str, CompiledVermoeden] | None = None,
    ) -> None:
        """Hold the case; nothing is computed until `advies`."""
        self.cv, self.versie, self.situatie, self.peildatum = (
            cv,
            versie,
            situatie,
            peildatum,
        )
        self.run, self.feiten, self.collecties = run, run.feiten, collecties
        self.engine, self.bibliotheek = engine, bibliotheek
        self.invoer = cv.invoer
        self.redenen: list[Reden] = []
        self.vragen: dict[str, Vraag] = {}
        # Per question: the behoeften whose proposal waits on it; the one being built now.
        self.wachtend: dict[str, set[str]] = {}
        self.behoefte_nu: str | None = None
        self.status: dict[str, bool | None] = {}
        self.winnaar_van: dict[str, str] = {}
        self.onbepaald: set[str] = set()
        self.keuzes: dict[str, tuple[list[CompiledRegel], frozenset[Hashable]]] = {}
        self.soorten: dict[str, Hashable] = {}
        self.vermoed = vermoed or {}
        #: While the open points of one behoefte are gathered: fact name → waiting rules.
        self.punten: dict[str, set[str]] | None = None

    def regel_status(self, r: CompiledRegel) -> bool | None:
        """The status of rule ``r``: waar, onwaar or onbekend (None), computed once per case.

        A derived-fact rule has the status the engine gave it. A proposal rule is tested
        again with Kleene logic, since an engine only reports the rules that hold; if the
        engine's waar and the test disagree, the engine is wrong and the case fails.

        Raises:
            EvaluatieError: the engine and the rule's own test disagree.
        """
        if r.id not in self.status:
            if r.afleiding is not None:
                self.status[r.id] = self.run.status.get(r.id)
            else:
                gevonden = self.run.status.get(r.id)
                kleene = r.test(self.feiten, self.collecties, None)
                if (gevonden is True) != (kleene is True):
                    raise EvaluatieError(f"de engine en de regel '{r.id}' spreken elkaar tegen")
                self.status[r.id] = kleene
        return self.status[r.id]

    def advies(self) -> Advies:
        """Build the Advies: a proposal per hulpvraag, the reasons, questions, trace and receipt."""
        voorstellen: list[Voorstel] = []
        if self.versie is None:
            self.redenen.append(
                Reden(
                    code="geen_verordening",
                    tekst=f"op {self.peildatum.isoformat()} is geen versie van de verordening "
                    "van kracht",
                )
            )
        else:
            for vraag in self.situatie.hulpvragen:
                self.behoefte_nu = vraag.behoefte
                voorstel = self.voor_behoefte(self.versie, vraag.behoefte)
                if voorstel is not None:
                    voorstellen.append(voorstel)
            for naam, regels in self.run.conflicten:
                self.redenen.append(
                    Reden(
                        code="conflict",
                        regels=regels,
                        tekst=f"regels spreken elkaar tegen over '{naam}' zonder voorrang",
                    )
                )
        for v in voorstellen:
            if v.uitkomst == Uitkomst.maatwerk_afwijking and not any(
                r.code == "maatwerk_afwijking" for r in self.redenen
            ):
                self.redenen.append(
                    Reden(
                        code="maatwerk_afwijking",
                        regels=(v.regel or "",),
                        tekst="het voorstel wijkt af van de regels en moet gewogen worden",
                    )
                )
        for v in voorstellen:
            if v.uiterlijk is not None and v.uiterlijk < self.peildatum:
                self.redenen.append(
                    Reden(
                        code="termijn_verstreken",
                        regels=(v.regel or "",),
                        tekst=f"de termijn voor '{v.behoefte}' is op {v.uiterlijk.isoformat()} "
                        f"verstreken, vóór de peildatum {self.peildatum.isoformat()}",
                    )
                )
        trace = self.trace()
        situatie_data = self.situatie.model_dump(mode="json", exclude={"kenmerk"})
        # Every value below is of the exact type validation gives, so the objects are built
        # without validating again (see trace.vertrouwd; tests/unit/test_trace.py checks it).
        bewijs = vertrouwd(
            Ontvangstbewijs,
            {
                "regelset_hash": self.versie.hash if self.versie else canonical_hash([]),
                "regelset_versies": self.versie.bestanden if self.versie else (),
                "bibliotheek_versie": self.bibliotheek,
                "schema_versie": SCHEMA_VERSIE,
                "gemeente": self.cv.gemeente,
                "peildatum": self.peildatum,
                "invoer_hash": canonical_hash(situatie_data),
                "engine": self.engine,
            },
        )
        return vertrouwd(
            Advies,
            {
                "schema_versie": SCHEMA_VERSIE,
                "kenmerk": self.situatie.kenmerk,
                "peildatum": self.peildatum,
                "voorstellen": tuple(voorstellen),
                "vereist_beoordeling": bool(self.redenen),
                "redenen": tuple(self.redenen),
                "vragen": self.vragen_op_gewicht(voorstellen),
                "aannames": self.aannames(),
                "trace": trace,
                "situatie": self.situatie,
                "ontvangstbewijs": bewijs,
            },
            _ADVIES_GEZET,
        )

    def voor_behoefte(self, versie: Versie, behoefte: str) -> Voorstel | None:
        """The proposal for ``behoefte``, or None when it ends in a reason (conflict, no rule).

        Chooses among its candidate rules by precedence (`choose`). When an onbekend rule
        could change the outcome, or the winner's amounts or dates need a missing fact, the
        outcome waits on open points: questions are added for what is missing, and
        `open_voorstel` gives the procedural step (or ``onbekend``, with a reason).
        """
        kandidaten = _kandidaten(self.cv, versie).get(behoefte, ())
        if not kandidaten:
            self.redenen.append(
                Reden(
                    code="geen_regel",
                    tekst=f"de verordening heeft geen regel voor '{behoefte}'",
                )
            )
            return None
        waar: list[CompiledRegel] = []
        onbekend: list[CompiledRegel] = []
        for r in kandidaten:
            status = self.regel_status(r)
            if status is True:
                waar.append(r)
            elif status is None:
                onbekend.append(r)
        keuze = choose(versie, waar, onbekend, self.soort)
        self.keuzes[behoefte] = (waar, keuze.uitkomsten)
        boven = keuze.winnaars
        if len(keuze.uitkomsten) > 1:
            ids = tuple(sorted(r.id for r in boven))
            self.redenen.append(
                Reden(
                    code="conflict",
                    regels=ids,
                    tekst=f"regels geven verschillende voorstellen voor '{behoefte}' "
                    "zonder voorrang",
                )
            )
            return None
        winnaar = min(boven, key=lambda r: r.id) if boven else None
        if winnaar is not None:
            self.winnaar_van[behoefte] = winnaar.id
        open_ = list(keuze.open)
        if winnaar is None and not open_:
            self.redenen.append(
                Reden(
                    code="geen_regel",
                    regels=tuple(r.id for r in kandidaten),
                    tekst=f"geen enkele regel is van toepassing op '{behoefte}'",
                )
            )
            return None
        waarden: dict[str, Any] = {}
        self.punten = {}
        # A restregel answers only when every other rule is certainly out: while some are
        # open, its own amounts and dates are not asked for.
        if winnaar is not None and not (winnaar.restregel and open_):
            for veld, expr, fn in winnaar.voorstel_expr:
                waarden[veld] = fn(self.feiten, self.collecties, None)
                if waarden[veld] is None:
                    self.vraag_voor_expr(expr, winnaar)
                    open_.append(winnaar)
        if open_:
            self.onbepaald.add(behoefte)
            for r in open_:
                self.vragen_voor(r)
            punten, self.punten = self.punten, None
            return self.open_voorstel(versie, behoefte, punten)
        self.punten = None
        assert winnaar is not None
        return self.voorstel_van(behoefte, winnaar, waarden)

    def open_voorstel(self, versie: Versie, behoefte: str, punten: dict[str, set[str]]) -> Voorstel:
        """The proposal for a behoefte whose outcome waits on open points (DESIGN §3).

        The procedural step the law prescribes for the need (a rule with
        ``onderzoeksstap``) when one applies and its date is known, with the open points
        as onderzoekspunten; otherwise ``onbekend``, always with a reason.
        """
        decl = self.cv.behoeften[behoefte]
        # Without open points (a derived fact no rule sets: a gap in the bylaw, reason
        # geen_waarde) no onderzoek settles the outcome: onbekend, for a professional.
        stap = self.onderzoeksstap(versie, behoefte) if punten else None
        onbevestigd = sorted(n[10:] for n in punten if n.startswith("parameter."))
        if stap is not None:
            waarden: dict[str, Any] = {}
            for veld, expr, fn in stap.voorstel_expr:
                waarden[veld] = fn(self.feiten, self.collecties, None)
                if waarden[veld] is None:
                    self.vraag_voor_expr(expr, stap)
            if all(w is not None for w in waarden.values()):
                self.winnaar_van[behoefte] = stap.id
                ordered = self.onderzoekspunten(punten)
                wat = "; ".join(p.omschrijving for p in ordered)
                self.redenen.append(
                    Reden(
                        code="onderzoek_nodig",
                        regels=(stap.id,),
                        tekst=f"voor '{behoefte}' moet het onderzoek ({stap.grondslag}) nog "
                        f"vaststellen: {wat}",
                    )
                )
                for naam in onbevestigd:
                    self.reden_onbevestigd(naam, stap.id)
                return self.voorstel_van(behoefte, stap, waarden, ordered)
        for naam in onbevestigd:
            self.reden_onbevestigd(naam, "")
        self.redenen.append(
            Reden(
                code="onbekend",
                regels=tuple(sorted({r for rs in punten.values() for r in rs})),
                tekst=f"voor '{behoefte}' ontbreken gegevens en is geen processtap van "
                "toepassing; zie de vragen",
            )
        )
        return Voorstel(
            behoefte=behoefte,
            levensdomein=decl.levensdomein,
            uitkomst=Uitkomst.onbekend,
            motivering="Er ontbreken gegevens die de uitkomst bepalen; zie de vragen.",
            vereist_beoordeling=True,
        )

    def onderzoeksstap(self, versie: Versie, behoefte: str) -> CompiledRegel | None:
        """The procedural step (``onderzoeksstap``) that applies to ``behoefte``, if any.

        Of the steps whose conditions hold, those set aside by an exception that holds
        drop out; then the highest prioriteit wins, and the lowest id among equals.
        """
        stappen = [
            r for r in _stappen(self.cv, versie).get(behoefte, ()) if self.regel_status(r) is True
        ]
        opzij = {x for r in stappen for x in versie.uitzonderingen.get(r.id, ())}
        over = [r for r in stappen if r.id not in opzij]
        if not over:
            return None
        return min(over, key=lambda r: (-r.prioriteit, r.id))

    def onderzoekspunten(self, punten: dict[str, set[str]]) -> tuple[Onderzoekspunt, ...]:
        """The open points in the order of the omgekeerde toets: by step, then by fact name."""
        versie = self.versie
        assert versie is not None
        uit = []
        for naam, regels in punten.items():
            stap = min((versie.per_id[r].stap for r in regels if r in versie.per_id), default=4)
            if naam.startswith("parameter."):
                param = self.cv.parameters.get(naam[10:])
                omschrijving = " ".join(param.omschrijving.split()) if param else naam
                soort = "parameter"
            else:
                info = _info(self.invoer, naam)
                omschrijving = info.omschrijving if info else naam
                # An exception without a presumption is checked in a register: a finding too.
                gewoon = info is None or info.soort == GegevenSoort.gegeven
                soort = "gegeven" if gewoon else "bevinding"
            uit.append(
                Onderzoekspunt(
                    gegeven=naam,
                    omschrijving=omschrijving,
                    soort=soort,
                    stap=stap,
                    regels=tuple(sorted(regels)),
                )
            )
        return tuple(sorted(uit, key=lambda p: (p.stap, p.gegeven)))

    def reden_onbevestigd(self, naam: str, regel: str) -> None:
        """The reason for a parameter that a proposal needs and that has no confirmed value."""
        param = self.cv.parameters.get(naam)
        waarom = (
            "de wet legt de waarde vast"
            if param is None or param.wet_bepaalt_waarde
            else "de gemeente kiest de waarde, maar er is nog geen eerdere bevestigde waarde"
        )
        self.reden_eenmaal(
            "parameter_onbevestigd",
            f"parameter '{naam}' heeft geen bevestigde waarde op {self.peildatum.isoformat()}; "
            f"{waarom}, dus een professional stelt die vast",
            (regel,) if regel else (),
        )

    def voorstel_van(
        self,
        behoefte: str,
        winnaar: CompiledRegel,
        waarden: dict[str, Any],
        onderzoekspunten: tuple[Onderzoekspunt, ...] = (),
    ) -> Voorstel:
        """The Voorstel that rule ``winnaar`` makes, with its computed ``waarden``."""
        decl = self.cv.behoeften[behoefte]
        assert winnaar.voorstel is not None
        s = winnaar.voorstel
        if (s.vereist_beoordeling or s.uitkomst == Uitkomst.maatwerk_afwijking) and not (
            onderzoekspunten  # the reason onderzoek_nodig already says why
        ):
            self.redenen.append(
                Reden(
                    code=str(s.uitkomst)
                    if s.uitkomst == Uitkomst.maatwerk_afwijking
                    else "beoordeling",
                    regels=(winnaar.id,),
                    tekst=s.reden_beoordeling or s.motivering,
                )
            )
        uiterlijk = waarden.get("uiterlijk")
        if winnaar.restregel:
            self.redenen.append(
                Reden(
                    code="restregel",
                    regels=(winnaar.id,),
                    tekst=f"alleen de restregel is van toepassing op '{behoefte}'",
                )
            )
        return vertrouwd(
            Voorstel,
            {
                "behoefte": behoefte,
                "levensdomein": decl.levensdomein,
                "uitkomst": s.uitkomst,
                "instrument": s.instrument,
                "wetten": s.wetten,
                "artikel": self.artikel(winnaar),
                "grondslag": winnaar.grondslag,
                "kernwaarden": winnaar.kernwaarde_trace,
                "bedrag": waarden.get("bedrag"),
                "periode": str(s.periode) if s.periode else None,
                "eigen_bijdrage": waarden.get("eigen_bijdrage"),
                "leveringsvorm": str(s.leveringsvorm) if s.leveringsvorm else None,
                "ingangsdatum": waarden.get("ingangsdatum"),
                "einddatum": waarden.get("einddatum"),
                "uiterlijk": uiterlijk,
                "verwijzing": " ".join(s.verwijzing.split()) if s.verwijzing else None,
                "motivering": " ".join(s.motivering.split()),
                "voor_inwoner": " ".join(s.voor_inwoner.split()) if s.voor_inwoner else None,
                "regel": winnaar.id,
                "vereist_beoordeling": bool(
                    s.vereist_beoordeling
                    or s.uitkomst == Uitkomst.maatwerk_afwijking
                    or winnaar.restregel
                    or onderzoekspunten
                    or (uiterlijk is not None and uiterlijk < self.peildatum)
                ),
                "onderzoekspunten": onderzoekspunten,
            },
        )

    def artikel(self, r: CompiledRegel) -> str:
        """The article of ``r`` as the municipality numbers it (overlay ``artikelnummers``)."""
        nummer = self.cv.artikelnummers.get(r.artikel_nummer, r.artikel_nummer)
        return nummer + r.artikel[len(r.artikel_nummer) :]

    def soort(self, r: CompiledRegel) -> Hashable:
        """What a proposal rule proposes, computed amounts and dates included.

        Two winning rules that propose exactly the same are no conflict; any difference
        (outcome, instrument, amount, date) is. Computed once per rule per case.
        """
        gevonden = self.soorten.get(r.id)
        if gevonden is None:
            waarden = tuple(
                (veld, fn(self.feiten, self.collecties, None)) for veld, _, fn in r.voorstel_expr
            )
            gevonden = self.soorten[r.id] = (*soort_voorstel(r), waarden)
        return gevonden

    def vraag_voor_expr(self, expr: e.Expr, regel: CompiledRegel) -> None:
        """Add questions for the missing facts that leave ``expr`` of ``regel`` without a value."""
        for ref in e.refs(expr):
            if ref.naam not in self.feiten:
                self.ontbreekt(ref.naam, regel, set())
        self.items_onbekend([expr], regel)

    def vragen_voor(self, regel: CompiledRegel, gezien: set[str] | None = None) -> None:
        """Add questions for the facts that leave ``regel`` onbekend.

        Follows onbekend derived facts into the rules that set them; ``gezien`` holds the
        rules already visited, so a chain of derived facts is walked once.
        """
        gezien = set() if gezien is None else gezien
        if regel.id in gezien:
            return
        gezien.add(regel.id)
        for atoom in regel.verklaar(self.feiten, self.collecties):
            if atoom.uitkomst is not None:
                continue
            for ref in e.refs(atoom.atoom):
                if ref.naam not in self.feiten:
                    self.ontbreekt(ref.naam, regel, gezien)
            atoom_ = atoom.atoom
            if isinstance(atoom_, e.Vergelijk):
                self.items_onbekend([atoom_.links, atoom_.rechts], regel)

    def items_onbekend(self, zijden: list[e.Expr], regel: CompiledRegel) -> None:
        """Questions for the item fields that leave an ``aantal`` onbekend."""
        for zijde in zijden:
            for aantal in _aantallen(zijde):
                if aantal.waar is None:
                    continue
                test = compile_cond(aantal.waar)
                velden = sorted({ref.naam for ref in _item_refs(aantal.waar)})
                for index, item in enumerate(self.collecties.get(aantal.collectie, ())):
                    if test(self.feiten, self.collecties, item) is not None:
                        continue
                    for veld in velden:
                        if item.get(veld) is None:
                            info = COLLECTIES[aantal.collectie][veld]
                            self.voeg_vraag(
                                f"{aantal.collectie}.{veld}",
                                info.vraag or f"Wat is: {info.omschrijving}?",
                                regel,
                                item_antwoord(aantal.collectie, index, veld, self.situatie),
                            )

    def ontbreekt(self, naam: str, regel: CompiledRegel, gezien: set[str]) -> None:
        """Explain the missing fact ``naam`` that ``regel`` reads: a question or a reason.

        A derived fact is traced back to its own rules (or reported as ``geen_waarde`` when
        no rule sets it); a parameter without a confirmed value is an open point for the
        professional (never a question); an input fact becomes a question, in the words of
        the fact catalogue.
        """
        assert self.versie is not None
        if naam in self.versie.definities:
            if naam in self.run.geen_waarde:
                self.reden_eenmaal(
                    "geen_waarde",
                    f"geen enkele regel bepaalt '{naam}' voor deze situatie",
                    tuple(r.id for r in self.versie.definities[naam]),
                )
            for r in self.versie.definities[naam]:
                if self.regel_status(r) is None:
                    self.vragen_voor(r, gezien)
                    continue
                if self.regel_status(r) is True and r.waarde is not None:
                    self.vraag_voor_expr(r.waarde[0], r)
            return
        if naam.startswith("parameter."):
            # Never a question for the resident: an open point for the professional.
            if self.punten is not None:
                self.punten.setdefault(naam, set()).add(regel.id)
            else:
                self.reden_onbevestigd(naam[10:], regel.id)
            return
        info = self.invoer.get(naam)
        if naam.startswith("hulpvraag."):
            kort = naam.rsplit(".", 1)[1]
            info = VRAAG_FEITEN.get(kort, info)
        vraag = (
            info.vraag if info and info.vraag else None
        ) or f"Wat is: {info.omschrijving if info else naam}?"
        self.voeg_vraag(naam, vraag, regel, antwoord(naam, info, self.situatie))

    def reden_eenmaal(self, code: str, tekst: str, regels: tuple[str, ...]) -> None:
        """Add a reason unless the same one is already there."""
        if not any(r.code == code and r.tekst == tekst for r in self.redenen):
            self.redenen.append(Reden(code=code, tekst=tekst, regels=regels))

    def voeg_vraag(self, naam: str, vraag: str, regel: CompiledRegel, waar: Antwoord) -> None:
        """Add the question for ``naam``, or add ``regel`` to the rules an existing one serves.

        ``waar`` says where the Situatie answers it; the paths of an item question grow
        with every item that lacks the field. The behoefte being decided waits on it.
        """
        if self.punten is not None:
            self.punten.setdefault(naam, set()).add(regel.id)
        bestaand = self.vragen.get(naam)
        regels = tuple(sorted({*(bestaand.regels if bestaand else ()), regel.id}))
        waarom = f"Nodig voor {', '.join(regels)}: zonder dit gegeven is de uitkomst niet zeker."
        paden = tuple(
            sorted({*(bestaand.paden if bestaand else ()), *waar.paden}, key=_padvolgorde)
        )
        wachtend = self.wachtend.setdefault(naam, set())
        if self.behoefte_nu is not None:
            wachtend.add(self.behoefte_nu)
        # ``voorstellen`` is counted once all proposals are known (`vragen_op_gewicht`).
        self.vragen[naam] = Vraag(
            gegeven=naam,
            vraag=vraag,
            waarom=waarom,
            regels=regels,
            paden=paden,
            type=waar.type,
            waarden=waar.waarden,
        )

    def vragen_op_gewicht(self, voorstellen: list[Voorstel]) -> tuple[Vraag, ...]:
        """The questions, those that most proposals wait on first, then by name.

        ``voorstellen`` counts the proposals of this Advies whose behoefte needed the fact.
        """
        behoeften = {v.behoefte for v in voorstellen}
        gewogen = [
            v.model_copy(update={"voorstellen": len(self.wachtend[v.gegeven] & behoeften)})
            for v in self.vragen.values()
        ]
        return tuple(sorted(gewogen, key=lambda v: (-v.voorstellen, v.gegeven)))

    def aannames(self) -> tuple[Aanname, ...]:
        """Every presumption a proposal of this case rests on, with the rules that read it.

        A presumed fact counts when a rule relevant to an asked need reads it; so does a
        parameter for which the last confirmed value stands in (the law fixes none).
        """
        versie = self.versie
        stand = self.cv.parameter_stand(self.peildatum)
        if versie is None or not (self.vermoed or stand.terugval):
            return ()
        per_behoefte = _lezers(self.cv, versie)
        lezers: dict[str, set[str]] = {}
        for vraag in self.situatie.hulpvragen:
            for naam, rids in per_behoefte.get(vraag.behoefte, {}).items():
                lezers.setdefault(naam, set()).update(rids)
        uit = []
        for naam, vm in self.vermoed.items():
            dragend = self.dragend(naam, lezers.get(naam, ()))
            if dragend:
                uit.append(
                    Aanname(
                        gegeven=naam,
                        waarde=vm.waarde,
                        omschrijving=vm.omschrijving,
                        grondslag=vm.grondslag,
                        controle=vm.controle,
                        regels=dragend,
                    )
                )
        for naam, terug in stand.terugval.items():
            if f"parameter.{naam}" not in lezers:
                continue
            param = self.cv.parameters[naam]
            tot = f" tot en met {terug.geldig_tot.isoformat()}" if terug.geldig_tot else ""
            uit.append(
                Aanname(
                    gegeven=f"parameter.{naam}",
                    waarde=terug.waarde,
                    omschrijving=f"{' '.join(param.omschrijving.split())}: de laatst bevestigde "
                    f"waarde (geldig vanaf {terug.geldig_vanaf.isoformat()}{tot}) is gebruikt",
                    grondslag="de wet legt deze waarde niet vast; op de peildatum is er geen "
                    f"bevestigde waarde ({terug.bron})",
                    controle="controleer of de gemeente voor de peildatum een nieuwe waarde "
                    "heeft vastgesteld",
                    regels=tuple(sorted(lezers[f"parameter.{naam}"])),
                )
            )
        return tuple(sorted(uit, key=lambda a: a.gegeven))

    def dragend(self, naam: str, lezers: Iterable[str]) -> tuple[str, ...]:
        """The rules among ``lezers`` whose conditions the presumed fact ``naam`` decides.

        A rule whose conditions are decided without the fact (another condition already
        fails, say the partner is 49 where the rule is about partners under 27) does not
        rest on the presumption, so it is not a check to make.
        """
        versie = self.versie
        assert versie is not None
        zonder = dict(self.feiten)
        del zonder[naam]
        return tuple(
            sorted(
                rid
                for rid in lezers
                if versie.per_id[rid].test(zonder, self.collecties, None) is None
                and versie.per_id[rid].test(self.feiten, self.collecties, None) is not None
            )
        )

    def trace(self) -> Trace:
        """The trace of this case, built by `Spoor` from the choices made here."""
        uitkomsten = Uitkomsten(
            self.run, self.regel_status, self.winnaar_van, self.onbepaald, self.keuzes, self.soort
        )
        return Spoor(
            self.cv,
            self.versie,
            self.situatie,
            self.peildatum,
            self.feiten,
            self.collecties,
            uitkomsten,
        ).trace()


def _padvolgorde(pad: str) -> str:
    """Sort key of a JSON path: indexes by number (``[2]`` before ``[10]``)."""
    return re.sub(r"\d+", lambda m: m.group().zfill(6), pad)


def _kandidaten(cv: CompiledVerordening, versie: Versie) -> dict[str, tuple[CompiledRegel, ...]]:
    """Per behoefte the proposal rules relevant to it, made once per versie."""
    return _KANDIDATEN.van(cv, versie)


def _maak_kandidaten(
    cv: CompiledVerordening, versie: Versie | None
) -> dict[str, tuple[CompiledRegel, ...]]:
    """Build what `_kandidaten` returns: the proposal rules of each behoefte's relevant rules."""
    assert versie is not None
    return {
        b: tuple(
            versie.per_id[i]
            for i in ids
            if versie.per_id[i].voorstel and not versie.per_id[i].onderzoeksstap
        )
        for b, ids in versie.relevant.items()
    }


def _lezers(cv: CompiledVerordening, versie: Versie) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per behoefte: every fact its relevant rules read, with the ids of those rules."""
    return _LEZERS.van(cv, versie)


def _maak_lezers(
    cv: CompiledVerordening, versie: Versie | None
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Build what `_lezers` returns, once per versie (not per case)."""
    assert versie is not None
    uit: dict[str, dict[str, tuple[str, ...]]] = {}
    for behoefte, ids in versie.relevant.items():
        per_feit: dict[str, list[str]] = {}
        for rid in ids:
            for naam in versie.per_id[rid].deps:
                per_feit.setdefault(naam, []).append(rid)
        uit[behoefte] = {naam: tuple(rids) for naam, rids in per_feit.items()}
    return uit


_LEZERS: Voorbereiding[dict[str, dict[str, tuple[str, ...]]]] = Voorbereiding(
    "lezers", _maak_lezers
)


def _stappen(cv: CompiledVerordening, versie: Versie) -> dict[str, tuple[CompiledRegel, ...]]:
    """Per behoefte its procedural steps for open points (``onderzoeksstap``)."""
    return _STAPPEN.van(cv, versie)


def _maak_stappen(
    cv: CompiledVerordening, versie: Versie | None
) -> dict[str, tuple[CompiledRegel, ...]]:
    """Build what `_stappen` returns."""
    assert versie is not None
    uit: dict[str, list[CompiledRegel]] = {}
    for r in versie.regels:
        if r.onderzoeksstap and r.behoefte:
            uit.setdefault(r.behoefte, []).append(r)
    return {b: tuple(rs) for b, rs in uit.items()}


_STAPPEN: Voorbereiding[dict[str, tuple[CompiledRegel, ...]]] = Voorbereiding(
    "onderzoeksstappen", _maak_stappen
)


def _info(invoer: Mapping[str, FactInfo], naam: str) -> FactInfo | None:
    """The catalogue entry of an input fact, a hulpvraag fact or a collection item field."""
    info = invoer.get(naam)
    if info is not None:
        return info
    if naam.startswith("hulpvraag."):
        return VRAAG_FEITEN.get(naam.rsplit(".", 1)[1])
    collectie, _, veld = naam.partition(".")
    return COLLECTIES.get(collectie, {}).get(veld)


_KANDIDATEN: Voorbereiding[dict[str, tuple[CompiledRegel, ...]]] = Voorbereiding(
    "kandidaten", _maak_kandidaten
)


def _aantallen(expr: e.Expr) -> list[e.Aantal]:
    """Every ``aantal`` inside ``expr``, nested in arithmetic and date operands included."""
    if isinstance(expr, e.Aantal):
        return [expr]
    if isinstance(expr, e.Reken):
        return [a for arg in expr.args for a in _aantallen(arg)]
    if isinstance(expr, e.DatumPlus):
        return _aantallen(expr.datum) + _aantallen(expr.aantal)
    if isinstance(expr, e.Ref | e.Lit):
        return []
    assert_never(expr)


def _item_refs(cond: e.Cond | None) -> list[e.Ref]:
    """The item fields (``Ref`` with ``item``) the comparisons of ``cond`` read."""
    uit: list[e.Ref] = []
    if cond is None:
        return uit

    def verzamel(atoom: e.Cond) -> None:
        """Collect the item references of one atom's operands."""
        zijden = (
            [atoom.links, atoom.rechts]
            if isinstance(atoom, e.Vergelijk)
            else ([atoom.links] if isinstance(atoom, e.In) else [])
        )
        uit.extend(z for z in zijden if isinstance(z, e.Ref) and z.item)

    e.walk_atoms(cond, verzamel)
    return uit
