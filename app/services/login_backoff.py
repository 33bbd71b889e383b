"""The login backoff: how long an address must wait before its next try on a username. Counted per
(username, address) from the recorded login attempts since that pair's last success, so the owner's own
address is never refused because of failures elsewhere, and a wait never lasts longer than the maximum
after the last failure. The per-address cap over all usernames is flask-limiter's (web/auth/routes.py)."""
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..models import LoginAttempt
from .settings import setting


def seconds_to_wait(session, username: str, remote_addr: str | None, at: datetime) -> float:
    """0 when a try may be checked now, else the seconds until it may."""
    pair = (LoginAttempt.username == username,
            LoginAttempt.remote_addr.is_(None) if remote_addr is None else LoginAttempt.remote_addr == remote_addr)
    since = at - timedelta(minutes=setting("LOGIN_WINDOW_MINUTES"))
    last_success = session.scalar(select(func.max(LoginAttempt.at)).where(*pair, LoginAttempt.success.is_(True),
                                                                          LoginAttempt.at >= since))
    failures, last_failure = session.execute(select(func.count(LoginAttempt.id), func.max(LoginAttempt.at)).where(
        *pair, LoginAttempt.success.is_(False), LoginAttempt.refused.is_(False),
        LoginAttempt.at >= max(since, last_success) if last_success else LoginAttempt.at >= since)).one()
    delay = backoff_seconds(failures)
    if not delay:
        return 0.0
    return max(0.0, delay - (at - last_failure).total_seconds())


def backoff_seconds(failures: int) -> float:
    """The wait after `failures` failed tries in a row: none up to the free ones, then doubling, capped."""
    free = setting("LOGIN_FREE_FAILURES")
    if failures < free:
        return 0.0
    return min(setting("LOGIN_BACKOFF_SECONDS") * 2 ** min(failures - free, 32), setting("LOGIN_BACKOFF_MAX_SECONDS"))


def message(wait: float) -> str:
    seconds = max(1, int(wait + 0.999))
    when = f"{seconds} seconden" if seconds < 120 else f"{(seconds + 59) // 60} minuten"
    return (f"Te veel mislukte pogingen vanaf dit adres. Probeer het over {when} opnieuw; "
            "elke volgende fout verlengt de wachttijd.")
