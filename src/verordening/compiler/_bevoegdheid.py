"""V207: a rule that applies a power ('bevoegdheid: kan') asks a professional to weigh it.

Where the law says the college *kan* (Wmo 2015 art. 2.3.5 lid 6, Wgs art. 3 lid 2-3,
Pw art. 35 lid 2, ...), refusing or granting is a weighing, not arithmetic. A rule that
declares ``bevoegdheid: kan`` must therefore propose with ``vereist_beoordeling: true``
and a ``reden_beoordeling`` that names the provision (a ``maatwerk_afwijking`` is always
weighed, so there the reason is what counts).

"Names the provision", mechanically: the grondslag cites one or more articles, each
written ``art. N`` with an optional ``lid L`` right after it (``Wgs art. 3 lid 2`` gives
(3, 2); ``Pw art. 8 lid 2 en art. 36 lid 1`` gives (8, 2) and (36, 1)). The reason names
the provision when it cites at least one of them the same way: ``art. N`` or ``artikel N``,
not followed by more of a number (``art. 3`` is not ``art. 35``), and, when the grondslag
gives a lid, directly followed by ``lid L`` (``art. 3 lid 2–3`` names ``art. 3 lid 2``).
"""

from __future__ import annotations

import re

from verordening._types import Uitkomst
from verordening.bron.document import Document, Pad
from verordening.bron.schema import Bevoegdheid, Regel
from verordening.compiler._sources import _Collector

__all__ = ["bepalingen", "check_bevoegdheid", "noemt_bepaling"]

#: ``art. 2.3.5 lid 6``, ``artikel 4:13``, ``art. 35``: article number and optional lid.
_VERWIJZING = re.compile(
    r"\bart(?:ikel|\.)\s*(\d+(?:[.:]\d+)*[a-z]?)(?![\d.:]*\d)(?:,?\s*lid\s*(\d+)(?!\d))?",
    re.IGNORECASE,
)


def bepalingen(grondslag: str) -> list[tuple[str, str | None]]:
    """The provisions a grondslag cites: (article number, lid or None), in order."""
    return [(m.group(1), m.group(2)) for m in _VERWIJZING.finditer(grondslag)]


def _tekst(bepaling: tuple[str, str | None]) -> str:
    """A provision as the hint shows it: ``art. 2.3.5 lid 6``."""
    artikel, lid = bepaling
    return f"art. {artikel}" + (f" lid {lid}" if lid else "")


def noemt_bepaling(grondslag: str, reden: str) -> bool:
    """Does ``reden`` cite at least one provision of ``grondslag`` (see the module text)?

    A grondslag that cites no article (``art.``) cannot be checked and counts as named.
    """
    gezocht = bepalingen(grondslag)
    if not gezocht:
        return True
    genoemd = bepalingen(reden)
    for artikel, lid in gezocht:
        for artikel_r, lid_r in genoemd:
            if artikel_r.lower() == artikel.lower() and (lid is None or lid_r == lid):
                return True
    return False


def check_bevoegdheid(r: Regel, doc: Document, pad: Pad, v: _Collector, context: str) -> None:
    """Report V207 when ``r`` declares a power but does not ask for a weighing naming it."""
    if r.bevoegdheid is not Bevoegdheid.kan:
        return
    ref = doc.ref
    voorbeeld = _tekst(bepalingen(r.grondslag)[0]) if bepalingen(r.grondslag) else "art. 2.3.5"
    if r.voorstel is None:
        v.fout(
            "V207",
            "'bevoegdheid: kan' hoort bij een regel met een voorstel",
            ref((*pad, "bevoegdheid")),
            "zet 'bevoegdheid: kan' op de regel die het voorstel doet; die vraagt de beoordeling",
            context=context,
        )
        return
    if not (r.voorstel.vereist_beoordeling or r.voorstel.uitkomst == Uitkomst.maatwerk_afwijking):
        v.fout(
            "V207",
            "deze regel past een bevoegdheid toe ('kan'), maar het voorstel vraagt geen "
            "beoordeling",
            ref((*pad, "bevoegdheid")),
            "een bevoegdheid is een afweging: zet in het voorstel 'vereist_beoordeling: true' "
            f"en een 'reden_beoordeling' die de bepaling noemt, bijv. '{voorbeeld}'",
            context=context,
        )
        return
    reden = r.voorstel.reden_beoordeling
    if not reden or not noemt_bepaling(r.grondslag, reden):
        plek = "reden_beoordeling" if reden else "vereist_beoordeling"
        v.fout(
            "V207",
            "de reden voor beoordeling noemt de bepaling van de bevoegdheid niet"
            if reden
            else "een bevoegdheid ('kan') zonder 'reden_beoordeling'",
            ref((*pad, "voorstel", plek)),
            f"noem in 'reden_beoordeling' de bepaling uit de grondslag ('{r.grondslag}'), "
            f"zoals '{voorbeeld}'",
            context=context,
        )
