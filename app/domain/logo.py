"""A gemeente's logo as the beheerder uploads it: PNG only (an SVG is a document that can carry scripts and links,
so it is refused rather than cleaned), at most 512 KB and 2000 × 2000 pixels, read from the bytes by Pillow —
never from the name — and written anew, so that nothing but the picture itself (no text chunks, nothing after
its end) is stored and shown in the portal and the letters.

>>> check_logo("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")[1][:40]
'Een SVG-logo wordt niet aangenomen: een '
>>> check_logo("logo.png", b"%PDF-1.7 ...")[1]
"Het bestand 'logo.png' is geen PNG-afbeelding (het is een PDF). Kies een logo als PNG-bestand."
"""
import io
import re

from PIL import Image, UnidentifiedImageError

from .uploads import real_type

MAX_BYTES = 512 * 1024
MAX_SIDE = 2000
MIN_SIDE = 16
SIGNATURE = b"\x89PNG\r\n\x1a\n"
_NAMES = {"application/pdf": "een PDF", "image/jpeg": "een JPG-foto", "image/gif": "een GIF-afbeelding",
          "image/svg+xml": "een SVG-tekening", "text/html": "een webpagina (HTML)", "application/zip": "een ZIP-archief"}


def _label(filename: str) -> str:
    return f"Het bestand '{filename[:60]}'" if filename else "Het bestand"


def check_logo(filename: str, data: bytes) -> tuple[str | None, str | None]:
    """('image/png', None) for a usable logo, else (None, a Dutch message for beside the field)."""
    base = re.split(r"[\\/]", filename or "")[-1].lower()
    if base.endswith(".svg") or data.lstrip()[:5].lower() in (b"<svg ", b"<?xml"):
        return None, ("Een SVG-logo wordt niet aangenomen: een SVG-bestand kan scripts en verwijzingen bevatten. "
                      "Sla het logo op als PNG en kies dat bestand.")
    if not data:
        return None, f"{_label(filename)} is leeg."
    if len(data) > MAX_BYTES:
        return None, f"{_label(filename)} is groter dan 512 KB. Maak het logo kleiner (het wordt hoogstens 6 cm breed)."
    if not data.startswith(SIGNATURE):
        what = _NAMES.get(real_type(data) or "")
        return None, f"{_label(filename)} is geen PNG-afbeelding{f' (het is {what})' if what else ''}. " \
                     "Kies een logo als PNG-bestand."
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if image.format != "PNG":
                raise UnidentifiedImageError(image.format)
            if max(width, height) <= MAX_SIDE:
                image.verify()
    except Exception:  # Pillow raises many kinds for a damaged file; each means the same to the beheerder
        return None, f"{_label(filename)} is beschadigd of geen echte PNG-afbeelding. Kies een ander bestand."
    if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
        return None, (f"Het logo is {width} × {height} pixels; het moet tussen {MIN_SIDE} en {MAX_SIDE} pixels "
                      "breed en hoog zijn.")
    return "image/png", None


def clean_png(data: bytes) -> bytes:
    """The logo written anew from its pixels (a checked PNG): no metadata, no bytes after the image."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a stored logo, in pixels."""
    with Image.open(io.BytesIO(data)) as image:
        return image.size
