"""The beslistermijn's clock on the staff zaak page (#17 points 2 and 3): ask the inwoner for information
(opschorting, Awb 4:15), record that it came in, and extend the term (verdaging, Awb 4:14). Load, ask the policy,
call one service; a refused form shows the zaak page again with the Dutch message beside the field."""
from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.deadlines import format_date_nl
from ...services import opschorting, verdaging
from ...services.doorbraken import zaak_facts
from ...services.errors import InvalidInput, NotFound
from ..errors import refuse
from . import bp
from .case import _load_zaak, zaak_page


@bp.route("/zaken/<id:zaak_id>/informatieverzoek", methods=["POST"])
@login_required
def informatieverzoek(zaak_id: int):
    zaak = _allowed(zaak_id, "termijn.opschorten")
    values = {"omschrijving": request.form.get("omschrijving", ""), "termijn_tot": request.form.get("termijn_tot", "")}
    try:
        made = opschorting.request_information(current_user, zaak, values["omschrijving"], values["termijn_tot"])
    except InvalidInput as exc:
        return zaak_page(zaak, exc.errors, values, form="opschorten"), 400
    flash(f"Het verzoek om informatie staat in Mijn zaken van {zaak.person.naam}; de inwoner heeft tot en met "
          f"{format_date_nl(made.termijn_tot)}. De beslistermijn is opgeschort.", "success")
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id, _anchor="beslistermijn"))


@bp.route("/zaken/<id:zaak_id>/informatie-ontvangen", methods=["POST"])
@login_required
def informatie_ontvangen(zaak_id: int):
    zaak = _allowed(zaak_id, "termijn.opschorten")
    values = {"ontvangen_op": request.form.get("ontvangen_op", "")}
    try:
        opschorting.record_received(current_user, zaak, values["ontvangen_op"])
    except NotFound as exc:
        flash(str(exc), "error")
    except InvalidInput as exc:
        return zaak_page(zaak, exc.errors, values, form="ontvangen"), 400
    else:
        flash("De ontvangst is vastgelegd. De beslistermijn loopt weer.", "success")
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id, _anchor="beslistermijn"))


@bp.route("/zaken/<id:zaak_id>/verdaging", methods=["POST"])
@login_required
def verdagen(zaak_id: int):
    zaak = _allowed(zaak_id, "termijn.verdagen")
    values = {"nieuwe_datum": request.form.get("nieuwe_datum", ""), "reden": request.form.get("reden", "")}
    try:
        made = verdaging.extend_term(current_user, zaak, values["nieuwe_datum"], values["reden"])
    except InvalidInput as exc:
        return zaak_page(zaak, exc.errors, values, form="verdagen"), 400
    flash(f"De beslistermijn is verdaagd tot en met {format_date_nl(made.nieuwe_datum)}. De mededeling staat in Mijn "
          "zaken van de inwoner.", "success")
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id, _anchor="beslistermijn"))


def _allowed(zaak_id: int, action: str):
    zaak = _load_zaak(zaak_id)
    decision = policy.decide(current_user, action, zaak_facts(current_user, zaak))
    if not decision:
        refuse(decision)
    return zaak
