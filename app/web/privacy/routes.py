"""Routes of the privacy officer's pages: load, ask the policy, call one service, render."""
from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services import avg_afschrift, avg_export
from ...services.errors import InvalidInput, NotFound
from ...services.lookups import get_person
from ..documents.routes import download_response
from ..errors import refuse
from . import bp


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    _require(policy.decide(current_user, "privacy.gebruiken"))
    errors, bsn = {}, ""
    if request.method == "POST":
        bsn = request.form.get("bsn", "")
        try:
            person = avg_export.find_person(current_user, bsn)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            return redirect(url_for("privacy.persoon", person_id=person.id))
    return render_template("privacy/index.html", errors=errors, bsn=bsn,
                           breadcrumbs=[("Inzageverzoeken", None)]), 400 if errors else 200


@bp.route("/personen/<id:person_id>")
@login_required
def persoon(person_id: int):
    person = _load(person_id)
    return _page(avg_export.open_person(current_user, person), errors={}, values={})


@bp.route("/personen/<id:person_id>/afschrift", methods=["POST"])
@login_required
def afschrift(person_id: int):
    person = _load(person_id)
    values = {"reden": request.form.get("reden", ""), "formaat": request.form.get("formaat", "")}
    if values["formaat"] not in avg_export.FORMATS:
        errors = {"formaat": "Kies of u het afschrift als PDF of als JSON wilt."}
        return _page(avg_export.open_person(current_user, person), errors=errors, values=values), 400
    try:
        if values["formaat"] == "pdf":  # made by a background job (avg_afschrift.py): its page gives the file
            made = avg_afschrift.request_for_request(current_user, person, values["reden"])
            return redirect(url_for("privacy.afschrift_pagina", verzoek_afschrift_id=made.id), 303)
        download = avg_export.export_for_request(current_user, person, values["formaat"], values["reden"])
    except InvalidInput as exc:  # shown again with the person's name: a read of it, logged
        return _page(avg_export.open_person(current_user, person), errors=exc.errors, values=values), 400
    return download_response(download.data, download.content_type, download.bestandsnaam)


@bp.route("/afschriften/<id:verzoek_afschrift_id>")
@login_required
def afschrift_pagina(verzoek_afschrift_id: int):
    """The privacy officer's PDF afschrift: 'wordt gemaakt' while the job runs, then the file (the first time or
    with ?bestand=1) or the page with the link."""
    _require(policy.decide(current_user, "privacy.gebruiken"))
    try:
        made = avg_afschrift.get_afschrift(verzoek_afschrift_id)
    except NotFound:
        abort(404)
    _require(policy.decide(current_user, "afschrift.ophalen", made))
    if made.status == "klaar" and (made.downloaded_at is None or request.args.get("bestand")):
        download = avg_afschrift.fetch(current_user, made)
        return download_response(download.data, download.content_type, download.bestandsnaam)
    return render_template("_partials/afschrift_pagina.html", afschrift=made,
                           refresh=avg_afschrift.refresh_seconds(made),
                           download_url=url_for("privacy.afschrift_pagina", verzoek_afschrift_id=made.id, bestand=1),
                           back_url=url_for("privacy.persoon", person_id=made.person_id),
                           breadcrumbs=[("Inzageverzoeken", url_for("privacy.index")), ("Afschrift", None)]
                           ), 200, {"Cache-Control": "no-store"}


def _page(person, errors: dict, values: dict):
    return render_template("privacy/persoon.html", person=person, errors=errors, values=values,
                           afschrift=avg_afschrift.latest_for(current_user, person),
                           breadcrumbs=[("Inzageverzoeken", url_for("privacy.index")), (person.naam, None)])


def _load(person_id: int):
    """The person, if the privacy officer works for their gemeente; anyone else's is 'not found'."""
    _require(policy.decide(current_user, "privacy.gebruiken"))
    try:
        person = get_person(person_id)
    except NotFound:
        abort(404)
    _require(policy.decide(current_user, "persoon.exporteren", person))
    return person


def _require(decision) -> None:
    if not decision:
        refuse(decision)
