"""The BPMN linter: the server's one rule set, element by element (issue #10 point 3).

`lint_model(xml, context, decisions)` returns findings (rule, severity, element id and name, Dutch message, line);
a model with an error cannot be published, a warning may be. Each module here owns one group of rules:
schema.py (the XML and the error SpiffWorkflow would raise), lanes.py (human tasks in a role's lane),
forms.py (formKey), expressions.py (the sandbox and the compiler), references.py (operations and messages),
flow.py (reachable from a start, reaching an end), gateways.py (exclusive gateways that may find no way),
diagram.py (BPMN DI shapes), decisions.py (business rule tasks and their DMN tables). The context says what the platform has: forms, roles, operations, messages.
"""
from .model import Finding, LintContext, Model
from .run import lint_model, has_errors

__all__ = ["Finding", "LintContext", "Model", "lint_model", "has_errors"]
