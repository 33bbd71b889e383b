"""Rules `form-missing` and `form-unknown`: a task that waits for a person names its form (the spiffworkflow
property `formKey`), and that form exists in forms/ — without it the task page has nothing to show."""
from .model import ERROR, HUMAN_TASKS, NS, Finding, Model, label, local


def form_key(task) -> str | None:
    for prop in task.iterfind("bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", NS):
        if prop.get("name") == "formKey":
            return (prop.get("value") or "").strip()
    return None


def check_forms(model: Model, forms: frozenset) -> list[Finding]:
    findings = []
    for task in model.flow_nodes():
        if local(task) not in HUMAN_TASKS:
            continue
        key = form_key(task)
        if not key:
            findings.append(model.finding(
                "form-missing", ERROR, task, f"Taak {label(task)} heeft geen formulier. Kies een formulier "
                "(eigenschap formKey) uit de formulieren van het platform."))
        elif key not in forms:
            findings.append(model.finding(
                "form-unknown", ERROR, task, f"Taak {label(task)} gebruikt formulier '{key}', maar dat formulier "
                "bestaat niet. Kies een bestaand formulier of maak het eerst aan."))
    return findings
