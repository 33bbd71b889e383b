"""Use cases of the vernietigingslijst under review (#13 point 7): a beheerder of the gemeente reads it, takes a
zaak off with a reason, and submits it; a second person — another beheerder or the privacy officer, never the
one who submitted it — approves it (or sends it back with a reason). Approval queues the destruction
(services/vernietiging.py) after the commit. Every step is audited; reading the list is in the processing log."""
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..domain import policy
from ..models import Person, Vernietigingslijst, VernietigingslijstRegel, Zaak
from . import audit
from .clock import now as clock_now
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .gemeenten import reach
from .processing_log import log_list_processing
from .uow import after_commit, unit_of_work

logger = logging.getLogger(__name__)
MAX_REDEN = 500


@dataclass(frozen=True)
class RegelView:
    regel: VernietigingslijstRegel
    zaaknummer: str | None


def lijsten_for(actor) -> list[Vernietigingslijst]:
    """The lists of the gemeenten the actor works for, newest first."""
    _require(policy.decide(actor, "retentie.bekijken"))
    with unit_of_work() as session:
        return list(session.scalars(select(Vernietigingslijst).options(
            selectinload(Vernietigingslijst.regels), selectinload(Vernietigingslijst.gemeente))
            .where(reach(actor, Vernietigingslijst.gemeente_id)).order_by(Vernietigingslijst.id.desc())))


def get_lijst(actor, lijst_id: int) -> Vernietigingslijst:
    lijst = _load(actor, lijst_id, "retentie.bekijken")
    return lijst


def regels_of(actor, lijst: Vernietigingslijst) -> list[RegelView]:
    """The lines with their zaaknummer (while the zaak exists); showing them is logged per inwoner. While the
    list is being destroyed its zaken are not named (their people may be gone by the time this read commits)."""
    _require(policy.decide(actor, "retentie.bekijken", lijst))
    try:
        return _regels(actor, lijst.id)
    except IntegrityError:  # a person on the list was destroyed while this read was logged: read it again
        return _regels(actor, lijst.id)


def _regels(actor, lijst_id: int) -> list[RegelView]:
    with unit_of_work() as session:
        status = session.scalar(select(Vernietigingslijst.status).where(Vernietigingslijst.id == lijst_id))
        rows = session.execute(select(VernietigingslijstRegel, Zaak.zaaknummer, Zaak.person_id)
                               .outerjoin(Zaak, Zaak.id == VernietigingslijstRegel.zaak_id)
                               .where(VernietigingslijstRegel.lijst_id == lijst_id)
                               .order_by(VernietigingslijstRegel.einddatum, VernietigingslijstRegel.id)).all()
        if status == "goedgekeurd":
            return [RegelView(regel, None) for regel, _, _ in rows]
        person_ids = sorted({person_id for _, _, person_id in rows if person_id is not None})
        people = list(session.scalars(select(Person).where(Person.id.in_(person_ids)))) if person_ids else []
        log_list_processing(session, actor=actor, people=[("archiefbeheer", p) for p in people],
                            object_type="vernietigingslijst",
                            description=f"Vernietigingslijst {lijst_id} ingezien (zaaknummer, zaaktype, resultaat)")
        return [RegelView(regel, zaaknummer) for regel, zaaknummer, _ in rows]


def remove_regel(actor, lijst_id: int, regel_id: int, reden: str) -> VernietigingslijstRegel:
    """Take one zaak off the concept list, with the reason; it stays, and a later list may propose it again."""
    reden = (reden or "").strip()
    if not reden:
        raise InvalidInput("De zaak is niet van de lijst gehaald.",
                           errors={"reden": "Geef de reden waarom deze zaak (nog) niet vernietigd mag worden."})
    if len(reden) > MAX_REDEN:
        raise InvalidInput("De zaak is niet van de lijst gehaald.",
                           errors={"reden": f"De reden is te lang: hooguit {MAX_REDEN} tekens."})
    with unit_of_work() as session:
        lijst = _load(actor, lijst_id, "retentie.beheren", session)
        _in_state(lijst, "concept", "Alleen een lijst die nog niet is ingediend kan worden aangepast.")
        regel = session.get(VernietigingslijstRegel, regel_id)
        if regel is None or regel.lijst_id != lijst.id:
            raise NotFound("Deze zaak staat niet op de lijst.")
        if regel.status != "voorgesteld":
            raise Conflict("Deze zaak is al van de lijst gehaald.")
        regel.status, regel.reden, regel.gewijzigd_door_id = "uitgezonderd", reden, actor.id
        # The reason stays on the line (it may name the inwoner, so it goes when the zaak is destroyed), not here.
        audit.record(session, actor, "vernietigingslijst.uitzonderen", lijst,
                     {"regel": [None, regel.id], "status": ["voorgesteld", "uitgezonderd"]})
    logger.info("Line %s taken off vernietigingslijst %s by %s", regel_id, lijst_id, actor.username)
    return regel


