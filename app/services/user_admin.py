"""Beheer of staff users (/beheer): list them with their last login, create, change, deactivate and
reactivate them, reset a password, revoke their API tokens — each in one transaction, each audited with
what changed (old → new), every problem named in Dutch and nothing half-changed.

A beheerder manages the staff of the gemeenten they work for themselves: they can give or take away only
those gemeenten (a colleague's other gemeenten stay as they are), and they cannot lock themselves out."""
import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, or_, select

from .. import db
from ..domain import policy
from ..domain.input import text_problem
from ..models import ApiToken, Gemeente, LoginAttempt, Person, User, UserWijk, WebSession
from ..models.gemeente import user_gemeente
from ..models.user import STAFF_ROLES
from . import audit
from .accounts import hash_password
from .clock import now
from .errors import Forbidden, InvalidInput, NotFound
from .staff_users import profile_errors, username_errors
from .uow import unit_of_work

logger = logging.getLogger(__name__)
ROLE_LABELS = {"consulent": "Consulent", "beoordelaar": "Beoordelaar (vier ogen)", "backoffice": "Backoffice",
               "contractmanager": "Contractmanager", "procesontwerper": "Procesontwerper",
               "beheerder": "Beheerder", "privacy": "Privacyfunctionaris",
               "management": "Management: managementinformatie en budget", "jurist": "Jurist (bezwaren)"}


@dataclass
class StaffForm:
    """What the beheerder filled in; `wijken` as (gemeente id, wijk) pairs."""
    display_name: str = ""
    email: str = ""
    team: str = ""
    roles: list[str] = field(default_factory=list)
    gemeente_ids: list[int] = field(default_factory=list)
    wijken: list[tuple[int, str]] = field(default_factory=list)
    username: str = ""


@dataclass
class StaffRow:
    user: User
    last_login: datetime | None


def _require(actor, target=None) -> None:
    decision = policy.decide(actor, "gebruikers.beheren", target)
    if decision.hidden:
        raise NotFound("Deze medewerker bestaat niet.")
    if not decision:
        raise Forbidden(decision.reason)


def get_staff_user(actor, user_id: int) -> User:
    """The staff user with this id, if `actor` may manage them (else as if they did not exist)."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("Deze medewerker bestaat niet.")
    _require(actor, user)
    return user


def staff_list(actor, zoek: str | None = None) -> list[StaffRow]:
    """Staff accounts working for one of `actor`'s gemeenten (or for none yet), by name, with last login."""
    _require(actor)
    mine = select(user_gemeente.c.user_id).where(user_gemeente.c.gemeente_id.in_(sorted(actor.gemeente_ids)))
    anywhere = select(user_gemeente.c.user_id)
    query = select(User).where(User.person_id.is_(None), User.aanbieder_id.is_(None),
                               or_(User.id.in_(mine), User.id.not_in(anywhere)))
    if zoek and zoek.strip():
        term = f"%{zoek.strip().lower()}%"
        query = query.where(or_(func.lower(User.display_name).like(term), User.username.like(term)))
    users = [u for u in db.session.scalars(query.order_by(User.display_name)) if not u.is_citizen_only()]
    last = dict(db.session.execute(select(LoginAttempt.username, func.max(LoginAttempt.at))
                                   .where(LoginAttempt.success.is_(True),
                                          LoginAttempt.username.in_([u.username for u in users]))
                                   .group_by(LoginAttempt.username)).all()) if users else {}
    return [StaffRow(u, last.get(u.username)) for u in users]


def last_login_of(user: User) -> datetime | None:
    return db.session.scalar(select(func.max(LoginAttempt.at)).where(LoginAttempt.username == user.username,
                                                                      LoginAttempt.success.is_(True)))


def active_tokens_of(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None), ApiToken.expires_at > now()))


def choices_for(actor) -> dict:
    """The roles, the actor's gemeenten and, per gemeente, its wijken (as the inwoners' addresses name them)."""
    gemeenten = [g for g in db.session.scalars(select(Gemeente).order_by(Gemeente.naam)) if g.id in actor.gemeente_ids]
    rows = db.session.execute(select(Person.gemeente_id, Person.wijk).where(
        Person.gemeente_id.in_([g.id for g in gemeenten]), Person.wijk.is_not(None)).distinct())
    wijken = {g.id: [] for g in gemeenten}
    for gemeente_id, wijk in rows:
        wijken[gemeente_id].append(wijk)
    return {"roles": [(r, ROLE_LABELS.get(r, r)) for r in STAFF_ROLES], "gemeenten": gemeenten,
            "gemeente_options": [(g.id, g.naam) for g in gemeenten],
            "wijken": {gid: sorted(names) for gid, names in wijken.items()}}


def create_user(actor, form: StaffForm) -> tuple[User, str]:
    """A new staff account with a one-time password (shown once to the beheerder, to hand over)."""
    _require(actor)
    username = (form.username or "").strip().lower()
    errors = username_errors(username)
    with unit_of_work() as session:
        errors |= _form_errors(session, actor, form, current=None)
        if not errors and session.scalar(select(User.id).where(User.username == username)) is not None:
            errors["gebruikersnaam"] = f"Gebruikersnaam '{username}' bestaat al; kies een andere."
        if errors:
            raise InvalidInput("De medewerker is niet aangemaakt.", errors=errors)
        password = _one_time_password()
        user = User(username=username, password_hash=hash_password(password), is_demo=False, active=True,
                    password_must_change=True)
        session.add(user)
        _apply(session, actor, user, form)
        session.flush()
        audit.record(session, actor, "gebruiker.aanmaken", user, {"gebruikersnaam": [None, username],
                                                                 **audit.differences({}, _snapshot(user))})
    logger.info("Staff user %s created by %s", username, actor.username)
    return user, password


