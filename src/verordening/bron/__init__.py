"""The sources: strict located YAML, the schema of a ruleset file as authored, discovery.

Problems found here are V1xx (YAML) and V2xx (schema) diagnostics at ``file:line:col``.
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
