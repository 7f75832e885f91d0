"""The data the library exchanges: the Situatie in, the Advies out, and the trace inside it.

Data only: no stage logic lives here, and every other stage may read it. The
Situatie is what evaluate takes in; the Advies, with its trace and receipt, is what
evaluate gives out and what explain (uitleg) reads; both are frozen pydantic models
with Dutch field names, since case systems read and write them as JSON.
"""

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
from verordening.model.trace import Trace, TraceKnoop, TraceStap

__all__ = [
    "SCHEMA_VERSIE",
    "Aanname",
    "Advies",
    "Onderzoekspunt",
    "Ontvangstbewijs",
    "Reden",
    "Situatie",
    "Trace",
    "TraceKnoop",
    "TraceStap",
    "Voorstel",
    "Vraag",
]
