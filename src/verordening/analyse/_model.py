"""The rules of one period as z3 formulas over the facts of a household, in Kleene logic.

Every fact becomes two solver variables: *bekend* (is it given) and its value. A
condition becomes two formulas, *waar* and *onwaar*; when neither holds it is
onbekend, exactly as the evaluators decide. Derived facts are expressions over
the rules that define them; parameters are the constants in force in the period.

Collections (``personen``, ``medebewoners``, ``eerdere_besluiten``) get a few item
slots, and the household is kept consistent where facts depend on each other
(the partner's facts exist only with a partner, ages follow from months, income
totals add up). Where the encoding is coarser than the evaluators (months and
working days added to a date, derived facts whose rules leave an outcome open) it
only ever admits *more* situations; every finding is then confirmed on a real
`Situatie` with the reference evaluator before it is reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, assert_never

import z3

from verordening._types import GegevenType
from verordening.compiler.product import CompiledRegel, CompiledVerordening, Versie
from verordening.engine.core import winners
from verordening.taal import nodes as e
from verordening.taal.operators import PER_SYMBOOL, RekenOp

#: Number of medebewoner and eerdere_besluiten slots the solver may fill.
MEDEBEWONERS = 2
BESLUITEN = 2
#: Persons: aanvrager, partner, then the medebewoner slots.
PERSOON_IDS = ("p1", "p2", *(f"p{3 + i}" for i in range(MEDEBEWONERS)))
#: Item fields of the applicant and partner that are not also flat facts (yes/no fields).
EIGEN_VELDEN = ("commerciele_relatie", "verwant_eerste_of_tweede_graad")
#: Item fields of a person that are also flat facts of aanvrager and partner.
GEDEELD = (
    "leeftijd",
    "student_met_studiefinanciering",
    "inkomen",
    "wlz_indicatie",
    "volgt_onderwijs",
)
MAX_LEEFTIJD = 120
GROOT = 10**10  # an upper bound for amounts: keeps the search in realistic numbers


@dataclass
class Waarde3:
    """A three-valued expression: is it known, and its value when it is."""

    bekend: Any
    waarde: Any


@dataclass
class Slot:
    """One item of a collection: present or not, and its fields."""

    aanwezig: Any
    velden: dict[str, Waarde3]


@dataclass
class Periode:
    """A stretch of days in which the rules and every parameter value stay the same."""

    vanaf: dt.date
    tot: dt.date
    versie: Versie


def _ord(d: dt.date) -> int:
    """A date as the solver sees it: its day number."""
    return d.toordinal()


@dataclass
class Model:
    """The z3 encoding of one period of a compiled bylaw."""

    cv: CompiledVerordening
    periode: Periode
    codes: dict[str, int] = field(default_factory=dict)
    feiten: dict[str, Waarde3] = field(default_factory=dict)
    collecties: dict[str, list[Slot]] = field(default_factory=dict)
    eisen: list[Any] = field(default_factory=list)
    atomen: list[Any] = field(default_factory=list)
    #: Constraints that define a fresh variable; a query only carries those it mentions.
    definities: dict[str, list[Any]] = field(default_factory=dict)
    verfijning: dict[str, list[Any]] = field(default_factory=dict)
    _regels: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    _afgeleid: dict[str, Waarde3] = field(default_factory=dict)
    _bezig: set[str] = field(default_factory=set)
    _vers: int = 0
    _datums: dict[tuple[int, int], tuple[e.DatumPlus, Waarde3]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Take the parameter values in force in the period and encode every input fact."""
        self.versie = self.periode.versie
        self.parameters = {
            f"parameter.{naam}": w.waarde
            for naam, (_, w) in self.cv.parameters_op(self.periode.vanaf).items()
        }
        self._invoer()

    # ------------------------------------------------------------------ variables

    def code(self, tekst: str) -> int:
        """The integer that stands for a text code (the same for the whole model)."""
        if tekst not in self.codes:
            self.codes[tekst] = len(self.codes) + 1
        return self.codes[tekst]

    def tekst(self, getal: int) -> str:
        """The text code an integer stands for (an unused integer gets a made-up id)."""
        for tekst, n in self.codes.items():
            if n == getal:
                return tekst
        return f"x{abs(getal)}"

    def _var(self, naam: str, soort: GegevenType | str, waarden: Iterable[str] = ()) -> Waarde3:
        """Fresh solver variables for fact ``naam``: *bekend* and a value kept in a realistic range.

        A text fact with listed codes takes one of them; dates stay between 1900 and 2200;
        amounts, counts and basispunten between 0 and `GROOT`.
        """
        bekend = z3.Bool(f"k:{naam}")
        if soort == GegevenType.ja_nee:
            return Waarde3(bekend, z3.Bool(f"v:{naam}"))
        v = z3.Int(f"v:{naam}")
        codes = tuple(waarden)
        if soort == GegevenType.tekst and codes:
            self.eisen.append(z3.Or([v == self.code(c) for c in codes]))
        elif soort == GegevenType.datum:
            self.eisen.append(
                z3.And(v >= _ord(dt.date(1900, 1, 1)), v <= _ord(dt.date(2200, 1, 1)))
            )
        elif soort in (GegevenType.geld, GegevenType.aantal, GegevenType.basispunten):
            self.eisen.append(z3.And(v >= 0, v <= GROOT))
        return Waarde3(bekend, v)

    def _invoer(self) -> None:
        """Encode every input fact, and the ties between them that any real Situatie has.

        The peildatum lies in the period; a partner's facts exist only with a partner; the
        persons, collections, household totals, hulpvragen and optional parts are then tied
        together by the helpers below.
        """
        eis = self.eisen.append
        for naam, info in self.cv.invoer.items():
            self.feiten[naam] = self._var(naam, info.type, info.waarden)
        f = self.feiten
        # The peildatum lies in the period; 1 January of its year follows from it.
        peil, begin = f["peildatum"], f["peildatum.jaar_begin"]
        eis(peil.bekend)
        eis(z3.And(peil.waarde >= _ord(self.periode.vanaf), peil.waarde <= _ord(self.periode.tot)))
        eis(begin.bekend)
        jaren = range(self.periode.vanaf.year, self.periode.tot.year + 1)
        eis(
            z3.Or(
                [
                    z3.And(
                        begin.waarde == _ord(dt.date(j, 1, 1)),
                        peil.waarde >= _ord(dt.date(j, 1, 1)),
                        peil.waarde <= _ord(dt.date(j, 12, 31)),
                    )
                    for j in jaren
                ]
            )
        )
        partner = f["partner.aanwezig"]
        eis(partner.bekend)
        for wie in ("aanvrager", "partner"):
            self._persoon(wie, peil.waarde)
            if wie == "partner":
                for naam, w in f.items():
                    if naam.startswith("partner.") and naam != "partner.aanwezig":
                        eis(z3.Implies(w.bekend, partner.waarde))
        self._leeftijd_bij_melding()
        self._collecties()
        self._huishouden()
        self._hulpvragen()
        self._objecten()

    def _persoon(self, wie: str, peil: Any) -> None:
        """Tie the age facts of ``wie`` together: years, months and birth date on the peildatum."""
        f, eis = self.feiten, self.eisen.append
        jaren, maanden, geboren = (
            f[f"{wie}.leeftijd"],
            f[f"{wie}.leeftijd_maanden"],
            f[f"{wie}.geboortedatum"],
        )
        eis(jaren.bekend == maanden.bekend)
        eis(jaren.bekend == geboren.bekend)
        eis(jaren.waarde <= MAX_LEEFTIJD)
        eis(maanden.waarde >= 12 * jaren.waarde)
        eis(maanden.waarde < 12 * jaren.waarde + 12)
        # Coarse link between birth date and age in months (checked exactly afterwards).
        eis(z3.Implies(geboren.bekend, peil - geboren.waarde >= 28 * maanden.waarde))
        eis(z3.Implies(geboren.bekend, peil - geboren.waarde <= 31 * maanden.waarde + 31))
        uren = f.get(f"{wie}.mantelzorg_uren_per_week")
        if uren is not None:
            eis(uren.waarde <= 168)
        loonwaarde = f.get(f"{wie}.loonwaarde_procent")
        if loonwaarde is not None:
            eis(loonwaarde.waarde <= 100)

    def _leeftijd_bij_melding(self) -> None:
        """Tie the applicant's age at the melding to the meldingsdatum and birth date (coarsely)."""
        f, eis = self.feiten, self.eisen.append
        melding, geboren, jaren = (
            f["meldingsdatum"],
            f["aanvrager.geboortedatum"],
            f["aanvrager.leeftijd_bij_melding"],
        )
        eis(jaren.bekend == z3.And(melding.bekend, geboren.bekend))
        eis(z3.Implies(jaren.bekend, melding.waarde - geboren.waarde >= 365 * jaren.waarde))
        eis(z3.Implies(jaren.bekend, melding.waarde - geboren.waarde <= 366 * jaren.waarde + 366))
        eis(jaren.waarde <= MAX_LEEFTIJD)

    def _item(self, collectie: str, i: int, velden: Iterable[str]) -> dict[str, Waarde3]:
        """Fresh variables for the fields ``velden`` of item ``i`` of ``collectie``."""
        from verordening.compiler.facts import COLLECTIES

        uit: dict[str, Waarde3] = {}
        for veld in velden:
            info = COLLECTIES[collectie][veld]
            uit[veld] = self._var(f"{collectie}[{i}].{veld}", info.type, info.waarden)
        return uit

    def _collecties(self) -> None:
        """Encode the collections: applicant and partner as persons, plus a few optional slots.

        The slots are filled in order (slot ``i`` only when slot ``i - 1`` is), and a
        slot's fields exist only when it is present.
        """
        from verordening.compiler.facts import COLLECTIES

        f, eis = self.feiten, self.eisen.append
        persoon_velden = tuple(COLLECTIES["personen"])
        slots: list[Slot] = []
        for i, wie in enumerate(("aanvrager", "partner")):
            velden = {v: f[f"{wie}.{v}"] for v in GEDEELD}
            velden["rol"] = Waarde3(z3.BoolVal(True), z3.IntVal(self.code(wie)))
            for veld in EIGEN_VELDEN:
                velden[veld] = self._var(f"personen[{i}].{veld}", GegevenType.ja_nee)
            aanwezig = z3.BoolVal(True) if wie == "aanvrager" else f["partner.aanwezig"].waarde
            slots.append(Slot(aanwezig, velden))
        mede: list[Slot] = []
        vorige: Any = None
        for i in range(MEDEBEWONERS):
            aanwezig = z3.Bool(f"medebewoners[{i}]")
            if vorige is not None:
                eis(z3.Implies(aanwezig, vorige))
            vorige = aanwezig
            velden = self._item("medebewoners", i, persoon_velden)
            rol = velden["rol"]
            eis(rol.bekend)
            eis(z3.Or([rol.waarde == self.code(r) for r in ("kind", "ouder", "medebewoner")]))
            for veld, w in velden.items():
                if veld != "rol":
                    eis(z3.Implies(w.bekend, aanwezig))
            eis(velden["leeftijd"].waarde <= MAX_LEEFTIJD)
            mede.append(Slot(aanwezig, velden))
        besluiten: list[Slot] = []
        vorige = None
        for i in range(BESLUITEN):
            aanwezig = z3.Bool(f"eerdere_besluiten[{i}]")
            if vorige is not None:
                eis(z3.Implies(aanwezig, vorige))
            vorige = aanwezig
            velden = self._item("eerdere_besluiten", i, COLLECTIES["eerdere_besluiten"])
            eis(velden["soort"].bekend == aanwezig)
            eis(velden["datum"].bekend == aanwezig)
            for w in velden.values():
                eis(z3.Implies(w.bekend, aanwezig))
            besluiten.append(Slot(aanwezig, velden))
        self.collecties = {
            "personen": slots + mede,
            "medebewoners": mede,
            "eerdere_besluiten": besluiten,
        }

    def _huishouden(self) -> None:
        """Tie the household totals (persons, children, minors, income) to the persons present."""
        f, eis = self.feiten, self.eisen.append
        mede = self.collecties["medebewoners"]
        partner = f["partner.aanwezig"].waarde
        personen = f["huishouden.aantal_personen"]
        eis(personen.bekend)
        eis(
            personen.waarde
            == 1 + z3.If(partner, 1, 0) + z3.Sum([z3.If(s.aanwezig, 1, 0) for s in mede])
        )
        kind = [z3.And(s.aanwezig, s.velden["rol"].waarde == self.code("kind")) for s in mede]
        kinderen = f["huishouden.aantal_kinderen"]
        eis(kinderen.bekend)
        eis(kinderen.waarde == z3.Sum([z3.If(k, 1, 0) for k in kind]))
        minder = f["huishouden.aantal_minderjarige_kinderen"]
        eis(
            minder.bekend
            == z3.And(
                [
                    z3.Implies(k, s.velden["leeftijd"].bekend)
                    for k, s in zip(kind, mede, strict=True)
                ]
            )
        )
        eis(
            z3.Implies(
                minder.bekend,
                minder.waarde
                == z3.Sum(
                    [
                        z3.If(z3.And(k, s.velden["leeftijd"].waarde < 18), 1, 0)
                        for k, s in zip(kind, mede, strict=True)
                    ]
                ),
            )
        )
        totaal, a, p = f["huishouden.inkomen"], f["aanvrager.inkomen"], f["partner.inkomen"]
        eis(totaal.bekend == z3.And(a.bekend, z3.Or(z3.Not(partner), p.bekend)))
        eis(z3.Implies(totaal.bekend, totaal.waarde == a.waarde + z3.If(partner, p.waarde, 0)))

    def _hulpvragen(self) -> None:
        """Tie each hulpvraag to what the situation says of it and of its person.

        A need's facts exist only when it is asked; the person it is for is the applicant,
        the partner or the first medebewoner slot, and that person's age, birth date and
        Wlz indication are the same on the hulpvraag as on the person.
        """
        f, eis = self.feiten, self.eisen.append
        slot0 = self.collecties["medebewoners"][0]
        for behoefte in self.cv.behoeften:
            pre = f"hulpvraag.{behoefte}."
            gevraagd = f[pre + "gevraagd"]
            eis(gevraagd.bekend)
            for naam, w in f.items():
                if naam.startswith(pre) and naam != pre + "gevraagd":
                    eis(z3.Implies(w.bekend, gevraagd.waarde))
            for altijd in (
                "alleen_melding",
                "pgb_gewenst",
                "beroep_op_hardheidsclausule",
                "persoon_rol",
                "persoon_id",
            ):
                if pre + altijd in f:
                    eis(f[pre + altijd].bekend == gevraagd.waarde)
            rol, pid = f[pre + "persoon_rol"].waarde, f[pre + "persoon_id"].waarde
            koppel = {
                "persoon_leeftijd": "leeftijd",
                "persoon_wlz_indicatie": "wlz_indicatie",
                "persoon_geboortedatum": "geboortedatum",
            }
            for wie, pid_tekst in (("aanvrager", "p1"), ("partner", "p2")):
                is_wie = z3.And(gevraagd.waarde, rol == self.code(wie))
                eis(z3.Implies(is_wie, pid == self.code(pid_tekst)))
                if wie == "partner":
                    eis(z3.Implies(is_wie, f["partner.aanwezig"].waarde))
                for veld, eigen in koppel.items():
                    hv, pw = f[pre + veld], f[f"{wie}.{eigen}"]
                    eis(z3.Implies(is_wie, hv.bekend == pw.bekend))
                    eis(z3.Implies(z3.And(is_wie, hv.bekend), hv.waarde == pw.waarde))
            ander = z3.And(
                gevraagd.waarde, rol != self.code("aanvrager"), rol != self.code("partner")
            )
            eis(z3.Implies(ander, z3.And(slot0.aanwezig, pid == self.code(PERSOON_IDS[2]))))
            eis(z3.Implies(ander, rol == slot0.velden["rol"].waarde))
            for veld, item in (
                ("persoon_leeftijd", "leeftijd"),
                ("persoon_wlz_indicatie", "wlz_indicatie"),
            ):
                hv, iw = f[pre + veld], slot0.velden[item]
                eis(z3.Implies(ander, hv.bekend == iw.bekend))
                eis(z3.Implies(z3.And(ander, hv.bekend), hv.waarde == iw.waarde))
            leeftijd, geboren = f[pre + "persoon_leeftijd"], f[pre + "persoon_geboortedatum"]
            eis(leeftijd.bekend == geboren.bekend)
            peil = f["peildatum"].waarde
            eis(z3.Implies(geboren.bekend, peil - geboren.waarde >= 365 * leeftijd.waarde))
            eis(z3.Implies(geboren.bekend, peil - geboren.waarde <= 366 * leeftijd.waarde + 366))
            eis(leeftijd.waarde <= MAX_LEEFTIJD)
            uren = f.get(pre + "uren_per_week")
            if uren is not None:
                eis(uren.waarde <= 168)

    def _objecten(self) -> None:
        """Facts read from one optional part of the situation share whether it is given."""
        f, eis = self.feiten, self.eisen.append
        schulden = z3.Bool("obj:schulden")
        eis(f["schulden.dreigende_situatie"].bekend == schulden)
        for naam in ("schulden.heeft_schulden", "schulden.problematisch", "schulden.totaal"):
            eis(z3.Implies(f[naam].bekend, schulden))

    # ------------------------------------------------------------------ expressions

    def expr(self, node: e.Expr, item: dict[str, Waarde3] | None = None) -> Waarde3:
        """The three-valued z3 form of an expression."""
        if isinstance(node, e.Lit):
            return Waarde3(z3.BoolVal(True), self._lit(node.waarde))
        if isinstance(node, e.Ref):
            return self._ref(node.naam, node.item, item)
        if isinstance(node, e.Reken):
            return self._reken(node, item)
        if isinstance(node, e.Aantal):
            return self._aantal(node, item)
        if isinstance(node, e.DatumPlus):
            return self._datum_plus(node, item)
        assert_never(node)

    def _lit(self, waarde: Any) -> Any:
        """A literal as a z3 constant (a date as its day number, a text code as its integer)."""
        if isinstance(waarde, bool):
            return z3.BoolVal(waarde)
        if isinstance(waarde, dt.date):
            return z3.IntVal(_ord(waarde))
        if isinstance(waarde, str):
            return z3.IntVal(self.code(waarde))
        return z3.IntVal(int(waarde))

    def _ref(self, naam: str, is_item: bool, item: dict[str, Waarde3] | None) -> Waarde3:
        """The three-valued form of a fact, a parameter, an item field or a derived fact.

        A parameter without a value in the period is never known.
        """
        if is_item:
            assert item is not None
            return item[naam]
        if naam in self.parameters:
            w = self.parameters[naam]
            if w is None:
                return Waarde3(z3.BoolVal(False), z3.IntVal(0))
            return Waarde3(z3.BoolVal(True), self._lit(w))
        if naam.startswith("parameter."):
            return Waarde3(z3.BoolVal(False), z3.IntVal(0))
        if naam in self.feiten:
            return self.feiten[naam]
        return self.afgeleid(naam)

    def _reken(self, node: e.Reken, item: dict[str, Waarde3] | None) -> Waarde3:
        """Arithmetic on three-valued operands: known when all are (and a divisor is not 0)."""
        args = [self.expr(a, item) for a in node.args]
        bekend = z3.And([a.bekend for a in args])
        w = [a.waarde for a in args]
        match node.op:
            case RekenOp.SOM:
                return Waarde3(bekend, z3.Sum(w))
            case RekenOp.VERSCHIL:
                return Waarde3(bekend, w[0] - w[1])
            case RekenOp.PRODUCT:
                uit = w[0]
                for x in w[1:]:
                    uit = uit * x
                return Waarde3(bekend, uit)
            case RekenOp.MINIMUM | RekenOp.MAXIMUM:
                uit = w[0]
                for x in w[1:]:
                    kleiner = node.op == RekenOp.MINIMUM
                    uit = z3.If(x < uit, x, uit) if kleiner else z3.If(x > uit, x, uit)
                return Waarde3(bekend, uit)
            case RekenOp.DELING:
                return Waarde3(z3.And(bekend, w[1] != 0), _deel(w[0], w[1], node.afronding))
            case RekenOp.PERCENTAGE_VAN:
                return Waarde3(bekend, _deel(w[0] * w[1], z3.IntVal(10_000), node.afronding))
            case _:
                assert_never(node.op)

    def _aantal(self, node: e.Aantal, item: dict[str, Waarde3] | None) -> Waarde3:
        """An ``aantal``: known when the condition is decided for every present slot."""
        slots = self.collecties[node.collectie]
        if node.waar is None:
            return Waarde3(z3.BoolVal(True), z3.Sum([z3.If(s.aanwezig, 1, 0) for s in slots]))
        delen = [self.cond(node.waar, s.velden) for s in slots]
        bekend = z3.And(
            [z3.Or(z3.Not(s.aanwezig), w, o) for s, (w, o) in zip(slots, delen, strict=True)]
        )
        return Waarde3(
            bekend,
            z3.Sum(
                [z3.If(z3.And(s.aanwezig, w), 1, 0) for s, (w, _) in zip(slots, delen, strict=True)]
            ),
        )

    def _datum_plus(self, node: e.DatumPlus, item: dict[str, Waarde3] | None) -> Waarde3:
        """A moved date, encoded once per node (per item only when it reads the item)."""
        # A date computed from facts outside the item is one and the same for every item:
        # encode it once, not once per slot.
        sleutel = (id(node), id(item) if _leest_item(node) else 0)
        if sleutel not in self._datums:
            self._datums[sleutel] = (node, self._datum_plus_nieuw(node, item))
        return self._datums[sleutel][1]

    def _datum_plus_nieuw(self, node: e.DatumPlus, item: dict[str, Waarde3] | None) -> Waarde3:
        """Encode a moved date: exact for days and weeks, bounded for the other units.

        Months, years and working days get a fresh date within safe bounds of the real
        one; for a fixed number of months the exact date is kept as a refinement, used only
        when an answer found with the bounds does not hold in the evaluator.
        """
        d, n = self.expr(node.datum, item), self.expr(node.aantal, item)
        bekend = z3.And(d.bekend, n.bekend)
        aantal = n.waarde * node.teken
        if node.eenheid == "dagen":
            return Waarde3(bekend, d.waarde + aantal)
        if node.eenheid == "weken":
            return Waarde3(bekend, d.waarde + 7 * aantal)
        self._vers += 1
        r = z3.Int(f"datum_plus#{self._vers}")
        vast = z3.simplify(aantal)
        if node.eenheid in ("maanden", "jaren") and z3.is_int_value(vast):
            maanden = vast.as_long() * (12 if node.eenheid == "jaren" else 1)
            self.verfijning[str(r)] = [r == self._maanden_erbij(d.waarde, maanden)]
        if node.eenheid == "maanden":
            laag, hoog = 28 * aantal - 3, 31 * aantal + 3
        elif node.eenheid == "jaren":
            laag, hoog = 365 * aantal - 1, 366 * aantal + 1
        elif node.eenheid == "eerstvolgende_werkdag":
            laag, hoog = z3.IntVal(0), z3.IntVal(7)
        else:
            laag = z3.If(aantal >= 0, aantal, 3 * aantal - 14)
            hoog = z3.If(aantal >= 0, 3 * aantal + 14, aantal)
        lo = z3.If(laag <= hoog, laag, hoog)
        hi = z3.If(laag <= hoog, hoog, laag)
        self.definities[str(r)] = [z3.And(r - d.waarde >= lo, r - d.waarde <= hi)]
        return Waarde3(bekend, r)

    def _maanden_erbij(self, datum: Any, maanden: int) -> Any:
        """Exactly `logic.datum_plus` by months: split the date into year, month and day."""
        self._vers += 1
        n = self._vers
        j, m, d = z3.Int(f"jaar#{n}"), z3.Int(f"maand#{n}"), z3.Int(f"dag#{n}")
        definitie = [
            z3.And(j >= 1901, j <= 2098, m >= 1, m <= 12, d >= 1, d <= _dagen_in_maand(j, m)),
            datum == _ordinaal(j, m, d),
        ]
        for var in (j, m, d):
            self.definities[str(var)] = definitie
        index = j * 12 + (m - 1) + maanden
        j2, m2 = index / 12, index % 12 + 1
        laatste = _dagen_in_maand(j2, m2)
        return _ordinaal(j2, m2, z3.If(d < laatste, d, laatste))

    # ------------------------------------------------------------------ conditions

    def cond(self, node: e.Cond, item: dict[str, Waarde3] | None = None) -> tuple[Any, Any]:
        """The pair (waar, onwaar) of a condition; neither holds when it is onbekend."""
        if isinstance(node, e.Altijd):
            return z3.BoolVal(True), z3.BoolVal(False)
        if isinstance(node, e.Vergelijk):
            a, b = self.expr(node.links, item), self.expr(node.rechts, item)
            bekend = z3.And(a.bekend, b.bekend)
            uitkomst = _vergelijk(node.op, a.waarde, b.waarde)
            self.atomen.append(uitkomst)
            return z3.And(bekend, uitkomst), z3.And(bekend, z3.Not(uitkomst))
        if isinstance(node, e.In):
            a = self.expr(node.links, item)
            binnen = z3.Or([a.waarde == self._lit(w) for w in node.waarden])
            self.atomen.append(binnen)
            return z3.And(a.bekend, binnen), z3.And(a.bekend, z3.Not(binnen))
        if isinstance(node, e.Bekend):
            w = self._ref(node.naam, node.item, item)
            return w.bekend, z3.Not(w.bekend)
        if isinstance(node, e.Alle):
            delen = [self.cond(d, item) for d in node.delen]
            return z3.And([w for w, _ in delen]), z3.Or([o for _, o in delen])
        if isinstance(node, e.EenVan):
            delen = [self.cond(d, item) for d in node.delen]
            return z3.Or([w for w, _ in delen]), z3.And([o for _, o in delen])
        if isinstance(node, e.Niet):
            waar, onwaar = self.cond(node.deel, item)
            return onwaar, waar
        assert_never(node)

    def regel(self, r: CompiledRegel) -> tuple[Any, Any]:
        """(waar, onwaar) of a rule's condition, built once."""
        if r.id not in self._regels:
            self._regels[r.id] = self.cond(r.als)
        return self._regels[r.id]

    def waar(self, r: CompiledRegel) -> Any:
        """The rule holds."""
        return self.regel(r)[0]

    def onwaar(self, r: CompiledRegel) -> Any:
        """The rule certainly does not hold."""
        return self.regel(r)[1]

    def wint(self, r: CompiledRegel, concurrenten: Iterable[CompiledRegel]) -> Any:
        """``r`` holds and no competitor that holds takes precedence over it."""
        boven = [s for s in concurrenten if s.id != r.id and gaat_voor(self.versie, s, r)]
        return z3.And(self.waar(r), *[z3.Not(self.waar(s)) for s in boven])

    def wint_zeker(self, r: CompiledRegel, concurrenten: Iterable[CompiledRegel]) -> Any:
        """``r`` holds and every competitor that would take precedence certainly does not."""
        boven = [s for s in concurrenten if s.id != r.id and gaat_voor(self.versie, s, r)]
        return z3.And(self.waar(r), *[self.onwaar(s) for s in boven])

    def afgeleid(self, naam: str) -> Waarde3:
        """A derived fact: the value of the rule that wins, else its default, else onbekend."""
        if naam in self._afgeleid:
            return self._afgeleid[naam]
        decl = self.cv.gegevens[naam]
        regels = self.versie.definities.get(naam, ())
        if naam in self._bezig:  # a cycle is reported by check (V401); stay total here
            return Waarde3(z3.BoolVal(False), z3.IntVal(0))
        self._bezig.add(naam)
        standaard: Any = decl.standaard
        if standaard is None and decl.type == GegevenType.ja_nee:
            standaard = False
        if standaard is None:
            bekend: Any = z3.BoolVal(False)
            waarde: Any = z3.BoolVal(False) if decl.type == GegevenType.ja_nee else z3.IntVal(0)
        else:
            bekend = z3.And([self.onwaar(r) for r in regels])
            waarde = self._lit(standaard)
        # The weakest rule first, so the strongest is the outermost choice.
        for r in sorted(regels, key=lambda r: _rang(self.versie, r, regels)):
            w = self.expr(r.waarde[0]) if r.waarde else Waarde3(z3.BoolVal(True), z3.BoolVal(True))
            holds = self.waar(r)
            bekend = z3.If(holds, w.bekend, bekend)
            waarde = z3.If(holds, w.waarde, waarde)
        self._bezig.discard(naam)
        uit = Waarde3(bekend, waarde)
        self._afgeleid[naam] = uit
        return uit


