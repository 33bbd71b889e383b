"""Need to know (#13): staff bound to wijken work on the zaken of their team's wijken and the ones given to
them. Another zaak of their gemeente opens only with a reason ("doorbreken"), valid for the rest of the
working day; the reason goes into the processing log, so the inwoner reads it in "wie heeft mijn gegevens
bekeken", and the beheerder and privacy officer see every doorbraak. Staff without wijken (a generalist,
the backoffice) work for the whole gemeente and are never asked."""
from datetime import timedelta

from sqlalchemy import exists, or_, select

from .. import db
from ..domain import policy
from ..domain.input import text_problem
from ..models import HumanTask, User, UserWijk, Zaak, ZaakDoorbraak
from ..models.base import utcnow
from .errors import Forbidden, InvalidInput, NotFound
from .gemeenten import reach
from .processing_log import log_processing
from .uow import unit_of_work

VALID_FOR = timedelta(hours=10)
MIN_REASON = 10


def zaak_facts(user, zaak: Zaak) -> policy.ZaakFacts:
    """The zaak with whether it is `user`'s own work."""
    return policy.ZaakFacts(zaak=zaak, need_to_know=_is_own_work(user, zaak))


def _is_own_work(user, zaak: Zaak) -> bool:
    if not getattr(user, "wijken", None) or not user.has_role(*policy.STAFF_CASE_ROLES):
        return True
    if zaak.person.wijk in _team_wijken(user, zaak.gemeente_id):
        return True
    given = exists().where(HumanTask.zaak_id == zaak.id, HumanTask.assignee_id == user.id)
    opened = exists().where(ZaakDoorbraak.zaak_id == zaak.id, ZaakDoorbraak.user_id == user.id,
                            ZaakDoorbraak.at >= utcnow() - VALID_FOR)
    return bool(db.session.scalar(select(given | opened)))


def own_work_condition(user, table=HumanTask):
    """The werkvoorraad's part of need to know: for staff bound to wijken, a task is in their list when its wijk
    is one of their team's wijken in its gemeente or it is given to them (None: staff without wijken see all).
    Other zaken they find by searching, and open with a reason. On the tasks or on the werkvoorraad's kept counts
    (`table`, with the same assignee_id, gemeente_id and wijk)."""
    if not getattr(user, "wijken", None) or not user.has_role(*policy.STAFF_CASE_ROLES):
        return None
    return or_(table.assignee_id == user.id,
               *((table.gemeente_id == g) & table.wijk.in_(sorted(w))
                 for g, w in sorted(_team_wijken_by_gemeente(user).items())))


def _team_wijken(user, gemeente_id: int) -> set[str]:
    """The user's own wijken in this gemeente and those of their team colleagues there."""
    return _team_wijken_by_gemeente(user).get(gemeente_id, set())


def _team_wijken_by_gemeente(user) -> dict[int, set[str]]:
    """Per gemeente, the user's own wijken and those of their active team colleagues."""
    colleagues = select(User.id).where(User.team == user.team, User.active.is_(True)) if user.team else None
    query = select(UserWijk.gemeente_id, UserWijk.wijk)
    query = query.where(UserWijk.user_id.in_(colleagues) | (UserWijk.user_id == user.id)) if colleagues is not None \
        else query.where(UserWijk.user_id == user.id)
    per_gemeente: dict[int, set[str]] = {}
    for gemeente_id, wijk in db.session.execute(query):
        per_gemeente.setdefault(gemeente_id, set()).add(wijk)
    return per_gemeente


def break_glass(user, zaak_id: int, reden: str) -> ZaakDoorbraak:
    """Open a zaak outside one's own work with `reden`; recorded and logged for the inwoner to see."""
    reden = " ".join((reden or "").split())
    if len(reden) < MIN_REASON or len(reden) > 500 or text_problem(reden, one_line=True):
        raise InvalidInput(errors={"reden": f"Schrijf in een zin (minstens {MIN_REASON} en hoogstens 500 tekens) "
                                            "waarom u deze zaak moet inzien, bijvoorbeeld 'vervanging collega "
                                            "wijk Noord, spoedvraag inwoner'."})
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak_id)
        if zaak is None:
            raise NotFound("Deze zaak bestaat niet.")
        decision = policy.decide(user, "zaak.doorbreken", zaak)
        if decision.hidden:
            raise NotFound("Deze zaak bestaat niet.")
        if not decision:
            raise Forbidden(decision.reason)
        doorbraak = ZaakDoorbraak(user_id=user.id, zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, reden=reden)
        session.add(doorbraak)
        log_processing(session, actor=user, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                       action="lezen", object_type="zaak", object_id=zaak.zaaknummer,
                       description=f"Zaak {zaak.zaaknummer} geopend buiten het eigen werk. Reden: {reden}")
    return doorbraak


def doorbraken_for(user, limit: int = 200) -> list[ZaakDoorbraak]:
    """The doorbraken in `user`'s gemeenten, newest first (beheerder, privacy officer)."""
    decision = policy.decide(user, "doorbraken.bekijken")
    if not decision:
        raise Forbidden(decision.reason)
    return list(db.session.scalars(select(ZaakDoorbraak).where(reach(user, ZaakDoorbraak.gemeente_id))
                                   .order_by(ZaakDoorbraak.at.desc()).limit(limit)))
