"""iwmo_messages: build, parse, validate and answer iWmo 3.2 and iJw 3.2 messages.

Standalone (stdlib, lxml, python-stdnum). The public API:

    parse(source) -> Message              # safe load + XSD; raises MessageError(issues)
    validate(source) -> ValidationResult  # never raises; .valid, .issues, .message
    to_xml(message) -> bytes              # UTF-8, XSD-validated before it is returned
    check_rules(message, context=None) -> list[RuleResult]
    build_retour(message, results) -> bytes    # 302/306/308/316/318/320/325
    wrap_di01 / unwrap_di01 / du01 / fo01       # StUF-GGk 0210 transport envelope

`source` is bytes, a path or a binary file; input over 25 MB is refused before parsing.
Message classes are `BerichtNNN` (one per message number, shared by iWmo and iJw; the
`standaard` field says which). See README.md in this folder for an example.
"""
from .build import to_xml
from .errors import Issue, MessageError
from .models import MESSAGE_CLASSES, Message
from .validate import ValidationResult, parse, validate

__all__ = [
    "Issue", "MESSAGE_CLASSES", "Message", "MessageError", "ValidationResult",
    "parse", "to_xml", "validate",
]