def _leest_item(node: e.Expr) -> bool:
    """Whether an expression reads a field of a collection item."""
    if isinstance(node, e.Ref):
        return node.item
    if isinstance(node, e.Reken):
        return any(_leest_item(a) for a in node.args)
    if isinstance(node, e.DatumPlus):
        return _leest_item(node.datum) or _leest_item(node.aantal)
    if isinstance(node, e.Lit | e.Aantal):
        # An item field inside 'aantal' belongs to the counted collection, not to this one.
        return False
    assert_never(node)


def gaat_voor(versie: Versie, s: CompiledRegel, r: CompiledRegel) -> bool:
    """``s`` takes precedence over ``r`` when both hold (exception, priority, restregel)."""
    if r.id in versie.uitzonderingen.get(s.id, ()):
        return True
    if s.id in versie.uitzonderingen.get(r.id, ()):
        return False
    if r.restregel != s.restregel:
        return r.restregel
    return s.prioriteit > r.prioriteit


def _rang(
    versie: Versie, r: CompiledRegel, regels: Iterable[CompiledRegel]
) -> tuple[int, int, int]:
    """Sort key: rules that beat more others come later in the If-chain (so they win)."""
    alle = list(regels)
    verslaat = sum(1 for s in alle if s is not r and winners(versie, [r, s]) == [r])
    return (0 if r.restregel else 1, r.prioriteit, verslaat)


