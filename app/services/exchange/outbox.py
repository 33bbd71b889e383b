"""Place a message in an aanbieder's outbox: XSD-validated, stored as a Bericht 'uit'."""
from datetime import date

from iwmo_messages import to_xml

from ...models import Bericht


def store_outbound(session, aanbieder_id: int, message, *, zaak_id: int | None = None,
                   antwoord_uiterlijk: date | None = None, xml: bytes | None = None) -> Bericht:
    """Serialize `message` (to_xml validates it against the XSD, or raises) and add it to the outbox."""
    xml = xml if xml is not None else to_xml(message)
    h = message.header
    bericht = Bericht(
        richting="uit", aanbieder_id=aanbieder_id, kanaal="intern", inhoud=xml, standaard=message.standaard,
        nummer=message.NUMMER, berichtcode=h.bericht_code, afzender=h.afzender, ontvanger=h.ontvanger,
        identificatie=h.bericht_identificatie.identificatie, dagtekening=h.bericht_identificatie.dagtekening,
        status="nieuw", zaak_id=zaak_id, antwoord_uiterlijk=antwoord_uiterlijk)
    session.add(bericht)
    session.flush()
    return bericht
