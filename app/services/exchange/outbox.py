"""Place a message in an aanbieder's outbox: the very bytes that will be stored go through the same
controleniveaus an inbound message goes through (the official XSD, then every in-message rule of the
standard, as `python -m iwmo_messages validate` reports them) before they are stored as a Bericht 'uit'.

That holds for every message the platform builds: its own heen messages (301, 319) and its answers
(306, 308, 316, 318 and the declaratie-antwoord 325). An answer echoes what the aanbieder sent only
when that passed the in-message rules (a message with such a fault gets a header-only retour with
0001), so a fault found here is always one of the platform: it is logged, nothing is stored, and the
service that asked for the message fails with a Dutch text naming what data is missing (a task stays
open with its form; an inbound message stays 'ontvangen' and is handled again after the fix)."""
import logging
from datetime import date

from iwmo_messages import MessageError, to_xml
from iwmo_messages.report import Fault, report

from ...engine import ScriptError
from ...models import Bericht
from .context_gemeente import GemeenteContext

logger = logging.getLogger(__name__)
#: The message numbers the platform builds, all checked here (a 302 or 320 comes from the aanbieder).
BUILT_HERE = frozenset({"301", "306", "308", "316", "318", "319", "325"})
#: What the person who asked for the message can do about a fault of these codes.
WHAT_IS_MISSING = {
    "CD005": "het land van het adres van de cliënt (bij een adres met postcode)",
    "CD025": "het huisnummer van het adres van de cliënt (bij een adres in Nederland)",
    "CD075": "de einddatum van de toewijzing (een budget heeft een einddatum nodig)",
    "CD076": "de einddatum van de toewijzing (een toewijzing per week heeft een einddatum nodig)",
    "CD077": "de omvang of het budget van de toewijzing",
    "CS002": "een geldig burgerservicenummer van de cliënt",
    "CS003": "een einddatum die niet vóór de ingangsdatum ligt",
}


class OutboundRuleFault(ScriptError):
    """A message the platform built breaks the standard's XSD or one of its rules; it is not sent.

    A ScriptError, so that the service task that asked for it fails like any other that cannot go on:
    nothing of the step is saved, the task stays open and the person sees this text."""

    def __init__(self, nummer: str, faults: list[Fault]):
        self.nummer, self.faults = nummer, faults
        listed = "; ".join(f"{f.melding} ({f.code}, {f.xpath or 'bericht'})" for f in faults)
        missing = sorted({WHAT_IS_MISSING[f.code] for f in faults if f.code in WHAT_IS_MISSING})
        advice = (f" Vul aan: {'; '.join(missing)}, en probeer het opnieuw." if missing else
                  " Dit is een fout in het platform; meld het aan de beheerder.")
        super().__init__(f"Het {nummer}-bericht voldoet niet aan de iStandaard en is niet verstuurd: {listed}. "
                         f"Er is niets opgeslagen.{advice}")


def outbound_faults(xml: bytes, context=None) -> list[Fault]:
    """Every fault of `xml` as a receiver's validation finds it: XSD (controleniveau 1), then the
    in-message rules (2) and, as far as `context` knows the earlier messages, the rules across messages."""
    return report(xml, context).faults


def checked_xml(message, xml: bytes | None = None, context=None) -> bytes:
    """The bytes of `message` (or the given `xml` of it) once they pass `outbound_faults`; else
    OutboundRuleFault (logged). The check of every message the outbox stores."""
    nummer = message.NUMMER
    if nummer not in BUILT_HERE:
        raise ValueError(f"a {nummer} is not a message the gemeente sends")
    if xml is None:
        try:
            xml = to_xml(message, validate=False)  # the XSD is checked below, on these bytes
        except MessageError as exc:  # a part the message type does not have
            raise _refused(nummer, [Fault(i.rule, None, 1, i.element, i.line, i.message) for i in exc.issues])
    faults = outbound_faults(xml, context)
    if faults:
        raise _refused(nummer, faults)
    return xml


def store_outbound(session, aanbieder_id: int, message, *, gemeente_id: int, zaak_id: int | None = None,
                   antwoord_uiterlijk: date | None = None, xml: bytes | None = None) -> Bericht:
    """Serialize `message` (unless its bytes are given), check those bytes (`checked_xml`; a fault
    raises OutboundRuleFault and nothing is added) and add them to the outbox. The rules see what the gemeente
    sent before (GemeenteContext: TR332, TR355, TR359, TR360, TR365, TR379, TR385, TR056)."""
    nummer = message.NUMMER
    xml = checked_xml(message, xml, GemeenteContext(session, gemeente_id, message.standaard))
    h = message.header
    # A retour (302 … 320) copies the heen message's BerichtIdentificatie; its own is IdentificatieRetour
    # (two retouren may answer one identificatie: the message and another one that reused it, TR056).
    identificatie = getattr(h, "identificatie_retour", None) or h.bericht_identificatie.identificatie
    bericht = Bericht(
        richting="uit", aanbieder_id=aanbieder_id, gemeente_id=gemeente_id, kanaal="intern", inhoud=xml, standaard=message.standaard,
        nummer=nummer, berichtcode=h.bericht_code, afzender=h.afzender, ontvanger=h.ontvanger,
        identificatie=identificatie, dagtekening=h.bericht_identificatie.dagtekening,
        status="nieuw", zaak_id=zaak_id, antwoord_uiterlijk=antwoord_uiterlijk)
    session.add(bericht)
    session.flush()
    return bericht


def _refused(nummer: str, faults: list[Fault]) -> OutboundRuleFault:
    logger.error("Outbound %s refused by its own check (a platform fault): %s", nummer, [str(f) for f in faults])
    return OutboundRuleFault(nummer, faults)
