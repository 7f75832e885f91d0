"""Typer's frame in Dutch: "Gebruik:", "Opties", "Ontbrekend argument", "Toon deze hulp".

Typer ships no Dutch. Its texts come from three places, and each is translated here:

- texts marked for gettext (``from gettext import gettext as _`` in typer's modules and,
  for typer versions that use the click package, in click's): a small gettext-compatible
  translation object (`NederlandseVertaling`) replaces ``_``/``ngettext`` in those modules
  only, so the process's own gettext domain is left alone; texts typer computes once at
  import (panel titles, "Try ... for help.") are set to their translation;
- texts written out in typer's vendored click (the usage prefix, "[OPTIONS]", the help
  option, error messages): the usage line is written with a Dutch prefix and metavars,
  the help option gets a Dutch help text, and an error message is translated
  (`vertaal_melding`) just before typer prints it;
- pydantic's messages for a wrong option value (newer typer validates with pydantic):
  translated by type with `verordening.errors.pydantic_melding`.

`installeer` does all of this and is safe to call more than once.
"""

from __future__ import annotations

import functools
import gettext
import importlib
import importlib.util
import re
from collections.abc import Callable
from types import ModuleType
from typing import Any, Final

import typer.core
import typer.rich_utils

from verordening.errors import pydantic_melding

#: Click's and typer's user-facing texts (the msgid) and their Dutch translation.
VERTALINGEN: Final[dict[str, str]] = {
    # help
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Arguments": "Argumenten",
    "Positional arguments": "Argumenten",
    "Commands": "Opdrachten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "default: {default}": "standaard: {default}",
    "[default: {}]": "[standaard: {}]",
    "env var: {var}": "omgevingsvariabele: {var}",
    "[env var: {}]": "[omgevingsvariabele: {}]",
    "required": "verplicht",
    "[required]": "[verplicht]",
    "(dynamic)": "(dynamisch)",
    "deprecated": "verouderd",
    "(deprecated) ": "(verouderd) ",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Choice({choices})": "Keuze({choices})",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    # errors
    "Error": "Fout",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Zie [blue]'{command_path} {help_option}'[/] voor hulp."
    ),
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "Missing {param_type}": "Ontbrekende {param_type}",
    "Missing command.": "Er ontbreekt een opdracht.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid start character for option ({option})": (
        "Ongeldig eerste teken voor een optie ({option})"
    ),
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} vraagt {nargs} waarden.",
    "Value must be an iterable.": "De waarde moet een lijst zijn.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} is geen geldige ja/nee-waarde. Mogelijk: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige UUID.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    "Could not open file {filename!r}: {message}": (
        "Bestand {filename!r} kan niet geopend worden: {message}"
    ),
    "unknown error": "onbekende fout",
    "Aborted!": "Afgebroken.",
    "Aborted.": "Afgebroken.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Waarschuwing: de opdracht {name!r} is verouderd.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Waarschuwing: {param_type} {name!r} is verouderd.{extra_message}"
    ),
    # prompts
    "Do you want to continue?": "Wilt u doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "Press any key to continue...": "Druk op een toets om door te gaan...",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee waarden zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Unknown color {colour!r}": "Onbekende kleur {colour!r}",
    "Unknown standard stream '{name}'": "Onbekende standaardstroom '{name}'",
}

#: Texts with a singular and a plural form: (singular, plural) → Dutch (singular, plural).
MEERVOUDEN: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoelde u {possibility}?",
        "(Bedoelde u een van: {possibilities}?)",
    ),
    (
        "Option {name!r} requires an argument.",
        "Option {name!r} requires {nargs} arguments.",
    ): ("Optie {name!r} vraagt een waarde.", "Optie {name!r} vraagt {nargs} waarden."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Vraagt {nargs} waarden, maar er is er 1 gegeven.",
        "Vraagt {nargs} waarden, maar er zijn er {len} gegeven.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} is niet {choice}.",
        "{value!r} is niet een van {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "{value!r} past niet bij het formaat {format}.",
        "{value!r} past bij geen van de formaten {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} waarden nodig, maar er is {len_value} gegeven.",
        "{len_type} waarden nodig, maar er zijn {len_value} gegeven.",
    ),
}

#: The texts typer's rich help computes once, at import: module attribute → msgid.
_RICH_CONSTANTEN: Final[dict[str, str]] = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


