"""Delen en machtigen: the inwoner grants and revokes access; a gemachtigde chooses on whose behalf to act."""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.input import valid_id
from ...domain.policy import MACHTIGING_SCOPES
from ...services import dossier
from ...services import machtigingen as service
from ...services.errors import InvalidInput, NotFound
from . import acting, bp
from ..errors import refuse


@bp.route("/machtigingen", methods=["GET", "POST"])
@login_required
def machtigingen():
    dossier_ = acting.require("dossier.inzien")
    person = acting.person_of(dossier_)
    may_manage = policy.decide(current_user, "machtigingen.beheren", dossier_)
    errors, values = {}, {"scope": "inzien"}
    if request.method == "POST":
        if not may_manage:
            refuse(may_manage)
        values = {name: request.form.get(name, "").strip()[:300] for name in ("naam", "bsn", "scope", "geldig_tot")}
        try:
            geldig_tot = _date(values["geldig_tot"], "geldig_tot")
            machtiging = service.grant(current_user, person, bsn=values["bsn"], naam=values["naam"],
                                       scope=values["scope"], geldig_vanaf=None, geldig_tot=geldig_tot)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            # the same words whether or not this person already uses the portal
            flash(f"U heeft {machtiging.naam} gemachtigd: {MACHTIGING_SCOPES[machtiging.scope].lower()}. "
                  f"{machtiging.naam} logt in met de eigen DigiD en kiest dan bij 'Namens wie?' uw naam.", "success")
            return redirect(url_for("portal.machtigingen"))
    rows = service.granted_by(current_user, person, on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/machtigingen.html", rows=rows, errors=errors, values=values, today=date.today(),
                           may_manage=bool(may_manage), scopes=list(MACHTIGING_SCOPES.items()),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), ("Delen en machtigen", None)]), \
        400 if errors else 200


@bp.route("/machtigingen/<id:machtiging_id>/intrekken", methods=["GET", "POST"])
@login_required
def revoke(machtiging_id: int):
    """Ask first ('Weet u het zeker?', a page of its own); only the answer 'Ja, intrekken' ends the machtiging."""
    dossier_ = acting.require("dossier.inzien")
    decision = policy.decide(current_user, "machtigingen.beheren", dossier_)
    if not decision:
        refuse(decision)
    person = acting.person_of(dossier_)
    if request.method == "POST" and request.form.get("bevestigd") == "ja":
        try:
            machtiging = service.revoke(current_user, person, machtiging_id)
        except NotFound:
            abort(404)
        flash(f"De machtiging van {machtiging.naam} is ingetrokken. {machtiging.naam} kan uw zaken niet meer zien.",
              "success")
        return redirect(url_for("portal.machtigingen"))
    if request.method == "POST":  # the button on the list: first the question
        return redirect(url_for("portal.revoke", machtiging_id=machtiging_id))
    machtiging = service.get(machtiging_id)
    if machtiging is None or machtiging.person_id != person.id:
        abort(404)
    dossier.open_own_data(current_user, person, what="Vraag 'machtiging intrekken?' getoond", object_type="machtiging")
    return render_template("portal/machtiging_intrekken.html", machtiging=machtiging, scopes=dict(MACHTIGING_SCOPES),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        ("Delen en machtigen", url_for("portal.machtigingen")),
                                        ("Machtiging intrekken", None)])


@bp.route("/namens", methods=["GET", "POST"])
@login_required
def namens():
    """'Namens wie?': one's own dossier or that of someone who gave a machtiging."""
    if request.method == "POST":
        choice = request.form.get("machtiging", "")
        if choice == "zelf" and current_user.person_id:
            acting.choose(None)
            return redirect(url_for("portal.index"))
        wanted = int(choice) if choice.isdecimal() and len(choice) <= 10 else 0
        machtiging = service.get(wanted) if valid_id(wanted) else None
        if machtiging is None or not policy.machtiging_valid(current_user, machtiging, machtiging.person_id, date.today()):
            flash("Kies een persoon waarvoor u een geldige machtiging heeft.", "error")
            return redirect(url_for("portal.namens"))
        acting.choose(machtiging.id)
        service.start_acting(current_user, machtiging)
        return redirect(url_for("portal.index"))
    held = service.held_by(current_user)
    dossier.log_list_view(current_user, [m.person for m in held], purpose="machtigingen",
                          what="Naam getoond bij 'namens wie?' (gegeven machtiging)")
    return render_template("portal/namens.html", held=held, breadcrumbs=[("Namens wie?", None)])


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(errors={field: "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2027-12-31."}) from None
