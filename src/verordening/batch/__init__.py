"""Many situations at once: the process pool of `evaluate_many` and its compact transport."""

from verordening.batch._pool import Pool

__all__ = ["Pool"]
