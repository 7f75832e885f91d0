"""The rule language: condition and expression nodes, parsing, Kleene closures and the calendar.

`nodes` holds the typed nodes, `operators` the one table of what each YAML keyword
means, `parse` turns authored YAML into nodes (V2xx/V3xx at the exact position),
`logic` compiles them once into three-valued closures (and knows the working-day
calendar), and `describe` says them in Dutch for explanations and the bylaw.
"""

from verordening.taal import logic, nodes, parse

__all__ = ["logic", "nodes", "parse"]
