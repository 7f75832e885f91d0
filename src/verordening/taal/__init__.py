"""The rule language: condition and expression nodes, parsing, Kleene closures and the calendar.

`nodes` holds the typed nodes, `parse` turns authored YAML into them (V2xx/V3xx at the exact
position), `logic` compiles them once into closures and describes them in Dutch.
"""

from verordening.taal import logic, nodes, parse

__all__ = ["logic", "nodes", "parse"]
