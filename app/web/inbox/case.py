"""The case view for staff: the zaak with its process diagram (passed and current steps), deadlines,
documents, toewijzingen, declaraties and history; and the BPMN XML of the process version the diagram draws."""
from flask import Response, abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...engine import EngineError
from ...services import doorbraken, dossier, recht_op_aanvraag, timers
from ...services.doorbraken import zaak_facts
from ...services.mijn_zaken import aanlevering
from ...services.termijn_klok import klok
from ...services.dwangsom import view as dwangsom_view
from ...services.persoonsgegevens import missing_for_messages
from ...services.case_view import berichten_of, declaraties_of, process_views, process_xml, toewijzingen_of
from ...services.errors import Forbidden, InvalidInput, NotFound
from ...services.lookups import documents_of, get_zaak, instances_of, open_tasks_of
from ..errors import refuse
from . import bp


@bp.route("/zaken/<id:zaak_id>")
@login_required
def zaak(zaak_id: int):
    return zaak_page(_load_zaak(zaak_id))


def zaak_page(zaak, errors: dict | None = None, values: dict | None = None, form: str | None = None):
    """The whole zaak for staff, first or again after a refused form of its beslistermijn (`form` names it)."""
    dossier.open_zaak(current_user, zaak, purpose=f"{zaak.domein}-behandeling")
    facts = zaak_facts(current_user, zaak)
    return render_template("inbox/zaak.html", zaak=zaak, processes=process_views(zaak),
                           klok=klok(zaak), errors=errors or {}, values=values or {}, open_form=form,
                           may_suspend=bool(policy.decide(current_user, "termijn.opschorten", facts)),
                           may_extend=bool(policy.decide(current_user, "termijn.verdagen", facts)),
                           dwangsom=dwangsom_view(zaak),
                           may_dwangsom=bool(policy.decide(current_user, "dwangsom.vastleggen", facts)),
                           aanvraag_tot=recht_op_aanvraag.waiting([zaak.id]).get(zaak.id),
                           may_paper_aanvraag=bool(policy.decide(current_user, "aanvraag.op_papier", facts)),
                           documents=documents_of(zaak), open_tasks=open_tasks_of(zaak), inwoner=aanlevering(zaak),
                           declaraties=declaraties_of(zaak), toewijzingen=toewijzingen_of(zaak),
                           berichten=berichten_of(zaak), adres_ontbreekt=missing_for_messages(zaak.person),
                           may_complete_address=policy.decide(current_user, "persoonsgegevens.aanvullen", facts),
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")), (zaak.zaaknummer, None)])


@bp.route("/zaken/<id:zaak_id>/processen/<id:instance_id>.bpmn")
@login_required
def process_diagram(zaak_id: int, instance_id: int):
    zaak = _load_zaak(zaak_id)
    try:
        xml = process_xml(zaak, instance_id)
    except NotFound:
        abort(404)
    return Response(xml, mimetype="application/xml")


@bp.route("/zaken/<id:zaak_id>/processen/<id:instance_id>/opnieuw", methods=["POST"])
@login_required
def retry_process(zaak_id: int, instance_id: int):
    """Retry the step a model error stopped (the incident is on the case page)."""
    zaak = _load_zaak(zaak_id)
    if instance_id not in {i.id for i in instances_of(zaak)}:
        abort(404)
    try:
        timers.retry_process(current_user, instance_id)
    except NotFound:
        abort(404)
    except (Forbidden, EngineError) as exc:
        flash(str(exc), "error")
    else:
        flash("Het proces is opnieuw geprobeerd en gaat weer verder.", "success")
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id))


def _load_zaak(zaak_id: int):
    try:
        zaak = get_zaak(zaak_id)
    except NotFound:
        abort(404)
    for action, obj in (("werkvoorraad.gebruiken", None), ("zaak.bekijken", zaak_facts(current_user, zaak))):
        decision = policy.decide(current_user, action, obj)
        if decision.doorbreken:
            abort(make_response(render_template("inbox/doorbreken.html", zaak=zaak, reason=decision.reason,
                                                errors={}, breadcrumbs=_crumbs(zaak)), 403))
        if not decision:
            refuse(decision)
    return zaak


@bp.route("/zaken/<id:zaak_id>/doorbreken", methods=["POST"])
@login_required
def break_glass(zaak_id: int):
    """Open a zaak outside one's own work, with the reason the inwoner will read."""
    try:
        zaak = get_zaak(zaak_id)
    except NotFound:
        abort(404)
    decision = policy.decide(current_user, "zaak.doorbreken", zaak)
    if not decision:
        refuse(decision)
    reden = request.form.get("reden", "")
    try:
        doorbraken.break_glass(current_user, zaak.id, reden)
    except InvalidInput as exc:
        return render_template("inbox/doorbreken.html", zaak=zaak, reason=policy.NEED_TO_KNOW.reason,
                               errors=exc.errors, reden=reden, breadcrumbs=_crumbs(zaak)), 400
    return redirect(url_for("inbox.zaak", zaak_id=zaak.id))


def _crumbs(zaak):
    return [("Werkvoorraad", url_for("inbox.index")), (zaak.zaaknummer, None)]
