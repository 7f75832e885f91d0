"""The worker side of `impact`: evaluate each case with both bylaws and compare.

A worker loads both bylaws once (``laad``), then gets chunks of validated cases
as JSON text. For every case it evaluates the old and the new rules, compares the
substance of the two Advies objects (`inhoud`) and adds the case to the chunk's
totals (`Deel`). Only for a changed case does it build the outcome diff and the
trace diff (`GevalVerschil`); unchanged cases send nothing but counts back.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from verordening._api import Verordening, load
from verordening.errors import EvaluatieError
from verordening.impact.model import (
    GevalVerschil,
    JsonWaarde,
    OngeldigeInvoer,
    ParameterVerschil,
    Probleem,
    RegelVerschil,
    VeldVerschil,
    VoorstelVerschil,
)
from verordening.model.advies import Advies, Voorstel
from verordening.model.situatie import Situatie
from verordening.model.trace import TraceKnoop

#: What a case is sent as: line number, the situation as JSON, the peildatum (ISO).
Geval = tuple[int, str, str]

SOORT_TEKST = {
    "toegepast": "toegepast",
    "afgeleid": "afgeleid",
    "opzijgezet": "opzijgezet",
    "in_afwachting": "in afwachting",
    "niet_van_toepassing": "niet van toepassing",
    "onbekend": "onbekend",
    None: "speelt niet mee",
}


@dataclass(frozen=True)
class Taak:
    """What a worker needs to load both bylaws."""

    oud: str
    nieuw: str
    gemeente: str | None
    engine: str
    gelijke_versie_eenmaal: bool = True


@dataclass
class Deel:
    """The totals of one chunk of cases, and the diffs of its changed cases."""

    aantal: int = 0
    gewijzigd: int = 0
    totaal: dict[str, Counter[str]] = field(default_factory=dict)
    veranderd: dict[str, Counter[str]] = field(default_factory=dict)
    overgangen: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    bedragen: dict[tuple[str, str | None], list[int]] = field(default_factory=dict)
    gevallen: list[GevalVerschil] = field(default_factory=list)
    fouten: list[OngeldigeInvoer] = field(default_factory=list)

    def tel(self, soort: str, codes: Iterable[str], gewijzigd: bool) -> None:
        """Count each code once for this case, in the totals and, if changed, as changed."""
        uniek = set(codes)
        self.totaal.setdefault(soort, Counter()).update(uniek)
        if gewijzigd:
            self.veranderd.setdefault(soort, Counter()).update(uniek)

    def voeg_toe(self, ander: Deel) -> None:
        """Add another chunk's totals to this one."""
        self.aantal += ander.aantal
        self.gewijzigd += ander.gewijzigd
        for doel, bron in ((self.totaal, ander.totaal), (self.veranderd, ander.veranderd)):
            for soort, teller in bron.items():
                doel.setdefault(soort, Counter()).update(teller)
        self.overgangen.update(ander.overgangen)
        for sleutel, getallen in ander.bedragen.items():
            som = self.bedragen.setdefault(sleutel, [0, 0, 0, 0])
            for i, getal in enumerate(getallen):
                som[i] += getal
        self.gevallen.extend(ander.gevallen)
        self.fouten.extend(ander.fouten)


# One pair of loaded bylaws per worker process, keyed by task: loading costs about a
# second, a chunk of cases much less. Only the worker processes fill this cache.
_GELADEN: dict[Taak, tuple[Verordening, Verordening]] = {}


def laad(taak: Taak) -> tuple[Verordening, Verordening]:
    """Both bylaws of the task, loaded once per process."""
    paar = _GELADEN.get(taak)
    if paar is None:
        paar = _GELADEN[taak] = (load(taak.oud, taak.gemeente), load(taak.nieuw, taak.gemeente))
    return paar


def werk(taak: Taak, gevallen: Sequence[Geval]) -> Deel:
    """Worker entry point: compare a chunk of cases."""
    oud, nieuw = laad(taak)
    return vergelijk_deel(oud, nieuw, taak.engine, gevallen, taak.gelijke_versie_eenmaal)


def gelijke_versie(oud: Verordening, nieuw: Verordening, peildatum: dt.date) -> bool:
    """Both bylaws have the same version in force on ``peildatum`` (same regelset_hash).

    That hash covers every file that shapes the version (rules, declarations, parameter
    values, overlay); it is what the receipt and `verordening.herhaal` rely on. Equal
    hashes give equal advice, so such a case needs only one evaluation.
    """
    a, b = oud.compiled.versie_op(peildatum), nieuw.compiled.versie_op(peildatum)
    if a is None or b is None:
        return a is None and b is None
    return a.hash == b.hash and oud.gemeente == nieuw.gemeente


