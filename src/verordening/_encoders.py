"""JSON encoders made once and reused; they give exactly the text of ``json.dumps``.

``json.dumps`` with any non-default option builds a new encoder (and a new C encoder
object) on every call. The evaluator encodes a few small objects per case, where that
set-up costs as much as the encoding itself.
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
from collections.abc import Callable
from typing import Any, NoReturn

_C_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)


def _geen_json(waarde: object) -> NoReturn:
    """The ``default`` of `compact`: refuse a value JSON has no form for, as ``json.dumps`` does."""
    raise TypeError(f"Object of type {type(waarde).__name__} is not JSON serializable")


def _maak(
    *, sort_keys: bool, ensure_ascii: bool, default: Callable[[Any], Any]
) -> Callable[[Any], str]:
    """An encoder with these options, built once, whose text equals ``json.dumps``'s.

    It drives the C encoder directly, with compact separators; without one (not on
    CPython) it falls back to ``json.dumps`` itself.
    """
    if _C_ENCODER is None:  # pragma: no cover - CPython always has the C encoder
        return lambda waarde: json.dumps(
            waarde,
            sort_keys=sort_keys,
            ensure_ascii=ensure_ascii,
            separators=(",", ":"),
            default=default,
        )
    # No circular-reference check: only flat data made by this package is encoded, and a
    # shared check table would keep stale entries after an error.
    coder = _C_ENCODER(
        None,
        default,
        json.encoder.encode_basestring_ascii if ensure_ascii else json.encoder.encode_basestring,
        None,
        ":",
        ",",
        sort_keys,
        False,
        True,
    )
    return lambda waarde: "".join(coder(waarde, 0))


#: ``json.dumps(waarde, separators=(",", ":"))``.
compact = _maak(sort_keys=False, ensure_ascii=True, default=_geen_json)

#: The canonical form: sorted keys, UTF-8 text, compact; dates and other values as ``str``.
_canoniek = _maak(sort_keys=True, ensure_ascii=False, default=str)


def canonical_hash(data: Any) -> str:
    """sha256 of the canonical JSON form of ``data``: file, version, input and ruleset hashes.

    The one hash of the receipt: ``json.dumps(data, sort_keys=True, ensure_ascii=False,
    separators=(",", ":"), default=str)``, encoded as UTF-8.
    """
    return hashlib.sha256(_canoniek(data).encode("utf-8")).hexdigest()
