"""Checks for an uploaded file: its real type is read from the bytes themselves with puremagic (never
from the name or the browser's say-so) and must match the name's extension, the size is limited, and
the stored name is made safe. The virus scan is I/O and lives in services/virus_scan.py.

>>> real_type(b"%PDF-1.7 ...")
'application/pdf'
>>> check_upload("brief.png", b"%PDF-1.7 ...")[1]
"Het bestand 'brief.png' is een PDF, maar de naam eindigt op .png. Geef het de juiste naam of kies een ander bestand."
>>> check_xml_file("bericht.xml", b"MZ\\x90\\x00" + bytes(60))[1]
"Het bestand 'bericht.xml' is geen XML-bestand (het is een uitvoerbaar programma)."
>>> safe_filename("../../etc/passwd.exe", "application/pdf")
'passwd.pdf'
"""
import re
import unicodedata

import puremagic

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5

#: Accepted document types: (extensions the name may end on, Dutch name). The first extension is stored.
TYPES = {
    "application/pdf": (("pdf",), "PDF"),
    "image/jpeg": (("jpg", "jpeg"), "JPG-foto"),
    "image/png": (("png",), "PNG-afbeelding"),
}

#: What some refused types are, so the message can say what the file really is.
KNOWN_OTHERS = {
    "application/vnd.microsoft.portable-executable": "een uitvoerbaar programma",
    "application/x-executable": "een uitvoerbaar programma",
    "application/x-dosexec": "een uitvoerbaar programma",
    "application/zip": "een ZIP-archief",
    "text/html": "een webpagina (HTML)",
}
_ELF = b"\x7fELF"
_BOM = b"\xef\xbb\xbf"


def real_type(data: bytes) -> str | None:
    """The MIME type puremagic reads from the bytes, or None when it recognises nothing."""
    if data.startswith(_ELF):  # puremagic knows ELF but names no MIME type for it
        return "application/x-executable"
    try:
        matches = puremagic.magic_string(data)  # best first; some signatures name an extension only
    except puremagic.PureError:
        return None
    return next((m.mime_type for m in matches if m.mime_type), None)


def _label(filename: str) -> str:
    return f"Het bestand '{filename[:60]}'" if filename else "Het bestand"


def _extension(filename: str) -> str | None:
    base = re.split(r"[\\/]", filename or "")[-1]
    return base.rsplit(".", 1)[1].lower() if "." in base.strip(".") else None


def _what(content_type: str | None) -> str:
    if content_type in KNOWN_OTHERS:
        return f" (het is {KNOWN_OTHERS[content_type]})"
    if content_type and content_type.startswith("application/vnd.openxmlformats"):
        return " (het is een Office-document)"
    return ""


def _size_problem(filename: str, data: bytes, max_bytes: int) -> str | None:
    if not data:
        return f"{_label(filename)} is leeg."
    if len(data) > max_bytes:
        return (f"{_label(filename)} is groter dan {max_bytes // (1024 * 1024)} MB. "
                "Maak het kleiner of stuur het in delen.")
    return None


def check_upload(filename: str, data: bytes) -> tuple[str | None, str | None]:
    """(content type, None) for an acceptable document, else (None, a Dutch message naming the problem)."""
    problem = _size_problem(filename, data, MAX_BYTES)
    if problem:
        return None, problem
    content_type = real_type(data)
    if content_type not in TYPES:
        return None, (f"{_label(filename)} is geen PDF, JPG of PNG{_what(content_type)}. "
                      "Alleen die soorten bestanden kunt u meesturen.")
    extensions, name = TYPES[content_type]
    extension = _extension(filename)
    if extension is not None and extension not in extensions:
        return None, (f"{_label(filename)} is een {name}, maar de naam eindigt op .{extension}. "
                      "Geef het de juiste naam of kies een ander bestand.")
    return content_type, None


def check_xml_file(filename: str, data: bytes, max_bytes: int = 25 * 1024 * 1024,
                   extensions: tuple[str, ...] = ("xml",)) -> tuple[str | None, str | None]:
    """('application/xml', None) when the bytes are an XML document named with one of `extensions` (or
    without any), else (None, a Dutch message). Whether it is well-formed and valid is checked later."""
    problem = _size_problem(filename, data, max_bytes)
    if problem:
        return None, problem
    content_type = real_type(data)
    looks_like_xml = data.removeprefix(_BOM).lstrip().startswith(b"<")
    if not looks_like_xml or (content_type is not None and not content_type.endswith("xml")):
        return None, f"{_label(filename)} is geen XML-bestand{_what(content_type)}."
    extension = _extension(filename)
    if extension is not None and extension not in extensions:
        return None, (f"{_label(filename)} is een XML-bestand, maar de naam eindigt op .{extension}. "
                      f"Geef het een naam die op .{extensions[0]} eindigt.")
    return "application/xml", None


def safe_filename(filename: str, content_type: str) -> str:
    """A name with only letters, digits, '-' and '_', and the extension of the type found in the bytes."""
    base = re.split(r"[\\/]", filename or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    clean = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_stem).strip("_")[:80] or "document"
    return f"{clean}.{TYPES[content_type][0][0]}"
