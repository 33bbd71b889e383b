"""Routes of the form editor beside the model (#10 point 6): a concept's forms, one form's JSON Schema in a text
field with a live preview drawn on the server by the task page's own macro (`render_fields`), saving it (every
check first; refused input stays as typed with the problem beside the field) and making a new form. Load →
policy → one service call → render, as the other designer routes."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import policy
from ...domain.form_checks import WHOLE, check_form_text
from ...domain.input import is_digits
from ...services import formulier_ontwerp
from ...services.errors import Conflict, InvalidInput
from ..errors import refuse
from ..form_fields import fields_from_schema
from . import bp

#: The id the JSON Schema's text field has (render_field: 'field-' + this); the preview's fields get a prefix so
#: that a form field named like it cannot clash.
SOURCE_ID, PREVIEW_PREFIX = "formulier-bron", "voorbeeld-"


@bp.route("/concepten/<id:concept_id>/formulieren", methods=["GET", "POST"])
def concept_forms(concept_id: int):
    errors = {}
    if request.method == "POST":
        _require_edit()
        try:
            made = formulier_ontwerp.create_form(current_user, concept_id, request.form.get("sleutel", ""),
                                                 request.form.get("titel", ""))
        except InvalidInput as exc:
            errors = exc.errors
        except Conflict as exc:
            errors = {"sleutel": str(exc)}
        else:
            flash(f"Formulier '{made.key}' is gemaakt bij concept {concept_id}. Kies het in de modeler bij een "
                  "gebruikerstaak (eigenschap Formulier).", "success")
            return redirect(url_for("ontwerpen.concept_form", concept_id=concept_id, form_key=made.key))
    forms = formulier_ontwerp.concept_forms(current_user, concept_id)
    concept = forms.concept
    return render_template("ontwerpen/formulieren.html", concept=concept, rows=forms.rows, errors=errors,
                           may_edit=policy.decide(current_user, "formulier.wijzigen", concept),
                           breadcrumbs=_crumbs(concept, ("Formulieren", None))), 400 if errors else 200


@bp.route("/concepten/<id:concept_id>/formulieren/<key:form_key>", methods=["GET", "POST"])
def concept_form(concept_id: int, form_key: str):
    concept, source, tasks = formulier_ontwerp.form_for_editing(current_user, concept_id, form_key)
    text, errors, status = source.bron, {}, 200
    if request.method == "POST":
        text = request.form.get("bron", "")
        if request.form.get("actie") != "voorbeeld":  # without JavaScript the preview is a button of its own
            _require_edit(concept)
            version = request.form.get("versie", "")
            try:
                formulier_ontwerp.save_form(current_user, concept.id, form_key, text,
                                            int(version) if is_digits(version) else None)
            except InvalidInput as exc:
                errors, status = exc.errors, 400
            except Conflict as exc:
                errors, status = {WHOLE: str(exc)}, 409
            else:
                flash(f"Formulier '{form_key}' is opgeslagen bij concept {concept.id}. Het gaat live met het "
                      "concept, na de vier-ogencontrole van de publicatie.", "success")
                return redirect(url_for("ontwerpen.concept_form", concept_id=concept.id, form_key=form_key))
    return render_template("ontwerpen/formulier_bewerken.html", concept=concept, source=source, key=form_key,
                           tasks=tasks, text=text, errors=errors, summary=_summary(errors), preview=_preview(text),
                           source_id=SOURCE_ID,
                           may_edit=policy.decide(current_user, "formulier.wijzigen", concept),
                           breadcrumbs=_crumbs(concept, ("Formulieren", url_for("ontwerpen.concept_forms",
                                                                                concept_id=concept.id)),
                                               (f"Formulier {form_key}", None))), status


@bp.route("/concepten/<id:concept_id>/formulieren/<key:form_key>/voorbeeld", methods=["POST"])
def concept_form_preview(concept_id: int, form_key: str):
    """The preview of the typed text as an HTML fragment, for the editor's live preview."""
    formulier_ontwerp.form_for_editing(current_user, concept_id, form_key)  # the concept and form exist
    preview = _preview(request.form.get("bron", ""))
    return render_template("ontwerpen/_formulier_voorbeeld.html", preview=preview), 200 if preview.fields else 422


class Preview:
    """What the preview shows: the fields as the task page draws them, or why it cannot."""

    def __init__(self, schema: dict | None, problems: dict[str, str]):
        self.schema, self.problems = schema, problems
        self.fields = [] if schema is None else [
            dict(f, id=PREVIEW_PREFIX + f["name"]) for f in fields_from_schema(schema, {}, {}, {})]


def _summary(errors: dict[str, str]) -> dict[str, str]:
    """The error summary links every problem to the one text field: the first, and how many more there are."""
    if not errors:
        return {}
    first, more = next(iter(errors.values())), len(errors) - 1
    return {SOURCE_ID: first + (f" (en nog {more} probleem{'en' if more > 1 else ''}, zie bij het veld)" if more else "")}


def _preview(text: str) -> Preview:
    return Preview(*check_form_text(text))


def _require_edit(concept=None):
    decision = policy.decide(current_user, "formulier.wijzigen", concept)
    if not decision:
        refuse(decision)


def _crumbs(concept, *more):
    return [("Procesmodellen", url_for("ontwerpen.index")), (concept.name, url_for("ontwerpen.model", key=concept.key)),
            (f"Concept {concept.id}", url_for("ontwerpen.concept", concept_id=concept.id)), *more]



