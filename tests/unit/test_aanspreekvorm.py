"""One form of address in every text a user reads (#18 point 5): Cumulus says 'u', never 'je', 'jij' or 'jouw'.
Scanned: every template, every form definition, the BPMN models (task names and instructions the consulent
reads) and the string literals of the Python code under app/ (flash messages, errors, mails)."""
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INFORMAL = re.compile(r"(?<![\w-])(je|jij|jou|jouw|jouwe|jullie)(?![\w-])", re.IGNORECASE)


def _texts():
    for path in sorted((ROOT / "app").rglob("*.html")):
        yield path, path.read_text(encoding="utf-8")
    for folder, pattern in (("forms", "*.json"), ("bpmn", "*.bpmn"), ("bpmn", "*.dmn")):
        for path in sorted((ROOT / folder).glob(pattern)):
            yield path, path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "app").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        strings = [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline)
                   if t.type == tokenize.STRING or t.type == getattr(tokenize, "FSTRING_MIDDLE", -1)]
        yield path, "\n".join(strings)


def test_every_text_says_u_never_je_jij_or_jouw():
    found = [f"{path.relative_to(ROOT)}: …{text[max(m.start() - 30, 0):m.end() + 30]}…"
             for path, text in _texts() for m in INFORMAL.finditer(text)]
    assert found == [], "\n".join(found)


def test_the_scan_finds_an_informal_word():
    assert INFORMAL.search("Leg je bevindingen vast") and INFORMAL.search("Jouw zaak")
    assert not INFORMAL.search("Jeugdwet, jeugdhulp, bijeenkomst en objecten")
