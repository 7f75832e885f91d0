"""The benchmark: both engines side by side on new synthetic situations, in one run."""

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
