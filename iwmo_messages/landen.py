"""The landen of an address (LandCode, codelijst COD032), read from the official iWmo 3.2 basisschema
(LDT_LandCode: its enumeration with the name of each land), so that a form offers exactly the codes
the XSD accepts. CD005: a Postcode goes with its LandCode; CD025 and CS089 hold only for NL."""
from __future__ import annotations

from functools import cache

from lxml import etree

from .schemas import HERE

BASISSCHEMA = HERE / "iwmo" / "3.2" / "basisschema.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"
NEDERLAND = "NL"
#: Small words that stay lower case in a land's name ("Bosnië en Herzegovina" style capitalisation).
_SMALL = {"and", "of", "the", "de", "en", "van", "het"}


@cache
def landen() -> dict[str, str]:
    """LandCode → name as the XSD documents it (capitalised for display), in the XSD's order."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(BASISSCHEMA), parser).getroot()
    [simple] = [s for s in root.iter(f"{XS}simpleType") if s.get("name") == "LDT_LandCode"]
    out = {}
    for e in simple.iter(f"{XS}enumeration"):
        doc = e.findtext(f"{XS}annotation/{XS}documentation") or e.get("value")
        out[e.get("value")] = _display(doc.strip())
    return out


def _display(name: str) -> str:
    """'CONGO-KINSHASA' → 'Congo-Kinshasa', 'BOSNIE EN HERZEGOVINA' → 'Bosnie en Herzegovina'."""
    words = name.lower().split(" ")
    return " ".join(w if i and w in _SMALL else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
                    for i, w in enumerate(words))


def is_landcode(code: str | None) -> bool:
    """Whether `code` is a LandCode the XSD accepts."""
    return bool(code) and code in landen()
