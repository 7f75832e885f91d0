"""A synthetic, anonymous caseload: realistic `Situatie` objects as JSON Lines.

Every situation is drawn with ``random.Random(seed)`` from the tables in
`verordening.impact._distributions` (the one place where the distributions live), around the
amounts in force on the peildatum: incomes around the bijstandsnorm, assets around
the vermogensgrens, ages around the age limits of the rules. The same ``aantal``,
``seed``, peildatum and library version give the same bytes; the first *n* cases do
not depend on ``aantal``. There is no personal data: persons are ``p1``, ``p2``, …,
the kenmerk is ``synthetisch-000001``; there are no names, addresses or BSNs.

With ``schaars=True`` the same households are drawn, and then every fact a resident would
not mention is left out, as a real case file at the melding would: yes/no facts that are
``false``, the empty income lists of housemates, and the professional's findings. The
fields and conditions are one declared table, `verordening.impact._schaars.WEGLATINGEN`
(documented in ``docs/voor-beleidsmedewerkers/caseload.md``).

>>> from verordening.impact.caseload import genereer
>>> eerste = next(genereer(1, seed=1))
>>> eerste["kenmerk"], eerste["personen"][0]["id"]
('synthetisch-000001', 'p1')
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
from collections.abc import Iterator, Mapping
from typing import IO, Any

from pydantic import BaseModel

from verordening.errors import VerordeningError
from verordening.impact._distributions import (
    ALTIJD_GEGEVEN,
    BEHOEFTE_VELDEN,
    BEREIKEN,
    BEVINDINGEN,
    DIMENSIES,
    KANS_LOONWAARDE,
    KENMERKEN,
    ONTBREEKT,
    Bevinding,
    Optie,
    dimensie,
)
from verordening.impact._schaars import schaars as _schaars
from verordening.model.situatie import EerderBesluit, Hulpvraag, Persoon, Situatie

#: Default peildatum: the second half of 2025, the newest period whose amounts are all confirmed.
STANDAARD_PEILDATUM = dt.date(2025, 7, 1)

_BEVINDING = {b.veld: b for b in (*BEVINDINGEN, *KENMERKEN)}
_PGB_BEHOEFTEN = frozenset(
    {
        "schoon_en_leefbaar_huis",
        "meedoen_in_de_samenleving",
        "zelfstandig_verplaatsen",
        "geschikte_woning",
        "gezond_en_veilig_opgroeien",
    }
)
_GRENZEN_JAREN = (18, 21, 27)


class CaseloadError(VerordeningError):
    """The caseload cannot be made (e.g. no bijstandsnorm in force on the peildatum)."""


def _add_months(datum: dt.date, maanden: int) -> dt.date:
    """``datum`` moved by ``maanden`` months, clamped to the end of a shorter month."""
    jaar, maand = divmod(datum.year * 12 + datum.month - 1 + maanden, 12)
    dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    return dt.date(jaar, maand + 1, dag)


class _Draws:
    """The random draws, one seeded stream, each one named after its table."""

    def __init__(self, seed: int) -> None:
        """One `random.Random` for every draw, so one seed fixes the whole caseload."""
        self.rnd = random.Random(seed)

    def optie(self, naam: str) -> Optie:
        """An option of dimension ``naam``, drawn with the table's chances."""
        opties = dimensie(naam).opties
        return self.rnd.choices(opties, [o.kans for o in opties])[0]

    def kies(self, naam: str) -> str:
        """The code of an option of dimension ``naam``."""
        return self.optie(naam).code

    def in_bereik(self, naam: str, schaal: int) -> tuple[str, int]:
        """An option of a dimension with ranges, and a value in its range times ``schaal``."""
        optie = self.optie(naam)
        assert optie.bereik is not None
        laag, hoog = optie.bereik
        return optie.code, schaal * self.rnd.randint(laag * 10, hoog * 10) // 1000

    def procent(self, kans: int) -> bool:
        """True with a chance of ``kans`` percent."""
        return self.rnd.randrange(100) < kans

    def bereik(self, naam: str) -> int:
        """A whole number drawn evenly from the range ``naam`` of `BEREIKEN`."""
        laag, hoog = BEREIKEN[naam]
        return self.rnd.randint(laag, hoog)

    def ja_nee(self, b: Bevinding) -> bool | None:
        """ja, nee or None (onbekend) with the finding's chances."""
        worp = self.rnd.randrange(b.ja + b.nee + b.onbekend)
        if worp < b.ja:
            return True
        return False if worp < b.ja + b.nee else None


