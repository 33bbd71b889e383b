"""Routes of the designer pages: ask the policy, call one service, render. A download is the stored XML as it
is (a version is never changed once published)."""
from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services import process_concepts, process_lint, process_models, publicatie_pagina
from ...services.errors import InvalidInput
from ..errors import refuse
from ..request_limits import MB, body_limit
from . import bp
from .publicatie import concept_page

@bp.before_request
@login_required
def _only_designers():
    decision = policy.decide(current_user, "ontwerpen.bekijken")
    if not decision:
        refuse(decision)


@bp.route("/")
def index():
    return _index({}, 200)


@bp.route("/uploaden", methods=["POST"])
@body_limit(6 * MB)  # the service names the 5 MB limit; a larger body gets the 413 page
def upload():
    decision = policy.decide(current_user, "ontwerpen.wijzigen")
    if not decision:
        refuse(decision)
    file = request.files.get("bestand")
    try:
        concept = process_concepts.upload_concept(current_user, file.filename if file else "",
                                                  file.read() if file else b"")
    except InvalidInput as exc:
        return _index(exc.errors, 400)
    flash(f"'{concept.name}' staat als concept klaar (concept {concept.id}, gebaseerd op "
          f"{'versie ' + str(concept.based_on.version) if concept.based_on else 'geen eerdere versie'}). "
          "Hieronder staat wat de controle ervan vond.", "success")
    return redirect(url_for("ontwerpen.concept", concept_id=concept.id))


@bp.route("/modellen/<key:key>")
def model(key: str):
    row = process_models.model(current_user, key)
    return render_template("ontwerpen/model.html", row=row, may_change=policy.decide(current_user, "ontwerpen.wijzigen"),
                           requests=publicatie_pagina.latest_by_concept([c.id for c in row.concepts]),
                           breadcrumbs=[("Procesmodellen", url_for("ontwerpen.index")), (row.name, None)])


@bp.route("/modellen/<key:key>/versies/<id:version>.bpmn")
def version_file(key: str, version: int):
    return _bpmn(*process_models.version_file(current_user, key, version))


@bp.route("/concepten/<id:concept_id>")
def concept(concept_id: int):
    return concept_page(concept_id, {}, 200)


@bp.route("/concepten/<id:concept_id>/bevindingen")
def concept_findings(concept_id: int):
    """The same findings as JSON, for the modeler's markers and list."""
    check = process_lint.concept_check(current_user, concept_id)
    return jsonify({"concept_id": check.concept.id, "fouten": len(check.errors), "waarschuwingen": len(check.warnings),
                    "publiceerbaar": not check.errors, "bevindingen": [f.as_dict() for f in check.findings]})


@bp.route("/concepten/<id:concept_id>.bpmn")
def concept_file(concept_id: int):
    return _bpmn(*process_models.concept_file(current_user, concept_id))


def _index(errors: dict, status: int):
    return render_template("ontwerpen/index.html", rows=process_models.overview(current_user), errors=errors,
                           open_requests=publicatie_pagina.open_count(current_user),
                           may_change=policy.decide(current_user, "ontwerpen.wijzigen"),
                           breadcrumbs=[("Procesmodellen", None)]), status


def _bpmn(filename: str, xml: bytes) -> Response:
    response = Response(xml, mimetype="application/xml")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
