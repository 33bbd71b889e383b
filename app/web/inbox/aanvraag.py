"""The aanvraag on paper on the staff zaak page (art. 2.3.2 lid 9 Wmo 2015): while a zaak waits for the inwoner's
aanvraag after the letter on the right to apply, the consulent records one that came by letter or phone, with its
day of receipt and proof. Load, ask the policy, call one service; a refused form shows the zaak page again."""
from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.deadlines import format_date_nl
from ...services import recht_op_aanvraag
from ...services.doorbraken import zaak_facts
from ...services.errors import InvalidInput, NotFound
from ..errors import refuse
from . import bp
from .case import _load_zaak, zaak_page


@bp.route("/zaken/<id:zaak_id>/aanvraag-op-papier", methods=["POST"])
@login_required
def aanvraag_op_papier(zaak_id: int):
    zaak = _load_zaak(zaak_id)
    decision = policy.decide(current_user, "aanvraag.op_papier", zaak_facts(current_user, zaak))
    if not decision:
        refuse(decision)
    values = {"ontvangen_op": request.form.get("ontvangen_op", ""), "bewijs": request.form.get("bewijs", "")}
    try:
        day = recht_op_aanvraag.op_papier(current_user, zaak, values["ontvangen_op"], values["bewijs"])
    except NotFound as exc:
        flash(str(exc), "error")
    except InvalidInput as exc:
        return zaak_page(zaak, exc.errors, values, form="aanvraag_op_papier"), 400
    else:
        flash(f"De aanvraag van {format_date_nl(day)} is vastgelegd. Registreer haar nu in de taak 'Aanvraag "
              "registreren'; de beslistermijn van twee weken loopt vanaf die dag.", "success")
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id))
