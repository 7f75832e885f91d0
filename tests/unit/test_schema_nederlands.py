"""The JSON Schemas that editors show policy staff are Dutch (issue 14, item 7).

Class docstrings of pydantic models become JSON Schema descriptions (what VS Code
shows on hover); they were English. A small stop-word check finds English text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from verordening.documenten.references import schemas

#: Common English words that are not Dutch words.
ENGELS = re.compile(
    r"\b(the|and|with|which|for|to|this|that|from|what|when|how|must|should|has|have|its|"
    r"their|are|was|were|be|been|an|one|as|on|by|or|if|not|only|each|every|where|who|"
    r"into|after|before|step|rule|rules|value|values|Show|of the)\b"
)


def _beschrijvingen(data: Any, pad: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for sleutel, waarde in data.items():
            if sleutel == "description" and isinstance(waarde, str):
                yield pad, waarde
            yield from _beschrijvingen(waarde, f"{pad}/{sleutel}")
    elif isinstance(data, list):
        for waarde in data:
            yield from _beschrijvingen(waarde, pad)


def test_stopwoorden_vinden_engels() -> None:
    assert ENGELS.search("The situation of one household, as the case system knows it.")
    assert not ENGELS.search("De situatie van één huishouden, zoals het zaaksysteem die kent.")


@pytest.mark.parametrize("naam", sorted(schemas()))
def test_schema_beschrijvingen_zijn_nederlands(naam: str) -> None:
    beschrijvingen = list(_beschrijvingen(json.loads(schemas()[naam])))
    assert len(beschrijvingen) > 20  # the walk finds them
    engels = [(pad, tekst) for pad, tekst in beschrijvingen if ENGELS.search(tekst)]
    assert engels == []


@pytest.mark.parametrize("naam", sorted(schemas()))
def test_elk_model_heeft_een_beschrijving(naam: str) -> None:
    data = json.loads(schemas()[naam])
    zonder = [d for d, model in data.get("$defs", {}).items() if "description" not in model]
    assert "description" in data
    assert zonder == []
