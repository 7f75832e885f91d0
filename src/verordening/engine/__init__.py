"""Engines and everything shared after them: precedence, selection, questions, trace, receipt.

An engine decides only which rules hold; `evaluate` turns that into an Advies. The durable_rules
adapter (`_durable`) is the only module that imports ``durable_rules_engine``.
"""

from verordening.engine._durable import DurableEngine, weigeringen
from verordening.engine.core import Engine, ReferenceEngine, Run
from verordening.engine.evaluate import evaluate, facts_for, validate_situatie

__all__ = [
    "DurableEngine",
    "Engine",
    "ReferenceEngine",
    "Run",
    "evaluate",
    "facts_for",
    "validate_situatie",
    "weigeringen",
]
