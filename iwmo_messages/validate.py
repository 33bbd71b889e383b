"""Level 1 of the four controleniveaus: safe load, message identification and XSD validation."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .errors import Issue, MessageError
from .models import Message
from .parse import from_tree, identify
from .safexml import MAX_BYTES, Source, load
from .schemas import message_schema
from .spec import message_name
from .xsd import schema_issues


@dataclass(slots=True)
class ValidationResult:
    """Outcome of `validate()`: the message type, the XSD issues and, when valid, the object."""

    standaard: str | None
    nummer: str | None
    issues: list[Issue] = field(default_factory=list)
    message: Message | None = None

    @property
    def valid(self) -> bool:
        return not self.issues

    @property
    def message_type(self) -> str:
        """E.g. 'WMO301' or 'JW323'; '?' when the message could not be identified."""
        if self.standaard and self.nummer:
            return message_name(self.standaard, self.nummer)
        return "?"


def validate(source: Source, max_bytes: int = MAX_BYTES) -> ValidationResult:
    """Load `source` safely, identify it and validate it against its official XSD.

    Never raises for bad input: every problem is an Issue in the result.
    """
    return validate_tree(source, max_bytes)[0]


def validate_tree(source: Source, max_bytes: int = MAX_BYTES) -> tuple[ValidationResult, etree._Element | None]:
    """`validate()`, also returning the loaded root element (None when the XML did not load),
    for callers that locate faults in the document (report.py)."""
    standaard = nummer = root = None
    try:
        root = load(source, max_bytes).getroot()
        standaard, nummer = identify(root)
        issues = schema_issues(message_schema(standaard, nummer), root)
        if issues:
            return ValidationResult(standaard, nummer, issues), root
        return ValidationResult(standaard, nummer, [], from_tree(root)), root
    except MessageError as exc:
        return ValidationResult(standaard, nummer, exc.issues), root
    except OSError as exc:  # a path or file that cannot be read
        return ValidationResult(standaard, nummer, [Issue("FILE", str(exc))]), root
    except ValueError as exc:  # a value the XSD admits but Python cannot read
        return ValidationResult(standaard, nummer, [Issue("XML", str(exc))]), root


def parse(source: Source, max_bytes: int = MAX_BYTES) -> Message:
    """Return the message object of a valid message; raise MessageError otherwise."""
    result = validate(source, max_bytes)
    if result.message is None:
        raise MessageError(result.issues)
    return result.message
