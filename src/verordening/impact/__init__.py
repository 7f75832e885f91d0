"""What a change of the rules does to a caseload: per-case differences and the report.

`caseload` makes synthetic anonymous situations; `impact` compares two versions of the rules
over them; `report` renders the result.
"""

from verordening.impact._driver import ImpactError, ImpactRapport, impact
from verordening.impact._input import ONVOLLEDIG, controleer_bestand

__all__ = ["ONVOLLEDIG", "ImpactError", "ImpactRapport", "controleer_bestand", "impact"]
