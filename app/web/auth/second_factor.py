"""The second step of a staff password login: the TOTP code, or — the first time, where a second factor is
required — setting it up (QR code, then a code to prove it works). Until that step is done the browser
holds only a short-lived note of who passed the password, never a session."""
import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from ...services import second_factor
from ...services.errors import InvalidInput
from ...services.lookups import active_user
from .. import sessions
from ..extensions import limiter
from . import bp

PENDING = "tweede_stap"
PENDING_SECONDS = 300


def needs_second_step(user) -> bool:
    """Whether a password login of `user` goes on to a second step (inwoners use DigiD in production)."""
    staff = not user.is_citizen_only() and user.aanbieder_id is None
    return second_factor.is_set_up(user) or (staff and current_app.config["TWEEDE_FACTOR_VERPLICHT"])


def start_second_step(user, next_url: str | None):
    session.clear()
    session[PENDING] = {"user_id": user.id, "at": time.time(), "next": next_url,
                        "secret": None if second_factor.is_set_up(user) else second_factor.new_secret()}
    return redirect(url_for("auth.second_step"))


@bp.route("/tweede-stap", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_FAILURES_PER_ADDRESS"], methods=["POST"],
               deduct_when=lambda response: response.status_code != 302,
               error_message="Te veel mislukte pogingen vanaf dit adres. Probeer het over een kwartier opnieuw.")
def second_step():
    pending = session.get(PENDING) or {}
    user = active_user(pending["user_id"]) if pending.get("user_id") else None
    if user is None or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        session.pop(PENDING, None)
        flash("Log opnieuw in: de tweede stap moet binnen vijf minuten na het wachtwoord.", "warning")
        return redirect(url_for("auth.login"))
    errors = {}
    if request.method == "POST":
        try:
            if pending["secret"]:
                second_factor.enrol(user.id, pending["secret"], request.form.get("code", ""))
            else:
                second_factor.verify(user.id, request.form.get("code", ""), request.remote_addr)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            sessions.log_in(user)
            flash(f"Welkom, {user.display_name}.", "success")
            return redirect(pending.get("next") or url_for("main.index"))
    return _page(user, pending["secret"], errors, url_for("auth.second_step"))


@bp.route("/tweede-factor", methods=["GET", "POST"])
@login_required
def set_up_second_factor():
    """Setting up the second factor from Mijn profiel, for whoever has not yet."""
    if second_factor.is_set_up(current_user):
        flash("Uw tweede factor is al ingesteld. Een beheerder kan hem opnieuw laten instellen.", "info")
        return redirect(url_for("auth.profile"))
    secret = session.get("nieuwe_tweede_factor") or second_factor.new_secret()
    session["nieuwe_tweede_factor"] = secret
    errors = {}
    if request.method == "POST":
        try:
            second_factor.enrol(current_user.id, secret, request.form.get("code", ""))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            session.pop("nieuwe_tweede_factor", None)
            flash("Uw tweede factor is ingesteld: voortaan vraagt het inloggen ook een code uit uw app.", "success")
            return redirect(url_for("auth.profile"))
    return _page(current_user, secret, errors, url_for("auth.set_up_second_factor"))


def _page(user, secret: str | None, errors: dict, action: str):
    uri = second_factor.provisioning_uri(user, secret) if secret else None
    response = render_template("auth/tweede_stap.html", user=user, secret=secret, errors=errors, action=action,
                               qr=second_factor.qr_svg(uri) if uri else None,
                               breadcrumbs=[("Inloggen", None)])
    return response, 400 if errors else 200, {"Cache-Control": "no-store"}
