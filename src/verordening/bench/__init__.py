"""The benchmark: both engines side by side on new synthetic situations, in one run.

Measures the whole pipeline as a user meets it (load and compile, check, evaluate
with latency percentiles, memory, the process pool, and rule sets multiplied to
several times their size by `vermenigvuldig`). Run by ``verordening bench``; the
figures are reported, never asserted by a test.
"""

from verordening.bench._bench import (
    PEILDATUM,
    Omvang,
    run_bench,
    synthetic_situations,
    voortgang_op_stderr,
)
from verordening.bench._scale import vermenigvuldig

__all__ = [
    "PEILDATUM",
    "Omvang",
    "run_bench",
    "synthetic_situations",
    "vermenigvuldig",
    "voortgang_op_stderr",
]
