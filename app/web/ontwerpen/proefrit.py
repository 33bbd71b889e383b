"""Routes of proefdraaien (#10 point 8): run a concept with a scenario (nothing is stored or sent), save the
scenario with the path it takes so every publication checks it, remove a saved one. Load → policy → one service
→ render; a bad scenario is shown again with what is wrong beside it."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import policy
from ...services import proefrit
from ...services.errors import InvalidInput
from ..errors import refuse
from . import bp


@bp.route("/concepten/<id:concept_id>/proefrit", methods=["GET", "POST"])
def proefrit_page(concept_id: int):
    if request.method == "GET":
        concept = proefrit.load_concept(current_user, concept_id)
        return _page(concept, proefrit.empty_scenario(concept.key), None, {}, 200)
    text = request.form.get("scenario", "")
    try:
        result = proefrit.run_concept(current_user, concept_id, text)
    except InvalidInput as exc:
        return _page(proefrit.load_concept(current_user, concept_id), text, None, exc.errors, 400)
    return _page(result.concept, text, result, {}, 200)


@bp.route("/concepten/<id:concept_id>/scenarios", methods=["POST"])
def save_scenario(concept_id: int):
    _require_change()
    text = request.form.get("scenario", "")
    try:
        saved = proefrit.save_scenario(current_user, concept_id, request.form.get("naam", ""), text)
    except InvalidInput as exc:
        concept = proefrit.load_concept(current_user, concept_id)
        return _page(concept, text, None, exc.errors, 400, naam=request.form.get("naam", ""))
    flash(f"Scenario '{saved.naam}' is vastgelegd: elke publicatie van {saved.key} loopt het opnieuw na.", "success")
    return redirect(url_for("ontwerpen.proefrit_page", concept_id=concept_id))


@bp.route("/scenarios/<id:scenario_id>/verwijderen", methods=["POST"])
def delete_scenario(scenario_id: int):
    _require_change()
    key = proefrit.delete_scenario(current_user, scenario_id)
    flash("Het scenario is verwijderd.", "success")
    return redirect(url_for("ontwerpen.model", key=key))


def _require_change():
    decision = policy.decide(current_user, "ontwerpen.wijzigen")
    if not decision:
        refuse(decision)


def _page(concept, text: str, result, errors: dict, status: int, naam: str = ""):
    return render_template(
        "ontwerpen/proefrit.html", concept=concept, scenario_text=text, result=result, errors=errors, naam=naam,
        scenarios=proefrit.scenarios_of(concept.key), may_change=policy.decide(current_user, "ontwerpen.wijzigen"),
        breadcrumbs=[("Procesmodellen", url_for("ontwerpen.index")),
                     (concept.name, url_for("ontwerpen.model", key=concept.key)),
                     (f"Concept {concept.id}", url_for("ontwerpen.concept", concept_id=concept.id)),
                     ("Proefdraaien", None)]), status