class NederlandseVertaling(gettext.NullTranslations):
    """A gettext translation with the Dutch texts of click and typer; others pass through."""

    def gettext(self, message: str) -> str:
        """The Dutch text of ``message``, or ``message`` itself."""
        return VERTALINGEN.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The Dutch singular or plural of a text with two forms."""
        enkel, meer = MEERVOUDEN.get((msgid1, msgid2), (msgid1, msgid2))
        return enkel if n == 1 else meer


#: Final error messages of typer's (vendored) click and of click, in Dutch: pattern → text.
#: Tried in order; the first that matches the whole message wins.
MELDINGEN: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(patroon, re.DOTALL), vervanging)
    for patroon, vervanging in (
        (r"Missing argument(.*?)\.(?: (.*))?", r"Ontbrekend argument\1."),
        (r"Missing option(.*?)\.(?: (.*))?", r"Ontbrekende optie\1."),
        (r"Missing parameter: (.*)", r"Ontbrekende parameter: \1"),
        (r"Missing parameter(.*?)\.(?: (.*))?", r"Ontbrekende parameter\1."),
        (r"Missing command\.", "Er ontbreekt een opdracht."),
        (
            r"No such option: (\S+) \(Possible options: (.*)\)",
            r"Onbekende optie: \1 (mogelijk: \2)",
        ),
        (r"No such option: (\S+) Did you mean (.*)\?", r"Onbekende optie: \1. Bedoelde u \2?"),
        (
            r"No such option: (\S+) \(Did you mean one of: (.*)\?\)",
            r"Onbekende optie: \1 (bedoelde u een van: \2?)",
        ),
        (r"No such option: (\S+)", r"Onbekende optie: \1"),
        (r"No such option '(.*)'\.", r"Onbekende optie '\1'."),
        (r"No such command '(.*)'\.", r"Onbekende opdracht '\1'."),
        (r"Got unexpected extra arguments? \((.*)\)", r"Onverwachte extra argumenten (\1)"),
        (r"Got unexpected extra argument\(s\) \((.*)\)", r"Onverwachte extra argumenten (\1)"),
        (r"Option '(.*)' requires an argument\.", r"Optie '\1' vraagt een waarde."),
        (r"Option '(.*)' requires (\d+) arguments\.", r"Optie '\1' vraagt \2 waarden."),
        (r"Option '(.*)' does not take a value\.", r"Optie '\1' neemt geen waarde."),
        (r"Value must be an iterable\.", "De waarde moet een lijst zijn."),
        (r"(?:Value )?'(.*)' is not one of (.*)\.", r"'\1' is niet een van \2."),
        (r"(?:Value )?'(.*)' is not (.*)\.", r"'\1' is niet \2."),
        (r"(.*) is not in the range (.*)\.", r"\1 ligt niet in het bereik \2."),
        (r"(File|Directory|Path) '(.*)' does not exist\.", r"\1 '\2' bestaat niet."),
        (r"(File|Directory|Path) '(.*)' is a directory\.", r"\1 '\2' is een map."),
        (r"(File|Directory|Path) '(.*)' is a file\.", r"\1 '\2' is een bestand."),
        (r"(File|Directory|Path) '(.*)' is not readable\.", r"\1 '\2' is niet leesbaar."),
        (r"(File|Directory|Path) '(.*)' is not writable\.", r"\1 '\2' is niet schrijfbaar."),
        (r"Could not open file '(.*)': (.*)", r"Bestand '\1' kan niet geopend worden: \2"),
    )
)
#: Words of the usage line in Dutch.
_GEBRUIK: Final[tuple[tuple[str, str], ...]] = (
    ("[OPTIONS]", "[OPTIES]"),
    ("COMMAND [ARGS]...", "OPDRACHT [ARGUMENTEN]..."),
)
_BESTAND_NL: Final[dict[str, str]] = {"File": "Bestand", "Directory": "Map", "Path": "Pad"}


def vertaal_melding(melding: str) -> str:
    """An error message of typer or click in Dutch (unchanged when it is not known)."""
    if melding.startswith("Invalid value for "):
        hint, _, rest = melding.removeprefix("Invalid value for ").partition(": ")
        return f"Ongeldige waarde voor {hint}: {vertaal_melding(rest)}"
    if melding.startswith("Invalid value: "):
        return f"Ongeldige waarde: {vertaal_melding(melding.removeprefix('Invalid value: '))}"
    for patroon, vervanging in MELDINGEN:
        gevonden = patroon.fullmatch(melding)
        if gevonden is not None:
            tekst = gevonden.expand(vervanging)
            for engels, nederlands in _BESTAND_NL.items():
                if tekst.startswith(f"{engels} '"):
                    tekst = nederlands + tekst[len(engels) :]
            return tekst
    return melding


def _pydantic_meldingen(exc: Any) -> str:
    """Pydantic's errors for one option value, in Dutch (replaces typer's English)."""
    return "; ".join(pydantic_melding(fout) for fout in exc.errors(include_url=False))


def _gettext_modules() -> list[ModuleType]:
    """Typer's modules that call ``_``, and click's when this typer uses the click package."""
    namen = ["typer.core", "typer.rich_utils", "typer.main"]
    if importlib.util.find_spec("typer._click") is None:  # typer without its own click
        namen += [
            f"click.{m}"
            for m in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")
        ]
    return [importlib.import_module(naam) for naam in namen]


def _help_formatter() -> type[Any]:
    try:
        module = importlib.import_module("typer._click.formatting")
    except ImportError:  # typer that uses the click package
        module = importlib.import_module("click.formatting")
    return module.HelpFormatter  # type: ignore[no-any-return]


def _met_nederlandse_fout(
    origineel: Callable[[Any], None],
) -> Callable[[Any], None]:
    @functools.wraps(origineel)
    def toon(fout: Any) -> None:
        engels = fout.format_message
        fout.format_message = lambda: vertaal_melding(engels())
        origineel(fout)

    toon.__dict__["_verordening_nl"] = True
    return toon


def _met_nederlandse_hulp(origineel: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(origineel)
    def hulp(*args: Any, **kwargs: Any) -> Any:
        obj, ctx = (*args, None, None)[:2] if args else (kwargs.get("obj"), kwargs.get("ctx"))
        if obj is not None and ctx is not None:
            for param in obj.get_params(ctx):
                if getattr(param, "help", None) == "Show this message and exit.":
                    param.help = VERTALINGEN["Show this message and exit."]
        return origineel(*args, **kwargs)

    hulp.__dict__["_verordening_nl"] = True
    return hulp


def _met_nederlands_gebruik(origineel: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(origineel)
    def gebruik(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for engels, nederlands in _GEBRUIK:
            args = args.replace(engels, nederlands)
        origineel(self, prog, args, "Gebruik: " if prefix is None else prefix)

    gebruik.__dict__["_verordening_nl"] = True
    return gebruik


#: Python's type names in typer's help (``<str>``, ``<int>``, ``<path>``) in Dutch.
TYPENAMEN: Final[dict[str, str]] = {
    "str": "tekst",
    "int": "geheel getal",
    "float": "getal",
    "bool": "ja/nee",
    "path": "pad",
    "file": "bestand",
    "dir": "map",
    "directory": "map",
    "datetime": "datum en tijd",
    "list": "lijst",
    "range": "bereik",
}
_TYPENAAM = re.compile(r"\b(" + "|".join(TYPENAMEN) + r")\b")


def _met_nederlandse_typen(origineel: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(origineel)
    def soort(self: Any, *args: Any, **kwargs: Any) -> str:
        tekst = origineel(self, *args, **kwargs)
        if not (tekst.startswith("<") and tekst.endswith(">")) or "|" in tekst:
            return tekst  # a metavar or a list of choices: the author's own words
        return _TYPENAAM.sub(lambda m: TYPENAMEN[m.group(1)], tekst)

    soort.__dict__["_verordening_nl"] = True
    return soort


def installeer() -> None:
    """Put typer's frame in Dutch (see the module text); safe to call again."""
    vertaling = NederlandseVertaling()
    for module in _gettext_modules():
        if hasattr(module, "_"):
            setattr(module, "_", vertaling.gettext)  # noqa: B010 - a module global, not ours
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", vertaling.ngettext)  # noqa: B010
    ru = typer.rich_utils
    for naam, msgid in _RICH_CONSTANTEN.items():
        if hasattr(ru, naam):
            setattr(ru, naam, vertaling.gettext(msgid))
    markering = r"(?P<usage>Gebruik: )"
    if markering not in ru.OptionHighlighter.highlights:
        ru.OptionHighlighter.highlights = [*ru.OptionHighlighter.highlights, markering]
    for naam, maak in (
        ("rich_format_error", _met_nederlandse_fout),
        ("rich_format_help", _met_nederlandse_hulp),
    ):
        origineel = getattr(ru, naam, None)
        if origineel is not None and not hasattr(origineel, "_verordening_nl"):
            setattr(ru, naam, maak(origineel))
    parameter = getattr(typer.core, "_TyperParameter", None)
    weergave = getattr(parameter, "display_type", None)
    if parameter is not None and weergave is not None and not hasattr(weergave, "_verordening_nl"):
        parameter.display_type = _met_nederlandse_typen(weergave)
    formatter = _help_formatter()
    if not hasattr(formatter.write_usage, "_verordening_nl"):
        formatter.write_usage = _met_nederlands_gebruik(formatter.write_usage)
    try:
        coercion = importlib.import_module("typer._coercion")
    except ImportError:  # typer without pydantic validation of option values
        return
    if hasattr(coercion, "get_error_msg"):
        setattr(coercion, "get_error_msg", _pydantic_meldingen)  # noqa: B010
