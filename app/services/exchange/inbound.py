"""Inbound messages: `receive_bericht` stores the raw bytes in a transaction of its own, checks
controleniveau 1 (well-formed, the official XSD) at once — so the sender hears of a broken message
in the same answer — and queues the job for a sound one; `handle_bericht` (the job's work) parses,
checks, dispatches and answers — once.

Handling is idempotent: a bericht that is no longer 'ontvangen' is left alone, and a second copy
of a BerichtIdentificatie becomes 'dubbel' pointing at the first, with the first one's retour — when
its content is the same. A different message that reuses the identificatie breaks TR056 and is
refused with 9056 (a retour itself, 302/320, gets no answer and is 'afgekeurd').
The status change, the effects and the retour are one transaction, so a crashed job can run again.
"""
import logging
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from iwmo_messages import Issue, RuleResult, validate
from iwmo_messages.rules.base import CROSS_MESSAGE
from iwmo_messages.safexml import MAX_BYTES
from iwmo_messages.spec import RETOUR_OF
from iwmo_messages.uitleg import dutch_issue

from ...domain.deadlines import add_working_days, dutch_date
from ...engine import ScriptError
from ...models import Aanbieder, Bericht
from ...models.base import utcnow
from ..errors import InvalidInput
from ..gemeenten import by_code
from ..incidents import record_incident
from ..settings import extra_holidays
from ..uow import unit_of_work
from .handlers import HANDLERS  # first: the handlers import .context themselves
from .context import retour_for  # noqa: E402,I001
from .outbox import OutboundRuleFault, store_outbound

logger = logging.getLogger(__name__)
#: Our answer terms in werkdagen (OP090, OP274/OP346, OP090x4).
ANSWER_DAYS = {"323": 10, "315": 5, "317": 5}
RETOUR_DAYS = 3
KANALEN = ("api", "ggk", "web")
#: Level-1 checks that find no (safe, well-formed) XML at all; anything else a message fails is its content.
NOT_XML = {"XML", "DTD", "SIZE"}


@dataclass
class Ontvangst:
    """What became of a message on arrival: stored (always), and refused at controleniveau 1 or queued."""

    bericht_id: int
    #: The level-1 problems (empty: the message is sound XML of the standard and is being handled).
    issues: list[Issue] = field(default_factory=list)
    #: The Dutch descriptions stored on the bericht, one per issue.
    fouten: list[str] = field(default_factory=list)
    #: False when the body is not even well-formed XML.
    welgevormd: bool = True

    @property
    def aangenomen(self) -> bool:
        return not self.issues


def receive_bericht(aanbieder: Aanbieder, xml_bytes: bytes, kanaal: str, envelop_referentie: str | None = None) -> int:
    """Store an inbound message exactly as received and queue its handling; return the bericht id."""
    return ontvang_bericht(aanbieder, xml_bytes, kanaal, envelop_referentie).bericht_id