class _Normen:
    """The amounts in force on the peildatum that the distributions are relative to."""

    def __init__(self, peildatum: dt.date, gemeente: str | None) -> None:
        """Read the amounts from the shipped bylaw (with ``gemeente``'s overlay) on ``peildatum``.

        Raises:
            CaseloadError: one of the amounts has no value on ``peildatum``.
        """
        from verordening._api import load

        cv = load(gemeente=gemeente).compiled
        self.behoeften = frozenset(cv.behoeften)
        waarden = cv.parameters_op(peildatum)

        def waarde(naam: str) -> int:
            """The value of parameter ``naam`` on the peildatum, which must be a whole number."""
            gevonden = waarden.get(naam)
            if gevonden is None or not isinstance(gevonden[1].waarde, int):
                raise CaseloadError(
                    f"parameter '{naam}' heeft geen waarde op {peildatum.isoformat()}; "
                    "kies een andere peildatum"
                )
            return gevonden[1].waarde

        self.alleenstaand = waarde("pw.norm.21_aow.alleenstaande_of_alleenstaande_ouder")
        self.gehuwden = waarde("pw.norm.21_aow.gehuwden_beiden_onder_aow")
        self.jong = waarde("pw.norm.jong_18_20.alleenstaande")
        self.aow_alleenstaand = waarde("pw.norm.aow.alleenstaande_of_alleenstaande_ouder")
        self.aow_gehuwden = waarde("pw.norm.aow.gehuwden_beiden_aow")
        self.grens_alleenstaand = waarde("pw.vermogen.grens.alleenstaande")
        self.grens_gezin = waarde("pw.vermogen.grens.alleenstaande_ouder_of_gehuwden")
        self.aow_maanden = waarde("aow.leeftijd_maanden")


