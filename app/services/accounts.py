"""Use cases for accounts: log in (with a limit on failed tries), API tokens, demo-account checks."""
import hashlib
import logging
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from .. import db
from ..domain.input import text_errors
from ..models import ApiToken, LoginAttempt, User
from ..models.base import utcnow
from .errors import Forbidden, InvalidInput, NotFound
from .settings import setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)
_hasher = PasswordHasher()
TOKEN_PREFIX = "cum_"


class TooManyAttempts(Forbidden):
    pass


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate(username: str, password: str, remote_addr: str | None) -> User:
    """Return the user for these credentials, or raise with a Dutch message; every try is recorded."""
    username = (username or "").strip().lower()
    with unit_of_work() as session:
        since = utcnow() - timedelta(minutes=setting("LOGIN_WINDOW_MINUTES"))
        failures = session.scalar(select(func.count(LoginAttempt.id)).where(
            LoginAttempt.username == username, LoginAttempt.success.is_(False), LoginAttempt.at >= since))
        if failures >= setting("LOGIN_MAX_FAILURES"):
            session.add(LoginAttempt(username=username, remote_addr=remote_addr, success=False))
            raise_later = TooManyAttempts("Te veel mislukte pogingen. Probeer het over "
                                          f"{setting('LOGIN_WINDOW_MINUTES')} minuten opnieuw.")
        else:
            raise_later = None
            user = session.scalar(select(User).where(User.username == username))
            ok = user is not None and user.active and _verify(user.password_hash, password)
            session.add(LoginAttempt(username=username, remote_addr=remote_addr, success=ok))
            if not ok:
                raise_later = InvalidInput("Gebruikersnaam of wachtwoord klopt niet.")
    if raise_later:  # raised after the commit, so the failed attempt is counted
        logger.info("Failed login for %r from %s", username, remote_addr)
        raise raise_later
    logger.info("User %s logged in from %s", username, remote_addr)
    return user


def _verify(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def create_api_token(user: User, name: str) -> str:
    """Create a token for `user`; return the plain token, shown once and stored only as a hash."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput(errors={"naam": "Geef de sleutel een naam van hoogstens 100 tekens."})
    if errors := text_errors({"naam": name}, {"naam": "Naam van de sleutel"}):
        raise InvalidInput(errors=errors)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with unit_of_work() as session:
        session.add(ApiToken(user_id=user.id, name=name, prefix=token[:10], token_hash=_digest(token)))
    logger.info("API token %r created for %s", name, user.username)
    return token


def revoke_api_token(user: User, token_id: int) -> None:
    with unit_of_work() as session:
        token = session.get(ApiToken, token_id)
        if token is None or token.user_id != user.id:
            raise NotFound("Deze sleutel bestaat niet.")
        token.revoked_at = token.revoked_at or utcnow()
    logger.info("API token %s revoked by %s", token_id, user.username)


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc())))


def user_for_token(token: str) -> User | None:
    """The active user owning a valid, unrevoked token (its last use is recorded)."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    with unit_of_work() as session:
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token),
                                                    ApiToken.revoked_at.is_(None)))
        if row is None or not row.user.active:
            return None
        row.last_used_at = utcnow()
        return row.user


def demo_accounts_present() -> bool:
    return db.session.scalar(select(func.count(User.id)).where(User.is_demo.is_(True))) > 0


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
