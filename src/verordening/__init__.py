"""verordening: the integrated social-domain bylaw (omgekeerde verordening) as executable rules.

>>> import verordening
>>> vo = verordening.load()
>>> advies = vo.evaluate(situatie, peildatum=datetime.date(2024, 3, 1))  # doctest: +SKIP
"""

from verordening._api import Verordening, Verschil, __version__, check, herhaal, load
from verordening.diagnostics import Diagnostic, SourceRef
from verordening.errors import EvaluatieError, RulesetError, SituatieError, VerordeningError
from verordening.impact import ImpactError, ImpactRapport, impact
from verordening.model.advies import (
    Aanname,
    Advies,
    Onderzoekspunt,
    Ontvangstbewijs,
    Reden,
    Voorstel,
    Vraag,
)
from verordening.model.situatie import Situatie
from verordening.uitleg import uitleg

__all__ = [
    "Aanname",
    "Advies",
    "Diagnostic",
    "EvaluatieError",
    "ImpactError",
    "ImpactRapport",
    "Onderzoekspunt",
    "Ontvangstbewijs",
    "Reden",
    "RulesetError",
    "Situatie",
    "SituatieError",
    "SourceRef",
    "Verordening",
    "VerordeningError",
    "Verschil",
    "Voorstel",
    "Vraag",
    "__version__",
    "check",
    "herhaal",
    "impact",
    "load",
    "uitleg",
]
