"""Run every rule over one BPMN file; findings sorted errors first, then by line."""
from .decisions import check_decisions, valid_decisions
from .diagram import check_diagram
from .expressions import check_expressions
from .flow import check_flow
from .forms import check_forms
from .gateways import check_gateways
from .lanes import check_lanes
from .model import ERROR, Finding, LintContext
from .references import check_messages, check_operations
from .schema import check_schema, read_xml


def lint_model(xml: bytes, context: LintContext, decisions: dict | None = None) -> list[Finding]:
    """All findings for `xml` with its DMN tables ({decision id: XML}); a file that is no (safe) XML gets that one
    finding only."""
    model, findings = read_xml(xml)
    if model is None:
        return findings
    findings = [
        *check_schema(model, xml, valid_decisions(decisions)),
        *check_decisions(model, decisions),
        *check_lanes(model, context.lanes),
        *check_forms(model, context.forms),
        *check_expressions(model),
        *check_operations(model, context.operations),
        *check_messages(model, context.messages),
        *check_flow(model),
        *check_gateways(model),
        *check_diagram(model),
    ]
    return sorted(findings, key=lambda f: (f.severity != ERROR, f.line or 0, f.rule))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
