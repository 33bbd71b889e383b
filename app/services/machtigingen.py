"""Use cases for machtigingen: an inwoner grants and revokes access to their dossier; a gemachtigde
lists whom they may act for. Every grant, revocation and listing is in the processing log."""
from datetime import date

from sqlalchemy import select

from .. import db
from ..domain.input import text_errors
from ..domain.policy import MACHTIGING_SCOPES, machtiging_valid
from ..models import Machtiging, Person, User
from ..models.base import utcnow
from .errors import InvalidInput, NotFound
from .processing_log import log_processing
from .uow import unit_of_work

STAFF_ONLY = {"consulent", "beoordelaar", "backoffice", "contractmanager", "procesontwerper", "beheerder", "aanbieder"}


def grant(actor: User, person: Person, *, gebruikersnaam: str, scope: str, geldig_vanaf: date | None,
          geldig_tot: date | None) -> Machtiging:
    """`actor` (the inwoner) lets the account `gebruikersnaam` see or act in `person`'s dossier."""
    geldig_vanaf = geldig_vanaf or date.today()
    errors = text_errors({"gebruikersnaam": gebruikersnaam, "scope": scope}, {"gebruikersnaam": "Gebruikersnaam"})
    if errors:
        raise InvalidInput(errors=errors)
    with unit_of_work() as session:
        gemachtigde = session.scalar(select(User).where(User.username == (gebruikersnaam or "").strip().lower()))
        _check(actor, gemachtigde, gebruikersnaam, scope, geldig_vanaf, geldig_tot)
        machtiging = Machtiging(person_id=person.id, gemachtigde_id=gemachtigde.id, scope=scope,
                                geldig_vanaf=geldig_vanaf, geldig_tot=geldig_tot, verleend_door_id=actor.id)
        session.add(machtiging)
        session.flush()
        until = f" tot en met {geldig_tot.isoformat()}" if geldig_tot else ""
        log_processing(session, actor=actor, person=person, activity="machtigingen", action="aanmaken",
                       object_type="machtiging", object_id=machtiging.id,
                       description=f"Machtiging '{MACHTIGING_SCOPES[scope]}' gegeven aan "
                                   f"{gemachtigde.display_name}{until}")
    return machtiging


def _check(actor, gemachtigde, gebruikersnaam, scope, geldig_vanaf, geldig_tot) -> None:
    errors = {}
    if not (gebruikersnaam or "").strip():
        errors["gebruikersnaam"] = "Vul de gebruikersnaam in van wie u wilt machtigen."
    elif gemachtigde is None or not gemachtigde.active:
        errors["gebruikersnaam"] = "Er is geen account met deze gebruikersnaam."
    elif gemachtigde.id == actor.id:
        errors["gebruikersnaam"] = "U kunt uzelf niet machtigen."
    elif set(gemachtigde.role_list()) & STAFF_ONLY:
        errors["gebruikersnaam"] = "Dit is een account van een medewerker of zorgaanbieder; die kunt u niet machtigen."
    if scope not in MACHTIGING_SCOPES:
        errors["scope"] = "Kies wat de gemachtigde mag: meekijken, of meekijken en namens u handelen."
    if geldig_tot is not None and geldig_tot < max(geldig_vanaf, date.today()):
        errors["geldig_tot"] = "De einddatum moet na vandaag en na de begindatum liggen."
    if errors:
        raise InvalidInput(errors=errors)


def revoke(actor: User, person: Person, machtiging_id: int) -> Machtiging:
    """The inwoner ends a machtiging now; a machtiging of someone else is 'not found'."""
    with unit_of_work() as session:
        machtiging = session.get(Machtiging, machtiging_id)
        if machtiging is None or machtiging.person_id != person.id:
            raise NotFound("Deze machtiging bestaat niet.")
        if machtiging.ingetrokken_op is None:
            machtiging.ingetrokken_op = utcnow()
            log_processing(session, actor=actor, person=person, activity="machtigingen", action="wijzigen",
                           object_type="machtiging", object_id=machtiging.id,
                           description=f"Machtiging van {machtiging.gemachtigde.display_name} ingetrokken")
    return machtiging


def granted_by(actor: User, person: Person, on_behalf_of=None) -> list[Machtiging]:
    """Every machtiging `person` gave, newest first (the list is a read of their data)."""
    with unit_of_work() as session:
        rows = list(session.scalars(select(Machtiging).where(Machtiging.person_id == person.id)
                                    .order_by(Machtiging.verleend_op.desc())))
        log_processing(session, actor=actor, person=person, activity="machtigingen", action="lezen",
                       object_type="machtigingen", description="Overzicht van machtigingen bekeken",
                       on_behalf_of=on_behalf_of)
    return rows


def held_by(user: User, today: date | None = None) -> list[Machtiging]:
    """The machtigingen `user` may use today (for the 'namens wie?' choice)."""
    today = today or date.today()
    rows = db.session.scalars(select(Machtiging).where(Machtiging.gemachtigde_id == user.id,
                                                       Machtiging.ingetrokken_op.is_(None))
                              .order_by(Machtiging.id))
    return [m for m in rows if machtiging_valid(user, m, m.person_id, today)]


def get(machtiging_id: int) -> Machtiging | None:
    return db.session.get(Machtiging, machtiging_id)


def start_acting(user: User, machtiging: Machtiging) -> None:
    """Record that a gemachtigde opens the dossier of the person who gave the machtiging."""
    with unit_of_work() as session:
        machtiging = session.get(Machtiging, machtiging.id)
        log_processing(session, actor=user, person=machtiging.person, activity="machtigingen", action="lezen",
                       object_type="machtiging", object_id=machtiging.id, on_behalf_of=machtiging.verleend_door,
                       description=f"{user.display_name} handelt nu namens {machtiging.person.naam}")
