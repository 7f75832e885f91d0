"""The bylaw as documents: the readable verordening and the generated references for staff."""

from verordening.documenten.bylaw import render_bylaw

__all__ = ["render_bylaw"]
