"""The XML description every model class carries: one `F` per XSD element, in XSD order.

The generic reader (`parse.py`) and writer (`build.py`) walk these tuples; nothing else
knows about element names.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

IJW, IWMO = "ijw", "iwmo"
STANDAARDEN = (IWMO, IJW)
RELEASE = "3.2"


@dataclass(frozen=True, slots=True)
class F:
    """One XSD element of a class: its tag, the Python attribute and how its value looks.

    `kind` is `str`, `int`, `date`, `time` or a model class. `wrapper` names the XSD wrapper
    element around a repeated `tag` (e.g. Prestaties/Prestatie); the attribute is then a list.
    `retour` marks RetourCodes, written only in the retour message of a family.
    """

    tag: str
    attr: str
    kind: Any
    optional: bool = False
    wrapper: str | None = None
    retour: bool = False

    @property
    def many(self) -> bool:
        return self.wrapper is not None


def namespace(standaard: str, nummer: str) -> str:
    """Return the message namespace, e.g. http://www.istandaarden.nl/iwmo/3_2/wmo301/schema."""
    prefix = "wmo" if standaard == IWMO else "jw"
    return f"http://www.istandaarden.nl/{standaard}/3_2/{prefix}{nummer}/schema"


def base_namespace(standaard: str) -> str:
    """Return the basisschema namespace of a standard."""
    return f"http://www.istandaarden.nl/{standaard}/3_2/basisschema/schema"


def message_name(standaard: str, nummer: str) -> str:
    """Return the official message name, e.g. WMO301 or JW323."""
    return ("WMO" if standaard == IWMO else "JW") + nummer


#: BerichtCode (COD002-VEKT) per standard and message number.
BERICHTCODE = {
    IWMO: {"301": 414, "302": 415, "305": 418, "306": 419, "307": 420, "308": 421,
           "315": 444, "316": 445, "317": 480, "318": 481, "319": 482, "320": 483,
           "323": 484, "325": 485},
    IJW: {"301": 436, "302": 437, "305": 438, "306": 439, "307": 440, "308": 441,
          "315": 446, "316": 447, "317": 486, "318": 487, "319": 488, "320": 489,
          "323": 490, "325": 491},
}
#: heen message → its retour message.
RETOUR_OF = {"301": "302", "305": "306", "307": "308", "315": "316", "317": "318",
             "319": "320", "323": "325"}
