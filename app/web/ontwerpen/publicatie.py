"""Routes of vier-ogen on publishing (#10 point 4): ask to publish a concept, the list of requests, one request
with the diff against the live version and its audit trail, and approve, refuse or withdraw it. Load, ask the
policy with the loaded request, call one service, render."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import policy
from ...services import process_decisions, process_lint, publicatie, publicatie_pagina
from ...services.formulier_wijzigingen import form_changes
from ...services.errors import Conflict, InvalidInput
from ..errors import refuse
from . import bp


@bp.route("/concepten/<id:concept_id>/publiceren", methods=["POST"])
def request_publication(concept_id: int):
    decision = policy.decide(current_user, "publicatie.aanvragen")
    if not decision:
        refuse(decision)
    try:
        verzoek = publicatie.request_publication(current_user, concept_id, request.form.get("toelichting", ""))
    except InvalidInput as exc:
        return concept_page(concept_id, exc.errors, 400)
    except Conflict as exc:
        flash(str(exc), "error")
        return redirect(url_for("ontwerpen.concept", concept_id=concept_id))
    flash(f"Publicatie aangevraagd (aanvraag {verzoek.id}). Een andere procesontwerper of een beheerder beoordeelt "
          "haar; pas na goedkeuring wordt het concept de nieuwe versie.", "success")
    return redirect(url_for("ontwerpen.publication", verzoek_id=verzoek.id))


@bp.route("/publicaties")
def publications():
    open_, done = publicatie_pagina.requests(current_user)
    return render_template("ontwerpen/publicaties.html", open_requests=open_, done=done,
                           breadcrumbs=[("Procesmodellen", url_for("ontwerpen.index")), ("Publicaties", None)])


@bp.route("/publicaties/<id:verzoek_id>")
def publication(verzoek_id: int):
    return _page(verzoek_id, {}, 200)


@bp.route("/publicaties/<id:verzoek_id>/goedkeuren", methods=["POST"])
def approve_publication(verzoek_id: int):
    _require_decide(verzoek_id)
    try:
        outcome = publicatie.approve(current_user, verzoek_id, request.form.get("opmerking", ""))
    except InvalidInput as exc:
        return _page(verzoek_id, exc.errors, 400)
    except Conflict as exc:
        flash(str(exc), "error")
        return redirect(url_for("ontwerpen.publication", verzoek_id=verzoek_id))
    if outcome.definition is None:
        live = outcome.verzoek.live_definition
        why = ("een andere goedkeuring voor dit proces ging net voor u: " if outcome.raced else
               "sinds de aanvraag is ")
        flash(f"Niet gepubliceerd: {why}versie {live.version if live else '?'} live gegaan. De "
              "vergelijking hieronder is nu met die versie; bekijk de wijzigingen opnieuw en beslis dan.", "error")
        return redirect(url_for("ontwerpen.publication", verzoek_id=verzoek_id))
    flash(f"Goedgekeurd: '{outcome.definition.name}' is gepubliceerd als versie {outcome.definition.version}. "
          "Nieuwe zaken lopen hierop; lopende zaken blijven op hun versie.", "success")
    return redirect(url_for("ontwerpen.publication", verzoek_id=verzoek_id))


@bp.route("/publicaties/<id:verzoek_id>/afwijzen", methods=["POST"])
def reject_publication(verzoek_id: int):
    _require_decide(verzoek_id)
    try:
        publicatie.reject(current_user, verzoek_id, request.form.get("reden", ""))
    except InvalidInput as exc:
        return _page(verzoek_id, exc.errors, 400)
    except Conflict as exc:
        flash(str(exc), "error")
        return redirect(url_for("ontwerpen.publication", verzoek_id=verzoek_id))
    flash("Afgewezen. De aanvrager ziet uw reden bij het concept en kan het verder bewerken.", "success")
    return redirect(url_for("ontwerpen.publication", verzoek_id=verzoek_id))


@bp.route("/publicaties/<id:verzoek_id>/intrekken", methods=["POST"])
def withdraw_publication(verzoek_id: int):
    decision = policy.decide(current_user, "publicatie.intrekken", publicatie_pagina.load_verzoek(verzoek_id))
    if not decision:
        refuse(decision)
    try:
        publicatie.withdraw(current_user, verzoek_id)
    except Conflict as exc:
        flash(str(exc), "error")
    else:
        flash("De aanvraag is ingetrokken; het concept blijft staan.", "success")
    return redirect(url_for("ontwerpen.publication", verzoek_id=verzoek_id))


def concept_page(concept_id: int, errors: dict, status: int):
    """The concept page (also after a refused request, with the error beside the request form)."""
    check = process_lint.concept_check(current_user, concept_id)
    concept = check.concept
    return render_template("ontwerpen/concept.html", check=check, concept=concept, errors=errors,
                           requests=publicatie_pagina.requests_of_concept(concept.id),
                           may_change=policy.decide(current_user, "ontwerpen.wijzigen"),
                           may_request=policy.decide(current_user, "publicatie.aanvragen"),
                           tables=process_decisions.table_list(concept, lambda key: url_for(
                               "ontwerpen.decision_editor", concept_id=concept.id, decision=key)),
                           breadcrumbs=[("Procesmodellen", url_for("ontwerpen.index")),
                                        (concept.name, url_for("ontwerpen.model", key=concept.key)),
                                        (f"Concept {concept.id}", None)]), status


def _page(verzoek_id: int, errors: dict, status: int):
    page = publicatie_pagina.verzoek_page(current_user, verzoek_id)
    verzoek = page.verzoek
    return render_template("ontwerpen/publicatie.html", page=page, verzoek=verzoek, concept=verzoek.concept,
                           errors=errors, form=request.form if status != 200 else {},
                           form_changes=form_changes(verzoek.concept),
                           type_label=publicatie_pagina.type_label, step_label=publicatie_pagina.step_label,
                           breadcrumbs=[("Procesmodellen", url_for("ontwerpen.index")),
                                        ("Publicaties", url_for("ontwerpen.publications")),
                                        (f"Aanvraag {verzoek.id}", None)]), status


def _require_decide(verzoek_id: int) -> None:
    decision = policy.decide(current_user, "publicatie.beoordelen", publicatie_pagina.load_verzoek(verzoek_id))
    if not decision:
        refuse(decision)
