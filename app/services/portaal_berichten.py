"""Use cases for the secure conversation per zaak between the inwoner (or gemachtigde) and the consulent.

The text stays in the platform; the other side gets an e-mail that a message waits, without its content."""
import logging

from sqlalchemy import select

from .. import db
from ..domain.input import text_errors
from ..models import PortaalBericht, Zaak
from ..models.base import utcnow
from .errors import InvalidInput
from .history import add_event
from .portal_mail import inwoner_addresses, mail_behandelaars, mail_inwoner
from .processing_log import log_processing
from .uow import unit_of_work

logger = logging.getLogger(__name__)

MAX_LENGTH = 5000
MAIL_INWONER = ("U heeft een nieuw bericht over uw zaak",
                "Er staat een nieuw bericht van de gemeente voor u klaar in Mijn zaken (zaak {zaaknummer}).\n\n"
                "Log in om het te lezen. Om uw privacy te beschermen staat de inhoud niet in deze e-mail.")
MAIL_CONSULENT = ("Nieuw bericht van een inwoner",
                  "In zaak {zaaknummer} staat een nieuw bericht van de inwoner klaar. Lees het in de werkvoorraad.")


def send(actor, zaak: Zaak, tekst: str, *, van: str, on_behalf_of=None) -> PortaalBericht:
    """Add a message from the inwoner's side (`van`='inwoner') or the gemeente's ('gemeente') and notify."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise InvalidInput(errors={"tekst": "Schrijf uw bericht."})
    if len(tekst) > MAX_LENGTH:
        raise InvalidInput(errors={"tekst": f"Uw bericht is langer dan {MAX_LENGTH} tekens. Maak het korter."})
    if errors := text_errors({"tekst": tekst}, {"tekst": "Bericht"}):
        raise InvalidInput(errors=errors)
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        bericht = PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van=van, afzender_id=actor.id, tekst=tekst)
        session.add(bericht)
        session.flush()
        activity = "inwoner-gegevens" if van == "inwoner" else f"{zaak.domein}-behandeling"
        log_processing(session, actor=actor, person=zaak.person, activity=activity, action="aanmaken",
                       object_type="bericht", object_id=bericht.id, on_behalf_of=on_behalf_of,
                       description=f"Bericht in zaak {zaak.zaaknummer} verstuurd")
        add_event(session, zaak.id, "bericht", "Bericht van de inwoner" if van == "inwoner"
                  else "Bericht aan de inwoner", actor=actor)
        subject, body = MAIL_INWONER if van == "gemeente" else MAIL_CONSULENT
        notify = mail_inwoner if van == "gemeente" else mail_behandelaars
        bericht.mails_sent = notify(session, zaak, subject, body.format(zaaknummer=zaak.zaaknummer))
    logger.info("Bericht %s in zaak %s sent by %s", bericht.id, zaak.zaaknummer, actor.username)
    return bericht


def mail_reaches(user, zaak: Zaak) -> bool:
    """Whether a new message from the gemeente about `zaak` is mailed to `user` (the page promises a mail only then)."""
    if user.person_id == zaak.person_id and zaak.person.email:
        return True  # the inwoner's own address, from Mijn gegevens
    return bool(user.email) and user.email in inwoner_addresses(db.session, zaak.person)


def conversation(actor, zaak: Zaak, *, reader: str, on_behalf_of=None) -> list[PortaalBericht]:
    """The messages of `zaak`, oldest first; those from the other side are marked read by `reader`."""
    with unit_of_work() as session:
        rows = list(session.scalars(select(PortaalBericht).where(PortaalBericht.zaak_id == zaak.id)
                                    .order_by(PortaalBericht.id)))
        for bericht in rows:
            if bericht.van != reader and bericht.gelezen_op is None:
                bericht.gelezen_op = utcnow()
        if rows:
            activity = "dossier-inzage" if reader == "inwoner" else f"{zaak.domein}-behandeling"
            log_processing(session, actor=actor, person=zaak.person, activity=activity, action="lezen",
                           object_type="berichten", object_id=zaak.zaaknummer, on_behalf_of=on_behalf_of,
                           description=f"Berichten van zaak {zaak.zaaknummer} gelezen")
    return rows


def unread_for(session, zaak_ids: list[int], reader: str) -> dict[int, int]:
    """How many messages from the other side `reader` has not opened yet, per zaak."""
    if not zaak_ids:
        return {}
    counts = {}
    for zaak_id in session.scalars(select(PortaalBericht.zaak_id).where(
            PortaalBericht.zaak_id.in_(zaak_ids), PortaalBericht.van != reader, PortaalBericht.gelezen_op.is_(None))):
        counts[zaak_id] = counts.get(zaak_id, 0) + 1
    return counts
