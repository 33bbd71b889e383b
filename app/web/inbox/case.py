"""The case view for staff: the zaak with its process diagram (passed and current steps), deadlines,
documents, toewijzingen, declaraties and history; and the BPMN XML of the process version the diagram draws."""
from flask import Response, abort, render_template, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services import dossier
from ...services.mijn_zaken import aanlevering
from ...services.case_view import berichten_of, declaraties_of, process_views, process_xml, toewijzingen_of
from ...services.errors import NotFound
from ...services.lookups import documents_of, get_zaak, open_tasks_of
from . import bp


@bp.route("/zaken/<int:zaak_id>")
@login_required
def zaak(zaak_id: int):
    zaak = _load_zaak(zaak_id)
    dossier.open_zaak(current_user, zaak, purpose=f"{zaak.domein}-behandeling")
    return render_template("inbox/zaak.html", zaak=zaak, processes=process_views(zaak),
                           documents=documents_of(zaak), open_tasks=open_tasks_of(zaak), inwoner=aanlevering(zaak),
                           declaraties=declaraties_of(zaak), toewijzingen=toewijzingen_of(zaak),
                           berichten=berichten_of(zaak),
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")), (zaak.zaaknummer, None)])


@bp.route("/zaken/<int:zaak_id>/processen/<int:instance_id>.bpmn")
@login_required
def process_diagram(zaak_id: int, instance_id: int):
    zaak = _load_zaak(zaak_id)
    try:
        xml = process_xml(zaak, instance_id)
    except NotFound:
        abort(404)
    return Response(xml, mimetype="application/xml")


def _load_zaak(zaak_id: int):
    try:
        zaak = get_zaak(zaak_id)
    except NotFound:
        abort(404)
    for action, obj in (("werkvoorraad.gebruiken", None), ("zaak.bekijken", zaak)):
        decision = policy.decide(current_user, action, obj)
        if not decision:
            abort(403, decision.reason)
    return zaak
