"""The start page (sends everyone to their own part), the toegankelijkheidsverklaring and each gemeente's
theme stylesheet and logo (public, as on the gemeente's own website: the login page shows them too)."""
from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask_login import current_user

from ...domain import thema as thema_tokens
from ...services.beschikking_document import logo_image
from ...services.gemeenten import get_gemeente

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.has_role("consulent", "beoordelaar", "backoffice", "jurist"):
        return redirect(url_for("inbox.index"))
    if current_user.has_role("inwoner", "gemachtigde"):
        return redirect(url_for("portal.index"))
    if current_user.has_role("aanbieder"):
        return redirect(url_for("aanbieder.index"))
    if current_user.has_role("management"):
        return redirect(url_for("rapportage.index"))
    if current_user.has_role("beheerder"):
        return redirect(url_for("beheer.index"))
    if current_user.has_role("privacy"):
        return redirect(url_for("privacy.index"))
    if current_user.has_role("contractmanager"):
        return redirect(url_for("contracten.index"))
    if current_user.has_role("procesontwerper"):
        return redirect(url_for("ontwerpen.index"))
    return redirect(url_for("auth.profile"))


@bp.route("/thema/<id:gemeente_id>.css")
def thema(gemeente_id: int):
    """The gemeente's NL Design System tokens as CSS custom properties (checked colours only)."""
    gemeente = get_gemeente(gemeente_id)
    if gemeente is None:
        abort(404)
    response = Response(thema_tokens.css(gemeente.thema), mimetype="text/css")
    response.cache_control.public, response.cache_control.max_age = True, 300
    return response


@bp.route("/gemeenten/<id:gemeente_id>/logo")
def logo(gemeente_id: int):
    """The gemeente's logo for the page header (the PNG uploaded on /beheer/gemeenten, or its file in static)."""
    gemeente = get_gemeente(gemeente_id)
    image = logo_image(gemeente) if gemeente is not None else None
    if image is None:
        abort(404)
    return Response(image[0], mimetype=image[1])


@bp.route("/toegankelijkheid")
def toegankelijkheid():
    return render_template("main/toegankelijkheid.html", breadcrumbs=[("Toegankelijkheid", None)])
