"""Turn a task form's JSON Schema into the field list the `render_fields` macro draws."""
from datetime import date

from ..domain.deadlines import format_date_nl

RADIO_MAX = 4


def fields_from_schema(schema: dict, values: dict, errors: dict, choices: dict[str, list[tuple[str, str]]]) -> list:
    """One field dict per schema property, with its value, hint, options and Dutch error."""
    required = set(schema.get("required", []))
    sometimes = _conditionally_required(schema)
    fields = []
    for name, prop in schema.get("properties", {}).items():
        options = _options(prop, choices)
        fields.append({
            "name": name,
            "label": prop.get("title", name),
            "hint": prop.get("description"),
            "widget": _widget(prop, options),
            "options": options,
            "required": name in required,
            #: required only with some answers (an if/then in the schema); its hint says when
            "sometimes_required": name in sometimes,
            "value": values.get(name, prop.get("default")),
            "error": errors.get(name),
            "step": "any" if prop.get("type") == "number" else None,
        })
    return fields


def _conditionally_required(schema: dict) -> set[str]:
    """Fields an if/then of the schema requires (e.g. the aanbieder, only with zorg in natura)."""
    branches = [schema, *schema.get("allOf", [])]
    return {name for branch in branches for name in branch.get("then", {}).get("required", [])}


def _options(prop: dict, choices: dict) -> list[tuple[str, str]]:
    if "x-keuzelijst" in prop:
        return choices.get(prop["x-keuzelijst"], [])
    if "oneOf" in prop:
        return [(str(o["const"]), o.get("title", str(o["const"]))) for o in prop["oneOf"] if "const" in o]
    if "enum" in prop:
        return [(str(v), str(v)) for v in prop["enum"]]
    return []


def _widget(prop: dict, options: list) -> str:
    if options:
        return "radio" if len(options) <= RADIO_MAX and "x-keuzelijst" not in prop else "select"
    if prop.get("type") == "boolean":
        return "checkbox"
    if prop.get("type") in ("number", "integer"):
        return "number"
    if prop.get("format") == "date":
        return "date"
    if prop.get("x-widget") == "textarea":
        return "textarea"
    if prop.get("format") == "email":
        return "email"
    return "text"


def describe(schema: dict, data: dict, choices: dict[str, list[tuple[str, str]]] | None = None) -> list:
    """(label, shown value) pairs of completed form data, in the form's order and words."""
    shown = []
    for name, prop in schema.get("properties", {}).items():
        if name not in data or data[name] in (None, ""):
            continue
        value = data[name]
        labels = dict(_options(prop, choices or {}))
        if prop.get("type") == "boolean":
            text = "ja" if value else "nee"
        elif prop.get("format") == "date" and _is_iso_date(value):
            text = format_date_nl(date.fromisoformat(str(value)))
        elif prop.get("type") == "number" and isinstance(value, (int, float)):
            text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".") if value % 1 else f"{value:g}"
        else:
            text = labels.get(str(value), str(value))
        shown.append((prop.get("title", name), text))
    return shown


def _is_iso_date(value) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True
