"""The official XSDs shipped with the package, compiled once and cached (see PROVENANCE.md)."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from ..spec import IWMO, message_name

HERE = Path(__file__).parent
GGK_ENVELOPE = HERE / "stuf-ggk" / "ggk0210" / "ggkberichten" / "ggk0210_msg_ggkberichten.xsd"
STUF = HERE / "stuf-ggk" / "0301" / "stuf0301.xsd"


def xsd_path(standaard: str, nummer: str) -> Path:
    """Return the XSD file of a message, e.g. iwmo/3.2/WMO301.xsd."""
    folder = "iwmo" if standaard == IWMO else "ijw"
    return HERE / folder / "3.2" / f"{message_name(standaard, nummer)}.xsd"


@cache
def _compile(path: Path) -> etree.XMLSchema:
    # The schemas import each other by relative path; no network, no DTDs.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def message_schema(standaard: str, nummer: str) -> etree.XMLSchema:
    """Return the compiled XSD of a message (cached)."""
    return _compile(xsd_path(standaard, nummer))


def ggk_schema() -> etree.XMLSchema:
    """Return the compiled StUF-GGk 0210 envelope schema (Di01, Du01)."""
    return _compile(GGK_ENVELOPE)


def stuf_schema() -> etree.XMLSchema:
    """Return the compiled StUF 0301 schema (Fo01)."""
    return _compile(STUF)
