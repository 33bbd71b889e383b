"""Use case: a staff member signs in with the organisation's identity provider (SSO, OpenID Connect).
The provider is the authority on who they are and which groups they are in; the groups claim gives their
roles and gemeenten through STAFF_OIDC_GROEPEN. The account is found by the provider's subject, or — the
first time — by the username a beheerder gave it; with neither, it is made. Roles and gemeenten that the
groups change are written to the audit trail. Wijken and team stay as the beheerder set them."""
import logging

from sqlalchemy import select

from ..models import Gemeente, LoginAttempt, User
from ..models.user import STAFF_ROLES
from . import audit
from .errors import InvalidInput
from .settings import setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)
NO_ROLE = ("Uw organisatie heeft u (nog) geen rol in Cumulus gegeven. Vraag uw beheerder om u in de juiste "
           "groep te zetten.")


def login_with_claims(claims: dict, remote_addr: str | None = None) -> User:
    """The staff account for the verified ID-token `claims`, or InvalidInput in Dutch."""
    subject = str(claims.get("sub") or "")
    username = str(claims.get("preferred_username") or "").strip().lower()[:80]
    roles, codes = roles_from_groups(claims.get(setting("STAFF_OIDC_GROUPS_CLAIM")))
    with unit_of_work() as session:
        session.add(LoginAttempt(username=f"sso:{username or subject}"[:80], remote_addr=remote_addr,
                                 success=bool(subject and roles)))
        user = _account(session, subject, username) if subject and roles else None
        if user is not None:
            _apply(session, user, claims, roles, codes)
    if not subject:
        raise InvalidInput("De inlogdienst van uw organisatie gaf niet door wie u bent. Probeer het opnieuw.")
    if user is None:
        raise InvalidInput(NO_ROLE)
    if not user.active:
        raise InvalidInput("Uw account is geblokkeerd. Neem contact op met uw beheerder.")
    if not user.gemeenten:
        raise InvalidInput("U werkt (nog) voor geen gemeente in Cumulus. Vraag uw beheerder dit in te stellen.")
    logger.info("Staff SSO login of %s (roles %s)", user.username, user.roles)
    return user


def roles_from_groups(groups) -> tuple[list[str], set[str]]:
    """The staff roles (in STAFF_ROLES order) and gemeente codes the configured groups give."""
    if isinstance(groups, str):
        groups = [groups]
    mapping = setting("STAFF_OIDC_GROEPEN") or {}
    roles, codes = set(), set()
    for group in groups if isinstance(groups, list) else []:
        entry = mapping.get(str(group)) or {}
        roles |= {r for r in entry.get("rollen", []) if r in STAFF_ROLES}
        codes |= {str(c) for c in entry.get("gemeenten", [])}
    return [r for r in STAFF_ROLES if r in roles], codes


def _account(session, subject: str, username: str) -> User | None:
    user = session.scalar(select(User).where(User.oidc_subject == subject))
    if user is None and username:
        user = session.scalar(select(User).where(User.username == username, User.oidc_subject.is_(None),
                                                 User.person_id.is_(None), User.aanbieder_id.is_(None)))
    if user is None:
        user = User(username=_free_username(session, username or f"sso-{subject}"[:80]), display_name="",
                    is_demo=False, active=True)
        session.add(user)
    user.oidc_subject = subject
    return user


def _apply(session, user: User, claims: dict, roles: list[str], codes: set[str]) -> None:
    before = {"rollen": user.roles or None, "gemeenten": ", ".join(g.naam for g in user.gemeenten) or None}
    user.display_name = str(claims.get("name") or user.display_name or user.username)[:200]
    user.email = str(claims.get("email") or user.email or "")[:200] or None
    user.roles = " ".join(roles)
    if codes:  # groups that name gemeenten decide them; otherwise the beheerder's choice stays
        user.gemeenten = list(session.scalars(select(Gemeente).where(Gemeente.code.in_(sorted(codes)))
                                              .order_by(Gemeente.naam)))
    session.flush()
    after = {"rollen": user.roles, "gemeenten": ", ".join(g.naam for g in user.gemeenten) or None}
    changes = audit.differences(before, after)
    if changes:
        audit.record(session, None, "gebruiker.sso", user, changes, by="inlogdienst van de organisatie")


def _free_username(session, wanted: str) -> str:
    name, n = wanted, 1
    while session.scalar(select(User.id).where(User.username == name)) is not None:
        n += 1
        name = f"{wanted[:76]}-{n}"
    return name
