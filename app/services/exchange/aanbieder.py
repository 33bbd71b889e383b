"""What an aanbieder does with its berichten through the API or its pages: list the outbox,
send a message file, download a message, read a retour, and (refused) attempts on another aanbieder's berichten —
every read of a client's data and every refusal lands in the processing log."""
import logging
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ... import db
from ...models import Aanbieder, Bericht, Gemeente, Person, Toewijzing, User, Zaak
from ...models.base import utcnow
from ..errors import InvalidInput, NotFound
from ..processing_log import log_processing
from ..uow import unit_of_work
from ..upload_check import check_file
from .inbound import Ontvangst, ontvang_bericht

logger = logging.getLogger(__name__)
STATUSES = ("nieuw", "opgehaald", "beantwoord", "ontvangen", "verwerkt", "afgekeurd", "dubbel")


def get_bericht(bericht_id: int) -> Bericht:
    bericht = db.session.get(Bericht, bericht_id)
    if bericht is None:
        raise NotFound("Dit bericht bestaat niet.")
    return bericht


def aanbieder_of(user) -> Aanbieder | None:
    return db.session.get(Aanbieder, user.aanbieder_id) if getattr(user, "aanbieder_id", None) else None


def berichten_of(aanbieder_id: int, richting: str = "uit", status: str | None = None, limit: int = 100,
                 offset: int = 0, gemeente_id: int | None = None) -> list[Bericht]:
    """The aanbieder's berichten (its outbox, or with richting 'in' what it sent), newest first; with
    `gemeente_id` only those exchanged with that gemeente."""
    query = select(Bericht).where(Bericht.aanbieder_id == aanbieder_id, Bericht.richting == richting)
    if status:
        query = query.where(Bericht.status == status)
    if gemeente_id is not None:
        query = query.where(Bericht.gemeente_id == gemeente_id)
    return list(db.session.scalars(query.options(selectinload(Bericht.gemeente))
                                   .order_by(Bericht.id.desc()).limit(limit).offset(offset)))


def gemeenten_of(aanbieder_id: int) -> list[Gemeente]:
    """The gemeenten this aanbieder exchanges berichten with (one per contracting gemeente), by name."""
    used = select(Bericht.gemeente_id).where(Bericht.aanbieder_id == aanbieder_id).distinct()
    return list(db.session.scalars(select(Gemeente).where(Gemeente.id.in_(used)).order_by(Gemeente.naam)))


def send_bericht_file(aanbieder: Aanbieder, filename: str, data: bytes) -> Ontvangst:
    """An XML file uploaded on the aanbieder's page: refused (field 'bestand') unless it is XML and clean,
    then received like any bericht (stored first, then checked at controleniveau 1)."""
    if not data:
        raise InvalidInput(errors={"bestand": "Kies het XML-bestand met het iWmo- of iJw-bericht."})
    check_file(filename, data, "bericht", field="bestand")
    return ontvang_bericht(aanbieder, data, "web")


#: Toewijzingen per page of 'Mijn toewijzingen'.
PAGE_SIZE = 50
#: Toewijzingen on which care may be declared (the aanbieder accepted it; started or stopped care).
DECLARABEL = ("geaccepteerd", "gestart", "gestopt")


@dataclass(frozen=True)
class ToewijzingenPage:
    rows: list[Toewijzing]
    total: int
    page: int
    pages: int


