"""The reused JSON encoders give exactly the text of ``json.dumps``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from verordening import _encoders


def canonical_hash(data: Any) -> str:
    """The definition of the receipt's hash, written out with ``json.dumps``."""
    tekst = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda deel: st.lists(deel, max_size=4) | st.dictionaries(st.text(), deel, max_size=4),
    max_leaves=20,
)


@given(_JSON)
def test_canonical_hash_equals_its_definition(data: object) -> None:
    assert _encoders.canonical_hash(data) == canonical_hash(data)


@given(_JSON)
def test_compact_equals_json_dumps(data: object) -> None:
    assert _encoders.compact(data) == json.dumps(data, separators=(",", ":"))


def test_dates_unicode_and_control_characters() -> None:
    data = {"é": 'ü\x00\x1f\n"\\', "b": [dt.date(2025, 3, 1), 10**30, True, None]}
    assert _encoders.canonical_hash(data) == canonical_hash(data)
    platte = {"sid": "1", "t": 0, "f1": "café", "f2": 737000}
    assert _encoders.compact(platte) == json.dumps(platte, separators=(",", ":"))
