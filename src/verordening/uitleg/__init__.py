"""Explanations rendered from the frozen trace (placeholder replaced below)."""
