"""Staff accounts made by an administrator: the first beheerder of a fresh production installation
(`flask --app wsgi gebruiker-aanmaken`), checked like any input and stored with an argon2 hash."""
import logging
import re

from sqlalchemy import select

from ..domain.input import text_problem
from ..models import Gemeente, User
from ..models.user import STAFF_ROLES
from .accounts import hash_password
from .errors import InvalidInput
from .uow import unit_of_work

logger = logging.getLogger(__name__)
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,79}")
MIN_PASSWORD = 12


def username_errors(username: str) -> dict[str, str]:
    if USERNAME.fullmatch(username):
        return {}
    return {"gebruikersnaam": ("Een gebruikersnaam heeft 3 tot 80 tekens: kleine letters, cijfers, punt, "
                               "streepje of liggend streepje, en begint met een letter of cijfer.")}


def profile_errors(display_name: str, roles: list[str]) -> dict[str, str]:
    """Dutch problems with a staff member's name and roles."""
    errors = {}
    if not display_name or len(display_name) > 200 or text_problem(display_name, one_line=True):
        errors["naam"] = "Vul de naam van de medewerker in (hoogstens 200 tekens, op één regel)."
    unknown = [r for r in roles if r not in STAFF_ROLES]
    if not roles or unknown:
        errors["rol"] = (f"Onbekende rol: {', '.join(unknown)}. " if unknown else "Kies minstens één rol. ") + \
                        f"Mogelijk zijn: {', '.join(STAFF_ROLES)}."
    return errors


def create_staff_user(username: str, display_name: str, roles: list[str], password: str,
                      email: str | None = None, gemeente_codes: list[str] | None = None) -> User:
    """A new active staff account working for the gemeenten with `gemeente_codes` (all gemeenten of the
    installation when none are given); every problem is named in Dutch and nothing is stored then."""
    username = (username or "").strip().lower()
    display_name = (display_name or "").strip()
    errors = {**username_errors(username), **profile_errors(display_name, roles)}
    if len(password or "") < MIN_PASSWORD:
        errors["wachtwoord"] = f"Een wachtwoord heeft minstens {MIN_PASSWORD} tekens."
    if errors:
        raise InvalidInput("De medewerker is niet aangemaakt.", errors=errors)
    with unit_of_work() as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise InvalidInput("De medewerker is niet aangemaakt.",
                               errors={"gebruikersnaam": f"Gebruikersnaam '{username}' bestaat al."})
        gemeenten = _gemeenten(session, gemeente_codes)
        user = User(username=username, display_name=display_name, email=(email or "").strip() or None,
                    roles=" ".join(dict.fromkeys(roles)), password_hash=hash_password(password), is_demo=False,
                    gemeenten=gemeenten)
        session.add(user)
    logger.info("Staff user %s created with roles %s for gemeenten %s", username, user.roles,
                ", ".join(g.code for g in gemeenten))
    return user


def _gemeenten(session, codes: list[str] | None) -> list[Gemeente]:
    every = list(session.scalars(select(Gemeente).order_by(Gemeente.naam)))
    if not codes:
        return every
    unknown = [c for c in codes if c not in {g.code for g in every}]
    if unknown:
        raise InvalidInput("De medewerker is niet aangemaakt.", errors={"gemeente": (
            f"Onbekende gemeentecode: {', '.join(unknown)}. Deze installatie kent: "
            f"{', '.join(f'{g.code} ({g.naam})' for g in every)}.")})
    return [g for g in every if g.code in codes]
