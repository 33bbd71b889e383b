"""The JSON parser's messages in Dutch, for a procesontwerper who types JSON on a page (a task form in the form
editor, a scenario of the proefrit): where the text goes wrong and what is wrong there."""
import json

#: The start of json.JSONDecodeError.msg → what it means in Dutch ({what}: the thing being typed).
JSON_FOUTEN = (("Expecting property name", "hier hoort een naam tussen dubbele aanhalingstekens (staat er een komma "
                                           "te veel?)"),
               ("Expecting value", "hier hoort een waarde"), ("Expecting ',' delimiter", "hier hoort een komma"),
               ("Expecting ':' delimiter", "hier hoort een dubbele punt"),
               ("Unterminated string", "een tekst zonder afsluitend aanhalingsteken"),
               ("Invalid control character", "een regeleinde of tab midden in een tekst"),
               ("Invalid \\escape", "een backslash die hier niet mag"),
               ("Extra data", "na het einde van {what} staat nog tekst"))


def json_error(exc: json.JSONDecodeError, what: str) -> str:
    """'regel L, kolom K: <why>' for a parse error of `what` (e.g. 'het formulier', 'het scenario')."""
    why = next((dutch for start, dutch in JSON_FOUTEN if exc.msg.startswith(start)), "de tekst klopt hier niet")
    return f"regel {exc.lineno}, kolom {exc.colno}: {why.format(what=what)}"
