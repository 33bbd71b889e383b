"""Use cases for machtigingen: an inwoner grants and revokes access to their dossier; a gemachtigde
lists whom they may act for. Every grant, revocation and listing is in the processing log."""
from datetime import date

from sqlalchemy import select

from .. import db
from ..domain.bsn import InvalidBSN, validate_bsn
from ..domain.input import text_errors
from ..domain.policy import MACHTIGING_SCOPES, machtiging_valid
from ..models import Machtiging, Person, User
from ..models.base import utcnow
from .errors import InvalidInput, NotFound
from .processing_log import log_processing
from .uow import unit_of_work

def grant(actor: User, person: Person, *, bsn: str, naam: str, scope: str, geldig_vanaf: date | None,
          geldig_tot: date | None) -> Machtiging:
    """`actor` (the inwoner) lets the person with `bsn` (called `naam`) see or act in `person`'s dossier.

    The answer is the same whether that person has an account or not (nothing reveals who uses the portal):
    the account is linked now if it exists, else when the person first logs in with DigiD (`link_by_bsn`)."""
    geldig_vanaf = geldig_vanaf or date.today()
    naam = " ".join((naam or "").split())
    errors = text_errors({"naam": naam, "scope": scope}, {"naam": "Naam"})
    bsn = _check(person, bsn, naam, scope, geldig_vanaf, geldig_tot, errors)
    with unit_of_work() as session:
        if session.scalar(select(Machtiging.id).where(
                Machtiging.person_id == person.id, Machtiging.gemachtigde_bsn == bsn,
                Machtiging.ingetrokken_op.is_(None),
                (Machtiging.geldig_tot.is_(None)) | (Machtiging.geldig_tot >= date.today()))) is not None:
            raise InvalidInput(errors={"bsn": "U heeft deze persoon al gemachtigd. Wilt u iets veranderen? "
                                              "Trek de machtiging dan eerst in en geef een nieuwe."})
        machtiging = Machtiging(person_id=person.id, gemachtigde_bsn=bsn, gemachtigde_naam=naam, scope=scope,
                                geldig_vanaf=geldig_vanaf, geldig_tot=geldig_tot, verleend_door_id=actor.id)
        session.add(machtiging)
        account = _account_of(session, bsn)
        if account is not None:
            _link(account, [machtiging])
        session.flush()
        until = f" tot en met {geldig_tot.isoformat()}" if geldig_tot else ""
        log_processing(session, actor=actor, person=person, activity="machtigingen", action="aanmaken",
                       object_type="machtiging", object_id=machtiging.id,
                       description=f"Machtiging '{MACHTIGING_SCOPES[scope]}' gegeven aan {naam}{until}")
    return machtiging


def link_by_bsn(session, user: User, bsn: str) -> int:
    """At a DigiD login: every machtiging given to `bsn` now belongs to `user`; returns how many were new."""
    pending = list(session.scalars(select(Machtiging).where(Machtiging.gemachtigde_bsn == bsn,
                                                            Machtiging.gemachtigde_id.is_(None))))
    _link(user, pending)
    return len(pending)


def account_for_bsn(session, bsn: str) -> User | None:
    """The account a machtiging to `bsn` was linked to before (for someone who is no inwoner here)."""
    return session.scalar(select(User).join(Machtiging, Machtiging.gemachtigde_id == User.id)
                          .where(Machtiging.gemachtigde_bsn == bsn).order_by(Machtiging.id).limit(1))


def pending_for_bsn(session, bsn: str) -> Machtiging | None:
    """A machtiging to `bsn` that is not revoked: a reason to let a person we do not know as inwoner in."""
    return session.scalar(select(Machtiging).where(Machtiging.gemachtigde_bsn == bsn,
                                                   Machtiging.ingetrokken_op.is_(None)).order_by(Machtiging.id).limit(1))


def _account_of(session, bsn: str) -> User | None:
    person_account = session.scalar(select(User).join(Person, Person.id == User.person_id)
                                    .where(Person.bsn == bsn, User.active.is_(True)).order_by(User.id).limit(1))
    return person_account or account_for_bsn(session, bsn)


def _link(user: User, machtigingen: list[Machtiging]) -> None:
    for machtiging in machtigingen:
        machtiging.gemachtigde = user
    if machtigingen and not user.has_role("gemachtigde"):
        user.roles = " ".join(user.role_list() + ["gemachtigde"])


def _check(person, bsn, naam, scope, geldig_vanaf, geldig_tot, errors: dict) -> str:
    """The BSN in 9 digits; raise InvalidInput with every problem of the form at once."""
    bsn = (bsn or "").strip()
    if not bsn:
        errors["bsn"] = "Vul het burgerservicenummer (BSN) in van de persoon die u wilt machtigen."
    else:
        try:
            bsn = validate_bsn(bsn)
        except InvalidBSN as exc:
            errors["bsn"] = f"{exc.message}. Kijk het BSN na; het staat bijvoorbeeld op een paspoort of rijbewijs."
        else:
            if bsn == person.bsn:
                errors["bsn"] = "Dit is uw eigen BSN. U kunt uzelf niet machtigen."
    if not naam and "naam" not in errors:
        errors["naam"] = "Vul de naam in van de persoon die u wilt machtigen."
    if scope not in MACHTIGING_SCOPES:
        errors["scope"] = "Kies wat de gemachtigde mag: meekijken, of meekijken en namens u handelen."
    if geldig_tot is not None and geldig_tot < max(geldig_vanaf, date.today()):
        errors["geldig_tot"] = "De einddatum moet na vandaag en na de begindatum liggen."
    if errors:
        raise InvalidInput(errors=errors)
    return bsn


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
                           description=f"Machtiging van {machtiging.naam} ingetrokken")
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
