"""Ondertekenen: the inwoner (or a gemachtigde who may act) reads the onderzoeksverslag and signs the aanvraag —
also after an algemene voorziening or no maatwerk, when the zaak waits for one (Wmo 2015 art. 2.3.2 lid 9)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...services import ondertekenen, recht_op_aanvraag
from ...services.errors import InvalidInput
from . import acting, bp
from .routes import load_zaak


@bp.route("/zaken/<id:zaak_id>/aanvraag", methods=["GET", "POST"])
@login_required
def aanvraag(zaak_id: int):
    zaak = load_zaak(zaak_id)
    dossier_ = acting.require("dossier.handelen" if request.method == "POST" else "dossier.inzien", zaak)
    verslag = ondertekenen.verslag_of(zaak)
    if verslag is None:
        abort(404)
    errors, values = {}, {}
    aanvraag_tot = recht_op_aanvraag.waiting([zaak.id]).get(zaak.id)  # after an algemene voorziening or no maatwerk
    if request.method == "POST":
        values = {"akkoord": request.form.get("akkoord", ""), "opmerkingen": request.form.get("opmerkingen", "")}
        try:
            ondertekenen.sign(current_user, zaak, akkoord=values["akkoord"], opmerkingen=values["opmerkingen"],
                              on_behalf_of=acting.on_behalf_of(dossier_))
        except InvalidInput as exc:
            errors = exc.errors or {"akkoord": str(exc)}
        else:
            flash("De aanvraag is ondertekend. De consulent legt de aanvraag nu vast.", "success")
            return redirect(url_for("portal.zaak", zaak_id=zaak.id))
    ondertekenen.read(current_user, zaak, verslag, on_behalf_of=acting.on_behalf_of(dossier_))  # shown (again)
    return render_template("portal/aanvraag.html", zaak=zaak, verslag=verslag, errors=errors, values=values,
                           aanvraag_tot=aanvraag_tot,
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        (zaak.zaaknummer, url_for("portal.zaak", zaak_id=zaak.id)),
                                        ("Aanvraag doen" if aanvraag_tot else "Aanvraag ondertekenen", None)]), \
        400 if errors else 200
