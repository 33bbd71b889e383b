"""Task instructions (the BPMN documentation of a user task) as shown on the task page: the pages they name
("… komen in de open betaalbatch onder Betalingen") become links, for users the policy lets open them."""
import re

from flask import url_for
from flask_login import current_user
from markupsafe import Markup, escape

from ..domain import policy

#: Page name as instructions write it → (endpoint, the policy action that opens it).
PAGES = {"Betalingen": ("betalingen.index", "betalingen.bekijken")}
_NAMES = re.compile(r"\b(" + "|".join(map(re.escape, PAGES)) + r")\b")


def instructie(text: str | None) -> Markup:
    """The instruction text, escaped, with each page it names linked (once per page)."""
    linked: set[str] = set()

    def link(match: re.Match) -> str:
        name = match.group(1)
        endpoint, action = PAGES[name]
        if name in linked or not policy.decide(current_user, action):
            return str(escape(name))
        linked.add(name)
        return f'<a class="utrecht-link" href="{escape(url_for(endpoint))}">{escape(name)}</a>'

    parts, last = [], 0
    source = text or ""
    for match in _NAMES.finditer(source):
        parts.append(str(escape(source[last:match.start()])))
        parts.append(link(match))
        last = match.end()
    parts.append(str(escape(source[last:])))
    return Markup("".join(parts))