def vergelijk_deel(
    oud: Verordening,
    nieuw: Verordening,
    engine: str,
    gevallen: Sequence[Geval],
    gelijke_versie_eenmaal: bool = True,
) -> Deel:
    """Evaluate and compare every case of a chunk; engine failures are reported per case."""
    deel = Deel()
    gelijk: dict[str, bool] = {}
    for nummer, tekst, datum in gevallen:
        situatie = Situatie.model_validate_json(tekst)
        peildatum = dt.date.fromisoformat(datum)
        if datum not in gelijk:
            gelijk[datum] = gelijke_versie_eenmaal and gelijke_versie(oud, nieuw, peildatum)
        adviezen: list[Advies] = []
        for naam, vo in (("oude", oud), ("nieuwe", nieuw)):
            if adviezen and gelijk[datum]:
                adviezen.append(adviezen[0])
                break
            try:
                adviezen.append(vo.evaluate(situatie, peildatum=peildatum, engine=engine))
            except EvaluatieError as exc:
                bericht = f"de {naam} regels gaven een fout in de engine: {exc}"
                deel.fouten.append(
                    OngeldigeInvoer(
                        regelnummer=nummer,
                        kenmerk=situatie.kenmerk,
                        problemen=(Probleem(pad="$", bericht=bericht),),
                    )
                )
                break
        if len(adviezen) == 2:
            _Comparison(oud, nieuw, nummer, situatie, peildatum, *adviezen).tel(deel)
    return deel


def inhoud(advies: Advies) -> tuple[Hashable, ...]:
    """The substance of an Advies: what must be equal for it to count as unchanged.

    Every field of every Voorstel, vereist_beoordeling, the reasons and the questions.
    Not the receipt (hashes, versions), the trace, the situation, the kenmerk or the peildatum.
    """
    return (advies.voorstellen, advies.vereist_beoordeling, advies.redenen, advies.vragen)


def _velden(v: Voorstel | None) -> dict[str, JsonWaarde]:
    """The fields of a proposal as JSON values, kernwaarden as ``code:gewicht`` (for the diff)."""
    if v is None:
        return {}
    data = v.model_dump(mode="json", exclude={"kernwaarden"})
    data["kernwaarden"] = [f"{k.code}:{k.gewicht}" for k in v.kernwaarden]
    return data


def _knopen(advies: Advies) -> dict[str, TraceKnoop]:
    """The trace nodes of an Advies by rule id."""
    return {k.regel: k for stap in advies.trace.stappen for k in stap.knopen}


