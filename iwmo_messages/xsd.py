"""XSD validation of an element tree, reported as `Issue`s (level 1: no retourbericht)."""
from __future__ import annotations

from lxml import etree

from .errors import Issue


def schema_issues(schema: etree.XMLSchema, root: etree._Element) -> list[Issue]:
    """Validate `root`; return one Issue per XSD error (empty when valid)."""
    if schema.validate(root):
        return []
    return [Issue("XSD", e.message, e.line or None, e.path or None) for e in schema.error_log]
