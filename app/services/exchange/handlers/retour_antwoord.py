"""320: the aanbieder's retour on our 319 (antwoord op een verzoek), IV028. It is linked to the 319
it answers (which becomes 'beantwoord'), shown on the zaak, and a 319 the aanbieder refused is
noted on the zaak with the retourcodes in plain Dutch."""
from ....models import Bericht
from ...history import add_event
from ...processing_log import log_processing
from ..codes import describe
from . import answered_heen, handles

OK_CODES = {"0200"}


@handles("320")
def handle_320(session, bericht: Bericht, message) -> None:
    """Record the verdict on our 319; a retour gets no answer of its own."""
    h = message.header
    heen = answered_heen(session, bericht, message, "319", "antwoordbericht")
    if heen is None:
        return None
    antwoord_codes = message.antwoord.retour_codes if message.antwoord is not None else []
    refused = list(dict.fromkeys(c for c in [*h.retour_codes, *antwoord_codes] if c not in OK_CODES))
    bericht.retourcodes = " ".join(refused) or None
    if refused:
        bericht.fouten = [describe(c) for c in refused]
    if heen.zaak is None:
        return None
    summary = (f"Antwoord op verzoek (319) afgekeurd door de aanbieder: {', '.join(refused)}" if refused else
               "Antwoord op verzoek (319) ontvangen door de aanbieder")
    add_event(session, heen.zaak_id, "antwoord_retour", summary,
              data={"bericht_id": bericht.id, "retourcodes": refused})
    zaak = heen.zaak
    log_processing(session, actor=None, person=zaak.person, activity=f"{zaak.domein}-toewijzing",
                   action="ontvangen", object_type="bericht", object_id=bericht.id, role="systeem",
                   description=f"{bericht.naam} van aanbieder {bericht.aanbieder.agb_code} verwerkt")
    return None
