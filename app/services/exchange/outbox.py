"""Place a message in an aanbieder's outbox: XSD-validated and checked with the same in-message rules
an aanbieder's system applies on receipt, stored as a Bericht 'uit'. A message that breaks a rule is
never stored: it is a fault in the platform, logged and refused."""
import logging
from datetime import date

from iwmo_messages import check_rules, to_xml

from ...models import Bericht
from .context_gemeente import GemeenteContext

logger = logging.getLogger(__name__)
#: Messages the gemeente writes itself. A retour (302, 306, 308, 316, 318, 325) echoes what the
#: aanbieder sent, faults included, with the retourcodes that name them; it is not checked here.
SELF_CHECKED = {"301", "319"}


class OutboundRuleFault(RuntimeError):
    """A message the platform built breaks a rule of the standard; it is not sent."""

    def __init__(self, nummer: str, faults: list):
        self.faults = faults
        listed = "; ".join(f"{f.rule} {f.element}: {f.message}" for f in faults)
        super().__init__(f"Het {nummer}-bericht voldoet niet aan de iStandaard en is niet verstuurd ({listed}).")


def store_outbound(session, aanbieder_id: int, message, *, gemeente_id: int, zaak_id: int | None = None,
                   antwoord_uiterlijk: date | None = None, xml: bytes | None = None) -> Bericht:
    """Serialize `message` (to_xml validates it against the XSD, or raises), check its rules (or raise
    OutboundRuleFault) and add it to the outbox. The rules see what the gemeente sent before (GemeenteContext:
    TR332, TR355, TR359, TR360, TR365, TR379, TR385, TR056)."""
    xml = xml if xml is not None else to_xml(message)
    context = GemeenteContext(session, gemeente_id, message.standaard)
    faults = check_rules(message, context) if message.NUMMER in SELF_CHECKED else []
    if faults:
        logger.error("Outbound %s refused by its own rule check: %s", message.NUMMER, [str(f) for f in faults])
        raise OutboundRuleFault(message.NUMMER, faults)
    h = message.header
    # A retour (302 … 320) copies the heen message's BerichtIdentificatie; its own is IdentificatieRetour
    # (two retouren may answer one identificatie: the message and another one that reused it, TR056).
    identificatie = getattr(h, "identificatie_retour", None) or h.bericht_identificatie.identificatie
    bericht = Bericht(
        richting="uit", aanbieder_id=aanbieder_id, gemeente_id=gemeente_id, kanaal="intern", inhoud=xml, standaard=message.standaard,
        nummer=message.NUMMER, berichtcode=h.bericht_code, afzender=h.afzender, ontvanger=h.ontvanger,
        identificatie=identificatie, dagtekening=h.bericht_identificatie.dagtekening,
        status="nieuw", zaak_id=zaak_id, antwoord_uiterlijk=antwoord_uiterlijk)
    session.add(bericht)
    session.flush()
    return bericht
