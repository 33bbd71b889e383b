"""Routes of the modeler: open a process's latest version (or a concept) in bpmn-js, save the concept's XML
from the browser (who and when recorded, the server's lint run at once) and preview a task form as the task
page draws it. Load → policy → one service call → render, as the other designer routes."""
from flask import jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import policy
from ...services import process_concepts, process_decisions, process_lint, publicatie_pagina
from ...services.errors import Conflict, InvalidInput, NotFound
from ...services.modeler_lists import modeler_lists
from ...services.formulieren import published_form
from ..errors import refuse
from ..filters import datum_tijd
from ..form_fields import fields_from_schema
from ..request_limits import MB, body_limit
from . import bp
from ...domain.input import is_digits


def _require_change():
    decision = policy.decide(current_user, "ontwerpen.wijzigen")
    if not decision:
        refuse(decision)


@bp.route("/modellen/<key:key>/bewerken", methods=["POST"])
def edit_model(key: str):
    """A new concept from the latest version of `key`, opened in the modeler."""
    _require_change()
    concept = process_concepts.concept_from_version(current_user, key)
    return redirect(url_for("ontwerpen.modeler", concept_id=concept.id))


@bp.route("/concepten/<id:concept_id>/bewerken")
def modeler(concept_id: int):
    _require_change()
    check = process_lint.concept_check(current_user, concept_id)
    concept = check.concept
    return render_template(
        "ontwerpen/modeler.html", concept=concept, check=check, findings=[f.as_dict() for f in check.findings],
        pending=publicatie_pagina.open_request(concept.id),
        lists=modeler_lists(lambda key: url_for("ontwerpen.concept_form", concept_id=concept.id, form_key=key), concept,
                            process_decisions.table_list(concept, lambda key: url_for(
                                "ontwerpen.decision_editor", concept_id=concept.id, decision=key))),
        breadcrumbs=[("Procesmodellen", url_for("ontwerpen.index")),
                     (concept.name, url_for("ontwerpen.model", key=concept.key)),
                     (f"Concept {concept.id}", url_for("ontwerpen.concept", concept_id=concept.id)),
                     ("Bewerken", None)])


@bp.route("/concepten/<id:concept_id>/model", methods=["PUT"])
@body_limit(6 * MB)  # the service names the 5 MB limit
def save_model(concept_id: int):
    """Store the modeler's XML; answer with who saved it when and the server's findings (JSON)."""
    _require_change()
    version = request.headers.get("X-Concept-Versie", "")
    pending = publicatie_pagina.open_request(concept_id)  # a changed model withdraws it (services/publicatie)
    try:
        concept = process_concepts.save_concept(current_user, concept_id, request.get_data(cache=False),
                                                int(version) if is_digits(version) else None)
    except InvalidInput as exc:
        return jsonify({"fout": exc.errors.get(process_concepts.SAVE_FIELD, str(exc))}), 400
    except Conflict as exc:
        return jsonify({"fout": str(exc)}), 409
    except NotFound as exc:
        return jsonify({"fout": str(exc)}), 404
    check = process_lint.concept_check(current_user, concept.id)
    return jsonify({"concept_id": concept.id, "versie": concept.lock_version,
                    "opgeslagen_op": concept.updated_at.isoformat(), "opgeslagen_tekst": datum_tijd(concept.updated_at),
                    "opgeslagen_door": current_user.display_name,
                    "fouten": len(check.errors), "waarschuwingen": len(check.warnings),
                    "bevindingen": [f.as_dict() for f in check.findings],
                    "aanvraag_ingetrokken": _withdrawn(pending)})


def _withdrawn(pending) -> int | None:
    """The id of the request the save withdrew (None when there was none, or the model did not change)."""
    if pending is None:
        return None
    return pending.id if publicatie_pagina.load_verzoek(pending.id).status == "ingetrokken" else None


@bp.route("/formulieren/<key:form_key>")
def form_preview(form_key: str):
    """A task form as last published, drawn as the task page draws it, without a case and without sending."""
    key = form_key
    source = published_form(key)
    if source is None:
        raise NotFound(f"Formulier '{key}' bestaat niet.")
    schema = source.schema
    fields = fields_from_schema(schema, {}, {}, {})
    return render_template("ontwerpen/formulier.html", key=key, schema=schema, fields=fields,
                           breadcrumbs=[("Procesmodellen", url_for("ontwerpen.index")), (f"Formulier {key}", None)])
