"""The bylaw as documents: the readable verordening and the generated references for staff.

Reads the compiled product (after load → validate → compile), never the engines:
`bylaw` renders the rules as a readable verordening in Dutch sentences,
`references` the fact catalogue and the JSON Schemas that the docs commit.
"""

from verordening.documenten.bylaw import render_bylaw

__all__ = ["render_bylaw"]
