"""The start page (sends everyone to their own part) and the toegankelijkheidsverklaring."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.has_role("consulent", "beoordelaar", "backoffice"):
        return redirect(url_for("inbox.index"))
    if current_user.has_role("inwoner", "gemachtigde"):
        return redirect(url_for("portal.index"))
    if current_user.has_role("aanbieder"):
        return redirect(url_for("aanbieder.index"))
    return redirect(url_for("auth.profile"))


@bp.route("/toegankelijkheid")
def toegankelijkheid():
    return render_template("main/toegankelijkheid.html", breadcrumbs=[("Toegankelijkheid", None)])
