"""Task forms: JSON Schema files in forms/, typed from HTML input, validated with a Dutch message per field."""
import json
import math
from datetime import date
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from .deadlines import LAWS_IN_FORCE, format_date_nl
from .input import first_text_problem, text_problem

#: Every date in a task form lies under the Wmo 2015 or the Jeugdwet, and early enough that the legal
#: terms counted from it can be computed (with their holidays).
FIRST_DATE, LAST_DATE = LAWS_IN_FORCE, date(2099, 12, 31)


#: A field's own message for a missing answer, naming the question in plain words ("Kies wat er na de triage
#: gebeurt."); every field of every form in forms/ has one (tests/unit/domain/test_form_messages.py).
EMPTY_MESSAGE = "x-fout-leeg"


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


def with_choices(schema: dict, choices: dict[str, list[tuple[str, str]]]) -> dict:
    """A copy of `schema` in which every keuzelijst field lists its allowed values as `oneOf` const/title pairs
    (as the fixed choice fields do), so a client that only reads the schema can fill it in. An empty list
    gives an empty `enum`: nothing can be chosen yet."""
    copy = json.loads(json.dumps(schema))
    for name, list_name in choice_lists(schema).items():
        options = choices.get(list_name, [])
        prop = copy["properties"][name]
        if options:
            prop["oneOf"] = [{"const": value, "title": title} for value, title in options]
        else:
            prop["enum"] = []
    return copy


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
    if not math.isfinite(number):  # "nan", "inf", "1e400": no number to store
        return value
    return int(number) if number.is_integer() else number  # "3" stays 3, not 3.0


def validate(schema: dict, data: dict, choices: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Validate typed data; return field name → Dutch message (empty when all is well)."""
    errors: dict[str, str] = {}
    props = schema.get("properties", {})
    errors = unstorable_text(schema, data)  # text we cannot store is refused before anything else
    if errors:
        return errors
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
                day = date.fromisoformat(data[field])
            except ValueError:
                errors[field] = f"Vul bij '{_label(field, prop)}' een geldige datum in."
            else:
                if not FIRST_DATE <= day <= LAST_DATE:
                    errors[field] = (f"Vul bij '{_label(field, prop)}' een datum in vanaf "
                                     f"{format_date_nl(FIRST_DATE)} en vóór het jaar {LAST_DATE.year + 1}.")
    for field, prop in props.items():
        if "x-niet-voor" in prop and field not in errors and _before(data, field, prop["x-niet-voor"], errors):
            other = prop["x-niet-voor"]
            errors[field] = f"'{_label(field, prop)}' mag niet vóór '{_label(other, props.get(other, {}))}' liggen."
    return errors


def _before(data: dict, field: str, other: str, errors: dict) -> bool:
    """Whether date `field` lies before date `other` (both filled in and valid; `x-niet-voor`)."""
    if other in errors or not isinstance(data.get(field), str) or not isinstance(data.get(other), str):
        return False
    try:
        return date.fromisoformat(data[field]) < date.fromisoformat(data[other])
    except ValueError:
        return False


def unstorable_text(schema: dict, data: dict) -> dict[str, str]:
    """Field → Dutch message (by its label) for values or names holding a control character or lone surrogate."""
    props, errors = schema.get("properties", {}), {}
    for field, value in data.items():
        problem = first_text_problem(value, _label(field, props.get(field, {}))) or text_problem(field, "Een veldnaam")
        if problem:
            errors.setdefault(field if field in props and text_problem(field) is None else "_formulier", problem)
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
    if "x-fout" in error.schema:  # a rule's own words, e.g. why an if/then needs it
        return error.schema["x-fout"]
    missing = kind == "required" or (kind == "minLength" and value == 1) or (kind == "const" and value is True)
    if missing and prop.get(EMPTY_MESSAGE):  # the question in plain words: "Kies wat er na de triage gebeurt."
        return prop[EMPTY_MESSAGE]
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
