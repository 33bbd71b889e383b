"""Beslistabellen (DMN, #10 point 7): the decision tables a business rule task runs, read with SpiffWorkflow's DMN
parser and run by its DMN engine, every cell evaluated by our sandboxed script engine (sandbox.py).

A process version carries its tables as {decision id: DMN XML}, one decision per DMN document (SpiffWorkflow
reads one decision table per file). SpiffWorkflow 3.2 implements the hit policies UNIQUE (as the first matching
rule) and COLLECT; FIRST is added here (the first matching rule, and later rules are not evaluated), so that a
table reads top to bottom as a procesontwerper expects. A cell that fails names its task, rule and column in Dutch.
"""
import ast
import re
from dataclasses import dataclass

from lxml import etree
from SpiffWorkflow.dmn.engine.DMNEngine import DMNEngine
from SpiffWorkflow.dmn.parser.BpmnDmnParser import SCHEMAS

from .errors import InvalidModel, ScriptError
from .failures import cause_of, task_label

DMN_NAMESPACES = frozenset(SCHEMAS)
#: The hit policies the engine runs.
HIT_POLICIES = ("UNIQUE", "FIRST", "COLLECT")
#: The largest DMN document accepted (a table of a few hundred rules is some 200 kB).
MAX_DMN_BYTES = 1024 * 1024
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, dtd_validation=False, load_dtd=False,
                            huge_tree=False, remove_comments=True)
_BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
_SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
_QUESTION = re.compile(r'(\?)(?=(?:[^\'"]|[\'"][^\'"]*[\'"])*$)')


@dataclass(frozen=True)
class Cell:
    """One cell of a table as the engine will evaluate it."""

    rule: int
    column: str
    #: The DMN id of the cell (inputEntry/outputEntry), for the editor.
    cell_id: str
    #: The Python the engine evaluates for it.
    source: str