def submit(actor, lijst_id: int) -> Vernietigingslijst:
    """The beheerder submits the reviewed list for approval; an empty list is refused."""
    with unit_of_work() as session:
        lijst = _load(actor, lijst_id, "retentie.beheren", session)
        _in_state(lijst, "concept", "Deze vernietigingslijst is al ingediend.")
        voorgesteld = [r for r in lijst.regels if r.status == "voorgesteld"]
        if not voorgesteld:
            raise InvalidInput("De vernietigingslijst is leeg: er staat geen zaak op die vernietigd kan worden. "
                               "Er is niets ingediend.")
        lijst.status, lijst.ingediend_op = "ingediend", clock_now()
        lijst.ingediend_door_id, lijst.ingediend_door_naam = actor.id, actor.display_name
        audit.record(session, actor, "vernietigingslijst.indienen", lijst,
                     {"status": ["concept", "ingediend"], "zaken": [None, len(voorgesteld)]})
    logger.info("Vernietigingslijst %s submitted by %s", lijst_id, actor.username)
    return lijst


def approve(actor, lijst_id: int) -> Vernietigingslijst:
    """The second person approves: the destruction is queued once this is committed."""
    from ..jobs.queue import enqueue
    from ..jobs.tasks import vernietig_lijst
    with unit_of_work() as session:
        lijst = _load(actor, lijst_id, "retentie.bekijken", session)
        _require(policy.decide(actor, "retentie.goedkeuren", lijst))
        lijst.status, lijst.goedgekeurd_op = "goedgekeurd", clock_now()
        lijst.goedgekeurd_door_id, lijst.goedgekeurd_door_naam = actor.id, actor.display_name
        audit.record(session, actor, "vernietigingslijst.goedkeuren", lijst, {"status": ["ingediend", "goedgekeurd"]})
        after_commit(session, enqueue, vernietig_lijst, lijst.id)
    logger.info("Vernietigingslijst %s approved by %s", lijst_id, actor.username)
    return lijst


def send_back(actor, lijst_id: int, reden: str) -> Vernietigingslijst:
    """The second person does not approve: the list goes back to concept, with the reason."""
    reden = (reden or "").strip()
    if not reden or len(reden) > MAX_REDEN:
        raise InvalidInput("De lijst is niet teruggestuurd.", errors={
            "reden": "Geef kort de reden waarom de lijst niet wordt goedgekeurd." if not reden
            else f"De reden is te lang: hooguit {MAX_REDEN} tekens."})
    with unit_of_work() as session:
        lijst = _load(actor, lijst_id, "retentie.bekijken", session)
        _require(policy.decide(actor, "retentie.goedkeuren", lijst))
        lijst.status, lijst.ingediend_op, lijst.ingediend_door_id, lijst.ingediend_door_naam = \
            "concept", None, None, None
        audit.record(session, actor, "vernietigingslijst.terugsturen", lijst,
                     {"status": ["ingediend", "concept"], "reden": [None, reden]})
    return lijst


def _load(actor, lijst_id: int, action: str, session=None) -> Vernietigingslijst:
    if session is None:
        with unit_of_work() as own:
            return _load(actor, lijst_id, action, own)
    lijst = session.get(Vernietigingslijst, lijst_id, options=[selectinload(Vernietigingslijst.regels)])
    if lijst is None:
        raise NotFound("Deze vernietigingslijst bestaat niet.")
    decision = policy.decide(actor, action, lijst)
    if decision.hidden:
        raise NotFound("Deze vernietigingslijst bestaat niet.")
    _require(decision)
    return lijst


def _in_state(lijst, status: str, message: str) -> None:
    if lijst.status != status:
        raise Conflict(message)


def _require(decision) -> None:
    if not decision:
        if decision.hidden:
            raise NotFound("Niet gevonden.")
        raise Conflict(decision.reason) if decision.wrong_state else Forbidden(decision.reason)
