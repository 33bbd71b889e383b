"""Ingebrekestelling in Mijn zaken (#17 point 4, Awb 4:17): once the term for the besluit on the aanvraag has passed,
the inwoner — or a gemachtigde who may act for them — puts the gemeente in default; two weeks later, without a
besluit, the dwangsom runs. Before the term passes the page says why it cannot yet."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain.deadlines import format_date_nl
from ...services import dossier
from ...services import dwangsom as dwangsom_service
from ...services.errors import InvalidInput
from . import acting, bp
from .routes import load_zaak


@bp.route("/zaken/<id:zaak_id>/ingebrekestelling", methods=["GET", "POST"])
@login_required
def ingebrekestelling(zaak_id: int):
    zaak = load_zaak(zaak_id)
    action = "dwangsom.ingebrekestellen" if request.method == "POST" else "dossier.inzien"
    dossier_ = acting.require(action, zaak)
    errors, toelichting = {}, ""
    if request.method == "POST":
        toelichting = request.form.get("toelichting", "")
        try:
            row = dwangsom_service.send_from_portal(current_user, zaak, toelichting,
                                                    on_behalf_of=acting.on_behalf_of(dossier_))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"Uw ingebrekestelling is verstuurd. De gemeente heeft nu tot en met "
                  f"{format_date_nl(row.hersteltermijn_tot)} om alsnog te beslissen.", "success")
            return redirect(url_for("portal.zaak", zaak_id=zaak.id, _anchor="dwangsom"))
    dossier.open_zaak(current_user, zaak, purpose="dossier-inzage", on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/ingebrekestelling.html", zaak=zaak, dwangsom=dwangsom_service.view(zaak),
                           errors=errors, toelichting=toelichting,
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        (zaak.zaaknummer, url_for("portal.zaak", zaak_id=zaak.id)),
                                        ("In gebreke stellen", None)]), 400 if errors else 200

