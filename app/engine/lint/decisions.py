"""Rules `decision-missing`, `decision-unknown`, `dmn-invalid`, `dmn-hit-policy` and `dmn-cell`: a business rule
task names a decision (spiffworkflow:calledDecisionId) that the model's DMN tables hold; every table is a safe
DMN document SpiffWorkflow reads, with a hit policy the engine runs; and every cell compiles in the sandbox as the
DMN engine will evaluate it (RestrictedPython and the size policy)."""
from functools import lru_cache

from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser

from ..decisions import HIT_POLICIES, cells, read_dmn
from ..errors import InvalidModel
from ..sandbox import _compile
from .model import ERROR, NS, Finding, Model, label


def called_decision(task) -> str:
    node = task.find("bpmn:extensionElements/spiffworkflow:calledDecisionId", NS)
    return (node.text or "").strip() if node is not None and node.text else ""


def valid_decisions(decisions: dict | None) -> dict:
    """The tables SpiffWorkflow can read (the others have their own finding), so that the schema rule sees them."""
    return {key: xml for key, xml in (decisions or {}).items() if _table(key, xml)[1] is None}


def check_decisions(model: Model, decisions: dict | None) -> list[Finding]:
    decisions = decisions or {}
    findings, tables = [], {}
    for key, xml in sorted(decisions.items()):
        table, problem = _table(key, xml)
        if problem:
            findings.append(Finding("dmn-invalid", ERROR, key, key, f"Beslistabel '{key}' kan niet worden gelezen: "
                                                                    f"{problem}"))
        else:
            tables[key] = table
    used = {}
    for task in model.root.iterfind(".//bpmn:businessRuleTask", NS):
        name = called_decision(task)
        known = ", ".join(sorted(decisions)) or "geen"
        if not name:
            findings.append(model.finding("decision-missing", ERROR, task,
                                          f"Beslistaak {label(task)} roept geen beslistabel aan. Kies een beslistabel "
                                          f"van dit model: {known}."))
        elif name not in decisions:
            findings.append(model.finding("decision-unknown", ERROR, task,
                                          f"Beslistaak {label(task)} roept beslistabel '{name}' aan, maar die hoort "
                                          f"niet bij dit model. Dit model heeft: {known}."))
        elif name in tables:
            used.setdefault(name, task)
    for key, table in tables.items():
        findings.extend(_check_table(model, key, table, used.get(key)))
    return findings


def _check_table(model: Model, key: str, table, task) -> list[Finding]:
    where = f" (gebruikt door beslistaak {label(task)})" if task is not None else ""
    title = table.name or key
    if table.hit_policy not in HIT_POLICIES:
        return [Finding("dmn-hit-policy", ERROR, table.id, title,
                        f"Beslistabel '{title}'{where} heeft beslisregel (hit policy) '{table.hit_policy}'; de "
                        f"procesengine kent alleen {', '.join(HIT_POLICIES)}.")]
    findings, seen = [], set()
    for cell in cells(table):
        if (cell.cell_id, cell.source) in seen:
            continue
        seen.add((cell.cell_id, cell.source))
        try:
            _compile(cell.source, "eval")
        except Exception as exc:
            findings.append(Finding("dmn-cell", ERROR, cell.cell_id, f"{title}, regel {cell.rule}",
                                    f"Beslistabel '{title}'{where}, regel {cell.rule}, kolom '{cell.column}': de cel "
                                    f"wordt als '{cell.source}' uitgerekend en dat kan niet: {_reason(exc)}"))
    return findings


def _reason(exc: Exception) -> str:
    text = str(exc)
    if isinstance(exc, SyntaxError):
        return f"het is geen geldige Python ({exc.msg})."
    return text if text.endswith(".") else text + "."


@lru_cache(maxsize=64)
def _table(key: str, xml):
    """(the decision table, None), or (None, the Dutch reason it cannot be read)."""
    try:
        root = read_dmn(xml)
        parser = SpiffBpmnParser(validator=VALIDATOR)
        parser.add_dmn_xml(root, filename=f"{key}.dmn")
        found = list(parser.dmn_parsers)
        if found != [key]:
            return None, f"de beslissing in het bestand heet '{found[0] if found else ''}', niet '{key}'."
        parser.dmn_parsers[key].parse()
        tables = parser.dmn_parsers[key].decision.decisionTables
        if not tables:
            return None, "de beslissing heeft geen beslistabel (decisionTable)."
        tables[0].name = parser.dmn_parsers[key].decision.name or tables[0].name
        return tables[0], None
    except InvalidModel as exc:
        return None, str(exc)
    except ValidationException as exc:
        line = f" (regel {exc.line_number})" if isinstance(exc.line_number, int) else ""
        return None, f"het voldoet niet aan het DMN-schema{line}: {str(exc).strip()}"
    except (SpiffWorkflowException, etree.LxmlError, KeyError, IndexError, AttributeError, ValueError) as exc:
        return None, f"{type(exc).__name__}: {exc}."
