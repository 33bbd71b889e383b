"""Log in with OpenID Connect (authlib) against a configurable provider — in real life DigiD through a
broker. The provider's discovery document gives the endpoints and keys; authlib checks the ID token's
signature, issuer, audience and nonce; the BSN claim picks the person."""
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import current_app, flash, redirect, render_template, request, url_for

from ...services import inwoner_login
from ...services.errors import InvalidInput
from .. import sessions
from . import bp

EXTENSION = "cumulus_oidc"


def oidc_client():
    """The registered OIDC client for the configured provider, or None when no provider is configured."""
    app = current_app
    url = app.config.get("OIDC_DISCOVERY_URL")
    if not url:
        return None
    registered = app.extensions.get(EXTENSION)
    if registered is None or registered[0] != url:  # registered on first use: config may be set late (tests)
        oauth = OAuth(app)
        client = oauth.register("digid", server_metadata_url=url, client_id=app.config["OIDC_CLIENT_ID"],
                                client_secret=app.config["OIDC_CLIENT_SECRET"],
                                client_kwargs={"scope": app.config["OIDC_SCOPE"]})
        app.extensions[EXTENSION] = registered = (url, client)
    return registered[1]


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


def _refused(message: str):
    return render_template("auth/login.html", errors={"digid": message}, username=""), 403
