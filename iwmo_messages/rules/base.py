"""Rule results, the rule registry and the runner behind `check_rules()`.

A rule is a small generator function registered with `@rule(code, retourcode, level, messages)`;
it yields `(target, element, text)` for each fault, where `target` is the message part
(Header, Client, Prestatie …) whose RetourCodes must carry the retourcode.

A rule about each item of a long list (e.g. each Prestatie of a declaratie) is registered with
`each=items`: `items(message, context)` yields the items (with what the rules need of them, such
as the toewijzing) and the rule is `check(items, message, context, today)`, looping over them.
The runner collects the items once for all rules sharing the same `items`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable

from ..collector import collector_paused
from ..models import Message

#: The controleniveaus (IV032/IV088). Level 1 (XSD) is handled by validate().
IN_MESSAGE, CROSS_MESSAGE, EXTERNAL = 2, 3, 4
#: Level-2 faults are reported with this retourcode, on the Header only.
XSLT_RETOURCODE = "0001"


@dataclass(frozen=True, slots=True)
class RuleResult:
    """A rule that failed: the official code, the retourcode and where it belongs."""

    rule: str
    retourcode: str
    level: int
    element: str
    message: str
    line: int | None
    target: Any  # the message part the retourcode belongs on

    def __str__(self) -> str:
        return f"line {self.line or '?'}: {self.rule} [{self.retourcode}] {self.element}: {self.message}"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    retourcode: str
    level: int
    messages: frozenset[str]
    needs_context: bool
    check: Callable[..., Any]
    each: Callable[..., Iterable[Any]] | None = None  # per-item rule: yields the items
    #: The RuleContext methods the rule asks beyond the protocol's own: it runs only with a context
    #: that has them all (the caller opts in to such a rule by providing the data).
    needs: tuple[str, ...] = ()


RULES: list[Rule] = []


def rule(code: str, retourcode: str, level: int, messages: Iterable[str],
         needs_context: bool = False, each: Callable[..., Iterable[Any]] | None = None,
         needs: tuple[str, ...] = ()) -> Callable:
    """Register a rule function `check(message, context, today)` yielding faults, or with
    `each`, `check(items, message, context, today)` yielding the faults of those items. With
    `needs`, the rule runs only when the context has those (optional) methods."""
    def register(check: Callable[..., Any]) -> Callable:
        RULES.append(Rule(code, retourcode, level, frozenset(messages), needs_context or bool(needs), check, each,
                          tuple(needs)))
        return check
    return register


def rules_for(nummer: str) -> list[Rule]:
    """Return the registered rules that apply to a message number."""
    return [r for r in RULES if nummer in r.messages]


def check_rules(message: Message, context: Any = None, today: date | None = None) -> list[RuleResult]:
    """Run every rule for `message`; return the failures.

    `context` (a `RuleContext`) supplies what earlier messages said; without it the
    cross-message rules (level 3) are skipped, and a rule that `needs` an optional method runs only
    when the context has it. `today` defaults to the system date.
    """
    today = today or (context.today if context is not None else date.today())
    rules = [r for r in rules_for(message.NUMMER) if context is not None or not r.needs_context]
    if context is not None:
        rules = [r for r in rules if all(hasattr(context, name) for name in r.needs)]
    with collector_paused():  # short-lived items and paths, no cycles: nothing to collect
        return _run(rules, message, context, today)


def _run(rules: list[Rule], message: Message, context: Any, today: date) -> list[RuleResult]:
    """Run `rules`; return the failures in rule order."""
    items_of: dict[Callable, list] = {}  # per `each`: its items, collected once
    lines = message.source_lines
    out = []
    for r in rules:
        if r.each is None:
            found = r.check(message, context, today)
        else:
            if r.each not in items_of:
                items_of[r.each] = list(r.each(message, context))
            found = r.check(items_of[r.each], message, context, today)
        retourcode = XSLT_RETOURCODE if r.level == IN_MESSAGE else r.retourcode
        for target, element, text in found:
            out.append(RuleResult(r.code, retourcode, r.level, element, text, lines.get(id(target)), target))
    return out
