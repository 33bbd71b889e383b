"""Routes of the inwoner portal: load, ask the policy, call one service, render."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.deadlines import format_date_nl
from ...domain.progress import steps
from ...services import dossier, meldingen
from ...services.errors import InvalidInput, NotFound
from ...services.lookups import get_zaak, open_tasks_of, products
from . import bp

DOMEIN_KEUZES = [("wmo", "Hulp of ondersteuning thuis (Wmo)"), ("jeugd", "Hulp voor een kind of jongere (Jeugdwet)")]


@bp.route("/")
@login_required
def index():
    person = current_user.person
    zaken = dossier.list_own_zaken(current_user, person) if person else []
    return render_template("portal/index.html", zaken=zaken, person=person,
                           breadcrumbs=[("Mijn zaken", None)])


@bp.route("/melding", methods=["GET", "POST"])
@login_required
def new_melding():
    person = current_user.person
    decision = policy.decide(current_user, "melding.indienen", person)
    if not decision:
        abort(403, decision.reason)
    errors, values = {}, {}
    if request.method == "POST":
        values = {"domein": request.form.get("domein", ""), "omschrijving": request.form.get("omschrijving", "")}
        try:
            zaak = meldingen.submit_melding(current_user, person_id=person.id, domein=values["domein"],
                                            omschrijving=values["omschrijving"], kanaal="portaal")
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"Wij hebben uw melding ontvangen op {format_date_nl(zaak.ontvangen_op)}. "
                  f"Uw zaaknummer is {zaak.zaaknummer}. Een consulent neemt contact met u op.", "success")
            return redirect(url_for("portal.zaak", zaak_id=zaak.id))
    return render_template("portal/melding.html", errors=errors, values=values, keuzes=DOMEIN_KEUZES,
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), ("Melding doen", None)]), \
        400 if errors else 200


@bp.route("/zaken/<int:zaak_id>")
@login_required
def zaak(zaak_id: int):
    try:
        zaak = get_zaak(zaak_id)
    except NotFound:
        abort(404)
    decision = policy.decide(current_user, "zaak.bekijken", zaak)
    if not decision or not current_user.has_role("inwoner"):
        abort(404)  # never reveal that someone else's zaak exists
    dossier.open_zaak(current_user, zaak, purpose="dossier-inzage")
    open_tasks = open_tasks_of(zaak)
    return render_template("portal/zaak.html", zaak=zaak, open_tasks=open_tasks,
                           productnamen={p.productcode: p.omschrijving for p in products(zaak.domein)},
                           steps=steps([t.spec_name for t in open_tasks], zaak.status == "afgesloten"),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), (zaak.zaaknummer, None)])
