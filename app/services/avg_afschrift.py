"""The AVG afschrift as PDF (inzage, art. 15 AVG), made in the background: a person with 50 zaken has some 60
pages (about a second's work, avg_pdf.py), so the click records the request (and the processing-log line) and
queues the job after the commit; the one who asked returns to the afschrift's page and gets the file there.
It is kept for BEWAARD and then removed by the tick (it holds everything about the person). The JSON export
stays immediate (avg_export.py)."""
import logging
from datetime import timedelta

from sqlalchemy import delete, select

from ..models import Afschrift, Person, User
from . import avg_export
from .clock import now
from .errors import NotFound
from .processing_log import log_processing
from .uow import after_commit, unit_of_work

logger = logging.getLogger(__name__)
#: How long a finished afschrift waits for the one who asked; then it is removed.
BEWAARD = timedelta(hours=24)
#: The afschrift's page looks again every second while it is this young (50 zaken take about a second), then
#: every REFRESH_LATER seconds (a queue with other work ahead).
REFRESH_SOON, REFRESH_LATER = timedelta(seconds=15), 3


def request_own(actor, person: Person, on_behalf_of=None) -> Afschrift:
    """The inwoner's (or their gemachtigde's) PDF of their own data, logged as the export; made by a job."""
    wie = f"gemachtigde {actor.display_name}" if on_behalf_of is not None else "de inwoner zelf"
    with unit_of_work() as session:
        afschrift = _new(session, actor, person, f"Gedownload door {wie} in Mijn zaken", for_request=False)
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="exporteren",
                       object_type="inzage", on_behalf_of=on_behalf_of,
                       description="Alle gegevens gedownload (PDF, art. 15 AVG)")
    return afschrift


def request_for_request(actor, person: Person, reden: str) -> Afschrift:
    """The privacy officer's PDF for a written request (`reden` required, in the processing log)."""
    reden = avg_export.checked_reden(reden)
    with unit_of_work() as session:
        afschrift = _new(session, actor, person, f"Gemaakt door de privacyfunctionaris: {reden}", for_request=True)
        log_processing(session, actor=actor, person=person, activity="avg-inzageverzoek", action="exporteren",
                       object_type="inzage", role="privacy",
                       description=f"Afschrift van alle gegevens gemaakt (PDF) — {reden}")
    return afschrift


def make(afschrift_id: int) -> str:
    """The job: collect the person's data, render the PDF and store it; the status it ends in."""
    with unit_of_work() as session:
        row = session.get(Afschrift, afschrift_id)
        if row is None or row.status != "wordt_gemaakt":
            return row.status if row is not None else "verwijderd"
        requester = session.get(User, row.requested_by_id)
        collected = avg_export.collect(session, session.get(Person, row.person_id), verzoek=row.verzoek,
                                       gemeente_reach=requester if row.for_request else None,
                                       staff_names=row.for_request)
    try:  # rendering takes seconds: outside the transaction
        data, status = avg_export.as_pdf(collected), "klaar"
    except Exception:
        logger.exception("AVG afschrift %s could not be rendered", afschrift_id)
        data, status = None, "mislukt"
    with unit_of_work() as session:
        row = session.get(Afschrift, afschrift_id)
        if row is None:  # removed meanwhile
            return "verwijderd"
        row.pdf, row.status, row.ready_at = data, status, now()
        row.bestandsnaam = avg_export.bestandsnaam(collected, "pdf")
        row.expires_at = now() + BEWAARD
    logger.info("AVG afschrift %s of person %s: %s", afschrift_id, row.person_id, status)
    return status


def get_afschrift(afschrift_id: int) -> Afschrift:
    """The afschrift while it is kept (the route asks the policy whose it is); NotFound once removed."""
    with unit_of_work() as session:
        row = session.get(Afschrift, afschrift_id)
        if row is None or row.expires_at <= now():
            raise NotFound("Dit afschrift bestaat niet (meer). Vraag een nieuw aan.")
        session.expunge(row)
    return row


def fetch(actor, afschrift: Afschrift, on_behalf_of=None) -> avg_export.Download:
    """The finished PDF; the download is logged as a read of the whole dossier."""
    with unit_of_work() as session:
        row = session.get(Afschrift, afschrift.id)
        person = session.get(Person, row.person_id)
        first = row.downloaded_at is None
        row.downloaded_at = now()
        log_processing(session, actor=actor, person=person,
                       activity="avg-inzageverzoek" if row.for_request else "dossier-inzage", action="lezen",
                       object_type="inzage", object_id=row.id, role="privacy" if row.for_request else None,
                       on_behalf_of=on_behalf_of,
                       description="Afschrift (PDF) opgehaald" + ("" if first else " (opnieuw)"))
        download = avg_export.Download(row.pdf, avg_export.FORMATS["pdf"], row.bestandsnaam)
    return download


def refresh_seconds(afschrift: Afschrift) -> int:
    """After how many seconds the page of an afschrift that is being made looks again."""
    return 1 if now() - afschrift.requested_at < REFRESH_SOON else REFRESH_LATER


def latest_for(actor, person: Person) -> Afschrift | None:
    """The newest afschrift of `person` that `actor` asked for and that is still kept (for their page)."""
    with unit_of_work() as session:
        row = session.scalar(select(Afschrift).where(
            Afschrift.person_id == person.id, Afschrift.requested_by_id == actor.id, Afschrift.expires_at > now())
            .order_by(Afschrift.id.desc()).limit(1))
        if row is not None:
            session.expunge(row)
    return row


def remove_expired() -> int:
    """Remove the afschriften whose time is up (the tick, every minute); the number removed."""
    with unit_of_work() as session:
        removed = session.execute(delete(Afschrift).where(Afschrift.expires_at <= now())).rowcount
    if removed:
        logger.info("Removed %s expired AVG afschriften", removed)
    return removed


def _new(session, actor, person: Person, verzoek: str, for_request: bool) -> Afschrift:
    person = session.get(Person, person.id)
    afschrift = Afschrift(person_id=person.id, gemeente_id=person.gemeente_id, requested_by_id=actor.id,
                          for_request=for_request, verzoek=verzoek, status="wordt_gemaakt",
                          requested_at=now(), expires_at=now() + BEWAARD)
    session.add(afschrift)
    session.flush()
    after_commit(session, _enqueue, afschrift.id)  # the job reads the committed request
    logger.info("AVG afschrift %s of person %s requested by %s", afschrift.id, person.id, actor.username)
    return afschrift


def _enqueue(afschrift_id: int) -> None:
    from ..jobs.queue import enqueue
    from ..jobs.tasks import make_afschrift
    enqueue(make_afschrift, afschrift_id)

