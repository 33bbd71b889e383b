"""Routes of the aanbieder on the ratings of itself (/aanbieder/beoordelingen): the approved ones, and a public
reply to one. Load, ask the policy (in the service), one service, render; the service logs each read."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.beoordeling import ASPECTEN, REPLY_LONGEST
from ...services import beoordeling_reacties as service
from ...services.errors import Conflict, Forbidden, InvalidInput, NotFound
from ..errors import refuse
from . import bp


@bp.route("/beoordelingen")
@login_required
def beoordelingen():
    return _page({}, None)


@bp.route("/beoordelingen/<id:beoordeling_id>/reactie", methods=["POST"])
@login_required
def reply_beoordeling(beoordeling_id: int):
    try:
        found = service.get(current_user, beoordeling_id)
    except NotFound:
        abort(404)
    except (Forbidden, Conflict) as exc:
        refuse(policy.deny(str(exc)))
    tekst = request.form.get("reactie", "")[:REPLY_LONGEST * 2]
    try:
        service.reply(current_user, found.id, tekst)
    except InvalidInput as exc:
        return _page({f"reactie-{found.id}": exc.errors["reactie"]}, found.id, tekst), 400
    flash("Uw reactie staat bij de beoordeling op de sociale kaart.", "success")
    return redirect(url_for("aanbieder.beoordelingen", _anchor=f"beoordeling-{found.id}"))


def _page(errors: dict, fout_id: int | None, tekst: str = ""):
    try:
        rows = service.approved_for(current_user)
    except Forbidden as exc:
        refuse(policy.deny(str(exc)))
    return render_template("aanbieder/beoordelingen.html", rows=rows, aspecten=ASPECTEN, errors=errors,
                           fout_id=fout_id, tekst=tekst, reactie_max=REPLY_LONGEST,
                           breadcrumbs=[("Berichtenverkeer", url_for("aanbieder.index")), ("Beoordelingen", None)])
