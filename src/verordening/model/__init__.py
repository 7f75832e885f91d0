"""The data the library exchanges: the Situatie in, the Advies out, and the trace inside it.

Data only: no stage logic lives here, and every other stage may read it.
"""

from verordening.model.advies import SCHEMA_VERSIE, Advies, Ontvangstbewijs, Reden, Voorstel, Vraag
from verordening.model.situatie import Situatie
from verordening.model.trace import Trace, TraceKnoop, TraceStap

__all__ = [
    "SCHEMA_VERSIE",
    "Advies",
    "Ontvangstbewijs",
    "Reden",
    "Situatie",
    "Trace",
    "TraceKnoop",
    "TraceStap",
    "Voorstel",
    "Vraag",
]
