"""The demo's logo of Woerden: a word mark drawn with Pillow (a coloured shield with the initial, and the name in
the gemeente's colour) — not the gemeente's real logo, which is theirs. It shows the logo in the portal header and
the letters; Oudewater has none in the demo, so the beheerder sees on /beheer/gemeenten what an upload adds."""
import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .avg_pdf import FONT_DIRS


def _font(size: int):
    for folder in FONT_DIRS:
        path = Path(folder) / "DejaVuSans-Bold.ttf"
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def word_mark(naam: str, kleur: str) -> bytes:
    """A PNG about 480 × 120 on a transparent ground: a shield with the first letter, and the name beside it."""
    image = Image.new("RGBA", (480, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(8, 10), (88, 10), (88, 64), (48, 110), (8, 64)], fill=kleur)
    draw.text((48, 50), naam[:1].upper(), font=_font(52), fill="white", anchor="mm")
    draw.text((108, 60), naam, font=_font(52), fill=kleur, anchor="lm")
    out = io.BytesIO()
    image.crop(image.getbbox()).save(out, format="PNG", optimize=True)
    return out.getvalue()


def give_demo_logo(gemeente, naam: str) -> None:
    """Give the gemeente the drawn word mark, unless it has a logo of its own."""
    if gemeente.logo_sha256 or gemeente.logo:
        return
    png = word_mark(naam, (gemeente.thema or {}).get("primary", "#1a1a1a"))
    gemeente.logo_png, gemeente.logo_sha256 = png, hashlib.sha256(png).hexdigest()
