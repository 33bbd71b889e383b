"""A staff member choosing their own password in place of the one-time one a beheerder handed them (a new
account, or a reset): required at the first login with it, before anything else; checked against the
platform's password rule (staff_users.MIN_PASSWORD), never the one-time password again, and audited."""
import logging

from ..models import User
from . import audit
from .accounts import hash_password, password_matches
from .errors import InvalidInput
from .staff_users import MIN_PASSWORD
from .uow import unit_of_work

logger = logging.getLogger(__name__)
MAX_PASSWORD = 200


def must_choose(user: User) -> bool:
    """Whether the password `user` just logged in with is a one-time one that must be replaced first."""
    return bool(user.password_must_change)


def choose_password(user_id: int, password: str, herhaling: str) -> User:
    """Store the new password the user chose; InvalidInput (per field, in Dutch) changes nothing."""
    password, herhaling = password or "", herhaling or ""
    errors = {}
    if len(password) < MIN_PASSWORD:
        errors["wachtwoord"] = f"Een wachtwoord heeft minstens {MIN_PASSWORD} tekens."
    elif len(password) > MAX_PASSWORD:
        errors["wachtwoord"] = f"Een wachtwoord heeft hoogstens {MAX_PASSWORD} tekens."
    elif password != herhaling:
        errors["herhaling"] = "De twee wachtwoorden zijn niet gelijk. Typ twee keer hetzelfde nieuwe wachtwoord."
    with unit_of_work() as session:
        user = session.get(User, user_id)
        if not errors and password_matches(user, password):
            errors["wachtwoord"] = "Kies een ander wachtwoord dan het eenmalige wachtwoord dat u kreeg."
        if errors:
            raise InvalidInput("Uw nieuwe wachtwoord is niet opgeslagen.", errors=errors)
        user.password_hash, user.password_must_change = hash_password(password), False
        audit.record(session, user, "gebruiker.wachtwoord_gekozen", user,
                     {"wachtwoord": ["(eenmalig)", "(zelf gekozen)"]})
    logger.info("Staff user %s chose their own password in place of the one-time one", user.username)
    return user
