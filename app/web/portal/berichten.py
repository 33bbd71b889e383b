"""Berichten: the secure conversation with the consulent about one zaak."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...services import portaal_berichten
from ...services.errors import InvalidInput
from . import acting, bp
from .routes import load_zaak


@bp.route("/zaken/<id:zaak_id>/berichten", methods=["GET", "POST"])
@login_required
def berichten(zaak_id: int):
    zaak = load_zaak(zaak_id)
    dossier_ = acting.require("dossier.handelen" if request.method == "POST" else "dossier.inzien", zaak)
    errors, tekst = {}, ""
    if request.method == "POST":
        tekst = request.form.get("tekst", "")
        try:
            sent = portaal_berichten.send(current_user, zaak, tekst, van="inwoner",
                                          on_behalf_of=acting.on_behalf_of(dossier_))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("Uw bericht is verstuurd. " + ("De consulent krijgt een e-mail dat er een bericht is." if sent.mails_sent
                                                 else "De consulent ziet het in de werkvoorraad."), "success")
            return redirect(url_for("portal.berichten", zaak_id=zaak.id, _anchor="nieuw-bericht"))
    rows = portaal_berichten.conversation(current_user, zaak, reader="inwoner", on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/berichten.html", zaak=zaak, rows=rows, errors=errors, tekst=tekst,
                           mailed=portaal_berichten.mail_reaches(current_user, zaak),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        (zaak.zaaknummer, url_for("portal.zaak", zaak_id=zaak.id)), ("Berichten", None)]), \
        400 if errors else 200
