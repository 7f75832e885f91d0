"""The benchmarks: engine speed side by side, and the cost of rejecting hostile input.

`run_bench` measures both engines on new synthetic situations in one run; `run_robuust`
runs each input of a hostile corpus in a limited child process.
"""

from verordening.bench._bench import (
    PEILDATUM,
    Omvang,
    run_bench,
    synthetic_situations,
    voortgang_op_stderr,
)
from verordening.bench._robust import (
    VijandigeInvoer,
    corpus,
    meet,
    robuust_als_tekst,
    run_robuust,
)
from verordening.bench._scale import vermenigvuldig

__all__ = [
    "PEILDATUM",
    "Omvang",
    "VijandigeInvoer",
    "corpus",
    "meet",
    "robuust_als_tekst",
    "run_bench",
    "run_robuust",
    "synthetic_situations",
    "vermenigvuldig",
    "voortgang_op_stderr",
]