def update_user(actor, user_id: int, form: StaffForm) -> User:
    with unit_of_work() as session:
        user = _managed(session, actor, user_id)
        errors = _form_errors(session, actor, form, current=user)
        if errors:
            raise InvalidInput("De wijzigingen zijn niet opgeslagen.", errors=errors)
        before = _snapshot(user)
        _apply(session, actor, user, form)
        changes = audit.differences(before, _snapshot(user))
        if changes:
            audit.record(session, actor, "gebruiker.wijzigen", user, changes)
    logger.info("Staff user %s changed by %s: %s", user.username, actor.username, ", ".join(changes) or "niets")
    return user


def set_active(actor, user_id: int, active: bool) -> User:
    """Deactivate (sessions ended at once, tokens refused with the account) or reactivate an account."""
    with unit_of_work() as session:
        user = _managed(session, actor, user_id)
        if not active and user.id == actor.id:
            raise InvalidInput("U kunt uw eigen account niet blokkeren; vraag een andere beheerder.")
        if user.active != active:
            user.active = active
            if not active:
                session.execute(delete(WebSession).where(WebSession.user_id == user.id))
            audit.record(session, actor, "gebruiker.activeren" if active else "gebruiker.blokkeren", user,
                         {"actief": [not active, active]})
    return user


def reset_password(actor, user_id: int) -> tuple[User, str]:
    """A new one-time password; the old one no longer works and the user's open sessions end."""
    with unit_of_work() as session:
        user = _managed(session, actor, user_id)
        password = _one_time_password()
        user.password_hash, user.password_must_change = hash_password(password), True
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))
        audit.record(session, actor, "gebruiker.wachtwoord", user, {"wachtwoord": ["(oud)", "(nieuw, eenmalig)"]})
    return user, password


def revoke_tokens(actor, user_id: int) -> int:
    """Revoke every API token of the user that still works; the number revoked."""
    with unit_of_work() as session:
        user = _managed(session, actor, user_id)
        tokens = list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id,
                                                             ApiToken.revoked_at.is_(None))))
        for token in tokens:
            token.revoked_at = now()
        if tokens:
            audit.record(session, actor, "gebruiker.sleutels", user, {"ingetrokken sleutels": [None, len(tokens)]})
    return len(tokens)


def _managed(session, actor, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Deze medewerker bestaat niet.")
    _require(actor, user)
    return user


def _form_errors(session, actor, form: StaffForm, current: User | None) -> dict[str, str]:
    errors = profile_errors((form.display_name or "").strip(), form.roles)
    email = (form.email or "").strip()
    if email and ("@" not in email or len(email) > 200 or text_problem(email, one_line=True) or " " in email):
        errors["email"] = "Vul een geldig e-mailadres in, zoals naam@gemeente.nl, of laat het leeg."
    if form.team and (len(form.team) > 100 or text_problem(form.team, one_line=True)):
        errors["team"] = "Een teamnaam heeft hoogstens 100 tekens, op één regel."
    own = actor.gemeente_ids
    outside = [g for g in form.gemeente_ids if g not in own]
    kept = (current.gemeente_ids - own) if current is not None else frozenset()
    if outside:
        errors["gemeenten"] = "U kunt alleen gemeenten toekennen waarvoor u zelf werkt."
    elif not (set(form.gemeente_ids) | kept):
        errors["gemeenten"] = "Kies minstens één gemeente waarvoor de medewerker werkt."
    known = choices_for(actor)["wijken"]
    wrong = [w for gid, w in form.wijken if gid not in form.gemeente_ids or w not in known.get(gid, [])]
    if wrong:
        errors["wijken"] = (f"Deze wijken horen niet bij een gekozen gemeente: {', '.join(sorted(set(wrong)))}. "
                            "Kies wijken van de gemeenten waarvoor de medewerker werkt.")
    if current is not None and current.id == actor.id and "beheerder" not in form.roles:
        errors["rol"] = "U kunt uzelf de rol beheerder niet afnemen; vraag een andere beheerder."
    return errors


def _apply(session, actor, user: User, form: StaffForm) -> None:
    user.display_name = form.display_name.strip()
    user.email = (form.email or "").strip() or None
    user.team = (form.team or "").strip() or None
    user.roles = " ".join(r for r in STAFF_ROLES if r in form.roles)
    own = actor.gemeente_ids
    chosen = set(form.gemeente_ids)
    user.gemeenten = [g for g in session.scalars(select(Gemeente).order_by(Gemeente.naam))
                      if g.id in chosen or (g.id in user.gemeente_ids and g.id not in own)]
    others = [w for w in user.wijken if w.gemeente_id not in own]
    user.wijken = others + [UserWijk(gemeente_id=gid, wijk=w) for gid, w in sorted(set(form.wijken))]


def _snapshot(user: User) -> dict:
    return {"naam": user.display_name, "e-mail": user.email, "team": user.team, "rollen": user.roles,
            "gemeenten": ", ".join(g.naam for g in sorted(user.gemeenten, key=lambda g: g.naam)),
            "wijken": ", ".join(sorted(w.wijk for w in user.wijken))}


def _one_time_password() -> str:
    """16 characters from an alphabet without look-alikes (0/O, 1/l/I), in groups of four."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))
