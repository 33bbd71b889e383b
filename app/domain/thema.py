"""A gemeente's own look (NL Design System theme tokens): which tokens a gemeente may set, checked so
that a value can only ever be a colour, and the CSS custom properties they become.

The portal and the letters use the NL Design System "Voorbeeld" theme; a gemeente overrides a few of its
tokens (its brand colour, the accent under the page header and in the letters). Anything else stays the Voorbeeld
theme's. The accent is also a text colour on white (a 'meer' link) and the background of white text (the current
step), so it needs a contrast of 4.5:1 with white (WCAG 2.1 success criterion 1.4.3).

>>> round(contrast_with_white("#00689e"), 1)
6.0
>>> errors({"primary": "#ffcc00"})["primary"][:59]
'De kleur #ffcc00 is te licht: het contrast met wit is 1,5:1'
"""
import re

#: Our token name → the NL Design System custom properties it sets.
#: Only accents are themable: the Voorbeeld theme's text and button colours keep their checked contrast.
TOKENS = {
    "primary": ("--basis-color-accent-1-color-default", "--cumulus-gemeente-kleur"),
}
DEFAULT_PRIMARY = "#1a1a1a"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
#: WCAG 2.1 AA for normal text.
MIN_CONTRAST = 4.5


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of a #rrggbb colour with white (1 to 21)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def errors(thema: dict) -> dict[str, str]:
    """Dutch problems with a theme: unknown tokens, values that are not a #rrggbb colour."""
    out = {}
    for name, value in (thema or {}).items():
        if name not in TOKENS:
            out[name] = f"Onbekend thema-onderdeel '{name}'; kies uit: {', '.join(TOKENS)}."
        elif not isinstance(value, str) or not _COLOUR.fullmatch(value):
            out[name] = f"Vul bij '{name}' een kleur in als #rrggbb (bijvoorbeeld #00689e)."
        elif (ratio := contrast_with_white(value)) < MIN_CONTRAST:
            out[name] = (f"De kleur {value} is te licht: het contrast met wit is {ratio:.1f}:1".replace(".", ",")
                         + ", en tekst in deze kleur (of witte tekst erop) moet minstens 4,5:1 hebben. "
                         "Kies een donkerdere tint.")
    return out


def primary(thema: dict) -> str:
    """The gemeente's brand colour, for the letters; a value that is not a colour is never used."""
    value = (thema or {}).get("primary")
    return value if isinstance(value, str) and _COLOUR.fullmatch(value) else DEFAULT_PRIMARY


def css(thema: dict) -> str:
    """The custom properties of a theme as a :root rule (only checked colours reach it)."""
    lines = [f"  {prop}: {value};" for name, value in sorted((thema or {}).items())
             if name in TOKENS and isinstance(value, str) and _COLOUR.fullmatch(value)
             for prop in TOKENS[name]]
    return ":root {\n" + "\n".join(lines) + "\n}\n" if lines else ""
