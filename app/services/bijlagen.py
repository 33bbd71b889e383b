"""Use cases for documents an inwoner sends along: checked (virus scan, type from the bytes, size) by
upload_check, stored under a safe name, and every upload and download in the processing log."""
import hashlib
from dataclasses import dataclass

from sqlalchemy import select

from .. import db
from ..domain.uploads import MAX_FILES, safe_filename
from ..models import Bijlage, Zaak
from .errors import InvalidInput, NotFound
from .history import add_event
from .processing_log import log_processing
from .upload_check import SCANNER_DOWN, problem_with
from .uow import unit_of_work
from .virus_scan import ScannerUnavailable


@dataclass(frozen=True)
class Upload:
    """One file as it came in; `filename` is the browser's and is never used as it is."""

    filename: str
    data: bytes
    omschrijving: str = ""


def check_all(uploads: list[Upload], field: str = "bijlagen") -> list[tuple[Upload, str]]:
    """Each upload with its content type, or InvalidInput naming every file that cannot be accepted
    (infected, not a PDF/JPG/PNG, named as another type, too big) — or all of them while the scanner is down."""
    uploads = [u for u in uploads if u.filename or u.data]
    if len(uploads) > MAX_FILES:
        raise InvalidInput(errors={field: f"U kunt hoogstens {MAX_FILES} bestanden tegelijk meesturen."})
    checked, problems = [], []
    for upload in uploads:
        try:
            content_type, problem = problem_with(upload.filename, upload.data, "document")
        except ScannerUnavailable:
            raise InvalidInput(errors={field: SCANNER_DOWN}) from None
        if problem:
            problems.append(problem)
        checked.append((upload, content_type))
    if problems:
        raise InvalidInput(errors={field: " ".join(problems)})
    return checked


def attach(session, actor, zaak: Zaak, checked: list[tuple[Upload, str]], on_behalf_of=None) -> list[Bijlage]:
    """Store checked uploads with `zaak` inside the caller's transaction."""
    rows = []
    for upload, content_type in checked:
        bijlage = Bijlage(zaak_id=zaak.id, bestandsnaam=safe_filename(upload.filename, content_type),
                          content_type=content_type, grootte=len(upload.data),
                          sha256=hashlib.sha256(upload.data).hexdigest(), inhoud=upload.data,
                          omschrijving=(upload.omschrijving or "").strip()[:200] or None, geupload_door_id=actor.id)
        session.add(bijlage)
        session.flush()
        log_processing(session, actor=actor, person=zaak.person, activity="inwoner-gegevens", action="aanmaken",
                       object_type="bijlage", object_id=bijlage.id, on_behalf_of=on_behalf_of,
                       description=f"Document '{bijlage.bestandsnaam}' toegevoegd aan zaak {zaak.zaaknummer}")
        add_event(session, zaak.id, "bijlage", f"Document '{bijlage.bestandsnaam}' toegevoegd", actor=actor)
        rows.append(bijlage)
    return rows


def add_bijlagen(actor, zaak: Zaak, uploads: list[Upload], on_behalf_of=None) -> list[Bijlage]:
    """The inwoner adds documents to a running zaak."""
    checked = check_all(uploads)
    if not checked:
        raise InvalidInput(errors={"bijlagen": "Kies een bestand om mee te sturen."})
    with unit_of_work() as session:
        return attach(session, actor, session.get(Zaak, zaak.id), checked, on_behalf_of)


def open_bijlage(actor, bijlage: Bijlage, zaak: Zaak, on_behalf_of=None) -> Bijlage:
    """Record that `actor` opens a document of `zaak` and return it with its bytes."""
    with unit_of_work() as session:
        purpose = "dossier-inzage" if on_behalf_of or actor.person_id == zaak.person_id else f"{zaak.domein}-behandeling"
        log_processing(session, actor=actor, person=zaak.person, activity=purpose, action="lezen",
                       object_type="bijlage", object_id=bijlage.id, on_behalf_of=on_behalf_of,
                       description=f"Document '{bijlage.bestandsnaam}' van zaak {zaak.zaaknummer} bekeken")
        _ = bijlage.inhoud
    return bijlage


def bijlagen_of(session, zaak_id: int) -> list[Bijlage]:
    return list(session.scalars(select(Bijlage).where(Bijlage.zaak_id == zaak_id).order_by(Bijlage.id)))


def bijlage_of(zaak: Zaak, bijlage_id: int) -> Bijlage:
    """The document `bijlage_id` if it belongs to `zaak`; any other is 'not found'."""
    bijlage = db.session.get(Bijlage, bijlage_id)
    if bijlage is None or bijlage.zaak_id != zaak.id:
        raise NotFound("Dit document bestaat niet.")
    return bijlage