def read_dmn(xml: bytes | str):
    """The root element of a DMN document, parsed safely; InvalidModel (Dutch) when it is none."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    if len(data) > MAX_DMN_BYTES:
        raise InvalidModel(f"De beslistabel is {len(data) / 1024:.0f} kB; een beslistabel mag hoogstens 1 MB zijn.")
    try:
        root = etree.fromstring(data, _SAFE_XML)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InvalidModel(f"De beslistabel is geen geldige XML: {exc}") from exc
    if root.getroottree().docinfo.internalDTD:
        raise InvalidModel("De beslistabel bevat een DTD; dat is niet toegestaan.")
    if etree.QName(root).localname != "definitions" or etree.QName(root).namespace not in DMN_NAMESPACES:
        raise InvalidModel("Het bestand is geen DMN-beslistabel (dmn:definitions van DMN 1.1, 1.2 of 1.3).")
    decisions = [e for e in root if isinstance(e.tag, str) and etree.QName(e).localname == "decision"]
    if len(decisions) != 1 or not decisions[0].get("id"):
        raise InvalidModel(f"Een DMN-bestand moet precies één beslissing (decision) met een id bevatten, "
                           f"niet {len(decisions)}.")
    return root


def decision_id(xml: bytes | str) -> str:
    """The id of the one decision in a DMN document."""
    return _decision(xml).get("id")


def decision_name(xml: bytes | str) -> str:
    """The name of the one decision in a DMN document (its id when it has none)."""
    decision = _decision(xml)
    return decision.get("name") or decision.get("id")


def _decision(xml):
    return next(e for e in read_dmn(xml) if isinstance(e.tag, str) and etree.QName(e).localname == "decision")


def called_decisions(xml: bytes) -> set[str]:
    """The decision ids the business rule tasks of the BPMN `xml` call (empty for a file that is no XML)."""
    try:
        root = etree.fromstring(xml, _SAFE_XML)
    except (etree.XMLSyntaxError, ValueError):
        return set()
    found = root.iterfind(".//{%s}businessRuleTask/{%s}extensionElements/{%s}calledDecisionId"
                          % (_BPMN, _BPMN, _SPIFF))
    return {(node.text or "").strip() for node in found if (node.text or "").strip()}


def add_decisions(parser, decisions: dict | None) -> None:
    """Give `parser` (a SpiffBpmnParser) the DMN documents of a model, each under its decision id."""
    for key, xml in sorted((decisions or {}).items()):
        root = read_dmn(xml)
        parser.add_dmn_xml(root, filename=f"{key}.dmn")


def run_first_hit(task_specs) -> None:
    """Give every business rule task among `task_specs` our DMN engine (FIRST, and errors that name the rule)."""
    for spec in task_specs:
        engine = getattr(spec, "dmnEngine", None)
        if engine is not None and not isinstance(engine, CumulusDMNEngine):
            spec.dmnEngine = CumulusDMNEngine(engine.decision_table)


class CumulusDMNEngine(DMNEngine):
    """SpiffWorkflow's DMN engine with FIRST (stops at the first hit) and Dutch errors naming task, rule, column."""

    def decide(self, task):
        table, matched = self.decision_table, []
        for rule in table.rules:
            if self._matches(rule, task):
                matched.append(rule)
                if table.hit_policy in ("UNIQUE", "FIRST"):
                    break
        return matched

    def result(self, task):
        table = self.decision_table
        if table.hit_policy not in HIT_POLICIES:
            raise ScriptError(f"Beslistabel '{_table_label(table)}' heeft beslisregel (hit policy) "
                              f"'{table.hit_policy}'; de procesengine kent alleen {', '.join(HIT_POLICIES)}.")
        matched = self.decide(task)
        if table.hit_policy == "COLLECT":
            result = {}
            for rule in matched:
                for key, value in self._outputs(rule, task).items():
                    result.setdefault(key, []).append(value)
            return result
        return self._outputs(matched[0], task) if matched else {}

    def _matches(self, rule, task) -> bool:
        for entry in rule.inputEntries:
            for lhs in entry.lhs:
                if lhs is None:
                    continue
                expression = entry.input.expression or repr(task.data.get(entry.input.label))
                try:
                    if not self.evaluate(expression, lhs, task):
                        return False
                except Exception as exc:
                    raise self._failed(task, rule, entry.input.label or expression, lhs, exc) from exc
        return True

    def _outputs(self, rule, task) -> dict:
        try:
            return rule.output_as_dict(task)
        except Exception as exc:
            raise self._failed(task, rule, "uitkomst", "", exc) from exc

    def _failed(self, task, rule, column: str, cell: str, exc: Exception) -> ScriptError:
        cause = getattr(exc, "cause", None)
        detail = cause_of(cause) if cause is not None else str(exc).rstrip(".")
        where = f" '{cell}'" if cell else ""
        error = ScriptError(f"De beslistabel van taak '{task_label(task)}' liep vast in regel {rule.row_number}, "
                            f"kolom '{column}'{where}: {detail}.")
        return error


def _table_label(table) -> str:
    return table.name or table.id


def cells(table) -> list[Cell]:
    """Every cell of `table` with the Python the engine evaluates for it (see DMNEngine.evaluate)."""
    found = []
    for rule in table.rules:
        for entry in rule.inputEntries:
            column = entry.input.label or entry.input.expression or entry.input.id
            for lhs in entry.lhs:
                if lhs is not None:
                    found.extend(Cell(rule.row_number, column, entry.id, source)
                                 for source in input_sources(entry.input.expression or "None", lhs))
        for entry in rule.outputEntries:
            if getattr(entry, "text", None):
                found.append(Cell(rule.row_number, entry.output.label or entry.output.name or entry.output.id,
                                  entry.id, entry.text))
    return found


def input_sources(input_expression: str, cell: str) -> list[str]:
    """What DMNEngine.evaluate evaluates for an input cell: the column's expression and the comparison."""
    if "dmninputexpr" in _QUESTION.sub("dmninputexpr", cell):
        return [input_expression, _QUESTION.sub("dmninputexpr", cell)]
    try:
        ast.parse(cell)  # DMNEngine.needs_eq: a cell that parses alone is compared with ==
        return [input_expression, f"({input_expression}) == ({cell})"]
    except SyntaxError:
        return [input_expression, input_expression + cell]
