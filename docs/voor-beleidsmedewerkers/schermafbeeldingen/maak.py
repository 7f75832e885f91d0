"""Maak de schermafbeeldingen van handleiding.md opnieuw, uit de echte uitvoer van de commando's.

Draai vanuit de projectmap, met de Python van de omgeving waarin `verordening` geïnstalleerd is:

    python docs/voor-beleidsmedewerkers/schermafbeeldingen/maak.py              # alles
    python docs/voor-beleidsmedewerkers/schermafbeeldingen/maak.py check-fout   # één of meer
    python docs/voor-beleidsmedewerkers/schermafbeeldingen/maak.py --lijst      # welke er zijn

Het script speelt het verhaal van de handleiding na in een tijdelijke map: een kopie van
`rulesets/` heet daar `rulesets` (zoals in de projectmap) en een tweede kopie `mijn-regels`.
In `mijn-regels` voert het dezelfde wijziging door als de handleiding (de inkomensgrens van de
individuele inkomenstoeslag per 1 januari 2026 van 110 naar 120 procent), met eerst de fouten
die de handleiding laat zien. `verordening analyse` zonder map leest, zoals in de handleiding,
de regels van de geïnstalleerde `verordening` (bij `pip install -e` de map `rulesets/` van dit
project). Elk commando draait in een pseudo-terminal van 100 kolommen, precies zoals in een
echt terminalvenster (met kleuren en voortgangsbalk). Rich zet het eindbeeld om in SVG, en
headless Chromium (via selenium) maakt daar een PNG van. Het impactrapport in HTML wordt in
dezelfde browser geopend en gefotografeerd. Een lange uitvoer wordt bijgesneden (alleen hele
regels, nooit iets veranderd); de handleiding zegt waar.

Nodig: Linux of macOS, `pip install -e ".[dev]"` (rich en selenium) en Chromium met
chromedriver (Debian: `apt-get install chromium chromium-driver`). Alles samen duurt een paar
minuten, vooral door de twee keer `verordening analyse` (elk ruim twee minuten op twee drukke
kernen); geef namen mee als u maar een paar afbeeldingen nodig hebt. Er komen geen
persoonsgegevens in: de caseload is synthetisch.

Verandert de uitvoer van een commando, draai dit script dan opnieuw en bekijk de PNG's voordat
u ze vastlegt. Faalt een stap omdat de meegeleverde regels veranderd zijn (een tekst die het
script wil vervangen, staat er niet meer), pas dan de wijziging hieronder en de handleiding
samen aan.
"""

from __future__ import annotations

import argparse
import base64
import fcntl
import io
import math
import os
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

HIER = Path(__file__).resolve().parent
PROJECT = HIER.parents[2]
BREEDTE = 100
HOOGTE = 40
IIT_PARAMETERS = Path("parameters/werk-en-inkomen.yaml")
IIT_SCENARIOS = Path("04-inkomen/scenarios/individuele-inkomenstoeslag.yaml")
IIT_REGELS = Path("04-inkomen/individuele-inkomenstoeslag.yaml")


def _meld(tekst: str) -> None:
    sys.stderr.write(tekst + "\n")
    sys.stderr.flush()


def _verordening() -> str:
    """The `verordening` program of this Python environment, else the one on PATH."""
    naast = Path(sys.executable).parent / "verordening"
    if naast.exists():
        return str(naast)
    gevonden = shutil.which("verordening")
    if gevonden is None:
        sys.exit("verordening is niet gevonden; installeer eerst met pip install -e '.[dev]'")
    return gevonden


# --- een terminal nadoen ----------------------------------------------------------------------

