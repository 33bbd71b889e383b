"""Use cases of the bezwaar (#17 point 5; Awb 6:4–7:12): the inwoner (or a gemachtigde who may act for them) lodges
bezwaar against a beschikking of their zaak in Mijn zaken, with grounds and documents; staff register one received
on paper with its day of receipt; the jurist extends the term for the beslissing (verdaging, Awb 7:10 lid 3).

Lodging is one unit of work: the bezwaar, its documents, `zaak.bezwaar_sinds` (retention never destroys a zaak under
bezwaar), the `bezwaar` process with its ontvangstbevestiging, the history and the processing log commit together or
not at all. A late bezwaar is flagged (termijnoverschrijding, Awb 6:11), never refused: the jurist judges it."""
import logging
from datetime import date

from sqlalchemy import select

from .. import db

from ..domain import bezwaar as rules
from ..domain.deadlines import bezwaar_deadline, dutch_date, end_of_day, format_date_nl
from ..domain.input import is_digits, text_errors
from ..engine import RunContext, latest_definition, move_deadline_timers, start_instance
from ..models import Beschikking, Bezwaar, BezwaarBijlage, PortaalBericht, ProcessInstance, Zaak
from ..models.base import utcnow
from . import bijlagen
from .bezwaar_brieven import verdaging_letter
from .errors import InvalidInput, NotFound
from .history import add_event, add_task_events
from .opschorting import parse_date
from .portal_mail import mail_inwoner
from .processing_log import log_processing
from .settings import extra_holidays, run_limits
from .termijn_klok import today
from .uow import unit_of_work

logger = logging.getLogger(__name__)
ACTIVITY = "bezwaar"
MAIL_VERDAGING = ("De beslissing op uw bezwaar komt later",
                  "De gemeente beslist later op uw bezwaar (zaak {zaaknummer}). In Mijn zaken leest u waarom en "
                  "tot wanneer.")


def submit_bezwaar(actor, zaak: Zaak, beschikking_id, gronden: str, uploads: list, on_behalf_of=None) -> Bezwaar:
    """The inwoner or gemachtigde lodges bezwaar in Mijn zaken: received today (by the services' clock)."""
    checked, errors = _checked(uploads)
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        beschikking = _beschikking(session, zaak, beschikking_id, gronden, checked_errors=errors)
        bezwaar = _lodge(session, actor, zaak, beschikking, gronden, today(), "mijn_zaken", checked, on_behalf_of)
        log_processing(session, actor=actor, person=zaak.person, activity=ACTIVITY, action="aanmaken",
                       object_type="bezwaar", object_id=bezwaar.id, on_behalf_of=on_behalf_of,
                       description=f"Bezwaar ingediend in Mijn zaken tegen het besluit in zaak {zaak.zaaknummer}")
    logger.info("Bezwaar %s lodged in Mijn zaken for zaak %s by %s", bezwaar.id, zaak.zaaknummer, actor.username)
    return bezwaar


def register_bezwaar(actor, zaak: Zaak, beschikking_id, gronden: str, ontvangen_op, uploads: list) -> Bezwaar:
    """Staff register a bezwaarschrift that came in on paper, with the day it was received (Awb 6:9)."""
    checked, errors = _checked(uploads)
    day = parse_date(ontvangen_op)
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        found = _find(session, zaak, beschikking_id)
        if problem := rules.ontvangst_error(day, dutch_date(found.vastgesteld_op) if found else date.min, today()):
            errors["ontvangen_op"] = problem
        beschikking = _beschikking(session, zaak, beschikking_id, gronden, checked_errors=errors)
        bezwaar = _lodge(session, actor, zaak, beschikking, gronden, day, "brief", checked, None)
        log_processing(session, actor=actor, person=zaak.person, activity=ACTIVITY, action="aanmaken",
                       object_type="bezwaar", object_id=bezwaar.id,
                       description=f"Bezwaarschrift per post geregistreerd in zaak {zaak.zaaknummer}")
    logger.info("Paper bezwaar %s registered for zaak %s by %s", bezwaar.id, zaak.zaaknummer, actor.username)
    return bezwaar


def _checked(uploads: list) -> tuple[list, dict]:
    """The documents checked (virus scan, type, size) before anything is written, and their errors beside the field
    (shown together with the other fields' errors)."""
    try:
        return bijlagen.check_all(uploads), {}
    except InvalidInput as exc:
        return [], dict(exc.errors)


