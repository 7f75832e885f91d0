"""Golden tests for every diagnostic code."""
