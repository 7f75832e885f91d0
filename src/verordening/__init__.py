"""verordening: the integrated social-domain bylaw (omgekeerde verordening) as executable rules.

>>> import verordening
>>> vo = verordening.load()
>>> advies = vo.evaluate(situatie, peildatum=datetime.date(2024, 3, 1))  # doctest: +SKIP
"""

from ._api import Verordening, Verschil, __version__, check, herhaal, load
from ._impact import ImpactError, ImpactRapport, impact
from .advies import Advies, Ontvangstbewijs, Reden, Voorstel, Vraag
from .diagnostics import Diagnostic, SourceRef
from .errors import EvaluatieError, RulesetError, SituatieError, VerordeningError
from .models import Situatie
from .uitleg import uitleg

__all__ = [
    "Advies",
    "Diagnostic",
    "EvaluatieError",
    "ImpactError",
    "ImpactRapport",
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