def _find(session, zaak: Zaak, beschikking_id) -> Beschikking | None:
    try:
        beschikking = session.get(Beschikking, int(beschikking_id)) if is_digits(str(beschikking_id or "")) else None
    except (TypeError, ValueError, OverflowError):
        return None
    return beschikking if beschikking is not None and beschikking.zaak_id == zaak.id else None


def _beschikking(session, zaak: Zaak, beschikking_id, gronden: str, checked_errors: dict) -> Beschikking:
    """The beschikking of this zaak the bezwaar is against, or InvalidInput with every problem beside its field:
    no such besluit in the zaak (someone else's is no choice), one that already has an open bezwaar, no grounds."""
    errors = dict(checked_errors)
    beschikking = _find(session, zaak, beschikking_id)
    if beschikking is None:
        errors["beschikking"] = "Kies het besluit waartegen u bezwaar maakt."
    elif session.scalar(select(Bezwaar.id).where(Bezwaar.beschikking_id == beschikking.id,
                                                 Bezwaar.uitkomst.is_(None))) is not None:
        errors["beschikking"] = ("Tegen dit besluit loopt al een bezwaar. Wilt u iets toevoegen? Stuur dan een bericht "
                                 "bij uw zaak.")
    if problem := rules.gronden_error(gronden):
        errors["gronden"] = problem
    errors |= {k: v for k, v in text_errors({"gronden": gronden}, {"gronden": "Gronden"}).items() if k not in errors}
    if errors:
        raise InvalidInput("Het bezwaar is niet verstuurd.", errors=errors)
    return beschikking


def _lodge(session, actor, zaak: Zaak, beschikking: Beschikking, gronden: str, day: date, kanaal: str,
           checked: list, on_behalf_of) -> Bezwaar:
    holidays = extra_holidays()
    einde = beschikking.bezwaar_tot or _bezwaar_tot_of(beschikking, holidays)
    commissie = bool(zaak.gemeente.bezwaarcommissie)
    termijn = rules.beslistermijn(einde, commissie, day, holidays)
    bezwaar = Bezwaar(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, beschikking_id=beschikking.id, kanaal=kanaal,
                      ontvangen_op=day, gronden=gronden.strip(), ingediend_door_id=actor.id, bezwaartermijn_einde=einde,
                      termijnoverschrijding=rules.te_laat(day, einde), commissie=commissie,
                      beslistermijn=termijn.due)
    session.add(bezwaar)
    session.flush()
    for bijlage in bijlagen.attach(session, actor, zaak, checked, on_behalf_of):
        session.add(BezwaarBijlage(bezwaar_id=bezwaar.id, bijlage_id=bijlage.id))
    if zaak.bezwaar_sinds is None:
        zaak.bezwaar_sinds = utcnow()
    wat = f"Bezwaar ontvangen op {format_date_nl(day)} ({'Mijn zaken' if kanaal == 'mijn_zaken' else 'per post'})"
    if bezwaar.termijnoverschrijding:
        wat += f"; na de bezwaartermijn (tot en met {format_date_nl(einde)}): termijnoverschrijding (art. 6:11 Awb)"
    add_event(session, zaak.id, "bezwaar_ontvangen", wat, actor=actor,
              data={"bezwaar_id": bezwaar.id, "beschikking_id": beschikking.id})
    _start_process(session, actor, zaak, bezwaar)
    return bezwaar


def _bezwaar_tot_of(beschikking: Beschikking, holidays) -> date:
    """A beschikking not (yet) recorded as made known: its term is counted from the day it was vastgesteld."""
    return bezwaar_deadline(dutch_date(beschikking.vastgesteld_op), holidays).due


def _start_process(session, actor, zaak: Zaak, bezwaar: Bezwaar) -> None:
    definition = latest_definition(session, "bezwaar")
    if definition is None:
        raise NotFound("Het bezwaarproces is niet gepubliceerd (flask deploy).")
    ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=actor.id, limits=run_limits(),
                     extra_holidays=extra_holidays())
    instance = start_instance(ctx, definition, zaak.id, {
        "zaak_id": zaak.id, "zaaknummer": zaak.zaaknummer, "domein": zaak.domein, "bezwaar_id": bezwaar.id,
        "bezwaar_deadline": end_of_day(bezwaar.beslistermijn).isoformat(), "bezwaar_commissie": bezwaar.commissie,
        "bezwaar_te_laat": bezwaar.termijnoverschrijding})
    bezwaar.instance_id = instance.id
    besluit = bezwaar.beschikking.bekendgemaakt_op or dutch_date(bezwaar.beschikking.vastgesteld_op)
    feiten = (f"Bezwaar van {format_date_nl(bezwaar.ontvangen_op)} tegen het besluit van {format_date_nl(besluit)}"
              f"; beslissen uiterlijk {format_date_nl(bezwaar.beslistermijn)}.")
    if bezwaar.termijnoverschrijding:
        feiten += (" Let op: ontvangen na de bezwaartermijn (tot en met "
                   f"{format_date_nl(bezwaar.bezwaartermijn_einde)}): beoordeel of dat verschoonbaar is "
                   "(art. 6:11 Awb).")
    for task in instance.new_tasks:  # rows are written once: the task page names the facts
        task.instructions = f"{feiten} {task.instructions or ''}".strip()
    add_task_events(session, zaak.id, instance.new_tasks)


