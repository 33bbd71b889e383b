"""Marshmallow building blocks for API input that the database can hold: text without control characters or
lone surrogates, and ids within the stored range. Every input schema uses these, never bare String/Integer."""
from marshmallow import Schema, ValidationError, fields, validate

from ...domain.input import MAX_ID, text_problem

#: Dutch texts for marshmallow's standard field errors.
NL = {"required": "Dit veld is verplicht.", "null": "Dit veld mag niet leeg zijn.",
      "invalid": "Deze waarde heeft niet de juiste vorm."}


class SafeString(fields.String):
    """A string; one with a control character, a lone surrogate or a non-character is refused in Dutch."""

    def __init__(self, **kwargs):
        kwargs["error_messages"] = {**NL, "invalid": "Geef hier tekst.", **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        problem = text_problem(text, self.data_key or self.name)
        if problem:
            raise ValidationError(problem)
        return text


class Id(fields.Integer):
    """The id of a stored row: a whole number from 1 to PostgreSQL's integer maximum."""

    def __init__(self, **kwargs):
        message = f"Geef een nummer van 1 tot en met {MAX_ID}."
        kwargs["error_messages"] = {**NL, "invalid": message, **kwargs.get("error_messages", {})}
        super().__init__(strict=True, validate=validate.Range(1, MAX_ID, error=message), **kwargs)


class ApiSchema(Schema):
    """Input schemas refuse unknown fields, in Dutch."""

    error_messages = {"unknown": "Onbekend veld.", "type": "Stuur een JSON-object."}
