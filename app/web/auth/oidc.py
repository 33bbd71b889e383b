"""Log in with OpenID Connect (authlib) against configurable providers: inwoners with DigiD (through a
broker; the BSN claim picks the person), staff with their organisation's identity provider (SSO; the
groups claim gives their roles). The discovery document gives the endpoints and keys; authlib checks the
ID token's signature, issuer, audience and nonce."""
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import current_app, flash, redirect, render_template, request, url_for

from ...services import inwoner_login, staff_login
from ...services.errors import InvalidInput
from .. import sessions
from . import bp

EXTENSION = "cumulus_oidc"


def oidc_client(prefix: str = "OIDC", name: str = "digid"):
    """The registered OIDC client for the provider configured under `prefix`_*, or None when none is."""
    app = current_app
    url = app.config.get(f"{prefix}_DISCOVERY_URL")
    if not url:
        return None
    key = f"{EXTENSION}:{name}"
    registered = app.extensions.get(key)
    if registered is None or registered[0] != url:  # registered on first use: config may be set late (tests)
        oauth = OAuth(app)
        client = oauth.register(name, server_metadata_url=url, client_id=app.config[f"{prefix}_CLIENT_ID"],
                                client_secret=app.config[f"{prefix}_CLIENT_SECRET"],
                                client_kwargs={"scope": app.config[f"{prefix}_SCOPE"]})
        app.extensions[key] = registered = (url, client)
    return registered[1]


def staff_client():
    return oidc_client("STAFF_OIDC", "organisatie")


@bp.route("/digid")
def oidc_login():
    client = oidc_client()
    if client is None:
        flash("Inloggen met DigiD is hier niet ingesteld.", "error")
        return redirect(url_for("auth.login"))
    return client.authorize_redirect(url_for("auth.oidc_callback", _external=True))


@bp.route("/digid/terug")
def oidc_callback():
    client = oidc_client()
    if client is None:
        return redirect(url_for("auth.login"))
    try:
        token = client.authorize_access_token()
        user = inwoner_login.login_with_bsn(token.get("userinfo") or {}, current_app.config["OIDC_BSN_CLAIM"],
                                            request.remote_addr)
    except OAuthError as exc:
        current_app.logger.info("OIDC login failed: %s", exc)
        return _refused("Het inloggen is niet gelukt of afgebroken. Probeer het opnieuw.")
    except InvalidInput as exc:
        return _refused(str(exc))
    sessions.log_in(user)
    flash(f"Welkom, {user.display_name}.", "success")
    return redirect(url_for("portal.index"))


@bp.route("/organisatie")
def staff_sso_login():
    client = staff_client()
    if client is None:
        flash("Inloggen via uw organisatie is hier niet ingesteld.", "error")
        return redirect(url_for("auth.login"))
    return client.authorize_redirect(url_for("auth.staff_sso_callback", _external=True))


@bp.route("/organisatie/terug")
def staff_sso_callback():
    """The organisation vouches for the staff member (its own login and second factor): no TOTP step here."""
    client = staff_client()
    if client is None:
        return redirect(url_for("auth.login"))
    try:
        token = client.authorize_access_token()
        user = staff_login.login_with_claims(token.get("userinfo") or {}, request.remote_addr)
    except OAuthError as exc:
        current_app.logger.info("Staff SSO login failed: %s", exc)
        return _refused("Het inloggen via uw organisatie is niet gelukt of afgebroken. Probeer het opnieuw.",
                        "organisatie")
    except InvalidInput as exc:
        return _refused(str(exc), "organisatie")
    sessions.log_in(user)
    flash(f"Welkom, {user.display_name}.", "success")
    return redirect(url_for("main.index"))


def _refused(message: str, field: str = "digid"):
    return render_template("auth/login.html", errors={field: message}, username=""), 403
