"""The checks a task form (JSON Schema) passes before it is stored (#10 point 6): the text is JSON (else where
and what, in Dutch), the JSON is a valid Draft 2020-12 JSON Schema, every field has a Dutch label (`title`) and a
type the task page can draw, and every keuzelijst it names exists. Pure: no Flask, no database.

>>> check_form_text('{"title": "Test", "type": "object", "properties": {"a": {"type": "string"}}}')[1]
{'a': "Het veld 'a' heeft geen label: geef het een 'title' in het Nederlands, zoals de medewerker het leest."}
"""
import json
import re

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from .json_fouten import json_error

#: The keuzelijsten the task page fills from the zaak (services/lookups.choices_for).
KEUZELIJSTEN = {"producten": "de producten van het domein van de zaak",
                "aanbieders": "de gecontracteerde aanbieders van de gemeente"}
#: The field types the task page draws (app/web/form_fields.py).
FIELD_TYPES = ("string", "number", "integer", "boolean")
#: The longest form text accepted (the shipped forms are 1–5 kB).
MAX_CHARS = 100_000
#: A form key: what a user task's formKey names and the URL carries.
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,99}$")
#: A field name: the key of the task data the model reads.
FIELD_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,99}$")
#: Words common in English form labels that are no Dutch words: a label made of them is not yet translated.
ENGLISH_WORDS = frozenset({
    "name", "date", "description", "amount", "comment", "comments", "reason", "remarks", "explanation", "approved",
    "decision", "yes", "no", "choose", "select", "enter", "field", "title", "first", "last", "birth", "phone",
    "address", "city", "country", "please", "the", "of", "and", "summary", "urgent", "notes", "outcome", "result"})
#: The field the problems of the whole text are named under.
WHOLE = "_schema"


def check_form_text(text: str) -> tuple[dict | None, dict[str, str]]:
    """(schema, problems): the parsed schema when the text passes every check, else None and field → Dutch
    message (WHOLE for the text as a whole)."""
    if not text or not text.strip():
        return None, {WHOLE: "Het formulier is leeg. Schrijf een JSON Schema met een titel en velden."}
    if len(text) > MAX_CHARS:
        return None, {WHOLE: f"Het formulier is {len(text)} tekens; een formulier mag hoogstens {MAX_CHARS} tekens zijn."}
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, {WHOLE: f"Dit is geen geldige JSON: {json_error(exc, 'het formulier')}."}
    except RecursionError:
        return None, {WHOLE: "Het formulier is te diep genest om te lezen."}
    if not isinstance(schema, dict):
        return None, {WHOLE: "Een formulier is één JSON-object ({ … }) met een titel en velden."}
    try:
        Draft202012Validator.check_schema(schema)
    except RecursionError:
        return None, {WHOLE: "Het formulier is te diep genest om te controleren."}
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.path) or "het begin"
        return None, {WHOLE: f"Dit is geen geldig JSON Schema (Draft 2020-12): bij {where}: {_schema_problem(exc)}"}
    problems = _form_problems(schema)
    return (None, problems) if problems else (schema, {})


def _schema_problem(exc: SchemaError) -> str:
    kind, value = exc.validator, exc.validator_value
    if kind == "type":
        kinds = value if isinstance(value, list) else [value]
        return "de waarde " + json.dumps(exc.instance, ensure_ascii=False)[:80] + " moet van het soort " + \
            " of ".join(_KIND_NL.get(k, k) for k in kinds) + " zijn."
    if kind == "enum":
        return "de waarde " + json.dumps(exc.instance, ensure_ascii=False)[:80] + " is niet toegestaan; kies uit " + \
            ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "."
    if kind == "minimum":
        return f"de waarde moet minstens {value} zijn."
    if kind in ("uniqueItems",):
        return "elke waarde mag maar één keer in de lijst staan."
    return f"de regel '{kind}' van het meta-schema klopt niet."


_KIND_NL = {"string": "tekst", "object": "object", "array": "lijst", "integer": "heel getal", "number": "getal",
            "boolean": "ja/nee (true of false)", "null": "null"}


def _form_problems(schema: dict) -> dict[str, str]:
    problems: dict[str, str] = {}
    if _label_problem(schema.get("title")) is not None:
        problems[WHOLE] = "Geef het formulier een titel ('title') in het Nederlands, zoals de medewerker het leest."
    if schema.get("type") != "object" or not isinstance(schema.get("properties"), dict) or not schema["properties"]:
        problems[WHOLE] = "Een formulier heeft \"type\": \"object\" en minstens één veld onder 'properties'."
        return problems
    props = schema["properties"]
    for name, prop in props.items():
        if problem := _field_problem(name, prop):
            problems[name] = problem
    missing = [name for name in schema.get("required", []) if name not in props]
    if missing:
        problems.setdefault(WHOLE, "Onder 'required' staan velden die het formulier niet heeft: " +
                            ", ".join(missing) + ".")
    return problems


def _field_problem(name: str, prop) -> str | None:
    if not FIELD_PATTERN.match(name):
        return (f"De veldnaam '{name[:60]}' kan niet: gebruik kleine letters, cijfers en _, beginnend met een "
                "letter (de naam is technisch; het label staat in 'title').")
    if not isinstance(prop, dict):
        return f"Het veld '{name}' moet een object zijn met minstens 'type' en 'title'."
    problem = _label_problem(prop.get("title"))
    if problem == "ontbreekt":
        return f"Het veld '{name}' heeft geen label: geef het een 'title' in het Nederlands, zoals de medewerker het leest."
    if problem:
        return f"Het label van veld '{name}' {problem}"
    if prop.get("type") not in FIELD_TYPES:
        return (f"Het veld '{name}' heeft soort {json.dumps(prop.get('type'))}; de taakpagina toont alleen "
                "\"string\" (tekst, datum, keuze), \"number\", \"integer\" en \"boolean\" (ja/nee).")
    if "x-keuzelijst" in prop and prop["x-keuzelijst"] not in KEUZELIJSTEN:
        known = " of ".join(f"'{k}' ({v})" for k, v in KEUZELIJSTEN.items())
        return f"Het veld '{name}' noemt keuzelijst '{prop['x-keuzelijst']}', maar die bestaat niet. Kies {known}."
    for option in prop.get("oneOf", []):
        if isinstance(option, dict) and "const" in option and _label_problem(option.get("title")):
            return (f"De keuze {json.dumps(option['const'], ensure_ascii=False)} van veld '{name}' heeft geen "
                    "Nederlandse 'title'; die leest de medewerker bij het rondje of in de lijst.")
    return None


def _label_problem(title) -> str | None:
    """None when `title` is a usable Dutch label; else 'ontbreekt' or why it is not (a sentence ending)."""
    if not isinstance(title, str) or not title.strip():
        return "ontbreekt"
    if len(title) > 200:
        return "is langer dan 200 tekens; zet de uitleg in 'description'."
    if "_" in title:
        return f"'{title[:60]}' is een technische naam; schrijf het label in gewone woorden."
    words = re.findall(r"[a-zA-Z]+", title.lower())
    if words and all(word in ENGLISH_WORDS for word in words):
        return f"'{title[:60]}' lijkt Engels; schrijf het label in het Nederlands."
    return None
