"""Informatie sturen: the inwoner answers the gemeente's request for information (Awb 4:5) with a text and
documents; the beslistermijn, suspended since the day after the request (Awb 4:15), runs again from today."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...services import dossier, opschorting
from ...services.errors import InvalidInput, NotFound
from ...services.termijn_klok import klok
from ..request_limits import body_limit
from . import acting, bp
from .routes import load_zaak
from .uploads import UPLOAD_FORM_BODY, uploads_from


@bp.route("/zaken/<id:zaak_id>/informatie", methods=["GET", "POST"])
@body_limit(UPLOAD_FORM_BODY)
@login_required
def informatie(zaak_id: int):
    zaak = load_zaak(zaak_id)
    dossier_ = acting.require("dossier.handelen" if request.method == "POST" else "dossier.inzien", zaak)
    errors, tekst = {}, ""
    if request.method == "POST":
        tekst = request.form.get("tekst", "")
        try:
            opschorting.answer_from_portal(current_user, zaak, tekst, uploads_from(request),
                                           on_behalf_of=acting.on_behalf_of(dossier_))
        except NotFound as exc:
            flash(str(exc), "error")
            return redirect(url_for("portal.zaak", zaak_id=zaak.id))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("Dank u wel. Uw informatie is verstuurd naar de consulent. De tijd voor het besluit loopt weer; "
                  "de nieuwe datum staat bij uw zaak.", "success")
            return redirect(url_for("portal.zaak", zaak_id=zaak.id, _anchor="termijnen"))
    dossier.open_zaak(current_user, zaak, purpose="dossier-inzage", on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/informatie.html", zaak=zaak, klok=klok(zaak), errors=errors, tekst=tekst,
                           bijlage_error=errors.get("bijlagen"),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        (zaak.zaaknummer, url_for("portal.zaak", zaak_id=zaak.id)),
                                        ("Informatie sturen", None)]), 400 if errors else 200
