"""Bezwaren on the staff side (#17 point 5): register a bezwaarschrift that came in on paper, with its day of
receipt (jurist or backoffice), and verdaag the beslissing op bezwaar by six weeks with a mededeling (jurist,
Awb 7:10 lid 3). The jurist's own work — beoordelen, hoorzitting, advies, beslissen — is in the werkvoorraad as
tasks of the bezwaar process. Load, ask the policy, call one service; a refused form shows again with the Dutch
message beside the field."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.deadlines import format_date_nl
from ...services import bezwaar as service
from ...services import dossier
from ...services.doorbraken import zaak_facts
from ...services.errors import InvalidInput, NotFound
from ...services.termijn_klok import today
from ..errors import refuse
from ..request_limits import body_limit
from ..portal.uploads import UPLOAD_FORM_BODY, uploads_from
from . import bp
from .case import _load_zaak, zaak_page


@bp.context_processor
def _bezwaar_rights():
    """The bezwaar parts of the zaak pages ask the policy whether to offer their forms."""
    def bezwaar_mag(action: str, zaak) -> bool:
        return current_user.is_authenticated and bool(policy.decide(current_user, action,
                                                                    zaak_facts(current_user, zaak)))
    return {"bezwaar_mag": bezwaar_mag}


@bp.route("/bezwaren/zaken/<id:zaak_id>/registreren", methods=["GET", "POST"])
@body_limit(UPLOAD_FORM_BODY)
@login_required
def bezwaar_registreren(zaak_id: int):
    zaak = _allowed(zaak_id, "bezwaar.registreren")
    values, errors = {"beschikking": request.args.get("besluit", ""), "ontvangen_op": "", "gronden": ""}, {}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in ("beschikking", "ontvangen_op", "gronden")}
        try:
            made = service.register_bezwaar(current_user, zaak, values["beschikking"], values["gronden"],
                                            values["ontvangen_op"], uploads_from(request))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"Het bezwaarschrift van {format_date_nl(made.ontvangen_op)} is geregistreerd. De "
                  "ontvangstbevestiging staat in Mijn zaken van de inwoner; de taak 'Bezwaar beoordelen' staat in "
                  "de werkvoorraad van de jurist.", "success")
            return redirect(url_for("inbox.zaak", zaak_id=zaak.id, _anchor=f"bezwaar-{made.id}"))
    dossier.open_zaak(current_user, zaak, purpose=f"{zaak.domein}-behandeling")
    return render_template("inbox/bezwaar_registreren.html", zaak=zaak, values=values, errors=errors, vandaag=today(),
                           bijlage_error=errors.get("bijlagen"),
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")),
                                        (zaak.zaaknummer, url_for("inbox.zaak", zaak_id=zaak.id)),
                                        ("Bezwaarschrift registreren", None)]), 400 if errors else 200


@bp.route("/bezwaren/<id:bezwaar_id>/verdaging", methods=["POST"])
@login_required
def bezwaar_verdagen(bezwaar_id: int):
    try:
        bezwaar = service.get_bezwaar(bezwaar_id)
    except NotFound:
        abort(404)
    zaak = _allowed(bezwaar.zaak_id, "bezwaar.verdagen")
    values = {"reden": request.form.get("reden", "")}
    try:
        made = service.extend(current_user, bezwaar, values["reden"])
    except InvalidInput as exc:
        return zaak_page(zaak, exc.errors, values, form=f"bezwaar-{bezwaar.id}"), 400
    flash(f"De beslissing op bezwaar is verdaagd tot en met {format_date_nl(made.verdaagd_tot)}. De mededeling staat "
          "in Mijn zaken van de inwoner.", "success")
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id, _anchor=f"bezwaar-{bezwaar.id}"))


def _allowed(zaak_id: int, action: str):
    zaak = _load_zaak(zaak_id)
    decision = policy.decide(current_user, action, zaak_facts(current_user, zaak))
    if not decision:
        refuse(decision)
    return zaak
