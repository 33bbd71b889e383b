"""Use cases for accounts: log in (with a backoff on failed tries), API tokens, demo-account checks."""
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from .. import db
from ..domain.input import text_errors
from ..models import ApiToken, LoginAttempt, User
from . import login_backoff
from .clock import now
from .errors import Forbidden, InvalidInput, NotFound
from .settings import setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)
_hasher = PasswordHasher()
TOKEN_PREFIX = "cum_"


class TooManyAttempts(Forbidden):
    """Refused unchecked during a backoff; `retry_after` says in how many seconds a try is checked again."""

    retry_after: float = 0


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate(username: str, password: str, remote_addr: str | None) -> User:
    """Return the user for these credentials, or raise with a Dutch message; every try is recorded.

    No hard lock: a username is slowed down only for the address its failures come from (login_backoff),
    so a colleague or attacker elsewhere cannot keep the owner out. An unknown username, a blocked account
    and an account without a password cost the same argon2 verification as a wrong password."""
    username = (username or "").strip().lower()[:80]
    at = now()
    with unit_of_work() as session:
        wait = login_backoff.seconds_to_wait(session, username, remote_addr, at)
        if wait > 0:
            session.add(LoginAttempt(username=username, remote_addr=remote_addr, success=False, refused=True, at=at))
            raise_later = TooManyAttempts(login_backoff.message(wait))
            raise_later.retry_after = wait
        else:
            user = session.scalar(select(User).where(User.username == username))
            verified = _verify(user.password_hash if user is not None else None, password)
            ok = verified and user.active
            session.add(LoginAttempt(username=username, remote_addr=remote_addr, success=ok, at=at))
            raise_later = None if ok else InvalidInput("Gebruikersnaam of wachtwoord klopt niet.")
    if raise_later:  # raised after the commit, so the failed attempt is counted
        logger.info("Failed login for %r from %s", username, remote_addr)
        raise raise_later
    logger.info("User %s logged in from %s", username, remote_addr)
    return user


def password_matches(user: User, password: str) -> bool:
    """Whether `password` is the one `user` has now."""
    return _verify(user.password_hash, password)


def _verify(password_hash: str | None, password: str) -> bool:
    """One argon2 verification whatever the account: with no hash, a dummy one is checked (and fails)."""
    try:
        ok = _hasher.verify(password_hash or _dummy_hash(), password or "")
    except (VerificationError, InvalidHashError):
        return False
    return ok and password_hash is not None


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """An argon2 hash of a random secret with the same parameters as real ones (made once per process)."""
    return _hasher.hash(secrets.token_urlsafe(16))


def create_api_token(user: User, name: str, days: int | str | None = None) -> str:
    """Create a token for `user` valid for `days` (default API_TOKEN_DEFAULT_DAYS, at most API_TOKEN_MAX_DAYS);
    return the plain token, shown once and stored only as a hash. An inwoner's or gemachtigde's token
    reaches their own dossier only (scope "eigen-dossier")."""
    name = (name or "").strip()
    errors = {}
    if not name or len(name) > 100:
        errors["naam"] = "Geef de sleutel een naam van hoogstens 100 tekens."
    else:
        errors.update(text_errors({"naam": name}, {"naam": "Naam van de sleutel"}))
    valid_days = _valid_days(days, errors)
    if errors:
        raise InvalidInput(errors=errors)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    scope = "eigen-dossier" if user.is_citizen_only() else "volledig"
    created = now()
    with unit_of_work() as session:
        session.add(ApiToken(user_id=user.id, name=name, prefix=token[:10], token_hash=_digest(token), scope=scope,
                             created_at=created, expires_at=created + timedelta(days=valid_days)))
    logger.info("API token %r created for %s, valid %s days", name, user.username, valid_days)
    return token


def _valid_days(days, errors: dict) -> int:
    maximum = setting("API_TOKEN_MAX_DAYS")
    if days is None or (isinstance(days, str) and not days.strip()):
        return min(setting("API_TOKEN_DEFAULT_DAYS"), maximum)
    try:
        value = int(str(days).strip())
    except ValueError:
        value = 0
    if not 1 <= value <= maximum:
        errors["geldig_dagen"] = f"Kies een geldigheid van 1 tot en met {maximum} dagen."
    return value


def revoke_api_token(user: User, token_id: int) -> None:
    with unit_of_work() as session:
        token = session.get(ApiToken, token_id)
        if token is None or token.user_id != user.id:
            raise NotFound("Deze sleutel bestaat niet.")
        token.revoked_at = token.revoked_at or now()
    logger.info("API token %s revoked by %s", token_id, user.username)


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc())))


class TokenRefused(Exception):
    """A Bearer token that does not give access; the message says why, in Dutch."""


@dataclass(frozen=True)
class TokenUse:
    """Who a valid token acts for, and how far it reaches ("volledig" or "eigen-dossier")."""

    user: User
    scope: str


def user_for_token(token: str) -> TokenUse:
    """The active user owning a valid, unrevoked, unexpired token (its last use is recorded), or TokenRefused."""
    if not token or not token.startswith(TOKEN_PREFIX):
        raise TokenRefused("De API-sleutel is onbekend of ingetrokken.")
    at = now()
    with unit_of_work() as session:
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token),
                                                    ApiToken.revoked_at.is_(None)))
        if row is None or not row.user.active:
            raise TokenRefused("De API-sleutel is onbekend of ingetrokken.")
        if at >= row.expires_at:
            raise TokenRefused(f"De API-sleutel '{row.name}' is verlopen op {row.expires_at:%d-%m-%Y}. "
                               "Maak een nieuwe sleutel aan op uw profielpagina.")
        row.last_used_at = at
        return TokenUse(user=row.user, scope=row.scope)


def demo_accounts_present() -> bool:
    return db.session.scalar(select(func.count(User.id)).where(User.is_demo.is_(True))) > 0


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
