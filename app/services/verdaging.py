"""Use case of the verdaging (#17 point 3, Awb 4:14): before the beslistermijn ends the consulent or beoordelaar
extends it with a reason, and the inwoner gets the mededeling as a letter in Mijn zaken. Wmo 2015 art. 2.3.5 lid 2
sets the term by law, so Awb 4:14 lid 1 applies ("een zo kort mogelijke termijn"); the Jeugdwet sets none, so the
Awb 4:13 lid 2 eight weeks run and lid 3 applies ("een redelijke termijn"). One unit of work, as opschorting.py."""
import logging

from ..domain.deadlines import format_date_nl
from ..domain.input import text_errors
from ..domain.termijn_klok import VERDAGING_ARTICLE, verdaging_errors
from ..models import PortaalBericht, Verdaging, Zaak
from .errors import InvalidInput
from .history import add_event
from .opschorting import parse_date
from .portal_mail import mail_inwoner
from .processing_log import log_processing
from .termijn_brieven import verdaging_letter
from .termijn_klok import follow, reclock, running_term, today
from .uow import unit_of_work

logger = logging.getLogger(__name__)

MAIL_INWONER = ("Uw besluit komt later",
                "De gemeente heeft de termijn voor het besluit over uw aanvraag verlengd (zaak {zaaknummer}). Log in op "
                "Mijn zaken om de brief te lezen met de reden en de nieuwe datum.")


def extend_term(actor, zaak: Zaak, nieuwe_datum, reden: str) -> Verdaging:
    """Extend the running beslistermijn to `nieuwe_datum` (a date or ISO string), with the mededeling."""
    day, reden, new_date = today(), (reden or "").strip(), parse_date(nieuwe_datum)
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        termijn = running_term(session, zaak) if zaak.status == "lopend" else None
        soort = termijn.soort if termijn else ("beschikking" if zaak.domein == "wmo" else "beslis")
        errors = verdaging_errors(soort, new_date, reden, day, termijn.due if termijn else None)
        if nieuwe_datum and new_date is None:
            errors["nieuwe_datum"] = "Vul een geldige datum in, bijvoorbeeld 15-01-2027."
        errors |= text_errors({"reden": reden}, {"reden": "Reden"})
        if errors:
            raise InvalidInput("De termijn is niet verdaagd.", errors=errors)
        verdaging = Verdaging(zaak_id=zaak.id, termijn_soort=soort, oude_datum=termijn.due, nieuwe_datum=new_date,
                              reden=reden, medegedeeld_op=day, verdaagd_door_id=actor.id)
        session.add(verdaging)
        reclock(session, termijn)
        follow(session, zaak, termijn, actor)
        verdaging.document_id = verdaging_letter(session, zaak, verdaging, actor).id
        session.add(PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="gemeente", afzender_id=actor.id, soort="verdaging",
                                   tekst=f"U krijgt ons besluit later: uiterlijk op {format_date_nl(new_date)} in plaats "
                                         f"van {format_date_nl(verdaging.oude_datum)}. De reden: {reden}"))
        add_event(session, zaak.id, "verdaging",
                  f"Beslistermijn verdaagd ({VERDAGING_ARTICLE[soort]}): uiterlijk {format_date_nl(new_date)} in "
                  f"plaats van {format_date_nl(verdaging.oude_datum)}; mededeling aan de inwoner verstuurd",
                  actor=actor, data={"verdaging_id": verdaging.id})
        log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                       action="aanmaken", object_type="verdaging", object_id=verdaging.id,
                       description=f"Beslistermijn verdaagd in zaak {zaak.zaaknummer}")
        mail_inwoner(session, zaak, MAIL_INWONER[0], MAIL_INWONER[1].format(zaaknummer=zaak.zaaknummer))
    logger.info("Verdaging %s in zaak %s by %s", verdaging.id, zaak.zaaknummer, actor.username)
    return verdaging