_VOOR_MAAND = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_LENGTE = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _schrikkel(j: Any) -> Any:
    """Whether year ``j`` is a leap year, as a z3 term.

    Between 1901 and 2099 every fourth year is a leap year (2000 included), so the
    century rules are not needed in the range `_ordinaal` covers.
    """
    return j % 4 == 0


def _dagen_in_maand(j: Any, m: Any) -> Any:
    """The number of days of month ``m`` of year ``j``, as a z3 term."""
    uit: Any = z3.IntVal(31)
    for maand in range(12, 0, -1):
        lengte = z3.If(_schrikkel(j), 29, 28) if maand == 2 else z3.IntVal(_LENGTE[maand - 1])
        uit = z3.If(m == maand, lengte, uit)
    return uit


def _ordinaal(j: Any, m: Any, d: Any) -> Any:
    """`date.toordinal()` for a date from 1901 to 2099, as linear integer terms."""
    vorig = j - 1
    voor_jaar = 365 * vorig + vorig / 4 - 15  # (j-1)//100 - (j-1)//400 is 15 in this range
    voor_maand: Any = z3.IntVal(0)
    for maand in range(12, 0, -1):
        voor_maand = z3.If(m == maand, _VOOR_MAAND[maand - 1], voor_maand)
    schrikkeldag = z3.If(z3.And(m > 2, _schrikkel(j)), 1, 0)
    return voor_jaar + voor_maand + schrikkeldag + d


def _vergelijk(op: str, a: Any, b: Any) -> Any:
    """The comparison ``op`` of two z3 terms, from the operator table.

    z3 terms overload the comparison operators, so the table's test builds the formula.
    """
    return PER_SYMBOOL[op].toets(a, b)


def _deel(teller: Any, noemer: Any, afronding: str) -> Any:
    """Integer division as `operators.delen` does it (for a positive divisor; z3 divides Euclid)."""
    positief = noemer > 0
    if afronding == "naar_beneden":
        return z3.If(positief, teller / noemer, (-teller) / (-noemer))
    if afronding == "naar_boven":
        return -_deel(-teller, noemer, "naar_beneden")
    absoluut = z3.If(teller >= 0, teller, -teller)
    n = z3.If(positief, noemer, -noemer)
    q = (2 * absoluut + n) / (2 * n)
    return z3.If((teller >= 0) == positief, q, -q)
