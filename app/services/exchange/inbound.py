"""Inbound messages: `receive_bericht` stores the raw bytes in a transaction of its own and queues
the job; `handle_bericht` (the job's work) parses, checks, dispatches and answers — once.

Handling is idempotent: a bericht that is no longer 'ontvangen' is left alone, and a second copy
of a BerichtIdentificatie becomes 'dubbel' pointing at the first, with the first one's retour.
The status change, the effects and the retour are one transaction, so a crashed job can run again.
"""
import logging
from datetime import date

from sqlalchemy import select

from iwmo_messages import validate
from iwmo_messages.safexml import MAX_BYTES
from iwmo_messages.spec import RETOUR_OF

from ...domain.deadlines import add_working_days
from ...engine import ScriptError
from ...models import Aanbieder, Bericht
from ...models.base import utcnow
from ..errors import InvalidInput
from ..incidents import record_incident
from ..settings import extra_holidays
from ..uow import unit_of_work
from .handlers import HANDLERS
from .outbox import store_outbound

logger = logging.getLogger(__name__)
#: Our answer terms in werkdagen (OP090, OP274/OP346, OP090x4).
ANSWER_DAYS = {"323": 10, "315": 5, "317": 5}
RETOUR_DAYS = 3
KANALEN = ("api", "ggk", "web")


def receive_bericht(aanbieder: Aanbieder, xml_bytes: bytes, kanaal: str, envelop_referentie: str | None = None) -> int:
    """Store an inbound message exactly as received and queue its handling; return the bericht id.

    Nothing is parsed before the bytes are committed. The job runs after the commit (inline
    without Redis), so the caller gets the id even when handling fails."""
    if kanaal not in KANALEN:
        raise ValueError(f"unknown kanaal {kanaal!r}")
    if not xml_bytes:
        raise InvalidInput("Het bericht is leeg; stuur het iWmo- of iJw-bericht als XML in de body.")
    if len(xml_bytes) > MAX_BYTES:
        raise InvalidInput("Het bericht is groter dan 25 MB (OP179) en is niet aangenomen.")
    with unit_of_work() as session:
        bericht = Bericht(richting="in", aanbieder_id=aanbieder.id, kanaal=kanaal, inhoud=bytes(xml_bytes),
                          status="ontvangen", envelop_referentie=envelop_referentie, ontvangen_op=utcnow(),
                          antwoord_uiterlijk=add_working_days(date.today(), RETOUR_DAYS, extra_holidays()))
        session.add(bericht)
        session.flush()
        bericht_id = bericht.id
    logger.info("Bericht %s received from aanbieder %s via %s (%s bytes)", bericht_id, aanbieder.agb_code, kanaal,
                len(xml_bytes))
    from ...jobs.queue import enqueue
    from ...jobs.tasks import handle_bericht_job
    enqueue(handle_bericht_job, bericht_id)
    return bericht_id


def handle_bericht(bericht_id: int) -> str:
    """Handle one stored inbound message; return its status afterwards. Safe to call again.

    An unexpected error rolls everything back, is noted on the bericht (still 'ontvangen') and
    raised again, so rq keeps the failed job; `retry_berichten` handles such berichten later."""
    try:
        with unit_of_work() as session:
            bericht = session.get(Bericht, bericht_id, with_for_update=True)
            if bericht is None or bericht.richting != "in" or bericht.status != "ontvangen":
                return bericht.status if bericht else "onbekend"
            bericht.fouten = None  # a note of an earlier failed attempt
            _handle(session, bericht)
            bericht.verwerkt_op = utcnow()
            status = bericht.status
    except Exception as exc:
        logger.exception("Bericht %s could not be handled", bericht_id)
        _note_failure(bericht_id, exc)
        raise
    logger.info("Bericht %s handled: %s", bericht_id, status)
    return status