def _geordend(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """The fields in the model's order, so the JSON reads like the documentation."""
    return {k: data[k] for k in model.model_fields if k in data}


class _Generator:
    """Draws one situation after another from one seeded stream (see the module).

    The order of the draws is part of the output: adding, removing or moving one
    changes every later case of the same seed.
    """

    def __init__(self, seed: int, peildatum: dt.date, normen: _Normen) -> None:
        """Start the stream at ``seed``; ages and amounts are drawn around ``normen``."""
        self.t = _Draws(seed)
        self.peildatum = peildatum
        self.n = normen

    def geboortedatum(self, maanden_laag: int, maanden_hoog: int) -> dt.date:
        """A birth date with an age in months in the range on the peildatum."""
        maanden = self.t.rnd.randint(maanden_laag, maanden_hoog)
        return _add_months(self.peildatum, -maanden) - dt.timedelta(days=self.t.rnd.randint(0, 27))

    def leeftijd_aanvrager(self) -> dt.date:
        """The applicant's birth date, by the ``leeftijd`` table.

        An option without a range puts the applicant within two months of an age limit of
        the rules (18, 21, 27 or the AOW age), where outcomes change.
        """
        optie = self.t.optie("leeftijd")
        code, aow = optie.code, self.n.aow_maanden
        if optie.bereik is None:
            grens = self.t.rnd.choice([*(j * 12 for j in _GRENZEN_JAREN), aow])
            wordt = self.peildatum + dt.timedelta(days=self.t.rnd.randint(-60, 60))
            return _add_months(wordt, -grens)
        laag, hoog = optie.bereik[0] * 12, optie.bereik[1] * 12 + 11
        if code == "45_tot_aow":
            hoog = aow - 1
        elif code == "aow":
            laag = aow
        return self.geboortedatum(laag, hoog)

    def jaren(self, geboren: dt.date) -> int:
        """Age in whole years on the peildatum."""
        from verordening.compiler.facts import leeftijd

        return leeftijd(geboren, self.peildatum)

    def situatie(self, nummer: int) -> dict[str, Any]:
        """Case ``nummer``: household, income, needs, dates and the optional parts."""
        t, p = self.t, self.peildatum
        geboren = self.leeftijd_aanvrager()
        leeftijd = self.jaren(geboren)
        soort = t.kies("huishouden")
        aanvrager = self.aanvrager(geboren, leeftijd)
        personen = [aanvrager]
        if leeftijd < 18:
            soort = "inwonend_bij_ouders"
            for _ in range(t.rnd.randint(1, 2)):
                personen.append(self.huisgenoot(personen, "ouder", 36 * 12, 60 * 12))
        partner = soort in ("paar_zonder_kinderen", "paar_met_kinderen")
        if partner:
            marge = 6 * 12
            laag = max(18 * 12, leeftijd * 12 - marge)
            personen.append(self.huisgenoot(personen, "partner", laag, leeftijd * 12 + marge))
        if soort in ("alleenstaande_ouder", "paar_met_kinderen") and leeftijd >= 18:
            oudste = min(25, leeftijd - 17)
            meeste = min(3 if soort == "alleenstaande_ouder" else 4, 1 + (leeftijd - 18) // 3)
            for _ in range(t.rnd.randint(1, meeste)):
                hoog = oudste if t.procent(15) else min(17, oudste)
                personen.append(self.huisgenoot(personen, "kind", 0, hoog * 12 + 11))
        if soort == "met_medebewoners":
            for _ in range(t.rnd.randint(1, 2)):
                rol = "kind" if t.procent(50) and leeftijd >= 38 else "medebewoner"
                hoog = min(35, leeftijd - 18) if rol == "kind" else 80
                personen.append(self.huisgenoot(personen, rol, 18 * 12, max(18, hoog) * 12 + 11))
        kinderen = sum(1 for q in personen if q["rol"] == "kind")
        self.inkomen(personen, leeftijd, partner, kinderen > 0, soort)
        behoeften = self.behoeften(leeftijd, personen)
        hulpvragen = [self.hulpvraag(b, personen, leeftijd) for b in behoeften]
        melding = p - dt.timedelta(days=t.bereik("dagen_melding_voor_peildatum"))
        data: dict[str, Any] = {"kenmerk": f"synthetisch-{nummer:06d}", "peildatum": p.isoformat()}
        if not t.procent(ONTBREEKT["meldingsdatum"]):
            data["meldingsdatum"] = melding.isoformat()
        if not t.procent(ONTBREEKT["aanvraagdatum"]):
            aanvraag = min(p, melding + dt.timedelta(days=t.bereik("dagen_aanvraag_na_melding")))
            data["aanvraagdatum"] = aanvraag.isoformat()
        data["personen"] = [_geordend(q, Persoon) for q in personen]
        self.woning(data)
        self.vermogen(data, partner or kinderen > 0)
        self.schulden(data)
        netwerk = {
            veld: w
            for veld in ("beschikbaar", "mantelzorger_overbelast")
            if (w := t.ja_nee(_BEVINDING[f"netwerk.{veld}"])) is not None
        }
        if netwerk:
            data["netwerk"] = netwerk
        if "inkomen_levensonderhoud" in behoeften:
            self.handhaving(data)
        if "langdurig_laag_inkomen" in behoeften:
            historie: dict[str, Any] = {"maanden_laag_inkomen": t.bereik("maanden_laag_inkomen")}
            uitzicht = t.ja_nee(_BEVINDING["uitzicht_op_inkomensverbetering"])
            if uitzicht is not None:
                historie["uitzicht_op_inkomensverbetering"] = uitzicht
            data["inkomenshistorie"] = historie
        besluit = self.eerder_besluit()
        if besluit is not None:
            data["eerdere_besluiten"] = [besluit]
        data["hulpvragen"] = [_geordend(v, Hulpvraag) for v in hulpvragen]
        return data

    def kenmerk(self, persoon: dict[str, Any], veld: str, bevinding: str | None = None) -> None:
        """Set ``veld`` of ``persoon`` by the chances of finding ``bevinding`` (default: ``veld``).

        Left out when the draw is onbekend, so the rules ask for it.
        """
        waarde = self.t.ja_nee(_BEVINDING[bevinding or veld])
        if waarde is not None:
            persoon[veld] = waarde

    def aanvrager(self, geboren: dt.date, leeftijd: int) -> dict[str, Any]:
        """The applicant: birth date, residence status and the findings that depend on age."""
        t = self.t
        a: dict[str, Any] = {"id": "p1", "rol": "aanvrager", "geboortedatum": geboren.isoformat()}
        if not t.procent(ONTBREEKT["verblijfsstatus"]):
            a["verblijfsstatus"] = t.kies("verblijfsstatus")
        jong = leeftijd < 27
        self.kenmerk(
            a,
            "student_met_studiefinanciering",
            "student_met_studiefinanciering_tot_27" if jong else None,
        )
        self.kenmerk(a, "wlz_indicatie", "wlz_indicatie_aow" if leeftijd >= 67 else None)
        self.kenmerk(a, "medisch_urenbeperkt")
        self.kenmerk(a, "psychische_of_lichamelijke_belemmering")
        if jong:
            self.kenmerk(a, "volgt_onderwijs", "volgt_onderwijs_tot_27")
        return a

    def huisgenoot(
        self, personen: list[dict[str, Any]], rol: str, laag: int, hoog: int
    ) -> dict[str, Any]:
        """A partner, child, parent or housemate with an age in months in ``laag``..``hoog``."""
        t = self.t
        geboren = self.geboortedatum(laag, max(laag, hoog))
        q: dict[str, Any] = {"id": f"p{len(personen) + 1}", "rol": rol}
        ontbreekt = ONTBREEKT["geboortedatum_partner" if rol == "partner" else "geboortedatum_kind"]
        if not t.procent(ontbreekt):
            q["geboortedatum"] = geboren.isoformat()
        volwassen = self.jaren(geboren) >= 18
        if rol in ("kind", "medebewoner"):
            q["student_met_studiefinanciering"] = volwassen and t.procent(15)
            q["commerciele_relatie"] = rol == "medebewoner" and t.procent(15)
            if q["commerciele_relatie"]:
                # A housemate on a commercial basis: not a relative (Pw 19a lid 1 onder b).
                q["verwant_eerste_of_tweede_graad"] = False
            q["volgt_onderwijs"] = not volwassen or t.procent(25)
        if rol != "partner":
            q["inkomsten"] = (
                [
                    {
                        "bron": t.rnd.choice(["loon", "uitkering"]),
                        "bedrag_per_maand": t.rnd.randint(20_000, 200_000),
                    }
                ]
                if volwassen and t.procent(50)
                else []
            )
        self.kenmerk(q, "wlz_indicatie")
        return q

    def inkomen(
        self,
        personen: list[dict[str, Any]],
        leeftijd: int,
        partner: bool,
        kinderen: bool,
        soort: str,
    ) -> None:
        """The household's income, drawn relative to the bijstandsnorm that fits it.

        The norm depends on age and partner (AOW, 18-20, 21+); a partner gets up to 60 %
        of the total. The source is drawn too, with a few corrections that keep it plausible.
        """
        t, n = self.t, self.n
        if leeftijd >= 67:
            norm = n.aow_gehuwden if partner else n.aow_alleenstaand
        elif leeftijd < 21 and not partner:
            norm = n.jong
        else:
            norm = n.gehuwden if partner else n.alleenstaand
        totaal = t.in_bereik("inkomen", norm)[1]
        if leeftijd < 18:
            totaal = t.rnd.choice([0, t.rnd.randint(5_000, 40_000)])
        deel = totaal * t.rnd.randint(0, 60) // 100 if partner else 0
        partners = [q for q in personen if q["rol"] == "partner"]
        for persoon, bedrag in ((personen[0], totaal - deel), *((q, deel) for q in partners)):
            if persoon["rol"] == "aanvrager" and t.procent(ONTBREEKT["inkomsten_aanvrager"]):
                continue
            bron = "pensioen" if leeftijd >= 67 else t.kies("inkomensbron")
            if bron == "alimentatie" and not (kinderen and soort == "alleenstaande_ouder"):
                bron = "loon"
            if bron == "studiefinanciering" and leeftijd >= 30:
                bron = "loon"
            persoon["inkomsten"] = [{"bron": bron, "bedrag_per_maand": bedrag}] if bedrag else []

    def behoeften(self, leeftijd: int, personen: list[dict[str, Any]]) -> list[str]:
        """The needs asked, without repeats; some only for the ages or households they fit."""
        t = self.t
        aantal = int(t.kies("aantal_hulpvragen"))
        kind = any(q["rol"] == "kind" for q in personen)
        opties = {o.code: o.kans for o in dimensie("behoefte").opties if o.code in self.n.behoeften}
        if not (kind or leeftijd <= 22):
            opties.pop("gezond_en_veilig_opgroeien", None)
        if not 16 <= leeftijd < 30:
            opties.pop("studeren_met_beperking", None)
        gekozen: list[str] = []
        while opties and len(gekozen) < aantal:
            code = t.rnd.choices(list(opties), list(opties.values()))[0]
            gekozen.append(code)
            del opties[code]
        return gekozen

    def hulpvraag(
        self, behoefte: str, personen: list[dict[str, Any]], leeftijd: int
    ) -> dict[str, Any]:
        """The hulpvraag for ``behoefte`` with its findings; some needs add person facts too."""
        t = self.t
        aanvrager = personen[0]
        v: dict[str, Any] = {"behoefte": behoefte}
        if behoefte == "gezond_en_veilig_opgroeien":
            kinderen = [q["id"] for q in personen if q["rol"] == "kind"]
            if kinderen:
                v["persoon"] = t.rnd.choice(kinderen)
        for veld in BEHOEFTE_VELDEN.get(behoefte, ()):
            waarde = t.ja_nee(_BEVINDING[veld])
            if waarde is not None:
                v[veld] = waarde
        v["alleen_melding"] = t.procent(ALTIJD_GEGEVEN["alleen_melding"])
        if behoefte in _PGB_BEHOEFTEN:
            v["pgb_gewenst"] = t.procent(ALTIJD_GEGEVEN["pgb_gewenst"])
        v["beroep_op_hardheidsclausule"] = t.procent(ALTIJD_GEGEVEN["beroep_op_hardheidsclausule"])
        if v["beroep_op_hardheidsclausule"]:
            onredelijk = t.ja_nee(_BEVINDING["onredelijke_uitkomst"])
            if onredelijk is not None:
                v["onredelijke_uitkomst"] = onredelijk
        if behoefte == "bijzondere_kosten_betalen":
            v["kosten"] = t.bereik("kosten_bijzondere_bijstand")
        elif behoefte == "schoon_en_leefbaar_huis":
            v["uren_per_week"] = t.bereik("uren_huishouden_per_week")
            for q in personen:
                if q["rol"] in ("aanvrager", "partner") and not t.procent(
                    ONTBREEKT["kan_huishouden_doen"]
                ):
                    q["kan_huishouden_doen"] = t.kies("huishoudvermogen")
                if q["rol"] == "partner":
                    self.kenmerk(q, "langdurig_afwezig")
        elif behoefte == "werk_vinden":
            if t.procent(KANS_LOONWAARDE):
                aanvrager["loonwaarde_procent"] = t.bereik("loonwaarde_procent")
            self.kenmerk(aanvrager, "uwv_advies_beschut_werk")
            if leeftijd < 27 and "volgt_onderwijs" not in aanvrager:
                aanvrager["volgt_onderwijs"] = t.procent(40)
        elif behoefte == "studeren_met_beperking":
            aanvrager["student_met_studiefinanciering"] = t.procent(85)
            self.kenmerk(aanvrager, "structureel_geen_bijverdienste")
        elif behoefte == "mantelzorger_ondersteunen":
            aanvrager["mantelzorger"] = True
            aanvrager["mantelzorg_uren_per_week"] = t.bereik("mantelzorg_uren_per_week")
        return v

    def woning(self, data: dict[str, Any]) -> None:
        """The housing situation, with costs that fit its kind (or left out: onbekend)."""
        soort = self.t.kies("woning")
        if soort == "onbekend":
            return
        lasten = {"huur": (45_000, 110_000), "koop": (60_000, 180_000), "kamer": (30_000, 60_000)}
        woning: dict[str, Any] = {"soort": soort}
        if soort in lasten:
            woning["woonlasten_per_maand"] = self.t.rnd.randint(*lasten[soort])
        data["woonsituatie"] = woning

    def vermogen(self, data: dict[str, Any], gezin: bool) -> None:
        """Assets relative to the vermogensgrens that fits the household (``gezin``)."""
        t = self.t
        if t.procent(ONTBREEKT["vermogen"]):
            return
        grens = self.n.grens_gezin if gezin else self.n.grens_alleenstaand
        vermogen: dict[str, Any] = {"bedrag": t.in_bereik("vermogen", grens)[1]}
        if data.get("woonsituatie", {}).get("soort") == "koop":
            vermogen["eigen_woning_overwaarde"] = t.rnd.randint(0, 25_000_000)
        data["vermogen"] = vermogen

    def schulden(self, data: dict[str, Any]) -> None:
        """Debts: none, some or problematic (possibly threatening), or left out."""
        t = self.t
        soort = t.kies("schulden")
        if soort == "onbekend":
            return
        if soort == "geen":
            data["schulden"] = {"heeft_schulden": False, "problematisch": False, "totaal": 0}
            return
        problematisch = soort == "problematisch"
        laag, hoog = (200_000, 6_000_000) if problematisch else (20_000, 500_000)
        schulden: dict[str, Any] = {
            "heeft_schulden": True,
            "problematisch": problematisch,
            "totaal": t.rnd.randint(laag, hoog),
        }
        if problematisch and (dreigend := t.kies("dreigend")) != "geen":
            schulden["dreigend"] = [dreigend]
        data["schulden"] = schulden

    def handhaving(self, data: dict[str, Any]) -> None:
        """Enforcement data for a bijstand case: a breach of the duty to inform, or of a duty."""
        t = self.t
        soort = t.kies("handhaving")
        if soort == "inlichtingenplicht":
            data["handhaving"] = {
                "inlichtingenplicht_geschonden": True,
                "benadelingsbedrag": t.bereik("benadelingsbedrag"),
                "slachtoffer_financieel_misbruik": t.procent(10),
            }
        elif soort == "verplichting":
            data["handhaving"] = {
                "verplichting_geschonden": True,
                "verwijtbaarheid": t.rnd.choice(["geen", "verminderd", "volledig"]),
            }

    def eerder_besluit(self) -> dict[str, Any] | None:
        """At most one earlier decision, with the fields its kind needs."""
        t, p = self.t, self.peildatum
        soort = t.kies("eerder_besluit")
        if soort == "geen":
            return None
        dagen = t.rnd.randint(0, BEREIKEN["jaren_eerder_besluit"][1] * 365)
        datum = p - dt.timedelta(days=dagen)
        b: dict[str, Any] = {"soort": soort, "persoon": "p1", "datum": datum.isoformat()}
        if soort in ("schuldhulptraject", "maatregel", "bijstand", "wmo_maatwerk", "jeugdhulp"):
            einde = min(p, datum + dt.timedelta(days=t.rnd.randint(90, 700)))
            b["einddatum"] = einde.isoformat()
        if soort == "schuldhulptraject":
            b["verwijtbaar_beeindigd"] = t.procent(40)
        elif soort == "fraudevordering":
            alles = t.procent(50)
            b["benadeling_bestuursorgaan"] = alles or t.procent(50)
            b["opzet"] = alles or t.procent(50)
            b["onherroepelijke_sanctie"] = alles or t.procent(50)
            b["openstaand_bedrag"] = t.bereik("openstaand_bedrag")
        return _geordend(b, EerderBesluit)


def genereer(
    aantal: int,
    seed: int,
    peildatum: dt.date | None = None,
    gemeente: str | None = None,
    *,
    schaars: bool = False,
) -> Iterator[dict[str, Any]]:
    """Yield ``aantal`` synthetic situations as plain dicts (JSON-ready, valid `Situatie`).

    With ``schaars`` each situation is the same household with every field of
    `verordening.impact._schaars.WEGLATINGEN` left out under its condition (see the module).

    Raises:
        CaseloadError: when an amount the distributions need has no value on the peildatum.
        ValueError: for a negative ``aantal``.
    """
    if aantal < 0:
        raise ValueError("aantal moet 0 of groter zijn")
    datum = peildatum or STANDAARD_PEILDATUM
    generator = _Generator(seed, datum, _Normen(datum, gemeente))
    for i in range(1, aantal + 1):
        data = _geordend(generator.situatie(i), Situatie)
        if schaars:
            _schaars(data)
        yield data


def schrijf(
    uit: IO[str],
    aantal: int,
    seed: int,
    peildatum: dt.date | None = None,
    gemeente: str | None = None,
    *,
    schaars: bool = False,
) -> int:
    """Write the caseload as JSON Lines (one compact object per line); returns the count.

    ``schaars`` leaves out what a resident would not mention (see `genereer`).
    """
    n = 0
    for situatie in genereer(aantal, seed, peildatum, gemeente, schaars=schaars):
        uit.write(json.dumps(situatie, ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n


def verdeling_markdown() -> str:
    """The distribution tables for ``docs/voor-beleidsmedewerkers/caseload.md``."""
    regels: list[str] = []
    for d in DIMENSIES:
        eenheid = f" ({d.eenheid})" if d.eenheid else ""
        regels += [f"### {d.titel}", "", d.waarom, "", f"| waarde | betekenis{eenheid} | kans |"]
        regels.append("|---|---|---:|")
        regels += [f"| `{o.code}` | {o.omschrijving} | {o.kans} % |" for o in d.opties]
        regels.append("")
    regels += [
        "### Bevindingen en kenmerken (ja / nee / onbekend)",
        "",
        "Onbekend betekent: het veld is bewust weggelaten, zodat de regels er een vraag van maken.",
        "",
        "| gegeven | ja | nee | onbekend |",
        "|---|---:|---:|---:|",
    ]
    regels += [
        f"| `{b.veld}` | {b.ja} % | {b.nee} % | {b.onbekend} % |"
        for b in (*BEVINDINGEN, *KENMERKEN)
    ]
    regels += ["", "### Altijd gegeven (ja of nee)", "", "| gegeven | ja |", "|---|---:|"]
    regels += [f"| `{veld}` | {kans} % |" for veld, kans in ALTIJD_GEGEVEN.items()]
    regels += ["", "### Bewust weggelaten", "", "| gegeven | ontbreekt in |", "|---|---:|"]
    regels += [f"| `{veld}` | {kans} % |" for veld, kans in ONTBREEKT.items()]
    regels += ["", "### Bedragen en aantallen (gelijkmatig binnen het bereik)", ""]
    regels += ["| wat | van | tot en met |", "|---|---:|---:|"]
    regels += [f"| `{naam}` | {laag} | {hoog} |" for naam, (laag, hoog) in BEREIKEN.items()]
    return "\n".join(regels) + "\n"


def gemeten_markdown(situaties: list[Mapping[str, Any]]) -> str:
    """Measured shares of needs and household sizes in a generated caseload."""
    vragen = [v["behoefte"] for s in situaties for v in s["hulpvragen"]]
    regels = ["| behoefte | kans in de tabel | gemeten aandeel |", "|---|---:|---:|"]
    for o in dimensie("behoefte").opties:
        aandeel = f"{100 * vragen.count(o.code) / max(1, len(vragen)):.1f}".replace(".", ",")
        regels.append(f"| `{o.code}` | {o.kans} % | {aandeel} % |")
    return "\n".join(regels) + "\n"
