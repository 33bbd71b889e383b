"""Use cases of the opschorting (#17 point 2, Awb 4:5 and 4:15): the consulent asks the inwoner for information
with a term, which suspends the beslistermijn from the day after the request until the information arrives — the
consulent records it, or the inwoner replies in Mijn zaken with documents — or the term ends.

Each use case is one unit of work: the request, the letter and message in Mijn zaken, the termijn's new date, the
engine's re-armed timer, the zaak history and the processing log commit together or not at all."""
import logging
from datetime import date

from ..domain.input import text_errors
from ..domain.deadlines import format_date_nl
from ..domain.termijn_klok import ontvangst_errors, opschorting_errors
from ..models import Opschorting, PortaalBericht, Zaak
from . import bijlagen
from .errors import InvalidInput, NotFound
from .history import add_event
from .portal_mail import mail_behandelaars, mail_inwoner
from .processing_log import log_processing
from .termijn_brieven import informatieverzoek_letter
from .termijn_klok import follow, open_request, reclock, running_term, today
from .uow import unit_of_work

logger = logging.getLogger(__name__)

MAIL_INWONER = ("De gemeente vraagt u om informatie",
                "De gemeente heeft meer informatie van u nodig voor uw aanvraag (zaak {zaaknummer}). Log in op Mijn "
                "zaken om te lezen wat wij vragen en tot wanneer u het kunt sturen.")
MAIL_CONSULENT = ("Informatie van een inwoner ontvangen",
                  "In zaak {zaaknummer} stuurde de inwoner de gevraagde informatie. De beslistermijn loopt weer.")


def request_information(actor, zaak: Zaak, omschrijving: str, termijn_tot) -> Opschorting:
    """Ask the inwoner for information until `termijn_tot` (a date or an ISO string) and suspend the beslistermijn."""
    day = today()
    omschrijving = (omschrijving or "").strip()
    term_end = parse_date(termijn_tot)
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        termijn = running_term(session, zaak) if zaak.status == "lopend" else None
        pending = open_request(session, zaak.id)
        errors = opschorting_errors(omschrijving, term_end, day, termijn.due if termijn else None,
                                    pending.termijn_tot if pending else None)
        if termijn_tot and term_end is None and "termijn_tot" not in errors:
            errors["termijn_tot"] = "Vul een geldige datum in, bijvoorbeeld 21-12-2026."
        errors |= text_errors({"omschrijving": omschrijving}, {"omschrijving": "Gevraagde informatie"})
        if errors:
            raise InvalidInput("Het verzoek om informatie is niet verstuurd.", errors=errors)
        oude = termijn.due
        opschorting = Opschorting(zaak_id=zaak.id, termijn_soort=termijn.soort, omschrijving=omschrijving,
                                  gevraagd_op=day, termijn_tot=term_end, gevraagd_door_id=actor.id)
        session.add(opschorting)
        reclock(session, termijn)
        follow(session, zaak, termijn, actor)
        opschorting.document_id = informatieverzoek_letter(session, zaak, opschorting, termijn.due, actor).id
        session.add(PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="gemeente", afzender_id=actor.id, soort="informatieverzoek",
                                   tekst=f"Wij hebben meer informatie van u nodig: {omschrijving}\n\nStuur het uiterlijk "
                                         f"op {format_date_nl(term_end)} via 'Informatie sturen' bij uw zaak."))
        add_event(session, zaak.id, "opschorting",
                  f"Informatie gevraagd tot en met {format_date_nl(term_end)}; beslistermijn opgeschort "
                  f"(art. 4:15 Awb): uiterlijk {format_date_nl(termijn.due)} in plaats van {format_date_nl(oude)}",
                  actor=actor, data={"opschorting_id": opschorting.id})
        log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                       action="aanmaken", object_type="opschorting", object_id=opschorting.id,
                       description=f"Informatie gevraagd in zaak {zaak.zaaknummer}")
        mail_inwoner(session, zaak, MAIL_INWONER[0], MAIL_INWONER[1].format(zaaknummer=zaak.zaaknummer))
    logger.info("Opschorting %s in zaak %s by %s", opschorting.id, zaak.zaaknummer, actor.username)
    return opschorting


