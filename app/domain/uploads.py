"""Checks for a document an inwoner uploads: the type is read from the bytes themselves (never from
the name or the browser's say-so), the size is limited, and the stored name is made safe.

>>> sniff_type(b"%PDF-1.7 ...")
'application/pdf'
>>> safe_filename("../../etc/passwd.exe", "application/pdf")
'passwd.pdf'
"""
import re
import unicodedata

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5

#: Accepted types: (magic bytes at the start, extension, Dutch name).
TYPES = {
    "application/pdf": (b"%PDF-", "pdf", "PDF"),
    "image/jpeg": (b"\xff\xd8\xff", "jpg", "JPG-foto"),
    "image/png": (b"\x89PNG\r\n\x1a\n", "png", "PNG-afbeelding"),
}


def sniff_type(data: bytes) -> str | None:
    """The content type the bytes show, or None when it is not one we accept."""
    for content_type, (magic, _ext, _name) in TYPES.items():
        if data.startswith(magic):
            return content_type
    return None


def check_upload(filename: str, data: bytes) -> tuple[str | None, str | None]:
    """(content type, None) for an acceptable file, else (None, a Dutch message naming the problem)."""
    label = f"Het bestand '{filename[:60]}'" if filename else "Het bestand"
    if not data:
        return None, f"{label} is leeg."
    if len(data) > MAX_BYTES:
        return None, f"{label} is groter dan {MAX_BYTES // (1024 * 1024)} MB. Maak het kleiner of stuur het in delen."
    content_type = sniff_type(data)
    if content_type is None:
        return None, f"{label} is geen PDF, JPG of PNG. Alleen die soorten bestanden kunt u meesturen."
    return content_type, None


def safe_filename(filename: str, content_type: str) -> str:
    """A name with only letters, digits, '-' and '_', and the extension of the type found in the bytes."""
    base = re.split(r"[\\/]", filename or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    clean = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_stem).strip("_")[:80] or "document"
    return f"{clean}.{TYPES[content_type][1]}"