class _Comparison:
    """One case evaluated with both bylaws."""

    def __init__(
        self,
        oud_vo: Verordening,
        nieuw_vo: Verordening,
        nummer: int,
        situatie: Situatie,
        peildatum: dt.date,
        oud: Advies,
        nieuw: Advies,
    ) -> None:
        """Hold the case and its Advies under the old and the new bylaw."""
        self.vos = (oud_vo, nieuw_vo)
        self.nummer, self.situatie, self.peildatum = nummer, situatie, peildatum
        self.oud, self.nieuw = oud, nieuw

    def domein(self, behoefte: str) -> str:
        """The levensdomein of ``behoefte``, by the new bylaw first (a need may be new or gone)."""
        for vo in reversed(self.vos):
            decl = vo.compiled.behoeften.get(behoefte)
            if decl is not None:
                return str(decl.levensdomein)
        return "onbekend"

    def tel(self, deel: Deel) -> None:
        """Add this case to the chunk's totals, and its diff when its substance changed.

        An unchanged case counts its needs, domains, instruments and kernwaarden as
        unchanged. A changed one counts those it touches as changed: needs whose proposal
        differs, or that rules named in a new or lost reason or question serve.
        """
        deel.aantal += 1
        gewijzigd = inhoud(self.oud) != inhoud(self.nieuw)
        oud = {v.behoefte: v for v in self.oud.voorstellen}
        nieuw = {v.behoefte: v for v in self.nieuw.voorstellen}
        for advies, kolom in ((self.oud, 0), (self.nieuw, 2)):
            for v in advies.voorstellen:
                if v.bedrag is not None:
                    som = deel.bedragen.setdefault((v.instrument or "", v.periode), [0, 0, 0, 0])
                    som[kolom] += 1
                    som[kolom + 1] += v.bedrag
        behoeften = [v.behoefte for v in self.situatie.hulpvragen]
        alle = [*self.oud.voorstellen, *self.nieuw.voorstellen]
        if not gewijzigd:
            deel.tel("behoefte", behoeften, False)
            deel.tel("levensdomein", map(self.domein, behoeften), False)
            deel.tel("instrument", (v.instrument for v in alle if v.instrument), False)
            deel.tel("kernwaarde", (k.code for v in alle for k in v.kernwaarden), False)
            return
        deel.gewijzigd += 1
        anders = [b for b in behoeften if oud.get(b) != nieuw.get(b)]
        geraakt = set(anders) | self.behoeften_van_redenen_en_vragen()
        if not geraakt:
            geraakt = set(behoeften)
        veranderd = [v for v in alle if v.behoefte in anders]
        deel.tel("behoefte", [b for b in behoeften if b not in geraakt], False)
        deel.tel("behoefte", [b for b in behoeften if b in geraakt], True)
        domeinen = {self.domein(b) for b in geraakt}
        deel.tel("levensdomein", {self.domein(b) for b in behoeften} - domeinen, False)
        deel.tel("levensdomein", domeinen, True)
        instrumenten = {v.instrument for v in veranderd if v.instrument}
        deel.tel("instrument", {v.instrument for v in alle if v.instrument} - instrumenten, False)
        deel.tel("instrument", instrumenten, True)
        waarden = {k.code for v in veranderd for k in v.kernwaarden}
        deel.tel("kernwaarde", {k.code for v in alle for k in v.kernwaarden} - waarden, False)
        deel.tel("kernwaarde", waarden, True)
        for b in anders:
            deel.overgangen[(b, _uitkomst(oud.get(b)), _uitkomst(nieuw.get(b)))] += 1
        deel.gevallen.append(
            self.verschil(sorted(geraakt, key=behoeften.index), anders, oud, nieuw)
        )

    def behoeften_van_redenen_en_vragen(self) -> set[str]:
        """Needs served by the rules named in the reasons and questions that differ."""
        regels: set[str] = set()
        for a, b in ((self.oud, self.nieuw), (self.nieuw, self.oud)):
            regels.update(r for x in a.redenen if x not in b.redenen for r in x.regels)
            regels.update(r for x in a.vragen if x not in b.vragen for r in x.regels)
        gevonden: set[str] = set()
        for vo in self.vos:
            versie = vo.compiled.versie_op(self.peildatum)
            if versie is None:
                continue
            for behoefte, ids in versie.relevant.items():
                if regels.intersection(ids):
                    gevonden.add(behoefte)
        return gevonden & {v.behoefte for v in self.situatie.hulpvragen}

    def verschil(
        self,
        geraakt: list[str],
        anders: list[str],
        oud: dict[str, Voorstel],
        nieuw: dict[str, Voorstel],
    ) -> GevalVerschil:
        """The diff of a changed case: the proposals, reasons, questions, rules and parameters."""
        voorstellen = []
        for b in anders:
            va, vb = _velden(oud.get(b)), _velden(nieuw.get(b))
            velden = tuple(
                VeldVerschil(veld=k, oud=va.get(k), nieuw=vb.get(k))
                for k in dict.fromkeys([*va, *vb])
                if va.get(k) != vb.get(k)
            )
            voorstellen.append(
                VoorstelVerschil(
                    behoefte=b,
                    levensdomein=self.domein(b),
                    uitkomst_oud=_uitkomst(oud.get(b), None),
                    uitkomst_nieuw=_uitkomst(nieuw.get(b), None),
                    instrument_oud=_instrument(oud.get(b)),
                    instrument_nieuw=_instrument(nieuw.get(b)),
                    velden=velden,
                )
            )
        regels = self.regelverschil(oud, nieuw)
        return GevalVerschil(
            regelnummer=self.nummer,
            kenmerk=self.situatie.kenmerk,
            peildatum=self.peildatum,
            behoeften=tuple(geraakt),
            voorstellen=tuple(voorstellen),
            vereist_beoordeling_oud=self.oud.vereist_beoordeling,
            vereist_beoordeling_nieuw=self.nieuw.vereist_beoordeling,
            redenen_erbij=_reden_teksten(self.nieuw, self.oud),
            redenen_weg=_reden_teksten(self.oud, self.nieuw),
            vragen_erbij=tuple(q.gegeven for q in self.nieuw.vragen if q not in self.oud.vragen),
            vragen_weg=tuple(q.gegeven for q in self.oud.vragen if q not in self.nieuw.vragen),
            regels=regels,
            parameters=self.parameterverschil(regels),
        )

    def regelverschil(
        self, oud: dict[str, Voorstel], nieuw: dict[str, Voorstel]
    ) -> tuple[RegelVerschil, ...]:
        """Rules that fired, stopped firing, derived another value or proposed otherwise."""
        ka, kb = _knopen(self.oud), _knopen(self.nieuw)
        winnaars = {
            v.regel
            for v in (*oud.values(), *nieuw.values())
            if v.regel and oud.get(v.behoefte) != nieuw.get(v.behoefte)
        }
        uit: list[RegelVerschil] = []
        for regel in dict.fromkeys([*ka, *kb]):
            a, b = ka.get(regel), kb.get(regel)
            sa, sb = (a.soort if a else None), (b.soort if b else None)
            wa = a.afgeleid.waarde if a and a.afgeleid else None
            wb = b.afgeleid.waarde if b and b.afgeleid else None
            if sa != sb:
                wat = f"{SOORT_TEKST[sa]} → {SOORT_TEKST[sb]}"
            elif wa != wb:
                wat = "andere afgeleide waarde"
            elif sa == "toegepast" and regel in winnaars:
                wat = "zelfde regel, ander voorstel"
            else:
                continue
            knoop = b or a
            assert knoop is not None
            afgeleid = (b.afgeleid if b else None) or (a.afgeleid if a else None)
            uit.append(
                RegelVerschil(
                    regel=regel,
                    artikel=knoop.artikel,
                    oud=sa,
                    nieuw=sb,
                    waarde_oud=wa,
                    waarde_nieuw=wb,
                    type=afgeleid.type if afgeleid else None,
                    wat=wat,
                )
            )
        return tuple(uit)

    def parameterverschil(self, regels: tuple[RegelVerschil, ...]) -> tuple[ParameterVerschil, ...]:
        """Parameters whose value in force differs, read by the rules of the rule diff.

        When none of the differing parameters is read by those rules, all differing
        parameters of the trace are listed (with no rules).
        """
        pa = {p.naam: p for p in self.oud.trace.parameters}
        pb = {p.naam: p for p in self.nieuw.trace.parameters}
        ka, kb = _knopen(self.oud), _knopen(self.nieuw)
        lezers: dict[str, list[str]] = {}
        for r in regels:
            for knoop in (ka.get(r.regel), kb.get(r.regel)):
                for g in knoop.gegevens if knoop else ():
                    if g.naam.startswith("parameter."):
                        namen = lezers.setdefault(g.naam.removeprefix("parameter."), [])
                        if r.regel not in namen:
                            namen.append(r.regel)
        verschillend = [
            naam
            for naam in sorted(set(pa) | set(pb))
            if _param_sleutel(pa.get(naam)) != _param_sleutel(pb.get(naam))
        ]
        gelezen = [n for n in verschillend if n in lezers] or verschillend
        uit = []
        for naam in gelezen:
            a, b = pa.get(naam), pb.get(naam)
            gebruik = b or a
            assert gebruik is not None
            uit.append(
                ParameterVerschil(
                    naam=naam,
                    type=gebruik.type,
                    oud=a.waarde if a else None,
                    nieuw=b.waarde if b else None,
                    geldig_vanaf_oud=a.geldig_vanaf if a else None,
                    geldig_vanaf_nieuw=b.geldig_vanaf if b else None,
                    regels=tuple(lezers.get(naam, ())),
                )
            )
        return tuple(uit)


def _param_sleutel(p: Any) -> tuple[Any, ...] | None:
    """What makes two parameter values equal in the diff: the value and its start date."""
    return None if p is None else (p.waarde, p.geldig_vanaf)


def _uitkomst(v: Voorstel | None, leeg: str | None = "geen") -> Any:
    """The outcome of a proposal as text, or ``leeg`` when there is none."""
    return str(v.uitkomst) if v is not None else leeg


def _instrument(v: Voorstel | None) -> str | None:
    """The instrument of a proposal, if any."""
    return v.instrument if v is not None else None


def _reden_teksten(a: Advies, b: Advies) -> tuple[str, ...]:
    """The reasons of ``a`` that ``b`` lacks, as ``code: text``."""
    return tuple(f"{r.code}: {r.tekst}" for r in a.redenen if r not in b.redenen)
