"""Rules `xml` and `bpmn-schema`: the file is safe XML, valid against the BPMN and spiffworkflow XSDs, and
SpiffWorkflow 3.2 builds a spec of exactly one executable process from it — each error SpiffWorkflow would
raise, named by the element it is about and said in Dutch (the XSD's own detail follows in brackets)."""
import re

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from ..decisions import add_decisions
from ..specs import _SAFE_XML
from .model import BPMN, BPMNDI, ERROR, SPIFF, Finding, Model, label

#: The XSD's most common complaints, in Dutch; anything else keeps lxml's English detail only.
_XSD_DUTCH = [
    (re.compile(r"This element is not expected"), "dit element hoort hier niet"),
    (re.compile(r"The attribute '([^']+)' is not allowed"), r"het attribuut '\1' is hier niet toegestaan"),
    (re.compile(r"The attribute '([^']+)' is required but missing"), r"het verplichte attribuut '\1' ontbreekt"),
    (re.compile(r"is not a valid value of the atomic type"), "heeft geen geldige waarde"),
    (re.compile(r"No match found for key-sequence"), "verwijst naar een element dat niet bestaat"),
    (re.compile(r"Duplicate key-sequence"), "heeft een id die al eerder voorkomt"),
]


def read_xml(xml: bytes) -> tuple[Model | None, list[Finding]]:
    """The model's tree, or None and the finding that says why the file is no (safe) XML."""
    try:
        root = etree.fromstring(xml, _SAFE_XML)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return None, [Finding("xml", ERROR, None, None, f"Het bestand is geen geldige XML: {exc}",
                              getattr(exc, "lineno", None))]
    if root.getroottree().docinfo.internalDTD:
        return None, [Finding("xml", ERROR, None, None, "Het bestand bevat een DTD; dat is niet toegestaan.")]
    return Model(root), []


def check_schema(model: Model, xml: bytes, decisions: dict | None = None) -> list[Finding]:
    """Every XSD error (each with its line and element), else what SpiffWorkflow's parser refuses (given the
    model's readable DMN tables)."""
    findings = _xsd(model, xml)
    return findings or _spiff(model, xml, decisions)


def _xsd(model: Model, xml: bytes) -> list[Finding]:
    tree = etree.fromstring(xml, _SAFE_XML)
    VALIDATOR.preprocess(tree)
    if VALIDATOR.validator.validate(tree):
        return []
    by_line = _elements_by_line(model)
    findings = []
    for error in VALIDATOR.validator.error_log:
        element = _at_path(model, getattr(error, "path", None))
        element = by_line.get(error.line) if element is None else element
        what = f"Element {label(element)}" if element is not None else "Het bestand"
        detail = _short(error.message)
        findings.append(model.finding("bpmn-schema", ERROR, element,
                                      f"{what} voldoet niet aan het BPMN-schema: {_dutch(detail)} ({detail}).",
                                      error.line))
    return findings


def _spiff(model: Model, xml: bytes, decisions: dict | None = None) -> list[Finding]:
    parser = SpiffBpmnParser()
    try:
        add_decisions(parser, decisions)
        parser.add_bpmn_xml(etree.fromstring(xml, _SAFE_XML).getroottree(), filename="model.bpmn")
        ids = parser.get_process_ids()
        if len(ids) != 1:
            return [Finding("bpmn-schema", ERROR, None, None,
                            f"Het model moet precies één uitvoerbaar proces bevatten (isExecutable=\"true\"), "
                            f"niet {len(ids)}.")]
        parser.get_spec(ids[0])
        parser.get_subprocess_specs(ids[0])
    except ValidationException as exc:
        if str(exc).startswith("No DMN Diagram available"):
            return []  # the decision rules (decisions.py) say which table is missing, in Dutch
        element = model.by_id.get(getattr(exc, "id", "") or "") or _named_in(model, str(exc))
        what = f"Element {label(element)}" if element is not None else "Het model"
        line = exc.line_number if isinstance(exc.line_number, int) else None
        return [model.finding("bpmn-schema", ERROR, element,
                              f"{what} kan niet door de procesengine worden gelezen: {str(exc).strip().rstrip('.')}.", line)]
    except (SpiffWorkflowException, KeyError, AttributeError, TypeError, ValueError) as exc:
        return [Finding("bpmn-schema", ERROR, None, None,
                        f"Het model kan niet door de procesengine worden gelezen: {type(exc).__name__}: {exc}.")]
    return []


def _named_in(model: Model, message: str):
    """The element a message without an id is about: the first quoted word that is an element's id, or the
    value of a reference attribute (a call activity's calledElement, a messageRef, ...)."""
    for word in re.findall(r"'([^']+)'", message):
        if word in model.by_id:
            return model.by_id[word]
        for element in model.root.iter():
            if isinstance(element.tag, str) and element.get("id") and word in element.attrib.values():
                return element
    return None


def _at_path(model: Model, path: str | None):
    """The element an XSD error's XPath points at, in the model's own tree (same prefixes), or None."""
    if not path:
        return None
    namespaces = {prefix: uri for prefix, uri in model.root.nsmap.items() if prefix}
    try:
        found = model.root.getroottree().xpath(path, namespaces=namespaces)
    except etree.XPathError:
        return None
    return found[0] if found and isinstance(found[0], etree._Element) else None


def _elements_by_line(model: Model) -> dict:
    found = {}
    for element in model.root.iter():
        if isinstance(element.tag, str) and element.sourceline not in found:
            found[element.sourceline] = element
    return found


def _short(message: str) -> str:
    """lxml's message with the namespaces written as the prefixes a modeler shows."""
    for uri, prefix in ((BPMN, "bpmn:"), (BPMNDI, "bpmndi:"), (SPIFF, "spiffworkflow:")):
        message = message.replace("{%s}" % uri, prefix)
    return message


def _dutch(message: str) -> str:
    for pattern, dutch in _XSD_DUTCH:
        match = pattern.search(message)
        if match:
            return match.expand(dutch)
    return "zie de toelichting"
