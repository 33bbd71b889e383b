"""Use case: a melding comes in (portal, phone, letter) and becomes a zaak with a running process."""
import logging
import uuid
from datetime import date

from sqlalchemy import select

from ..domain import deadlines
from ..domain.input import text_errors
from ..engine import RunContext, ScriptError, latest_definition, start_instance
from ..models import Person, Termijn, Zaak
from .errors import InvalidInput, NotFound
from .history import add_event, add_task_events
from .processing_log import log_processing
from .settings import extra_holidays, run_limits, setting
from .termijn_klok import reclock
from .uow import unit_of_work

logger = logging.getLogger(__name__)

DOMEINEN = {"wmo": "Wmo 2015", "jeugd": "Jeugdwet"}
KANALEN = {"portaal": "Digitaal via Mijn zaken", "telefoon": "Telefonisch", "brief": "Per brief",
           "balie": "Aan de balie", "email": "Per e-mail"}


def submit_melding(actor, *, person_id: int, domein: str, omschrijving: str, kanaal: str,
                   ontvangen_op: date | None = None, on_behalf_of=None, attach=None) -> Zaak:
    """Register a melding for `person_id`, set its legal deadlines and start the domein's process.

    `attach(session, zaak)`, when given, adds what came with the melding (documents, eigen verhaal) in
    the same transaction, so a melding is never stored without them or the other way round."""
    ontvangen_op = ontvangen_op or date.today()
    _check(domein, omschrijving, kanaal, ontvangen_op)
    with unit_of_work() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound("Deze inwoner is niet bekend.")
        zaak, _ = open_zaak(session, actor, person, domein, omschrijving.strip(), kanaal, ontvangen_op)
        if attach is not None:
            attach(session, zaak)
        log_processing(session, actor=actor, person=person, activity=f"{domein}-melding", action="aanmaken",
                       object_type="zaak", object_id=zaak.zaaknummer, on_behalf_of=on_behalf_of,
                       description=f"Melding {DOMEINEN[domein]} geregistreerd")
    logger.info("Zaak %s created by %s", zaak.zaaknummer, getattr(actor, "username", None))
    return zaak


def open_zaak(session, actor, person: Person, domein: str, omschrijving: str, kanaal: str, ontvangen_op: date,
              label: str | None = None):
    """Make the zaak of a melding, set its legal deadlines and start the domein's process, in the caller's
    transaction; (zaak, instance). `label` names the kanaal in its history when it is none of KANALEN."""
    definition = latest_definition(session, domein)
    if definition is None:
        raise InvalidInput(f"Er is geen procesmodel voor {DOMEINEN[domein]} gepubliceerd.")
    zaak = Zaak(zaaknummer=f"tmp-{uuid.uuid4().hex[:12]}", domein=domein, gemeente_id=person.gemeente_id,
                person_id=person.id, omschrijving=omschrijving, kanaal=kanaal, ontvangen_op=ontvangen_op,
                created_by_id=getattr(actor, "id", None))
    session.add(zaak)
    session.flush()
    zaak.zaaknummer = f"Z-{ontvangen_op.year}-{zaak.id:06d}"
    start_data = {"zaak_id": zaak.id, "zaaknummer": zaak.zaaknummer, "domein": domein,
                  "ontvangen_op": ontvangen_op.isoformat(),
                  "vier_ogen_drempel": setting("VIER_OGEN_DREMPEL"),
                  # A besluit sent back by the vier-ogen toets is always checked again.
                  "toets": None}
    start_data.update(_legal_deadlines(session, zaak))
    ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=getattr(actor, "id", None),
                     limits=run_limits(), extra_holidays=extra_holidays())
    try:
        instance = start_instance(ctx, definition, zaak.id, start_data)
    except ScriptError as exc:  # no zaak is made: the melding can be sent again once the model is fixed
        logger.error("Model %s v%s failed at the start of a melding: %s", definition.key, definition.version, exc)
        raise
    add_event(session, zaak.id, "melding_ontvangen",
              f"Melding {DOMEINEN[domein]} ontvangen ({(label or KANALEN[kanaal]).lower()})", actor=actor)
    add_task_events(session, zaak.id, instance.new_tasks)
    return zaak, instance


def _check(domein: str, omschrijving: str, kanaal: str, ontvangen_op: date) -> None:
    errors = {}
    if domein not in DOMEINEN:
        errors["domein"] = "Kies Wmo of Jeugd."
    if not omschrijving or not omschrijving.strip():
        errors["omschrijving"] = "Beschrijf waar u hulp bij nodig heeft."
    elif len(omschrijving) > 5000:
        errors["omschrijving"] = "De beschrijving mag niet langer zijn dan 5000 tekens."
    if kanaal not in KANALEN:
        errors["kanaal"] = "Kies hoe de melding binnenkwam."
    if ontvangen_op > date.today():
        errors["ontvangen_op"] = "De datum van ontvangst kan niet in de toekomst liggen."
    elif ontvangen_op < deadlines.LAWS_IN_FORCE:
        errors["ontvangen_op"] = ("De Wmo 2015 en de Jeugdwet gelden sinds 1 januari 2015; "
                                  "een eerdere datum van ontvangst kan niet.")
    errors.update(text_errors({"domein": domein, "omschrijving": omschrijving, "kanaal": kanaal},
                              {"omschrijving": "Beschrijving"}))
    if errors:
        raise InvalidInput(errors=errors)


def _legal_deadlines(session, zaak: Zaak) -> dict:
    """Store the deadlines that run from the melding and return them as process variables."""
    holidays = extra_holidays()
    if zaak.domein == "wmo":
        deadline, variable = deadlines.onderzoek_deadline(zaak.ontvangen_op, holidays), "onderzoek_deadline"
    else:  # Jeugdwet, Awb 4:13: provisional, from the melding; moved to the aanvraag's receipt (services/termijnen.py)
        deadline, variable = deadlines.beslis_deadline_jeugd(zaak.ontvangen_op, holidays), "beslis_deadline"
    record_deadline(session, zaak.id, variable.removesuffix("_deadline"), deadline)
    if zaak.domein == "wmo":  # the inwoner's term, shown beside the gemeente's (no timer: the onderzoek waits)
        record_deadline(session, zaak.id, "persoonlijk_plan",
                        deadlines.persoonlijk_plan_deadline(zaak.ontvangen_op, holidays))
    return {variable: deadlines.end_of_day(deadline.due).isoformat()}


def record_deadline(session, zaak_id: int, soort: str, deadline) -> Termijn:
    """Store (or update) one legal deadline of a zaak; a beslistermijn keeps its opschortingen and verdagingen."""
    termijn = session.scalar(select(Termijn).where(Termijn.zaak_id == zaak_id, Termijn.soort == soort))
    if termijn is None:
        termijn = Termijn(zaak_id=zaak_id, soort=soort)
        session.add(termijn)
    termijn.due, termijn.description = deadline.due, deadline.description_nl
    termijn.article = f"{deadline.article}; {deadline.atw_article}" if deadline.atw_article else deadline.article
    termijn.basis, termijn.wettelijk = deadline.unadjusted, deadline.due
    reclock(session, termijn)
    return termijn