_CSI = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")
_OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def eindbeeld(ruw: str) -> str:
    """What a terminal shows after receiving `ruw`: the final screen, colours kept as ANSI codes.

    Enough of a terminal for rich's output: carriage return, newline, erase in line, cursor
    up/down/left/right/column, colour codes (SGR), and a line longer than BREEDTE continuing on
    the next row. A progress bar that redraws itself therefore ends as its last frame, as on a
    real screen.
    """
    ruw = _OSC.sub("", ruw)
    regels: list[list[tuple[str, str]]] = [[]]
    rij = kol = 0
    stijl = ""
    i = 0
    while i < len(ruw):
        teken = ruw[i]
        if teken == "\x1b":
            code = _CSI.match(ruw, i)
            i = code.end() if code else i + 1
            if code is None:
                continue
            params, soort = code.groups()
            aantal = int(params) if params.isdigit() else 1
            if soort == "m":
                delen = params.split(";")
                if delen[0] in ("", "0"):
                    stijl = ""
                    delen = delen[1:]
                if delen:
                    stijl += f"\x1b[{';'.join(delen)}m"
            elif soort == "K":
                regel = regels[rij]
                if params in ("", "0"):
                    del regel[kol:]
                elif params == "2":
                    regel.clear()
                elif params == "1":
                    regel[: min(kol, len(regel))] = [(" ", "")] * min(kol, len(regel))
            elif soort == "A":
                rij = max(0, rij - aantal)
            elif soort == "B":
                rij += aantal
            elif soort == "C":
                kol += aantal
            elif soort == "D":
                kol = max(0, kol - aantal)
            elif soort == "G":
                kol = aantal - 1
            while len(regels) <= rij:
                regels.append([])
            continue
        i += 1
        if teken == "\r":
            kol = 0
        elif teken == "\n":
            rij += 1
            kol = 0
            while len(regels) <= rij:
                regels.append([])
        elif teken == "\b":
            kol = max(0, kol - 1)
        elif teken == "\t":
            kol = (kol // 8 + 1) * 8
        elif ord(teken) >= 32:
            if kol >= BREEDTE:  # a long line continues on the next row, as in a terminal
                rij += 1
                kol = 0
                while len(regels) <= rij:
                    regels.append([])
            regel = regels[rij]
            while len(regel) < kol:
                regel.append((" ", ""))
            if kol < len(regel):
                regel[kol] = (teken, stijl)
            else:
                regel.append((teken, stijl))
            kol += 1
    uit = []
    for regel in regels:
        stukken, huidig = [], ""
        for teken, st in regel:
            if st != huidig:
                stukken.append("\x1b[0m" + st)
                huidig = st
            stukken.append(teken)
        if huidig:
            stukken.append("\x1b[0m")
        uit.append("".join(stukken).rstrip(" "))
    while uit and not uit[-1].strip():
        uit.pop()
    return "\n".join(uit)


@dataclass
class Uitvoer:
    """One command as typed and what the terminal showed afterwards."""

    commando: str
    scherm: str
    exitcode: int


def draai(commando: str, cwd: Path, ctrl_c_bij: str | None = None) -> Uitvoer:
    """Run `commando` in a pseudo-terminal of BREEDTE columns, as if typed in a terminal.

    With `ctrl_c_bij` the script "presses" Ctrl-C as soon as that text appears on the screen:
    the terminal sends the interrupt to the program, exactly as a person's keyboard would.
    """
    args = shlex.split(commando)
    if args[0] == "verordening":
        args[0] = _verordening()
    hoofd, kind = os.openpty()
    fcntl.ioctl(kind, termios.TIOCSWINSZ, struct.pack("HHHH", HOOGTE, BREEDTE, 0, 0))
    omgeving = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    omgeving.update(TERM="xterm-256color", COLUMNS=str(BREEDTE), LINES=str(HOOGTE))

    def eigen_terminal() -> None:  # the terminal becomes the program's own, as in a shell
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proces = subprocess.Popen(
        args,
        cwd=cwd,
        stdin=kind,
        stdout=kind,
        stderr=kind,
        env=omgeving,
        preexec_fn=eigen_terminal,
    )
    os.close(kind)
    stukken: list[bytes] = []
    gedrukt = False
    while True:
        if ctrl_c_bij is not None and not gedrukt and ctrl_c_bij.encode() in b"".join(stukken):
            os.write(hoofd, b"\x03")
            gedrukt = True
        klaar, _, _ = select.select([hoofd], [], [], 0.1)
        if not klaar:
            if proces.poll() is not None:
                break
            continue
        try:
            data = os.read(hoofd, 65536)
        except OSError:  # the program closed the terminal
            break
        if not data:
            break
        stukken.append(data)
    exitcode = proces.wait()
    os.close(hoofd)
    tekst = b"".join(stukken).decode("utf-8", errors="replace")
    return Uitvoer(commando, eindbeeld(tekst), exitcode)


def bevindingen(scherm: str) -> list[tuple[int, int, str]]:
    """The findings in the output of check or analyse: (first line, line after it, header).

    A finding starts with a line such as `opmerking V508  bestand:regel:kolom` and ends at the
    first empty line.
    """
    regels = [_CSI.sub("", r) for r in scherm.splitlines()]
    gevonden = []
    for nummer, regel in enumerate(regels):
        if re.match(r"(fout|waarschuwing|opmerking) V\d{3}", regel):
            einde = next((n for n in range(nummer, len(regels)) if not regels[n].strip()), None)
            gevonden.append((nummer, einde or len(regels), regel))
    return gevonden


# --- afbeeldingen maken -----------------------------------------------------------------------


def _prompt(commando: str) -> Text:
    return Text.assemble(("$ ", "bold green"), (commando, "bold"))


def terminal_svg(
    stappen: list[Uitvoer],
    titel: str,
    svg: Path,
    regels: slice | None = None,
    exitcode_tonen: bool = False,
) -> None:
    """Write an SVG of a terminal window that shows `stappen` (prompt, output, next prompt).

    `regels` keeps only part of the output of the last step (a crop, never an edit): the
    prompt before it shows only when the crop starts at the top, the prompt after it only when
    the crop runs to the end. `exitcode_tonen` adds `echo $?` with the real exit code, as a
    person would type it.
    """
    console = Console(
        record=True,
        width=BREEDTE,
        force_terminal=True,
        color_system="truecolor",
        file=io.StringIO(),
    )
    boven = onder = True
    for nummer, stap in enumerate(stappen):
        scherm = stap.scherm
        if regels is not None and nummer == len(stappen) - 1:
            alle = scherm.splitlines()
            boven = not regels.start
            onder = regels.stop is None or regels.stop >= len(alle)
            scherm = "\n".join(alle[regels])
        if boven:
            console.print(_prompt(stap.commando), soft_wrap=True)
        if scherm:
            console.print(Text.from_ansi(scherm), soft_wrap=True)
        if exitcode_tonen:
            console.print(_prompt("echo $?"), soft_wrap=True)
            console.print(str(stap.exitcode))
    if onder:
        console.print(Text("$ ", style="bold green"), end="")
    tekst = console.export_svg(title=titel)
    # No web font from the internet: the browser takes the local monospace font.
    tekst = re.sub(r"@font-face\s*\{[^}]*\}", "", tekst)
    svg.write_text(tekst, encoding="utf-8")


@contextmanager
def browser(profiel: Path) -> Iterator[Any]:
    """A headless Chromium driven by selenium, like tests/test_uitleg_browser.py."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        sys.exit("chromium en chromedriver zijn nodig (apt-get install chromium chromium-driver)")
    opties = webdriver.ChromeOptions()
    opties.binary_location = chromium
    for vlag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profiel}",
    ):
        opties.add_argument(vlag)
    stuur = webdriver.Chrome(service=Service(executable_path=driver), options=opties)
    try:
        yield stuur
    finally:
        stuur.quit()


def _foto(stuur: Any, png: Path, x: float, y: float, breedte: float, hoogte: float) -> None:
    data = stuur.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": x, "y": y, "width": breedte, "height": hoogte, "scale": 1},
        },
    )
    png.write_bytes(base64.b64decode(data["data"]))


def svg_naar_png(stuur: Any, svg: Path, png: Path) -> None:
    """Photograph the SVG at its own size (1 SVG unit = 1 pixel)."""
    kop = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg.read_text(encoding="utf-8"))
    if kop is None:
        raise RuntimeError(f"{svg} heeft geen viewBox")
    breedte, hoogte = math.ceil(float(kop[1])), math.ceil(float(kop[2]))
    stuur.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": breedte, "height": hoogte, "deviceScaleFactor": 1, "mobile": False},
    )
    stuur.get(svg.as_uri())
    _foto(stuur, png, 0, 0, breedte, hoogte)


def html_png(stuur: Any, html: Path, png: Path, van: str, tot: str, breedte: int = 1100) -> None:
    """Photograph the HTML page from one heading down to the next heading of another kind.

    The picture starts at the first heading (h1, h2 or h3) that starts with `van` and ends just
    above the next heading after it that starts with `tot`.
    """
    stuur.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": breedte, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
    stuur.get(html.as_uri())
    boven, onder = stuur.execute_script(
        "const koppen = Array.from(document.querySelectorAll('h1, h2, h3'));"
        "const a = koppen.findIndex(k => k.textContent.startsWith(arguments[0]));"
        "const b = koppen.findIndex((k, i) => i > a && k.textContent.startsWith(arguments[1]));"
        "if (a < 0 || b < 0) { return null; }"
        "return [koppen[a], koppen[b]].map(k => k.getBoundingClientRect().top + window.scrollY);",
        van,
        tot,
    ) or (None, None)
    if boven is None:
        sys.exit(f"{html.name}: geen kop '{van}' gevolgd door een kop '{tot}'")
    y = max(0, boven - 16)
    _foto(stuur, png, 0, y, breedte, onder - 8 - y)


# --- de wijzigingen uit de handleiding --------------------------------------------------------


def vervang(pad: Path, oud: str, nieuw: str) -> None:
    """Replace `oud` by `nieuw` in `pad`, exactly once; stop loudly when `oud` is not there."""
    tekst = pad.read_text(encoding="utf-8")
    if tekst.count(oud) != 1:
        sys.exit(
            f"{pad}: de tekst die maak.py wil vervangen, staat er niet (precies één keer) in.\n"
            f"Zijn de meegeleverde regels veranderd? Pas maak.py en handleiding.md samen aan.\n"
            f"Gezocht:\n{oud}"
        )
    pad.write_text(tekst.replace(oud, nieuw), encoding="utf-8")


IIT_OUD = """\
      - geldig_vanaf: 2015-01-01
        waarde: 11000
        bron: "https://lokaleregelgeving.overheid.nl/CVDR691750/1"
        status: afgeleid
        opmerking: >
          lokale keuze van deze modelverordening, naar het voorbeeld van Westland 2023 (110 %);
          Kerkrade kiest 100 % (https://kerkrade.antwoordop.nl/bijstand/459998)
"""

# Two mistakes a person easily makes: the earlier value keeps no end date, and the new value
# is written as a percentage instead of in basis points.
IIT_MET_FOUTEN = (
    IIT_OUD
    + """\
      - geldig_vanaf: 2026-01-01
        waarde: 120%
        bron: onbevestigd
        status: afgeleid
        opmerking: voorstel aan de raad, nog niet vastgesteld
"""
)

IIT_GOED = IIT_OUD.replace(
    "      - geldig_vanaf: 2015-01-01\n",
    "      - geldig_vanaf: 2015-01-01\n        geldig_tot: 2025-12-31\n",
) + IIT_MET_FOUTEN.removeprefix(IIT_OUD).replace("waarde: 120%", "waarde: 12000")

SCENARIO_115 = """
  # Nieuw per 2026: een inkomen tussen 110 en 120 procent van de norm telt nu als laag.
  - naam: inkomen 115 procent van de norm in 2026
    toelichting: >
      Een alleenstaande van 44 werkt in deeltijd en verdient € 1.611,73 netto, al 40 maanden.
      De norm voor een alleenstaande is op 1 januari 2026 € 1.401,50. Vanaf 2026 is de grens
      120 %: 140150 x 12000 / 10000 = 168180. Het inkomen ligt daaronder, dus het is een laag
      inkomen. Met de oude grens van 110 % (€ 1.541,65 bij deze norm) werd dit afgewezen.
      Geen vermogen en geen uitzicht op verbetering: toegekend.
    peildatum: 2026-03-02
    situatie:
      aanvraagdatum: 2026-03-02
      personen:
        - id: p1
          rol: aanvrager
          geboortedatum: 1981-04-18
          inkomsten: [{bron: loon, bedrag_per_maand: 161173}]
      vermogen: {bedrag: 0}
      inkomenshistorie: {maanden_laag_inkomen: 40, uitzicht_op_inkomensverbetering: false}
      hulpvragen:
        - behoefte: langdurig_laag_inkomen
    verwacht:
      voorstellen:
        - behoefte: langdurig_laag_inkomen
          uitkomst: toegekend
          regel: iit-toekennen
      vereist_beoordeling: false
      vragen: []
"""

# The same edge case as the shipped "een cent boven 110 procent", moved to 2026 — first with
# the norm of 2024 (a slip the handleiding shows), then with the norm of 2026.
SCENARIO_GRENS_FOUT = """
  # Eén cent boven de nieuwe grens van 120 %: geen laag inkomen.
  - naam: inkomen een cent boven 120 procent van de norm in 2026
    toelichting: >
      Zoals hiervoor, maar het inkomen is € 1.540,60: één cent boven de grens van 120 % van
      € 1.283,83. Regel iit-inkomen-niet-laag (prioriteit 30) wijst af.
    peildatum: 2026-03-02
    situatie:
      aanvraagdatum: 2026-03-02
      personen:
        - id: p1
          rol: aanvrager
          geboortedatum: 1981-04-18
          inkomsten: [{bron: loon, bedrag_per_maand: 154060}]
      vermogen: {bedrag: 0}
      inkomenshistorie: {maanden_laag_inkomen: 40, uitzicht_op_inkomensverbetering: false}
      hulpvragen:
        - behoefte: langdurig_laag_inkomen
    verwacht:
      voorstellen:
        - behoefte: langdurig_laag_inkomen
          uitkomst: afgewezen
          regel: iit-inkomen-niet-laag
      vereist_beoordeling: false
      vragen: []
"""

SCENARIO_GRENS_GOED = SCENARIO_GRENS_FOUT.replace(
    """      Zoals hiervoor, maar het inkomen is € 1.540,60: één cent boven de grens van 120 % van
      € 1.283,83. Regel iit-inkomen-niet-laag (prioriteit 30) wijst af.""",
    """      Zoals hiervoor, maar het inkomen is € 1.681,81: één cent boven de grens van 120 % van
      € 1.401,50 (de norm op 1 januari 2026). Regel iit-inkomen-niet-laag (prioriteit 30) wijst
      af.""",
).replace("bedrag_per_maand: 154060", "bedrag_per_maand: 168181")

# For the analyse example: a deleted line. Without its priority, the rejection for an income
# above the limit and the grant can both apply, and neither has precedence.
PRIORITEIT_OUD = """\
      - id: iit-inkomen-niet-laag
        grondslag: Pw art. 8 lid 2 en art. 36 lid 1
        stap: 4
        behoefte: langdurig_laag_inkomen
        grondwaarden: [BESTAANSZEKERHEID]
        prioriteit: 30
"""
PRIORITEIT_WEG = PRIORITEIT_OUD.replace("        prioriteit: 30\n", "")


# --- het verhaal ------------------------------------------------------------------------------


@dataclass
class Afbeelding:
    """One screenshot: its file name (without .png) and what it shows."""

    naam: str
    inhoud: str


AFBEELDINGEN = [
    Afbeelding("help", "verordening --help: de lijst met commando's"),
    Afbeelding("check-fout", "check met twee fouten in mijn-regels (V312 en V203), exitcode 1"),
    Afbeelding("check-goed", "check na het herstel: 0 fout(en), exitcode 0"),
    Afbeelding("test-mislukt", "test met een mislukt scenario (verkeerde norm gebruikt)"),
    Afbeelding("test-geslaagd", "test: alle scenario's geslaagd, met de dekking"),
    Afbeelding("test-dekking", "test met --minimum-dekking 100 als de grensscenario's ontbreken"),
    Afbeelding("analyse-verordening", "analyse van de meegeleverde verordening: het begin"),
    Afbeelding("analyse-verordening-einde", "dezelfde analyse: het einde, met het totaal"),
    Afbeelding("analyse-bevinding", "analyse van een kopie zonder prioriteit: een V501"),
    Afbeelding("caseload", "caseload van 2.000 situaties op 1 januari 2026"),
    Afbeelding("impact-overzicht", "impact in de terminal: het overzicht"),
    Afbeelding("impact-gevallen", "impact in de terminal: de eerste gewijzigde gevallen"),
    Afbeelding("impact-stoppen", "impact afgebroken met Ctrl-C"),
    Afbeelding("impact-html-overzicht", "het HTML-rapport in de browser: kop en tabellen"),
    Afbeelding("impact-html-uitkomsten", "het HTML-rapport: uitkomsten oud → nieuw en bedragen"),
    Afbeelding("impact-html-geval", "het HTML-rapport: één gewijzigd geval"),
]


@dataclass
class Werkplaats:
    """The temporary project folder in which the story is played, and the screenshots to make."""

    map: Path
    gevraagd: set[str]
    svgs: dict[str, Path]

    def nodig(self, *namen: str) -> bool:
        """Whether any of these screenshots was asked for."""
        return any(naam in self.gevraagd for naam in namen)

    def terminal(self, naam: str, titel: str, stappen: list[Uitvoer], **opties: Any) -> None:
        """Save the terminal picture `naam` as SVG (made into a PNG at the end)."""
        svg = self.map / f"{naam}.svg"
        terminal_svg(stappen, titel, svg, **opties)
        self.svgs[naam] = svg

    def draai(self, commando: str, **opties: Any) -> Uitvoer:
        """Run a command in the project folder and report it on the screen."""
        _meld(f"$ {commando}")
        begin = time.monotonic()
        uit = draai(commando, self.map, **opties)
        _meld(f"  klaar in {time.monotonic() - begin:.0f} s, exitcode {uit.exitcode}")
        return uit


def verhaal(w: Werkplaats) -> None:
    """Play the handleiding: each step changes `mijn-regels` and takes its screenshots."""
    mijn = w.map / "mijn-regels"
    shutil.copytree(w.map / "rulesets", mijn)

    if w.nodig("help"):
        w.terminal("help", "verordening --help", [w.draai("verordening --help")])

    vervang(mijn / IIT_PARAMETERS, IIT_OUD, IIT_MET_FOUTEN)
    if w.nodig("check-fout"):
        uit = w.draai("verordening check mijn-regels")
        w.terminal("check-fout", "verordening check", [uit], exitcode_tonen=True)
    vervang(mijn / IIT_PARAMETERS, IIT_MET_FOUTEN, IIT_GOED)
    if w.nodig("check-goed"):
        uit = w.draai("verordening check mijn-regels")
        w.terminal("check-goed", "verordening check", [uit], exitcode_tonen=True)

    scenarios = mijn / IIT_SCENARIOS
    origineel = scenarios.read_text(encoding="utf-8")
    scenarios.write_text(
        origineel.rstrip("\n") + "\n" + SCENARIO_115 + SCENARIO_GRENS_FOUT, encoding="utf-8"
    )
    if w.nodig("test-mislukt"):
        w.terminal("test-mislukt", "verordening test", [w.draai("verordening test mijn-regels")])
    scenarios.write_text(
        origineel.rstrip("\n") + "\n" + SCENARIO_115 + SCENARIO_GRENS_GOED, encoding="utf-8"
    )
    if w.nodig("test-geslaagd"):
        w.terminal("test-geslaagd", "verordening test", [w.draai("verordening test mijn-regels")])
    if w.nodig("test-dekking"):
        # What if: without the two scenarios about an income above the limit, the rule that
        # rejects such an income is hit by no scenario. The file is restored afterwards.
        boven_110 = origineel[origineel.index("  # Eén cent boven de grens van 110 %") :]
        boven_110 = boven_110.split("\n\n")[0] + "\n\n"
        volledig = scenarios.read_text(encoding="utf-8")
        vervang(scenarios, boven_110, "")
        vervang(scenarios, SCENARIO_GRENS_GOED, "")
        uit = w.draai("verordening test mijn-regels --minimum-dekking 100")
        w.terminal("test-dekking", "verordening test", [uit], exitcode_tonen=True)
        scenarios.write_text(volledig, encoding="utf-8")

    if w.nodig("analyse-verordening", "analyse-verordening-einde"):
        uit = w.draai("verordening analyse")
        blokken = bevindingen(uit.scherm)
        w.terminal(
            "analyse-verordening", "verordening analyse", [uit], regels=slice(0, blokken[1][1])
        )
        w.terminal(
            "analyse-verordening-einde",
            "verordening analyse (het einde)",
            [uit],
            regels=slice(blokken[-2][0], None),
        )
    if w.nodig("analyse-bevinding"):
        # What if: the priority of one rule is deleted by mistake. Restored afterwards.
        regels = mijn / IIT_REGELS
        vervang(regels, PRIORITEIT_OUD, PRIORITEIT_WEG)
        uit = w.draai("verordening analyse mijn-regels")
        fout = next(begin for begin, _, kop in bevindingen(uit.scherm) if kop.startswith("fout"))
        w.terminal(
            "analyse-bevinding", "verordening analyse (het einde)", [uit], regels=slice(fout, None)
        )
        vervang(regels, PRIORITEIT_WEG, PRIORITEIT_OUD)

    caseload = (
        "verordening caseload --aantal 2000 --seed 1 --peildatum 2026-01-01"
        " --uitvoer caseload-2026.jsonl"
    )
    uit = w.draai(caseload)
    if w.nodig("caseload"):
        w.terminal("caseload", "verordening caseload", [uit])

    impact = "verordening impact --oud rulesets --nieuw mijn-regels --situaties caseload-2026.jsonl"
    if w.nodig("impact-overzicht", "impact-gevallen"):
        uit = w.draai(impact)
        regels = [_CSI.sub("", r) for r in uit.scherm.splitlines()]
        gevallen = next(n for n, r in enumerate(regels) if r.startswith("Gewijzigde gevallen"))
        w.terminal("impact-overzicht", "verordening impact", [uit], regels=slice(0, gevallen))
        # The first two changed cases: up to the third line that names a case.
        namen = [n for n, r in enumerate(regels) if r.startswith("synthetisch-")]
        w.terminal(
            "impact-gevallen",
            "verordening impact (verderop)",
            [uit],
            regels=slice(gevallen, namen[2] if len(namen) > 2 else None),
        )
    if w.nodig("impact-stoppen"):
        uit = w.draai(impact, ctrl_c_bij="Beoordelen")
        w.terminal("impact-stoppen", "verordening impact", [uit], exitcode_tonen=True)
    if w.nodig("impact-html-overzicht", "impact-html-uitkomsten", "impact-html-geval"):
        w.draai(impact + " --formaat html --uitvoer rapport.html")


def main() -> None:
    """Parse the arguments, play the story in a temporary folder and write the PNGs."""
    namen = [a.naam for a in AFBEELDINGEN]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("namen", nargs="*", metavar="naam", help="alleen deze afbeeldingen")
    parser.add_argument("--lijst", action="store_true", help="toon de afbeeldingen en stop")
    args = parser.parse_args()
    if args.lijst:
        for afbeelding in AFBEELDINGEN:
            sys.stdout.write(f"{afbeelding.naam:26} {afbeelding.inhoud}\n")
        return
    onbekend = sorted(set(args.namen) - set(namen))
    if onbekend:
        sys.exit(f"onbekende afbeelding: {', '.join(onbekend)}; kies uit: {', '.join(namen)}")
    gevraagd = set(args.namen or namen)
    with tempfile.TemporaryDirectory(prefix="handleiding-") as tijdelijk:
        werkmap = Path(tijdelijk) / "verordening"
        werkmap.mkdir()
        shutil.copytree(PROJECT / "rulesets", werkmap / "rulesets")
        w = Werkplaats(werkmap, gevraagd, {})
        verhaal(w)
        html = werkmap / "rapport.html"
        with browser(Path(tijdelijk) / "chromium") as stuur:
            for naam, svg in w.svgs.items():
                svg_naar_png(stuur, svg, HIER / f"{naam}.png")
            delen: dict[str, tuple[str, str]] = {
                "impact-html-overzicht": ("Impact van de wijziging", "Per behoefte"),
                "impact-html-uitkomsten": ("Uitkomsten oud", "Gewijzigde gevallen"),
                "impact-html-geval": ("synthetisch-", "synthetisch-"),
            }
            for naam, (van, tot) in delen.items():
                if naam in gevraagd:
                    html_png(stuur, html, HIER / f"{naam}.png", van, tot)
    for naam in sorted(gevraagd):
        png = HIER / f"{naam}.png"
        _meld(f"{png.relative_to(PROJECT)}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