def record_received(actor, zaak: Zaak, ontvangen_op) -> Opschorting:
    """The consulent records the day the information came in (post, phone, balie): the term runs again."""
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        opschorting = _request_of(session, zaak)
        day = parse_date(ontvangen_op)
        errors = ontvangst_errors(day, opschorting.gevraagd_op, today())
        if ontvangen_op and day is None:
            errors = {"ontvangen_op": "Vul een geldige datum in, bijvoorbeeld 14-12-2026."}
        if errors:
            raise InvalidInput("De ontvangst is niet vastgelegd.", errors=errors)
        _close(session, zaak, opschorting, day, "consulent", actor)
        log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                       action="wijzigen", object_type="opschorting", object_id=opschorting.id,
                       description=f"Ontvangst van gevraagde informatie vastgelegd in zaak {zaak.zaaknummer}")
    return opschorting


def answer_from_portal(actor, zaak: Zaak, tekst: str, uploads: list, on_behalf_of=None) -> Opschorting:
    """The inwoner (or gemachtigde) sends the information in Mijn zaken: a reply with documents, received today."""
    tekst = (tekst or "").strip()
    checked = bijlagen.check_all(uploads)
    errors = {}
    if not tekst and not checked:
        errors["tekst"] = "Schrijf uw antwoord of stuur een document mee."
    elif len(tekst) > 5000:
        errors["tekst"] = "Uw antwoord is langer dan 5000 tekens. Maak het korter."
    errors |= text_errors({"tekst": tekst}, {"tekst": "Antwoord"})
    if errors:
        raise InvalidInput(errors=errors)
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        opschorting = _request_of(session, zaak)
        if tekst:
            session.add(PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="inwoner", afzender_id=actor.id, soort="informatie",
                                       tekst=tekst))
        bijlagen.attach(session, actor, zaak, checked, on_behalf_of)
        _close(session, zaak, opschorting, today(), "mijn_zaken", actor)
        log_processing(session, actor=actor, person=zaak.person, activity="inwoner-gegevens", action="aanmaken",
                       object_type="opschorting", object_id=opschorting.id, on_behalf_of=on_behalf_of,
                       description=f"Gevraagde informatie gestuurd in zaak {zaak.zaaknummer}")
        mail_behandelaars(session, zaak, MAIL_CONSULENT[0], MAIL_CONSULENT[1].format(zaaknummer=zaak.zaaknummer))
    return opschorting


def _request_of(session, zaak: Zaak) -> Opschorting:
    """The zaak's open request for information (there is at most one)."""
    opschorting = open_request(session, zaak.id)
    if opschorting is None:
        raise NotFound("Er staat geen verzoek om informatie open in deze zaak.")
    return opschorting


def _close(session, zaak: Zaak, opschorting: Opschorting, day: date, via: str, actor) -> None:
    """The information is in on `day`: the suspension ends and the termijn and timers take their new date."""
    opschorting.ontvangen_op, opschorting.ontvangen_via = day, via
    termijn = running_term(session, zaak)
    summary = f"Gevraagde informatie ontvangen op {format_date_nl(day)}"
    if termijn is not None and termijn.soort == opschorting.termijn_soort:
        reclock(session, termijn)
        follow(session, zaak, termijn, actor)
        summary += f"; de beslistermijn loopt weer: uiterlijk {format_date_nl(termijn.due)}"
    add_event(session, zaak.id, "opschorting_einde", summary, actor=actor, data={"opschorting_id": opschorting.id})
    logger.info("Opschorting %s of zaak %s ended on %s (%s)", opschorting.id, zaak.zaaknummer, day, via)


def parse_date(value) -> date | None:
    """A date from a form (ISO, as <input type=date> sends it) or as given; None when it is none."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10]) if value else None
    except ValueError:
        return None
