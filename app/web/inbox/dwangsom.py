"""The ingebrekestelling and dwangsom on the staff zaak page (#17 point 4, Awb 4:17): record an ingebrekestelling
received by letter with its day of receipt, and an exception of art. 4:17 lid 6 with its reason. Load, ask the
policy, call one service; a refused form shows the zaak page again with the Dutch message beside the field."""
from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.deadlines import format_date_nl
from ...services import dwangsom
from ...services.doorbraken import zaak_facts
from ...services.errors import InvalidInput, NotFound
from ..errors import refuse
from . import bp
from .case import _load_zaak, zaak_page


@bp.route("/zaken/<id:zaak_id>/ingebrekestelling", methods=["POST"])
@login_required
def ingebrekestelling(zaak_id: int):
    zaak = _allowed(zaak_id)
    values = {"ontvangen_op": request.form.get("ontvangen_op", ""), "toelichting": request.form.get("toelichting", "")}
    try:
        row = dwangsom.record_letter(current_user, zaak, values["ontvangen_op"], values["toelichting"])
    except InvalidInput as exc:
        return zaak_page(zaak, exc.errors, values, form="ingebrekestelling"), 400
    flash(f"De ingebrekestelling is vastgelegd. Beslis uiterlijk {format_date_nl(row.hersteltermijn_tot)}; daarna "
          f"loopt de dwangsom vanaf {format_date_nl(row.eerste_dag)}.", "success")
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id, _anchor="dwangsom"))


@bp.route("/zaken/<id:zaak_id>/dwangsom-uitzondering", methods=["POST"])
@login_required
def dwangsom_uitzondering(zaak_id: int):
    zaak = _allowed(zaak_id)
    values = {"grond": request.form.get("grond", ""), "reden": request.form.get("reden", "")}
    try:
        dwangsom.record_exception(current_user, zaak, values["grond"], values["reden"])
    except NotFound as exc:
        flash(str(exc), "error")
    except InvalidInput as exc:
        return zaak_page(zaak, exc.errors, values, form="uitzondering"), 400
    else:
        flash("De uitzondering is vastgelegd: er is geen dwangsom verschuldigd (art. 4:17 lid 6 Awb).", "success")
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id, _anchor="dwangsom"))


def _allowed(zaak_id: int):
    zaak = _load_zaak(zaak_id)
    decision = policy.decide(current_user, "dwangsom.vastleggen", zaak_facts(current_user, zaak))
    if not decision:
        refuse(decision)
    return zaak
