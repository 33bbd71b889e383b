"""Parse BPMN (with the model's DMN decision tables) into SpiffWorkflow specs, validated, once per model version
(cached by hash)."""
import hashlib
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from .decisions import add_decisions, called_decisions, cells, run_first_hit
from .errors import InvalidModel
from .multi_instance import cap_multi_instances
from .sandbox import _compile

_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, dtd_validation=False,
                            load_dtd=False, huge_tree=False, remove_comments=True)


@dataclass(frozen=True)
class ParsedModel:
    key: str
    name: str
    spec: object
    subprocess_specs: dict
    #: Whether any element of the model has a message event (else no instance can wait for one).
    has_messages: bool = True


def sha256(xml: bytes, decisions: dict | None = None) -> str:
    """The content hash of a model version: its BPMN and (when it has them) its DMN tables by decision id."""
    digest = hashlib.sha256(xml)
    for key, dmn in sorted((decisions or {}).items()):
        digest.update(b"\0" + key.encode("utf-8") + b"\0" + (dmn.encode("utf-8") if isinstance(dmn, str) else dmn))
    return digest.hexdigest()


def parse_model(xml: bytes, decisions: dict | None = None) -> ParsedModel:
    """Parse and check one BPMN file with one executable process, with its DMN tables ({decision id: XML});
    raise InvalidModel in Dutch."""
    try:
        tree = etree.fromstring(xml, _SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise InvalidModel(f"Het BPMN-bestand is geen geldige XML: {exc}") from exc
    if tree.getroottree().docinfo.internalDTD:
        raise InvalidModel("Het BPMN-bestand bevat een DTD; dat is niet toegestaan.")
    missing = sorted(called_decisions(xml) - set(decisions or {}))
    if missing:
        raise InvalidModel(f"Een beslistaak roept beslistabel '{missing[0]}' aan, maar die hoort niet bij het model.")
    parser = SpiffBpmnParser(validator=VALIDATOR)
    try:
        add_decisions(parser, decisions)
        parser.add_bpmn_xml(tree.getroottree(), filename="model.bpmn")
        ids = parser.get_process_ids()
        if len(ids) != 1:
            raise InvalidModel(f"Het BPMN-bestand moet precies één uitvoerbaar proces bevatten, niet {len(ids)}.")
        spec = parser.get_spec(ids[0])
        subprocess_specs = parser.get_subprocess_specs(ids[0])
    except ValidationException as exc:
        where = f" (element '{exc.id}', regel {exc.line_number})" if getattr(exc, "id", None) else ""
        raise InvalidModel(f"Het BPMN-bestand voldoet niet aan het schema{where}: {exc}") from exc
    except SpiffWorkflowException as exc:
        raise InvalidModel(f"Het BPMN-bestand kan niet worden gelezen: {exc}") from exc
    _check_expressions(spec, subprocess_specs)
    for process in [spec, *subprocess_specs.values()]:
        run_first_hit(process.task_specs.values())
    cap_multi_instances([spec, *subprocess_specs.values()])
    return ParsedModel(key=spec.name, name=spec.description or spec.name, spec=spec,
                       subprocess_specs=subprocess_specs, has_messages=_has_messages(spec, subprocess_specs))


def _has_messages(spec, subprocess_specs) -> bool:
    for process in [spec, *subprocess_specs.values()]:
        for task_spec in process.task_specs.values():
            event = getattr(task_spec, "event_definition", None)
            if any(isinstance(e, MessageEventDefinition) for e in [event, *getattr(event, "event_definitions", [])]):
                return True
    return False


def _check_expressions(spec, subprocess_specs) -> None:
    """Compile every script and condition now, so a forbidden one fails at deploy, not mid-case."""
    for process in [spec, *subprocess_specs.values()]:
        for task_spec in process.task_specs.values():
            for source, mode in _expressions_of(task_spec):
                try:
                    _compile(source, mode)
                except Exception as exc:
                    raise InvalidModel(f"Taak '{task_spec.bpmn_name or task_spec.name}': {exc}") from exc


def _expressions_of(task_spec):
    """Yield (source, mode) for the Python a task spec will run."""
    for name in ("script", "prescript", "postscript"):
        script = getattr(task_spec, name, None)
        if isinstance(script, str) and script:
            yield script, "exec"
    for name in ("cardinality", "condition"):
        expression = getattr(task_spec, name, None)
        if isinstance(expression, str) and expression:
            yield expression, "eval"
    for condition, _target in getattr(task_spec, "cond_task_specs", []) or []:
        if condition is not None:
            yield condition.args[0], "eval"
    expression = getattr(getattr(task_spec, "event_definition", None), "expression", None)
    if isinstance(expression, str):
        yield expression, "eval"
    operator = getattr(task_spec, "operation_params", None) or {}
    for param in operator.values():
        yield param["value"], "eval"
    engine = getattr(task_spec, "dmnEngine", None)
    if engine is not None:
        for cell in cells(engine.decision_table):
            yield cell.source, "eval"


@lru_cache(maxsize=64)
def specs_for(xml: str, digest: str, decisions: tuple = ()) -> ParsedModel:
    """The parsed specs of a deployed version; specs never change, so caching them is safe."""
    return parse_model(xml.encode("utf-8"), dict(decisions))


_BY_DIGEST: dict[str, ParsedModel] = {}


def model_of(definition) -> ParsedModel:
    """The parsed specs of a deployed version, keyed by its hash: its (deferred) XML is read only
    the first time this process meets that version."""
    model = _BY_DIGEST.get(definition.sha256)
    if model is None:
        model = specs_for(definition.bpmn_xml, definition.sha256,
                          tuple(sorted((getattr(definition, "beslistabellen", None) or {}).items())))
        if len(_BY_DIGEST) >= 64:
            _BY_DIGEST.pop(next(iter(_BY_DIGEST)))
        _BY_DIGEST[definition.sha256] = model
    return model
