"""Routes: log in and out, the session's remaining time (read and extend), and one's own API tokens."""
from urllib.parse import urlparse

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.input import text_problem
from ...services import accounts
from ...services.own_password import must_choose
from ...services.clock import now
from ...services.errors import InvalidInput, NotFound
from .. import sessions
from ..errors import refuse
from ..extensions import limiter
from . import bp
from .own_password import start_password_step
from .second_factor import needs_second_step, start_second_step

MAX_USERNAME = 80  # the column's length


def _address_limit() -> str:
    return current_app.config["LOGIN_FAILURES_PER_ADDRESS"]


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"], deduct_when=lambda response: response.status_code != 302,
               error_message="Te veel mislukte inlogpogingen vanaf dit adres. Probeer het over een kwartier opnieuw.")
def login():
    errors, username = {}, ""
    if request.method == "POST":
        username = request.form.get("gebruikersnaam", "")
        try:
            _check_username(username)
            user = accounts.authenticate(username, request.form.get("wachtwoord", ""), request.remote_addr)
        except accounts.TooManyAttempts as exc:
            errors = {"gebruikersnaam": str(exc)}
            response = current_app.make_response((render_template("auth/login.html", errors=errors,
                                                                   username=username), 429))
            response.headers["Retry-After"] = str(max(1, int(exc.retry_after + 0.999)))
            return response
        except InvalidInput as exc:
            errors = {"gebruikersnaam": str(exc)}
        else:
            if not current_app.config["DEMO_ALLOWED"] and user.has_role("inwoner", "gemachtigde"):
                # the password login is the development login for inwoners; in production they use DigiD
                errors = {"gebruikersnaam": "Inwoners en gemachtigden loggen in met DigiD."}
                return render_template("auth/login.html", errors=errors, username=username), 403
            if must_choose(user):
                return start_password_step(user, _safe_next(request.args.get("next")))
            if needs_second_step(user):
                return start_second_step(user, _safe_next(request.args.get("next")))
            sessions.log_in(user)
            flash(f"Welkom, {user.display_name}.", "success")
            return redirect(_safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/login.html", errors=errors, username=username), 200 if not errors else 400


@bp.route("/uitloggen", methods=["POST"])
def logout():
    sessions.log_out()
    flash("U bent uitgelogd.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/profiel", methods=["GET", "POST"])
@login_required
def profile():
    decision = policy.decide(current_user, "api_sleutels.beheren", current_user)
    new_token, errors = None, {}
    days = request.form.get("geldig_dagen", "")
    if request.method == "POST":
        if not decision:
            refuse(decision)
        try:
            new_token = accounts.create_api_token(current_user, request.form.get("naam", ""), days)
        except InvalidInput as exc:
            errors = exc.errors
    tokens = accounts.tokens_of(current_user)
    maximum = current_app.config["API_TOKEN_MAX_DAYS"]
    return render_template("auth/profile.html", tokens=tokens, new_token=new_token, errors=errors,
                           days=days or current_app.config["API_TOKEN_DEFAULT_DAYS"], max_days=maximum,
                           may_make_tokens=bool(decision), now=now(), breadcrumbs=[("Mijn profiel", None)]), 400 if errors else 200


@bp.route("/profiel/sleutels/<id:token_id>/intrekken", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    try:
        accounts.revoke_api_token(current_user, token_id)
        flash("De API-sleutel is ingetrokken.", "success")
    except NotFound as exc:
        flash(str(exc), "error")
    return redirect(url_for("auth.profile"))


@bp.route("/sessie")
def session_status():
    """How long the session lasts if nothing more happens; reading this does not extend it."""
    return _session_answer()


@bp.route("/sessie/verlengen", methods=["POST"])
def extend_session():
    """The page's 'Sessie verlengen': this request is activity, so the session runs on (CSRF-protected)."""
    return _session_answer()


def _session_answer():
    response = jsonify({"ingelogd": current_user.is_authenticated, "resterende_seconden": sessions.seconds_left()})
    response.headers["Cache-Control"] = "no-store"
    return response


def _check_username(username: str) -> None:
    """A name that no account can have is refused before it reaches the login log."""
    problem = text_problem(username, "Gebruikersnaam", one_line=True)
    if problem or len(username) > MAX_USERNAME:
        raise InvalidInput(problem or f"Een gebruikersnaam heeft hoogstens {MAX_USERNAME} tekens.")


def _safe_next(target: str | None) -> str | None:
    """Only redirect to a path on this site (no control characters: they cannot go into a header)."""
    if not target or text_problem(target, one_line=True):
        return None
    parsed = urlparse(target)
    return target if not parsed.scheme and not parsed.netloc and target.startswith("/") else None
