"""What a BPMN file must be before the modeler may store it as a concept: safe XML (no DTD, no entities), a
`bpmn:definitions` root and exactly one executable process, the concept's own. Everything else about the
model is the linter's to say (app/engine/lint), element by element, after it is saved."""
from lxml import etree

from ..engine.specs import _SAFE_XML
from .errors import InvalidInput

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
FIELD = "bpmn"


def check_bpmn_outline(data: bytes, key: str) -> str:
    """The process name of `data` if it is a safe BPMN file whose one executable process is `key`."""
    try:
        root = etree.fromstring(data, _SAFE_XML)
    except (etree.XMLSyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        where = f" (regel {line})" if line else ""
        raise InvalidInput(errors={FIELD: f"Het model is geen geldige XML{where}: {_reason(exc)}. "
                                          "Er is niets opgeslagen."}) from exc
    if root.getroottree().docinfo.internalDTD:
        raise InvalidInput(errors={FIELD: "Het model bevat een DTD; dat is niet toegestaan. Er is niets opgeslagen."})
    if root.tag != f"{{{BPMN}}}definitions":
        raise InvalidInput(errors={FIELD: f"Het model begint met <{etree.QName(root).localname}> in plaats van "
                                          "<bpmn:definitions>: dit is geen BPMN-bestand. Er is niets opgeslagen."})
    executable = [p for p in root.iterchildren(f"{{{BPMN}}}process") if p.get("isExecutable") == "true"]
    if len(executable) != 1:
        raise InvalidInput(errors={FIELD: f"Het model moet precies één uitvoerbaar proces bevatten, niet "
                                          f"{len(executable)}. Er is niets opgeslagen."})
    process = executable[0]
    if process.get("id") != key:
        raise InvalidInput(errors={FIELD: f"Het proces heet nu '{process.get('id')}'; de id van dit concept is "
                                          f"'{key}' en blijft dat (een andere id is een ander proces). Er is niets "
                                          "opgeslagen."})
    return process.get("name") or key


def _reason(exc) -> str:
    message = str(exc.msg if hasattr(exc, "msg") and exc.msg else exc)
    return message.split(", line ")[0].rstrip(".")
