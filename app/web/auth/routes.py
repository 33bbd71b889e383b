"""Routes: log in and out, and manage one's own API tokens."""
from urllib.parse import urlparse

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ...domain import policy
from ...domain.input import text_problem
from ...services import accounts
from ...services.errors import InvalidInput, NotFound
from . import bp

MAX_USERNAME = 80  # the column's length


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    errors, username = {}, ""
    if request.method == "POST":
        username = request.form.get("gebruikersnaam", "")
        try:
            _check_username(username)
            user = accounts.authenticate(username, request.form.get("wachtwoord", ""), request.remote_addr)
        except accounts.TooManyAttempts as exc:
            errors = {"gebruikersnaam": str(exc)}
            return render_template("auth/login.html", errors=errors, username=username), 429
        except InvalidInput as exc:
            errors = {"gebruikersnaam": str(exc)}
        else:
            if not current_app.config["DEMO_ALLOWED"] and user.has_role("inwoner", "gemachtigde"):
                # the password login is the development login for inwoners; in production they use DigiD
                errors = {"gebruikersnaam": "Inwoners en gemachtigden loggen in met DigiD."}
                return render_template("auth/login.html", errors=errors, username=username), 403
            login_user(user)
            flash(f"Welkom, {user.display_name}.", "success")
            return redirect(_safe_next(request.args.get("next")) or url_for("main.index"))
    return render_template("auth/login.html", errors=errors, username=username), 200 if not errors else 400


@bp.route("/uitloggen", methods=["POST"])
def logout():
    logout_user()
    flash("U bent uitgelogd.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/profiel", methods=["GET", "POST"])
@login_required
def profile():
    decision = policy.decide(current_user, "api_sleutels.beheren", current_user)
    new_token, errors = None, {}
    if request.method == "POST" and decision:
        try:
            new_token = accounts.create_api_token(current_user, request.form.get("naam", ""))
        except InvalidInput as exc:
            errors = exc.errors
    tokens = accounts.tokens_of(current_user)
    return render_template("auth/profile.html", tokens=tokens, new_token=new_token, errors=errors,
                           breadcrumbs=[("Mijn profiel", None)]), 400 if errors else 200


@bp.route("/profiel/sleutels/<id:token_id>/intrekken", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    try:
        accounts.revoke_api_token(current_user, token_id)
        flash("De API-sleutel is ingetrokken.", "success")
    except NotFound as exc:
        flash(str(exc), "error")
    return redirect(url_for("auth.profile"))


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
