"""Structured problems: what went wrong, where (element, line) and which rule/retourcode."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a message.

    `rule` is the official rule code (CS002, TR307 …) or a technical check (XML, XSD, SIZE,
    DTD, NAMESPACE, RELEASE, FILE). `retourcode` is what a retourbericht would carry; it is None for
    level-1 problems, which get no retourbericht but a StUF Fo01 (StUF055).
    """

    rule: str
    message: str
    line: int | None = None
    element: str | None = None
    retourcode: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "line ?"
        code = f" [{self.retourcode}]" if self.retourcode else ""
        elem = f" {self.element}:" if self.element else ""
        return f"{where}: {self.rule}{code}{elem} {self.message}"


class MessageError(ValueError):
    """Raised when bytes are not a valid iWmo/iJw message; carries the issues."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues[:5]))
