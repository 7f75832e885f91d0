"""Many situations at once: the process pool of `evaluate_many` and its compact transport.

Sits beside the evaluate stage, not in it: `Pool` starts worker processes that each
load the bylaw once and evaluate chunks of situations; `_transport` packs an Advies
into only what varies per case, and the parent rebuilds it from its own compiled
bylaw, so the results equal those of `Verordening.evaluate` in the parent.
"""

from verordening.batch._pool import Pool

__all__ = ["Pool"]
