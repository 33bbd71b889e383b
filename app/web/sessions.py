"""The web side of the server-side sessions (services/web_sessions.py): log in with a fresh session id,
log out by ending the session on the server, and the check behind flask-login's user loader. The signed
cookie holds the random session id under SESSION_ID_KEY; without a live server record nobody is logged in,
whatever else the cookie (or a flask-login remember cookie) says."""
from urllib.parse import urlparse

from flask import flash, g, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..services import web_sessions
from ..services.clock import now
from ..services.lookups import active_user

SESSION_ID_KEY = "sid"
#: Endpoints that read the session's remaining time without counting as activity.
NOT_ACTIVITY = {"auth.session_status", "static"}


def log_in(user) -> None:
    """Start a new server session (the old one, if any, ends) and a fresh cookie, then log `user` in."""
    old = session.get(SESSION_ID_KEY)
    session.clear()  # nothing of the anonymous session (CSRF secret included) survives the login
    session[SESSION_ID_KEY] = web_sessions.start(user, replaces=old)
    login_user(user)


def log_out() -> None:
    web_sessions.end(session.get(SESSION_ID_KEY))
    logout_user()
    session.clear()


def load_user(user_id: str):
    """flask-login's user loader: the user of the live server session, or None (then it is forgotten)."""
    state = web_sessions.check(session.get(SESSION_ID_KEY), touch=request.endpoint not in NOT_ACTIVITY)
    if state is None or str(state.user_id) != user_id:
        g.session_expired = SESSION_ID_KEY in session
        for key in (SESSION_ID_KEY, "_user_id", "_fresh", "_id"):
            session.pop(key, None)
        return None
    g.session_ends_at = state.ends_at
    return state.user if state.user is not None else active_user(state.user_id)


def check_session_first() -> None:
    """Before any route runs: check (and touch) the server session, so that a touch, its own short
    transaction, never falls inside a use case's unit of work."""
    if request.endpoint != "static":
        current_user._get_current_object()


def seconds_left() -> int:
    """Seconds until the current session ends if nothing more happens (0 when there is none)."""
    ends_at = g.get("session_ends_at")
    return max(0, int((ends_at - now()).total_seconds())) if ends_at else 0


def unauthorized():
    """Not logged in on a page that needs it: to the login page, saying why when the session just ended."""
    if g.get("session_expired"):
        message = "Uw sessie is verlopen. Log opnieuw in om verder te gaan."
        if request.method == "POST":
            message += " Wat u net verstuurde is niet opgeslagen: vul het na het inloggen opnieuw in."
        flash(message, "warning")
    else:
        flash("Log in om verder te gaan.", "info")
    return redirect(url_for("auth.login", next=_back_to()))


def _back_to() -> str | None:
    """Where to go after logging in: this page, or for a form post the page the form was on."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = urlparse(request.referrer or "")
    if referrer.netloc and referrer.netloc != request.host:
        return None
    return (referrer.path + (f"?{referrer.query}" if referrer.query else "")) or None
