"""Shared test helpers: the example messages copied from ../shared/istandaarden."""
from __future__ import annotations

from pathlib import Path

from iwmo_messages import parse

DATA = Path(__file__).parent / "data"
INVALID_EXAMPLES = {"JW315", "JW318"}  # known-invalid official examples: negative cases
EXAMPLES = sorted(p for p in (DATA / "iwmo").glob("*.xml")) + sorted((DATA / "ijw").glob("*.xml"))
VALID_EXAMPLES = [p for p in EXAMPLES if p.stem not in INVALID_EXAMPLES]


def example(name: str):
    """Parse an example message by name, e.g. 'WMO323'."""
    folder = "iwmo" if name.startswith("WMO") else "ijw"
    return parse(DATA / folder / f"{name}.xml")