def ontvang_bericht(aanbieder: Aanbieder, xml_bytes: bytes, kanaal: str,
                    envelop_referentie: str | None = None) -> Ontvangst:
    """Store an inbound message exactly as received, then check controleniveau 1: a message that is
    not well-formed or fails the XSD is refused at once (no retour, no job); a sound one is queued.

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
    ontvangst = _level_one(bericht_id, xml_bytes)
    if ontvangst.aangenomen:
        from ...jobs.drain import queue_handling
        queue_handling(bericht_id)
    return ontvangst


def store_refused_envelope(aanbieder: Aanbieder, envelope: bytes, issues: list[Issue]) -> int:
    """Store a GGk envelope that cannot be unwrapped exactly as received, refused ('afgekeurd', no retour:
    it is answered with a Fo01), in a transaction of its own; return the bericht id."""
    fouten = [f"De envelop is geen geldig StUF-GGk Di01-bericht: {i}" for i in issues] or [
        "De envelop is geen geldig StUF-GGk Di01-bericht."]
    with unit_of_work() as session:
        bericht = Bericht(richting="in", aanbieder_id=aanbieder.id, kanaal="ggk", inhoud=bytes(envelope),
                          status="afgekeurd", fouten=fouten, ontvangen_op=utcnow(), verwerkt_op=utcnow())
        session.add(bericht)
        session.flush()
        bericht_id = bericht.id
    logger.info("Envelope %s from aanbieder %s refused: it cannot be unwrapped (%s bytes)", bericht_id,
                aanbieder.agb_code, len(envelope))
    return bericht_id


def _level_one(bericht_id: int, xml_bytes: bytes) -> Ontvangst:
    """Controleniveau 1 on the stored bytes; a failing message is refused in a transaction of its own
    (a crash before it leaves the bericht 'ontvangen', and the job's own check refuses it later)."""
    result = validate(xml_bytes)
    if result.valid:
        return Ontvangst(bericht_id)
    welgevormd = _welgevormd(result)
    fouten = _level_one_fouten(result)
    with unit_of_work() as session:
        bericht = session.get(Bericht, bericht_id, with_for_update=True)
        if bericht.status == "ontvangen":
            bericht.standaard, bericht.nummer = result.standaard, result.nummer
            _refuse(bericht, fouten)
    return Ontvangst(bericht_id, list(result.issues), fouten, welgevormd)


def _welgevormd(result) -> bool:
    return not (result.standaard is None and any(i.rule in NOT_XML for i in result.issues))


def _level_one_fouten(result) -> list[str]:
    """One Dutch line per level-1 issue: which check failed, the line and what is wrong with which element
    (iwmo_messages.uitleg, the same sentences as the CLI's validation report)."""
    if not _welgevormd(result):
        return [f"Het bericht is geen welgevormde XML. {dutch_issue(i)}" for i in result.issues]
    return [f"Het bericht voldoet niet aan het XSD-schema van iStandaarden. {dutch_issue(i)}" for i in result.issues]


def handle_bericht(bericht_id: int) -> str:
    """Handle one stored inbound message; return its status afterwards. Safe to call again.

    An unexpected error rolls everything back, is noted on the bericht (still 'ontvangen') and
    raised again, so rq keeps the failed job; `retry_berichten` handles such berichten later."""
    try:
        with unit_of_work() as session:
            bericht = session.get(Bericht, bericht_id, with_for_update=True)
            if bericht is None or bericht.richting != "in" or bericht.status != "ontvangen":
                return bericht.status if bericht else "onbekend"
            status = handle_claimed(session, bericht)
            bericht.verwerkt_op = utcnow()
    except Exception as exc:
        logger.exception("Bericht %s could not be handled", bericht_id)
        _note_failure(bericht_id, exc)
        raise
    logger.info("Bericht %s handled: %s", bericht_id, status)
    return status


def handle_claimed(session, bericht: Bericht) -> str:
    """Handle a bericht this transaction holds locked and found 'ontvangen' (here, or a batch: batch.py)."""
    if bericht.fouten is not None:
        bericht.fouten = None  # a note of an earlier failed attempt
    _handle(session, bericht)
    return bericht.status


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
    if isinstance(exc, OutboundRuleFault):  # our answer broke the standard: a fault of the platform, not of the sender
        note = (f"Ons antwoord op dit bericht voldeed niet aan de iStandaard en is niet verstuurd ({exc.nummer}); "
                "de gemeente herstelt dit en het bericht wordt daarna opnieuw verwerkt.")
    elif isinstance(exc, ScriptError):
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
        _refuse(bericht, _level_one_fouten(result))
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
    gemeente_code = h.afzender if message.NUMMER not in RETOUR_OF else h.ontvanger
    with session.no_autoflush:  # this bericht's header fields go out with its one flush below, not one each
        gemeente = by_code(session, gemeente_code)
    if gemeente is None:
        _refuse(bericht, [f"Het bericht is gericht aan gemeentecode {gemeente_code}; dit platform werkt niet "
                          "voor die gemeente. Stuur het naar de gemeente zelf."])
        return
    bericht.gemeente_id = gemeente.id
    with session.no_autoflush:  # earlier berichten of a batch were flushed with their identificatie
        first = _first_copy(session, bericht, h.bericht_code, h.bericht_identificatie.identificatie)
    if first is not None and _same_message(first, bericht, message):
        bericht.status, bericht.duplicaat_van_id, bericht.retour_id = "dubbel", first.id, first.retour_id
        return
    if first is not None:
        _refuse_reused_identificatie(session, bericht, message, first)
        return
    bericht.identificatie = h.bericht_identificatie.identificatie
    session.flush()  # the unique constraint settles a race between two copies here
    if message.NUMMER not in RETOUR_OF:  # a retour itself (302) is not answered
        bericht.antwoord_uiterlijk = None
    elif message.NUMMER in ANSWER_DAYS:
        bericht.antwoord_uiterlijk = add_working_days(dutch_date(bericht.ontvangen_op), ANSWER_DAYS[message.NUMMER],
                                                      extra_holidays())
    antwoord = HANDLERS[message.NUMMER](session, bericht, message)
    bericht.status = "verwerkt"
    if antwoord is not None:
        retour = store_outbound(session, bericht.aanbieder_id, antwoord.message, xml=antwoord.xml,
                                gemeente_id=bericht.gemeente_id,
                                zaak_id=bericht.zaak_id)
        bericht.retour_id, bericht.retourcodes = retour.id, antwoord.retourcodes or None


def _refuse(bericht: Bericht, fouten: list[str]) -> None:
    bericht.status, bericht.fouten, bericht.antwoord_uiterlijk = "afgekeurd", fouten, None  # no retour will come
    logger.info("Bericht %s refused: %s", bericht.id, "; ".join(fouten)[:500])


def _same_message(first: Bericht, bericht: Bericht, message) -> bool:
    """Whether `message` says exactly what the first copy said (the bytes, or the parsed content:
    another layout of the same message is still a copy)."""
    if first.inhoud == bericht.inhoud:
        return True
    earlier = validate(first.inhoud)
    return earlier.message is not None and earlier.message == message


def _refuse_reused_identificatie(session, bericht: Bericht, message, first: Bericht) -> None:
    """TR056: Identificatie moet per berichtsoort uniek zijn voor de verzendende partij (9056)."""
    ident = message.header.bericht_identificatie.identificatie
    bericht.antwoord_uiterlijk = None
    if message.NUMMER not in RETOUR_OF:  # a retour (302, 320) copies its heen message's identificatie
        _refuse(bericht, [f"Op ons bericht {ident} is al een ander {bericht.naam} ontvangen (bericht {first.id}); "
                          f"op elk bericht hoort één retourbericht. Dit retourbericht is niet verwerkt."])
        return
    text = (f"Berichtidentificatie {ident} is al gebruikt voor een ander {bericht.naam} (bericht {first.id}); "
            f"een nieuw bericht heeft een nieuwe identificatie nodig (TR056, retourcode 9056).")
    result = RuleResult("TR056", "9056", CROSS_MESSAGE, "Header/BerichtIdentificatie/Identificatie", text, None,
                        message.header)
    antwoord = retour_for(message, [result], bericht.id)
    retour = store_outbound(session, bericht.aanbieder_id, antwoord.message, xml=antwoord.xml,
                            gemeente_id=bericht.gemeente_id)
    bericht.status, bericht.fouten, bericht.retour_id, bericht.retourcodes = "verwerkt", [text], retour.id, "9056"
    logger.info("Bericht %s refused with 9056: identificatie %s was used by bericht %s", bericht.id, ident, first.id)


def _first_copy(session, bericht: Bericht, code: str, identificatie: str) -> Bericht | None:
    return session.scalar(select(Bericht).where(
        Bericht.richting == "in", Bericht.aanbieder_id == bericht.aanbieder_id, Bericht.berichtcode == code,
        Bericht.identificatie == identificatie, Bericht.id != bericht.id))
