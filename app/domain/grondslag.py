"""The legal-basis sentence of a beschikking (Awb 3:47 lid 1: a besluit names the rule it rests on), written
so that it reads as Dutch whatever the consulent typed in 'Wettelijke grondslag'.

>>> grondslag_zin("Art. 2.3.5 Wmo 2015.", "wmo", "Gemeente Woerden")
'Wij nemen dit besluit op grond van artikel 2.3.5 Wmo 2015 en de Verordening maatschappelijke ondersteuning Woerden.'
>>> grondslag_zin("art. 2.3 Jeugdwet; art. 4 Verordening jeugdhulp Woerden 2025", "jeugd", "Gemeente Woerden")
'Wij nemen dit besluit op grond van artikel 2.3 Jeugdwet en artikel 4 Verordening jeugdhulp Woerden 2025.'
>>> grondslag_zin("", "wmo", "Gemeente Oudewater")
'Wij nemen dit besluit op grond van de Wet maatschappelijke ondersteuning 2015 en de Verordening maatschappelijke ondersteuning Oudewater.'
"""
import re

VERORDENING = {"wmo": "Verordening maatschappelijke ondersteuning", "jeugd": "Verordening jeugdhulp"}
WET = {"wmo": "de Wet maatschappelijke ondersteuning 2015", "jeugd": "de Jeugdwet"}

_ARTIKEL = re.compile(r"\b(?:art\.?|artikel)(?=\s|\d)\s*", re.IGNORECASE)


def grondslag_zin(grondslag: str | None, domein: str, gemeente_naam: str) -> str:
    """One sentence: the articles the consulent named, and the gemeente's verordening unless they named it."""
    parts = [_artikel(p) for p in re.split(r"\s*[;\n]\s*", (grondslag or "").strip()) if p.strip(" .;,")]
    plaats = re.sub(r"^gemeente\s+", "", gemeente_naam or "", flags=re.IGNORECASE).strip()
    if not any("verordening" in p.lower() for p in parts):
        parts.append(f"de {VERORDENING.get(domein, 'verordening')} {plaats}".strip())
    if len(parts) == 1:
        parts.insert(0, WET.get(domein, "de wet"))
    opsomming = ", ".join(parts[:-1]) + " en " + parts[-1]
    return f"Wij nemen dit besluit op grond van {opsomming}."


def _artikel(text: str) -> str:
    """'Art. 2.3.5 Wmo 2015.' → 'artikel 2.3.5 Wmo 2015'."""
    return _ARTIKEL.sub("artikel ", text.strip(" .;,"), count=0).strip()
