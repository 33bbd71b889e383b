"""The validation report of one message: every fault of every controleniveau with its official
code, retourcode, the XPath of the element in the document, its line and a Dutch text.

A rule names the element of a fault by a short path from the Bericht (`Client/ToegewezenProduct[2]
/Einddatum`, wrapper elements such as ToegewezenProducten left out). `locate()` finds that
element in the document and writes its absolute XPath with the prefixes of the official
examples (`wmo301:`/`jw301:` for the message, `iwmo:`/`ijw:` for the basisschema), for example
`/wmo301:Bericht/wmo301:Client/wmo301:ToegewezenProducten/wmo301:ToegewezenProduct[2]
/wmo301:Einddatum`; `Fault.namespaces` maps those prefixes, so
`tree.xpath(fault.xpath, namespaces=fault.namespaces)` selects exactly that element. When
the element a rule asks for is absent (e.g. a missing LandCode), the XPath selects the
element that should have held it.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from lxml import etree

from .rules.base import check_rules
from .safexml import MAX_BYTES, Source
from .spec import IWMO, base_namespace, namespace
from .uitleg import dutch_detail
from .validate import ValidationResult, validate_tree

_STEP = re.compile(r"^([A-Za-z]+)(?:\[(\d+)\])?$")
#: How deep a step may look for its element below the previous one (wrappers such as
#: Declaratie/Clienten/Client are left out of rule paths).
_MAX_SKIP = 3


@dataclass(frozen=True, slots=True)
class Fault:
    """One fault as the official validation report gives it."""

    code: str                 # official rule code (CS002, TR307 …) or XSD/XML for controleniveau 1
    retourcode: str | None    # what the retourbericht carries; None for level 1 (StUF Fo01 instead)
    niveau: int               # controleniveau 1-4 (IV032/IV088)
    xpath: str | None         # absolute XPath of the element in the document
    regel: int | None         # line in the document
    melding: str              # Dutch text
    namespaces: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        code = f"{self.code} [{self.retourcode}]" if self.retourcode else self.code
        return f"regel {self.regel or '?'}: {code} {self.xpath or '?'}: {self.melding}"


@dataclass(slots=True)
class Report:
    """Every fault of one message, level 1 first; `message_type` e.g. WMO301 ('?' if unknown)."""

    message_type: str
    faults: list[Fault]
    validation: ValidationResult

    @property
    def valid(self) -> bool:
        return not self.faults


def prefixes(standaard: str, nummer: str) -> dict[str, str]:
    """The prefixes the XPaths use for a message: its own namespace and the basisschema's."""
    own = ("wmo" if standaard == IWMO else "jw") + nummer
    return {own: namespace(standaard, nummer), standaard: base_namespace(standaard)}


def report(source: Source, context: Any = None, today: date | None = None,
           max_bytes: int = MAX_BYTES) -> Report:
    """Validate `source` (XSD) and, when it passes, run every rule; locate each fault."""
    result, root = validate_tree(source, max_bytes)
    ns = prefixes(result.standaard, result.nummer) if result.standaard and result.nummer else {}
    faults = [Fault(i.rule, None, 1, _level_one_xpath(root, i, ns), i.line, level_one_text(i), ns)
              for i in result.issues]
    if result.message is not None:
        for r in check_rules(result.message, context, today):
            element = locate(root, r.element, ns)
            faults.append(Fault(r.rule, r.retourcode, r.level, None if element is None else xpath_of(element, ns),
                                (element.sourceline if element is not None else None) or r.line,
                                r.message, ns))
    return Report(result.message_type, faults, result)


def locate(root: etree._Element | None, path: str | None, ns: dict[str, str]) -> etree._Element | None:
    """The element a rule path names, or the deepest present element on the way to it."""
    if root is None or not path:
        return root
    current = root
    for step in path.split("/"):
        m = _STEP.match(step)
        if m is None:
            break
        found = _child(current, m.group(1), int(m.group(2) or 1))
        if found is None:
            break
        current = found
    return current


def _child(parent: etree._Element, name: str, index: int) -> etree._Element | None:
    """The `index`-th element called `name` at the first depth below `parent` that has one."""
    level = [parent]
    for _ in range(_MAX_SKIP):
        level = [c for e in level for c in e if isinstance(c.tag, str)]
        matches = [c for c in level if etree.QName(c).localname == name]
        if matches:
            return matches[index - 1] if index <= len(matches) else None
    return None


def xpath_of(element: etree._Element, ns: dict[str, str]) -> str:
    """Absolute XPath of `element` with the prefixes of `ns`; [n] only where siblings share the name."""
    by_uri = {uri: prefix for prefix, uri in ns.items()}
    steps = []
    e = element
    while e is not None:
        q = etree.QName(e)
        prefix = by_uri.get(q.namespace)
        name = f"{prefix}:{q.localname}" if prefix else f"*[local-name()='{q.localname}']"
        parent = e.getparent()
        if parent is not None:
            same = [s for s in parent if s.tag == e.tag]
            if len(same) > 1:
                name += f"[{same.index(e) + 1}]"
        steps.append(name)
        e = parent
    return "/" + "/".join(reversed(steps))


#: The Dutch lead of a controleniveau-1 fault, by its check (the detail follows in Dutch: uitleg.py).
_LEVEL_ONE = {
    "XSD": "Voldoet niet aan het XSD-schema van iStandaarden",
    "FILE": "Het bestand kan niet worden gelezen",
    "XML": "Het bericht is geen welgevormde XML",
    "DTD": "Een DOCTYPE of DTD is in een bericht niet toegestaan",
    "SIZE": "Het bericht is groter dan de GGk toestaat (25 MB, OP179)",
    "NAMESPACE": "Het hoofdelement is geen iWmo- of iJw-bericht van release 3.2",
    "RELEASE": "Alleen berichten van release 3.2 van iWmo en iJw worden gecontroleerd",
}
#: Checks whose lead is the whole message.
_OWN_SENTENCE = {"DTD", "SIZE", "RELEASE"}


def level_one_text(issue) -> str:
    """The Dutch text of a controleniveau-1 fault: what kind of check failed, then its detail."""
    lead = _LEVEL_ONE.get(issue.rule, "Het bericht kan niet worden gecontroleerd")
    if issue.rule in _OWN_SENTENCE:  # the lead says it all; the English detail is not shown
        return f"{lead}."
    return f"{lead}: {dutch_detail(issue)}"


def _level_one_xpath(root, issue, ns: dict[str, str]) -> str | None:
    """The XPath of the element a level-1 fault is about: the element libxml2 names (XSD), the root
    element for a message that is not of the standard (NAMESPACE, RELEASE); None without a tree."""
    if root is not None and issue.rule in ("NAMESPACE", "RELEASE", "DTD"):
        return xpath_of(root, ns)
    return _xsd_xpath(root, issue, ns)


def _xsd_xpath(root, issue, ns: dict[str, str]) -> str | None:
    """The XPath of the element an XSD error is about: libxml2 names it by path, which we write
    again with our prefixes (the document may use others)."""
    if root is None or not issue.element:
        return None
    try:
        found = root.getroottree().xpath(issue.element, namespaces={k: v for k, v in root.nsmap.items() if k})
    except etree.XPathError:  # libxml2 wrote prefixes the document declares differently
        found = []
    if len(found) == 1 and isinstance(found[0], etree._Element):
        return xpath_of(found[0], ns)
    return issue.element
