"""The one gate every uploaded file passes before anything of it is stored: its real type read from the
bytes, then a virus scan by ClamAV. Bijlagen (portal), berichten sent through the aanbieder's
page, a BPMN upload in the designer and a gemeente's logo (/beheer/gemeenten) call `check_file` with their kind.

>>> sorted(KINDS)
['bericht', 'bpmn', 'document', 'logo']
"""
from ..domain.logo import check_logo
from ..domain.uploads import check_upload, check_xml_file
from .errors import InvalidInput
from .virus_scan import ScannerUnavailable, scan

#: kind -> the type check of domain/uploads.py: (filename, bytes) -> (content type, problem).
KINDS = {
    "document": check_upload,
    "bericht": check_xml_file,
    "bpmn": lambda filename, data: check_xml_file(filename, data, max_bytes=5 * 1024 * 1024,
                                                  extensions=("bpmn", "xml")),
    "logo": check_logo,
}

SCANNER_DOWN = ("De virusscanner is op dit moment niet bereikbaar, daarom is het bestand niet aangenomen. "
                "Er is niets opgeslagen; probeer het over een paar minuten opnieuw.")


def problem_with(filename: str, data: bytes, kind: str) -> tuple[str | None, str | None]:
    """(content type, None) for a file that may be stored, else (None, a Dutch message for beside the field).

    The type check comes first (it is cheap and refuses what is empty, too big or not what it says);
    what passes it is scanned. Raises ScannerUnavailable when scanning is required and clamd gives no verdict."""
    content_type, problem = KINDS[kind](filename, data)
    if problem:
        return None, problem
    verdict = scan(data, label=f"{kind} {filename[:60]!r}")
    if verdict.infected:
        label = f"Het bestand '{filename[:60]}'" if filename else "Het bestand"
        return None, f"{label} bevat een virus ({verdict.virus}) en is niet aangenomen."
    return content_type, None


def check_file(filename: str, data: bytes, kind: str, field: str) -> str:
    """The real content type of an acceptable file; else InvalidInput with the message under `field`."""
    try:
        content_type, problem = problem_with(filename, data, kind)
    except ScannerUnavailable:
        raise InvalidInput(errors={field: SCANNER_DOWN}) from None
    if problem:
        raise InvalidInput(errors={field: problem})
    return content_type
