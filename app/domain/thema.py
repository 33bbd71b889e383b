"""A gemeente's own look (NL Design System theme tokens): which tokens a gemeente may set, checked so
that a value can only ever be a colour, and the CSS custom properties they become.

The portal and the letters use the NL Design System "Voorbeeld" theme; a gemeente overrides a few of its
tokens (its brand colour, the accent under the page header and in the letters). Anything else stays the Voorbeeld
theme's."""
import re

#: Our token name → the NL Design System custom properties it sets.
#: Only accents are themable: the Voorbeeld theme's text and button colours keep their checked contrast.
TOKENS = {
    "primary": ("--basis-color-accent-1-color-default", "--cumulus-gemeente-kleur"),
}
DEFAULT_PRIMARY = "#1a1a1a"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def errors(thema: dict) -> dict[str, str]:
    """Dutch problems with a theme: unknown tokens, values that are not a #rrggbb colour."""
    out = {}
    for name, value in (thema or {}).items():
        if name not in TOKENS:
            out[name] = f"Onbekend thema-onderdeel '{name}'; kies uit: {', '.join(TOKENS)}."
        elif not isinstance(value, str) or not _COLOUR.fullmatch(value):
            out[name] = f"Vul bij '{name}' een kleur in als #rrggbb (bijvoorbeeld #00689e)."
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
