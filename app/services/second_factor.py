"""The second factor of a staff login: a TOTP code (RFC 6238, 30 seconds, 6 digits — any authenticator app)
next to the password. Setting it up, checking a code (each code once, failed tries slowed down like
passwords), and clearing it when a staff member lost their phone (by a beheerder, audited).

The secret is stored encrypted with a key derived from SECRET_KEY: a copy of the database alone does not
give anyone the codes. Rotating SECRET_KEY therefore means setting up the second factors again."""
import base64
import hashlib
import io
import logging
import time

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from ..models import LoginAttempt, User
from . import audit, login_backoff
from ..domain.input import is_digits
from .clock import now
from .errors import InvalidInput
from .uow import unit_of_work

logger = logging.getLogger(__name__)
ISSUER = "Cumulus"
WRONG = "De code klopt niet of is verlopen. Neem de code die uw authenticator-app nu toont (6 cijfers)."


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code (no script, no external image)."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False, svgns=True,
                                    title="QR-code voor uw authenticator-app", dark="#000", light="#fff")
    return out.getvalue().decode("utf-8")


def is_set_up(user: User) -> bool:
    return bool(user.totp_secret)


def enrol(user_id: int, secret: str, code: str) -> None:
    """Store `secret` as the user's second factor once a code from it proves the app has it."""
    if not (code or "").strip():
        raise InvalidInput(errors={"code": "Vul de code van 6 cijfers uit uw authenticator-app in."})
    with unit_of_work() as session:
        user = session.get(User, user_id)
        step = _matching_step(secret, code, None)
        if step is None:
            raise InvalidInput(errors={"code": WRONG})
        user.totp_secret, user.totp_last_step = _encrypt(secret), step
        audit.record(session, user, "gebruiker.tweede_factor", user, {"tweede factor": [None, "ingesteld"]})
    logger.info("Second factor set up for %s", user.username)


def verify(user_id: int, code: str, remote_addr: str | None) -> None:
    """Accept a code of the user's app (the current one or its neighbours), each step once; a wrong code
    counts as a failed login of '2fa:<username>' and is slowed down the same way."""
    at = now()
    with unit_of_work() as session:
        user = session.get(User, user_id)
        name = f"2fa:{user.username}"[:80]
        wait = login_backoff.seconds_to_wait(session, name, remote_addr, at)
        step = None if wait > 0 else _matching_step(_decrypt(user.totp_secret), code, user.totp_last_step)
        session.add(LoginAttempt(username=name, remote_addr=remote_addr, success=step is not None,
                                 refused=wait > 0, at=at))
        if step is not None:
            user.totp_last_step = step
    if wait > 0:
        raise InvalidInput(errors={"code": login_backoff.message(wait)})
    if step is None:
        raise InvalidInput(errors={"code": WRONG})


def clear(actor, user_id: int) -> None:
    """Remove a staff member's second factor (lost phone); they set it up again at their next login."""
    with unit_of_work() as session:
        user = session.get(User, user_id)
        if user.totp_secret:
            user.totp_secret, user.totp_last_step = None, None
            audit.record(session, actor, "gebruiker.tweede_factor", user, {"tweede factor": ["ingesteld", None]})


def _matching_step(secret: str | None, code: str, last_step: int | None) -> int | None:
    """The time step whose code `code` is (now, or 30 s before or after), if not used already."""
    code = "".join((code or "").split())
    if not secret or not (is_digits(code) and len(code) == 6):
        return None
    totp, current = pyotp.TOTP(secret), int(time.time()) // 30
    for step in (current, current - 1, current + 1):
        if totp.at(step * 30) == code and (last_step is None or step > last_step):
            return step
    return None


def _fernet() -> Fernet:
    key = hashlib.sha256(("cumulus-totp:" + current_app.config["SECRET_KEY"]).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def _decrypt(stored: str | None) -> str | None:
    if not stored:
        return None
    try:
        return _fernet().decrypt(stored.encode()).decode()
    except InvalidToken:
        logger.error("A TOTP secret cannot be decrypted (was SECRET_KEY changed?)")
        return None
