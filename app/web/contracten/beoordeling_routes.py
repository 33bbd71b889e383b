"""Routes of the contractmanager's moderation of ratings (/contracten/beoordelingen): the list per status, and
approve or reject (with a reason) one waiting rating. Load, ask the policy (in the service), one service, render.
No name of the inwoner is on these pages; the service logs the read of each rating shown."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain.beoordeling import ASPECTEN, REASON_LONGEST, STATUSES
from ...services import beoordeling_moderatie as service
from ...services.errors import Conflict, InvalidInput
from . import bp
from .routes import _load

HOME = ("Beoordelingen", "contracten.beoordelingen")


@bp.route("/beoordelingen")
def beoordelingen():
    return _page({}, None)


@bp.route("/beoordelingen/<id:beoordeling_id>/goedkeuren", methods=["POST"])
def approve_beoordeling(beoordeling_id: int):
    found = _load(service.get, beoordeling_id)
    try:
        service.approve(current_user, found.id)
    except Conflict as exc:
        flash(str(exc), "error")
    else:
        flash(f"De beoordeling van {found.aanbieder.naam} is geplaatst.", "success")
    return redirect(url_for("contracten.beoordelingen"))


@bp.route("/beoordelingen/<id:beoordeling_id>/afwijzen", methods=["POST"])
def reject_beoordeling(beoordeling_id: int):
    found = _load(service.get, beoordeling_id)
    reden = request.form.get("reden", "")[:REASON_LONGEST * 2]
    try:
        service.reject(current_user, found.id, reden)
    except InvalidInput as exc:
        return _page({f"{name}-{found.id}": message for name, message in exc.errors.items()}, found.id, reden), 400
    except Conflict as exc:
        flash(str(exc), "error")
    else:
        flash(f"De beoordeling van {found.aanbieder.naam} is niet geplaatst. De inwoner leest uw reden.", "success")
    return redirect(url_for("contracten.beoordelingen"))


def _page(errors: dict, fout_id: int | None, reden: str = ""):
    status = request.args.get("status", "te_beoordelen")
    lijst = service.list_for(current_user, status if status in STATUSES else "te_beoordelen")
    return render_template("contracten/beoordelingen.html", lijst=lijst, status=status if status in STATUSES
                           else "te_beoordelen", statussen=STATUSES, aspecten=ASPECTEN, errors=errors,
                           fout_id=fout_id, reden=reden, reden_max=REASON_LONGEST,
                           breadcrumbs=[("Contracten", url_for("contracten.index")), (HOME[0], None)])
