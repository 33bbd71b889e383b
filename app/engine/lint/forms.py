"""Rules `form-missing` and `form-unknown`: a task that waits for a person names its form (the spiffworkflow
property `formKey`), and that form exists in forms/ — without it the task page has nothing to show."""
from .model import ERROR, HUMAN_TASKS, NS, Finding, Model, label, local
from .schema import read_xml

_CAMUNDA_FORM_KEY = "{http://camunda.org/schema/1.0/bpmn}formKey"


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
            camunda = task.get(_CAMUNDA_FORM_KEY)
            hint = f" Het attribuut camunda:formKey ('{camunda}') leest het platform niet." if camunda else ""
            findings.append(model.finding(
                "form-missing", ERROR, task, f"Taak {label(task)} heeft geen formulier. Kies een formulier "
                f"(eigenschap formKey) uit de formulieren van het platform.{hint}"))
        elif key not in forms:
            findings.append(model.finding(
                "form-unknown", ERROR, task, f"Taak {label(task)} gebruikt formulier '{key}', maar dat formulier "
                "bestaat niet. Kies een bestaand formulier of maak het eerst aan."))
    return findings


def used_form_keys(xml: bytes) -> dict[str, list[str]]:
    """Form key → the names (else ids) of the tasks that use it, in the model's order; {} for no (safe) XML."""
    model, _ = read_xml(xml)
    used: dict[str, list[str]] = {}
    if model is None:
        return used
    for task in model.flow_nodes():
        if local(task) in HUMAN_TASKS and (key := form_key(task)):
            used.setdefault(key, []).append(task.get("name") or task.get("id") or "")
    return used


def form_keys_by_task(xml: bytes) -> dict[str, str]:
    """Task id → the form key it names, for the tasks that wait for a person; {} for no (safe) XML."""
    model, _ = read_xml(xml)
    if model is None:
        return {}
    return {task.get("id"): key for task in model.flow_nodes()
            if local(task) in HUMAN_TASKS and task.get("id") and (key := form_key(task))}
