"""The step after a password login with a one-time password (a new staff account, or one a beheerder reset):
choose a new password before anything else. Like the second step, the browser holds only a short-lived note
of who passed the one-time password, never a session; the second step (if any) follows, then the session."""
import time

from flask import flash, redirect, render_template, request, session, url_for

from ...services import own_password
from ...services.errors import InvalidInput
from ...services.lookups import active_user
from ...services.staff_users import MIN_PASSWORD
from .. import sessions
from . import bp
from .second_factor import needs_second_step, start_second_step

PENDING = "nieuw_wachtwoord"
PENDING_SECONDS = 600


def start_password_step(user, next_url: str | None):
    session.clear()
    session[PENDING] = {"user_id": user.id, "at": time.time(), "next": next_url}
    return redirect(url_for("auth.choose_password"))


@bp.route("/nieuw-wachtwoord", methods=["GET", "POST"])
def choose_password():
    pending = session.get(PENDING) or {}
    user = active_user(pending["user_id"]) if pending.get("user_id") else None
    if user is None or time.time() - pending.get("at", 0) > PENDING_SECONDS or not own_password.must_choose(user):
        session.pop(PENDING, None)
        flash("Log opnieuw in met uw eenmalige wachtwoord: het kiezen van een nieuw wachtwoord moet binnen "
              "tien minuten.", "warning")
        return redirect(url_for("auth.login"))
    errors = {}
    if request.method == "POST":
        try:
            user = own_password.choose_password(user.id, request.form.get("wachtwoord", ""),
                                                request.form.get("herhaling", ""))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            session.pop(PENDING, None)
            flash("Uw nieuwe wachtwoord is opgeslagen. Log voortaan in met dit wachtwoord.", "success")
            if needs_second_step(user):
                return start_second_step(user, pending.get("next"))
            sessions.log_in(user)
            return redirect(pending.get("next") or url_for("main.index"))
    return render_template("auth/nieuw_wachtwoord.html", user=user, errors=errors, min_length=MIN_PASSWORD,
                           breadcrumbs=[("Inloggen", None)]), 400 if errors else 200, {"Cache-Control": "no-store"}
