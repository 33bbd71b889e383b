"""Task forms: JSON Schema files in forms/, typed from HTML input, validated with a Dutch message per field."""
import json
from datetime import date
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker


class UnknownForm(LookupError):
    pass


@lru_cache(maxsize=128)
def _load(path: str, mtime: float) -> dict:
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


def load_form(forms_dir: Path, key: str) -> dict:
    """The JSON Schema of form `key` (a file name in forms/ without .json)."""
    if not key or "/" in key or "\\" in key or key.startswith("."):
        raise UnknownForm(f"Onbekend formulier '{key}'.")
    path = Path(forms_dir) / f"{key}.json"
    if not path.is_file():
        raise UnknownForm(f"Formulier '{key}' bestaat niet.")
    return _load(str(path), path.stat().st_mtime)


def choice_lists(schema: dict) -> dict[str, str]:
    """Field name → name of the keuzelijst (`x-keuzelijst`) that fills its options."""
    return {name: prop["x-keuzelijst"] for name, prop in schema.get("properties", {}).items()
            if "x-keuzelijst" in prop}


def coerce_html(schema: dict, raw) -> dict:
    """Turn submitted HTML form strings into typed values; empty fields are left out."""
    data = {}
    for name, prop in schema.get("properties", {}).items():
        kind = prop.get("type")
        if kind == "boolean":
            data[name] = raw.get(name) in ("on", "true", "1", "ja")
            continue
        value = (raw.get(name) or "").strip()
        if value == "":
            continue
        if kind in ("number", "integer"):
            data[name] = _number(value, kind)
        else:
            data[name] = value
    return data


def _number(value: str, kind: str):
    text = value.replace(" ", "").replace("€", "")
    if "," in text:  # Dutch notation: 1.234,50
        text = text.replace(".", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return value  # left as text; validation names the problem
    return int(number) if number.is_integer() else number  # "3" stays 3, not 3.0


def validate(schema: dict, data: dict, choices: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Validate typed data; return field name → Dutch message (empty when all is well)."""
    errors: dict[str, str] = {}
    props = schema.get("properties", {})
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        field = _field_of(error)
        if field not in errors:
            errors[field] = _message(error, field, props.get(field, {}))
    for field, list_name in choice_lists(schema).items():
        value = data.get(field)
        if value is not None and field not in errors and value not in (choices or {}).get(list_name, []):
            errors[field] = f"Kies bij '{_label(field, props.get(field, {}))}' een mogelijkheid uit de lijst."
    for field, prop in props.items():
        if prop.get("format") == "date" and isinstance(data.get(field), str) and field not in errors:
            try:
                date.fromisoformat(data[field])
            except ValueError:
                errors[field] = f"Vul bij '{_label(field, prop)}' een geldige datum in."
    return errors


def _field_of(error) -> str:
    if error.validator == "required":
        return error.message.split("'")[1]
    if error.validator == "additionalProperties":
        return "_formulier"
    return str(error.path[0]) if error.path else "_formulier"


def _label(field: str, prop: dict) -> str:
    return prop.get("title", field)


def _message(error, field: str, prop: dict) -> str:
    label = _label(field, prop)
    kind, value = error.validator, error.validator_value
    if kind == "required" and "x-fout" in error.schema:  # a rule's own words, e.g. why an if/then needs it
        return error.schema["x-fout"]
    if kind == "required" or (kind == "minLength" and value == 1):
        return f"Vul '{label}' in."
    if kind == "const" and value is True:
        return f"Vink '{label}' aan."
    if kind in ("oneOf", "enum", "const", "anyOf"):
        return f"Kies bij '{label}' een van de mogelijkheden."
    if kind == "type":
        return {"number": f"Vul bij '{label}' een getal in.", "integer": f"Vul bij '{label}' een heel getal in.",
                "boolean": f"Kies ja of nee bij '{label}'."}.get(value, f"'{label}' heeft een ongeldige waarde.")
    if kind == "format" and value == "date":
        return f"Vul bij '{label}' een geldige datum in."
    if kind == "maxLength":
        return f"'{label}' mag niet langer zijn dan {value} tekens."
    if kind == "minLength":
        return f"'{label}' moet minstens {value} tekens hebben."
    if kind in ("minimum", "exclusiveMinimum"):
        return f"'{label}' moet minimaal {value} zijn."
    if kind in ("maximum", "exclusiveMaximum"):
        return f"'{label}' mag maximaal {value} zijn."
    if kind == "pattern":
        return f"'{label}' heeft niet de juiste vorm."
    if kind == "additionalProperties":
        return "Het formulier bevat velden die niet bestaan: " + ", ".join(error.instance.keys() - prop.keys())
    return f"'{label}' is niet goed ingevuld."