def toewijzingen_page(user: User, page: int = 1, zoek: str = "") -> ToewijzingenPage:
    """One page of the aanbieder's toewijzingen, the last toegewezen first (not by row id: toewijzingen loaded
    later, such as a history made known on paper, would push today's out of sight); `zoek` finds a
    toewijzingnummer or a client's achternaam. Only the rows shown are logged, per client."""
    query = select(Toewijzing).where(Toewijzing.aanbieder_id == user.aanbieder_id)
    zoek = zoek.strip()[:100]
    if zoek:
        by_name = func.lower(Person.achternaam).startswith(zoek.lower(), autoescape=True)
        number = int(zoek) if zoek.isascii() and zoek.isdigit() and len(zoek) <= 9 else None  # an Integer column
        query = query.join(Zaak, Zaak.id == Toewijzing.zaak_id).join(Person, Person.id == Zaak.person_id).where(
            or_(Toewijzing.toewijzingnummer == number, by_name) if number is not None else by_name)
    with unit_of_work() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery()))
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 1), pages)
        rows = list(session.scalars(query.order_by(Toewijzing.toegewezen_op.desc(), Toewijzing.id.desc())
                                    .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
        _shown(session, user, rows, "Toewijzing getoond aan de aanbieder")
    return ToewijzingenPage(rows, total, page, pages)


def declarabele_toewijzingen(user: User) -> list[Toewijzing]:
    """Every toewijzing the aanbieder may declare on through Cumulus (accepted, started or stopped, sent as a 301
    here), for the maanddeclaratie's one line per toewijzing — all of them, however many clients it has."""
    with unit_of_work() as session:
        rows = list(session.scalars(
            select(Toewijzing).where(Toewijzing.aanbieder_id == user.aanbieder_id, Toewijzing.status.in_(DECLARABEL),
                                     Toewijzing.bericht_id.is_not(None))
            .order_by(Toewijzing.toegewezen_op.desc(), Toewijzing.id.desc())))
        _shown(session, user, rows, "Toewijzing getoond in de maanddeclaratie van de aanbieder")
    return rows


def _shown(session, user: User, rows: list[Toewijzing], description: str) -> None:
    """Log the showing of each row's client, and load what the page reads before the session closes."""
    for t in rows:
        log_processing(session, actor=user, person=t.zaak.person, activity=f"{t.zaak.domein}-toewijzing",
                       action="raadplegen", object_type="toewijzing", object_id=t.toewijzingnummer,
                       description=description, role="aanbieder")
    for t in rows:
        _ = (t.product.omschrijving, t.zaak.person.achternaam)
    session.expunge_all()


def get_toewijzing(user: User, toewijzing_id: int) -> Toewijzing:
    """One toewijzing with its client and product, for a form of its aanbieder; showing it is logged."""
    with unit_of_work() as session:
        t = session.get(Toewijzing, toewijzing_id)
        if t is None:
            raise NotFound("Deze toewijzing bestaat niet.")
        if user.aanbieder_id == t.aanbieder_id:
            log_processing(session, actor=user, person=t.zaak.person, activity=f"{t.zaak.domein}-toewijzing",
                           action="raadplegen", object_type="toewijzing", object_id=t.toewijzingnummer,
                           description="Toewijzing getoond in een formulier van de aanbieder", role="aanbieder")
        _ = (t.product.omschrijving, t.zaak.person.achternaam, t.zaak.domein)
        session.expunge_all()
    return t


def download_bericht(user: User, bericht_id: int) -> bytes:
    """The XML of a bericht; an outbox message the aanbieder fetches for the first time becomes 'opgehaald'."""
    with unit_of_work() as session:
        bericht = session.get(Bericht, bericht_id)
        if bericht.richting == "uit" and bericht.status == "nieuw" and user.aanbieder_id == bericht.aanbieder_id:
            bericht.status, bericht.opgehaald_op = "opgehaald", utcnow()
        _log_read(session, user, bericht, "raadplegen")
        return bericht.inhoud


def retour_of(bericht: Bericht) -> Bericht | None:
    """The retourbericht (or 325) that answers an inbound bericht, following a duplicate to its original."""
    original = bericht.duplicaat_van or bericht
    return original.retour


def log_refusal(user: User, bericht: Bericht, reason: str) -> None:
    """Record that `user` tried to reach a bericht not theirs (in the processing log when it is about a client)."""
    logger.warning("User %s (aanbieder %s) refused bericht %s of aanbieder %s: %s", user.username,
                   user.aanbieder_id, bericht.id, bericht.aanbieder_id, reason)
    with unit_of_work() as session:
        _log_read(session, user, session.get(Bericht, bericht.id), "geweigerd")


def _log_read(session, user: User, bericht: Bericht, action: str) -> None:
    if bericht.zaak_id is None:
        return  # not (yet) tied to a client: nobody's personal data was shown
    zaak = session.get(Zaak, bericht.zaak_id)
    log_processing(session, actor=user, person=zaak.person, activity=f"{zaak.domein}-toewijzing", action=action,
                   object_type="bericht", object_id=bericht.id,
                   description=f"{bericht.naam} {'opgevraagd' if action != 'geweigerd' else 'geweigerd: niet van deze aanbieder'}",
                   role="aanbieder" if user.has_role("aanbieder") else None)
