"""Routes of the beslistabellen (#10 point 7): open a DMN table of a concept in dmn-js, save it from the browser
(the server's lint of the concept answers), upload a .dmn file as a table of a concept, and download a table of a
concept or of a published version. Load → policy → one service call → render, as the modeler's routes."""
from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import policy
from ...domain.input import is_digits
from ...services import process_decisions, process_lint
from ...services.errors import Conflict, InvalidInput, NotFound
from ..errors import refuse
from ..filters import datum_tijd
from ..request_limits import MB, body_limit
from . import bp
from .publicatie import concept_page


def _require_change():
    decision = policy.decide(current_user, "ontwerpen.wijzigen")
    if not decision:
        refuse(decision)


@bp.route("/concepten/<id:concept_id>/beslistabellen/<key:decision>")
def decision_editor(concept_id: int, decision: str):
    _require_change()
    concept, _xml = process_decisions.load_table(current_user, concept_id, decision)
    check = process_lint.concept_check(current_user, concept.id)
    return render_template(
        "ontwerpen/beslistabel.html", concept=concept, decision=decision, check=check,
        findings=[f.as_dict() for f in check.findings],
        breadcrumbs=[("Procesmodellen", url_for("ontwerpen.index")),
                     (concept.name, url_for("ontwerpen.model", key=concept.key)),
                     (f"Concept {concept.id}", url_for("ontwerpen.concept", concept_id=concept.id)),
                     (f"Beslistabel {decision}", None)])


@bp.route("/concepten/<id:concept_id>/beslistabellen/<key:decision>", methods=["PUT"])
@body_limit(2 * MB)  # the service names the 1 MB limit
def save_decision(concept_id: int, decision: str):
    """Store the editor's DMN; answer with who saved it when and the server's findings for the concept (JSON)."""
    _require_change()
    version = request.headers.get("X-Concept-Versie", "")
    try:
        concept = process_decisions.save_table(current_user, concept_id, decision, request.get_data(cache=False),
                                               int(version) if is_digits(version) else None)
    except InvalidInput as exc:
        return jsonify({"fout": exc.errors.get(process_decisions.FIELD, str(exc))}), 400
    except Conflict as exc:
        return jsonify({"fout": str(exc)}), 409
    except NotFound as exc:
        return jsonify({"fout": str(exc)}), 404
    check = process_lint.concept_check(current_user, concept.id)
    return jsonify({"concept_id": concept.id, "versie": concept.lock_version,
                    "opgeslagen_op": concept.updated_at.isoformat(), "opgeslagen_tekst": datum_tijd(concept.updated_at),
                    "opgeslagen_door": current_user.display_name,
                    "fouten": len(check.errors), "waarschuwingen": len(check.warnings),
                    "bevindingen": [f.as_dict() for f in check.findings]})


@bp.route("/concepten/<id:concept_id>/beslistabellen", methods=["POST"])
@body_limit(2 * MB)
def upload_decision(concept_id: int):
    """A .dmn file as a (new or replaced) table of the concept; back to the concept page with the outcome (or with
    a Dutch error beside the field, nothing stored)."""
    _require_change()
    file = request.files.get("dmn")
    try:
        _concept, key = process_decisions.upload_table(current_user, concept_id, file.filename if file else "",
                                                       file.read() if file else b"")
    except InvalidInput as exc:  # the concept page again, with the error beside the file field
        return concept_page(concept_id, {process_decisions.FIELD: exc.errors.get(process_decisions.FIELD, str(exc))},
                            400)
    flash(f"Beslistabel '{key}' staat bij het concept; hieronder staat wat de controle vond.", "success")
    return redirect(url_for("ontwerpen.concept", concept_id=concept_id))


@bp.route("/concepten/<id:concept_id>/nieuwe-beslistabel", methods=["POST"])
def new_decision(concept_id: int):
    """An empty table for the concept, opened in the editor to be filled in (or the concept page again with the
    Dutch error beside the field, nothing stored)."""
    _require_change()
    key = request.form.get("id", "")
    try:
        process_decisions.new_table(current_user, concept_id, key, request.form.get("naam", ""))
    except InvalidInput as exc:
        return concept_page(concept_id, {f"nieuw_{name}": text for name, text in exc.errors.items()}, 400)
    flash(f"Beslistabel '{key.strip()}' is gemaakt. Vul de regels in en sla de tabel op; een beslistaak roept haar "
          "aan met deze id.", "success")
    return redirect(url_for("ontwerpen.decision_editor", concept_id=concept_id, decision=key.strip()))


@bp.route("/concepten/<id:concept_id>/beslistabellen/<key:decision>/tabel.dmn")
def concept_decision_file(concept_id: int, decision: str):
    return _dmn(*process_decisions.concept_table(current_user, concept_id, decision))


@bp.route("/modellen/<key:key>/versies/<id:version>/beslistabellen/<key:decision>/tabel.dmn")
def version_decision_file(key: str, version: int, decision: str):
    return _dmn(*process_decisions.version_table(current_user, key, version, decision))


def _dmn(filename: str, xml: bytes) -> Response:
    response = Response(xml, mimetype="application/xml")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