def extend(actor, bezwaar: Bezwaar, reden: str) -> Bezwaar:
    """The jurist verdaagt the beslissing op bezwaar by six weeks (Awb 7:10 lid 3) with a mededeling to the inwoner,
    before the term ends; the process's timer and the werkvoorraad's due date follow."""
    reden = (reden or "").strip()
    day = today()
    with unit_of_work() as session:
        bezwaar = session.get(Bezwaar, bezwaar.id)
        errors = {}
        if bezwaar.uitkomst is not None:
            errors["reden"] = "Op dit bezwaar is al beslist."
        elif bezwaar.verdaagd_tot is not None:
            errors["reden"] = ("De beslissing is al een keer verdaagd. Verder uitstel kan alleen met instemming van de "
                               "indiener (art. 7:10 lid 4 Awb).")
        elif day > bezwaar.beslistermijn:
            errors["reden"] = (f"De termijn eindigde op {format_date_nl(bezwaar.beslistermijn)}. Verdagen kan alleen "
                               "voordat de termijn voorbij is.")
        if not reden:
            errors["reden"] = errors.get("reden") or "Schrijf waarom de beslissing later komt; de inwoner leest het."
        elif len(reden) > 2000:
            errors["reden"] = "De reden is langer dan 2000 tekens. Maak hem korter."
        errors |= {k: v for k, v in text_errors({"reden": reden}, {"reden": "Reden"}).items() if k not in errors}
        if errors:
            raise InvalidInput("De beslissing is niet verdaagd.", errors=errors)
        oude = bezwaar.beslistermijn
        nieuw = rules.verdaagd(oude, extra_holidays()).due
        bezwaar.verdaagd_tot, bezwaar.verdaging_reden, bezwaar.verdaagd_op = nieuw, reden, day
        zaak = session.get(Zaak, bezwaar.zaak_id)
        if bezwaar.instance_id:
            instance = session.get(ProcessInstance, bezwaar.instance_id)
            if instance is not None and instance.status == "running":
                ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=actor.id, limits=run_limits(),
                                 extra_holidays=extra_holidays())
                move_deadline_timers(ctx, instance, "bezwaar_deadline", end_of_day(nieuw))
        bezwaar.verdaging_document_id = verdaging_letter(session, zaak, bezwaar, oude, day).id
        session.add(PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="gemeente", afzender_id=actor.id, soort="bericht",
                                   tekst=f"Wij beslissen later op uw bezwaar: uiterlijk op {format_date_nl(nieuw)} in "
                                         f"plaats van {format_date_nl(oude)}. De reden: {reden}"))
        add_event(session, zaak.id, "bezwaar_verdaagd",
                  f"Beslissing op bezwaar verdaagd (art. 7:10 lid 3 Awb): uiterlijk {format_date_nl(nieuw)} in plaats "
                  f"van {format_date_nl(oude)}", actor=actor, data={"bezwaar_id": bezwaar.id})
        log_processing(session, actor=actor, person=zaak.person, activity=ACTIVITY, action="wijzigen",
                       object_type="bezwaar", object_id=bezwaar.id,
                       description=f"Beslissing op bezwaar verdaagd in zaak {zaak.zaaknummer}")
        mail_inwoner(session, zaak, MAIL_VERDAGING[0], MAIL_VERDAGING[1].format(zaaknummer=zaak.zaaknummer))
    logger.info("Bezwaar %s verdaagd to %s by %s", bezwaar.id, nieuw, actor.username)
    return bezwaar


def get_bezwaar(bezwaar_id: int) -> Bezwaar:
    """The bezwaar `bezwaar_id`, or 'not found' (the route then asks the policy about its zaak)."""
    bezwaar = db.session.get(Bezwaar, bezwaar_id)
    if bezwaar is None:
        raise NotFound("Dit bezwaar bestaat niet.")
    return bezwaar
