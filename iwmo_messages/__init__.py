"""iwmo_messages: build, parse, validate and answer iWmo 3.2 and iJw 3.2 messages.

Standalone (stdlib, lxml, python-stdnum). The public API:

    parse(source) -> Message              # safe load + XSD; raises MessageError(issues)
    validate(source) -> ValidationResult  # never raises; .valid, .issues, .message
    to_xml(message) -> bytes              # UTF-8, XSD-validated before it is returned
    check_rules(message, context=None) -> list[RuleResult]
    build_retour(message, results) -> bytes    # 302/306/308/316/318/320/325
    wrap_di01 / unwrap_di01 / du01 / fo01       # StUF-GGk 0210 transport envelope
    iwmo_messages.aanbieder                     # an aanbieder's 302/305/307/323, built from the 301 it got

`source` is bytes, a path or a binary file; input over 25 MB is refused before parsing.
Message classes are `BerichtNNN` (one per message number, shared by iWmo and iJw; the
`standaard` field says which). Typical receiving flow:

    env = unwrap_di01(envelope_bytes)
    result = validate(env.payload)
    if not result.valid:                       # controleniveau 1
        answer = fo01(env, me, result.issues)
    else:
        results = check_rules(result.message, my_context)   # levels 2-4
        answer = du01(build_retour(result.message, results), env, me)
"""
from .build import to_xml
from .envelope import Envelope, Systeem, du01, fo01, unwrap, unwrap_di01, wrap_di01
from .errors import Issue, MessageError
from .models import MESSAGE_CLASSES, Message
from .retour import RetourOptions, build_retour, make_retour
from .rules.base import RuleResult, check_rules
from .rules.context import MemoryContext, OptionalContext, RuleContext, StopInfo, ToewijzingInfo
from .validate import ValidationResult, parse, validate

__all__ = [
    "Envelope", "Issue", "MESSAGE_CLASSES", "MemoryContext", "Message", "MessageError", "OptionalContext",
    "RetourOptions", "RuleContext", "RuleResult", "StopInfo", "Systeem", "ToewijzingInfo", "ValidationResult",
    "build_retour", "check_rules", "du01", "fo01", "make_retour", "parse", "to_xml", "unwrap",
    "unwrap_di01", "validate", "wrap_di01",
]
