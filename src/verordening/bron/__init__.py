"""The sources: strict located YAML, the schema of a ruleset file as authored, discovery.

The first two stages of load → validate → compile → evaluate → explain: `document`
reads YAML strictly and records the place of every value, `schema` is the format
of a ruleset file, and `loader` finds the files of the model (and of a municipal
overlay) and validates each one. Problems found here are V1xx (YAML) and V2xx
(schema) diagnostics at ``file:line:col``; the compiler takes the valid files.
"""

from verordening.bron.document import Document, format_pad, parse_file, parse_text
from verordening.bron.loader import Bron, load_sources, relatief_pad, shipped_root

__all__ = [
    "Bron",
    "Document",
    "format_pad",
    "load_sources",
    "parse_file",
    "parse_text",
    "relatief_pad",
    "shipped_root",
]