def retry_berichten() -> dict[int, str]:
    """Handle every inbound bericht still 'ontvangen' (a lost or failed job); id → status."""
    with unit_of_work() as session:
        ids = list(session.scalars(select(Bericht.id).where(Bericht.richting == "in", Bericht.status == "ontvangen")
                                   .order_by(Bericht.id)))
    out = {}
    for bericht_id in ids:
        try:
            out[bericht_id] = handle_bericht(bericht_id)
        except Exception:
            out[bericht_id] = "ontvangen"
    return out


def _note_failure(bericht_id: int, exc: Exception) -> None:
    """Note the failure on the bericht (its sender may read it) and a model error on the case (staff)."""
    if isinstance(exc, ScriptError):
        record_incident(exc)
        note = ("Verwerking mislukt door een fout in het procesmodel van de gemeente; het bericht wordt "
                "opnieuw verwerkt zodra die is hersteld.")
    else:
        note = f"Verwerking mislukt ({type(exc).__name__}); het bericht wordt opnieuw verwerkt."
    with unit_of_work() as session:
        bericht = session.get(Bericht, bericht_id)
        if bericht is not None and bericht.status == "ontvangen":
            bericht.fouten = [note]


def _handle(session, bericht: Bericht) -> None:
    result = validate(bericht.inhoud)
    bericht.standaard, bericht.nummer = result.standaard, result.nummer
    if not result.valid:  # controleniveau 1: no retourbericht, the sender gets the errors (StUF055 on GGk)
        _refuse(bericht, [f"Het bericht voldoet niet aan het XSD-schema van iStandaarden: {i}" for i in result.issues])
        return
    message, aanbieder = result.message, bericht.aanbieder
    h = message.header
    bericht.berichtcode, bericht.afzender, bericht.ontvanger = h.bericht_code, h.afzender, h.ontvanger
    bericht.dagtekening = h.bericht_identificatie.dagtekening
    if message.NUMMER not in HANDLERS:
        _refuse(bericht, [f"Een {result.message_type} stuurt de gemeente zelf; een aanbieder kan het niet insturen."])
        return
    own_agb = h.ontvanger if message.NUMMER not in RETOUR_OF else h.afzender
    if own_agb != aanbieder.agb_code:
        _refuse(bericht, [f"Het bericht noemt AGB-code {own_agb} als aanbieder, maar is ingestuurd met de "
                          f"sleutel van AGB-code {aanbieder.agb_code}."])
        return
    first = _first_copy(session, bericht, h.bericht_code, h.bericht_identificatie.identificatie)
    if first is not None:
        bericht.status, bericht.duplicaat_van_id, bericht.retour_id = "dubbel", first.id, first.retour_id
        return
    bericht.identificatie = h.bericht_identificatie.identificatie
    session.flush()  # the unique constraint settles a race between two copies here
    if message.NUMMER not in RETOUR_OF:  # a retour itself (302) is not answered
        bericht.antwoord_uiterlijk = None
    elif message.NUMMER in ANSWER_DAYS:
        bericht.antwoord_uiterlijk = add_working_days(bericht.ontvangen_op.date(), ANSWER_DAYS[message.NUMMER],
                                                      extra_holidays())
    antwoord = HANDLERS[message.NUMMER](session, bericht, message)
    bericht.status = "verwerkt"
    if antwoord is not None:
        retour = store_outbound(session, bericht.aanbieder_id, antwoord.message, xml=antwoord.xml,
                                zaak_id=bericht.zaak_id)
        bericht.retour_id, bericht.retourcodes = retour.id, antwoord.retourcodes or None


def _refuse(bericht: Bericht, fouten: list[str]) -> None:
    bericht.status, bericht.fouten, bericht.antwoord_uiterlijk = "afgekeurd", fouten, None  # no retour will come
    logger.info("Bericht %s refused: %s", bericht.id, "; ".join(fouten)[:500])


def _first_copy(session, bericht: Bericht, code: str, identificatie: str) -> Bericht | None:
    return session.scalar(select(Bericht).where(
        Bericht.richting == "in", Bericht.aanbieder_id == bericht.aanbieder_id, Bericht.berichtcode == code,
        Bericht.identificatie == identificatie, Bericht.id != bericht.id))
