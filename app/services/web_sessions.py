"""Server-side web sessions: started at login with a fresh random id (so the id changes at login), checked
and touched on every request, ended at logout or when past their idle or absolute limit. The browser's
signed cookie carries only the random id; the database keeps its SHA-256, so a cookie copied before logout
or expiry is refused afterwards. Staff and aanbieders have an idle and an absolute limit, inwoners and
gemachtigden an idle limit (an absolute one when configured)."""
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from .. import db
from ..models import User, WebSession
from .clock import now
from .settings import setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)
#: A session seen less than this long ago is not written again (one UPDATE per user per half minute at most).
TOUCH_EVERY = timedelta(seconds=30)


@dataclass(frozen=True)
class SessionState:
    """A live session as a request sees it: whose it is and when it ends if nothing more happens."""

    user_id: int
    ends_at: datetime
    #: The (active) user, as loaded with the session: the identity map holds it only while someone does.
    user: User | None = None


def limits_for(user: User) -> tuple[timedelta, timedelta | None]:
    """(idle limit, absolute limit or None) for this user's sessions."""
    idle = timedelta(minutes=setting("SESSION_IDLE_MINUTES"))
    minutes = setting("SESSION_MAX_MINUTES_INWONER" if user.is_citizen_only()
                      else "SESSION_MAX_MINUTES")
    return idle, timedelta(minutes=minutes) if minutes else None


def start(user: User, replaces: str | None = None) -> str:
    """A new session for `user`; returns the random id for the cookie. The session the browser had
    (`replaces`) ends, and so does every expired session on the way."""
    token, at = secrets.token_urlsafe(32), now()
    with unit_of_work() as session:
        if replaces:
            session.execute(delete(WebSession).where(WebSession.token_hash == _digest(replaces)))
        _purge_expired(session, at)
        session.add(WebSession(token_hash=_digest(token), user_id=user.id, created_at=at, last_seen_at=at))
    return token


def check(token: str | None, touch: bool = True) -> SessionState | None:
    """The live session for `token`, touched now (unless `touch` is False); None when there is none or
    it passed a limit (then it is deleted).

    Most requests come within TOUCH_EVERY of the last one and write nothing: they only read, and commit
    nothing, so the user the session belongs to stays loaded for the request (a commit would expire it, and
    flask-login's user loader would read the user, their gemeenten and wijken again: #15, the werkvoorraad);
    the state holds on to that user. A touch or an ended session is a short transaction of its own."""
    if not token:
        return None
    at = now()
    row = db.session.scalar(select(WebSession).where(WebSession.token_hash == _digest(token)))
    if row is None:
        return None
    ends_at = _ends_at(row, row.user)
    ended = at >= ends_at or not row.user.active
    if not ended and not (touch and at - row.last_seen_at >= TOUCH_EVERY):
        return SessionState(user_id=row.user_id, ends_at=ends_at, user=row.user)
    with unit_of_work() as session:
        if ended:
            session.delete(row)
            logger.info("Session of user %s ended (limit passed)", row.user_id)
            return None
        row.last_seen_at = at
        ends_at = _ends_at(row, row.user)
        user, user_id = row.user, row.user_id
    return SessionState(user_id=user_id, ends_at=ends_at, user=user)


def end(token: str | None) -> None:
    """End this session on the server (logout): its cookie is worthless from now on."""
    if not token:
        return
    with unit_of_work() as session:
        session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def _ends_at(row: WebSession, user: User) -> datetime:
    idle, absolute = limits_for(user)
    ends = row.last_seen_at + idle
    return min(ends, row.created_at + absolute) if absolute else ends


def _purge_expired(session, at: datetime) -> None:
    """Sessions idle past the idle limit are dead whatever the role: remove them (abandoned browsers)."""
    idle = timedelta(minutes=setting("SESSION_IDLE_MINUTES"))
    session.execute(delete(WebSession).where(WebSession.last_seen_at < at - idle))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
