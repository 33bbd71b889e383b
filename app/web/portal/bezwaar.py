"""Bezwaar maken in Mijn zaken (Awb 6:4; the beschikking letter promises it "kan ook digitaal via Mijn zaken"): the
inwoner, or a gemachtigde who may act for them, chooses the besluit of the zaak, writes the grounds and sends
documents along. A late one is accepted with a word on the term (Awb 6:11); what happens next is on the zaak page."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services import bezwaar as service
from ...services import dossier
from ...services.errors import InvalidInput
from ...services.termijn_klok import today
from ..errors import refuse
from ..request_limits import body_limit
from . import acting, bp
from .routes import load_zaak
from .uploads import UPLOAD_FORM_BODY, uploads_from


@bp.route("/zaken/<id:zaak_id>/bezwaar", methods=["GET", "POST"])
@body_limit(UPLOAD_FORM_BODY)
@login_required
def bezwaar(zaak_id: int):
    zaak = load_zaak(zaak_id)
    dossier_ = acting.require("dossier.handelen" if request.method == "POST" else "dossier.inzien", zaak)
    values = {"beschikking": request.args.get("besluit", ""), "gronden": "", "niet_verstuurd": []}
    errors = {}
    if request.method == "POST":
        facts = policy.Dossier(person_id=dossier_.person_id, machtiging=dossier_.machtiging, zaak=zaak)
        decision = policy.decide(current_user, "bezwaar.indienen", facts)
        if not decision:
            refuse(decision)
        uploads = uploads_from(request)
        values = {"beschikking": request.form.get("beschikking", ""), "gronden": request.form.get("gronden", "")}
        try:
            made = service.submit_bezwaar(current_user, zaak, values["beschikking"], values["gronden"], uploads,
                                          on_behalf_of=acting.on_behalf_of(dossier_))
        except InvalidInput as exc:
            errors = exc.errors
            values["niet_verstuurd"] = [u.filename for u in uploads] if "bijlagen" not in errors else []
        else:
            flash("Dank u wel. Wij hebben uw bezwaar ontvangen. De ontvangstbevestiging staat bij uw zaak; daar ziet u "
                  "ook hoe ver uw bezwaar is.", "success")
            return redirect(url_for("portal.zaak", zaak_id=zaak.id, _anchor=f"bezwaar-{made.id}"))
    dossier.open_zaak(current_user, zaak, purpose="dossier-inzage", on_behalf_of=acting.on_behalf_of(dossier_))
    open_ids = {b.beschikking_id for b in zaak.bezwaren if b.uitkomst is None}
    return render_template("portal/bezwaar.html", zaak=zaak, values=values, errors=errors, vandaag=today(),
                           besluiten=[b for b in zaak.beschikkingen if b.id not in open_ids],
                           lopend=[b for b in zaak.beschikkingen if b.id in open_ids],
                           bijlage_error=errors.get("bijlagen"), niet_verstuurd=values.get("niet_verstuurd"),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        (zaak.zaaknummer, url_for("portal.zaak", zaak_id=zaak.id)),
                                        ("Bezwaar maken", None)]), 400 if errors else 200
