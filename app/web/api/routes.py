"""API routes: load, ask the policy, call one service, answer JSON (errors as problem details)."""
from flask import g, jsonify, request, url_for
from marshmallow import ValidationError

from ...domain import policy
from ...domain.input import MAX_ID
from ...engine import ConcurrentChange, EngineError, TaskNotReady
from ...services import dossier, meldingen, tasks
from ...services.errors import Forbidden, InvalidInput, NotFound
from ...services.inbox import SearchTooBroad, tasks_for
from ...services.doorbraken import zaak_facts
from ...services.lookups import form_with_choices, get_task, get_zaak, person_by_bsn, task_facts, user_by_name
from ..task_filters import parse_filter
from . import bp
from .auth import api_login_required
from .input import json_object, query_int, query_text
from .openapi import openapi_document
from .problems import problem
from .schemas import MeldingIn, TaakOut, VoltooienIn, ZaakOut

MAX_LIMIT = 500


@bp.errorhandler(NotFound)
def _not_found(exc):
    return problem(404, detail=str(exc))


@bp.errorhandler(Forbidden)
def _forbidden(exc):
    return problem(403, detail=str(exc))


@bp.errorhandler(InvalidInput)
def _invalid(exc):
    return problem(422, detail=str(exc), errors=exc.errors)


@bp.errorhandler(ValidationError)
def _validation(exc):
    errors = {k: " ".join(v) if isinstance(v, list) else str(v) for k, v in exc.normalized_messages().items()}
    return problem(422, detail="Niet alle velden zijn goed ingevuld.", errors=errors)


@bp.errorhandler(ConcurrentChange)
def _conflict(exc):
    return problem(409, detail=str(exc))


@bp.errorhandler(TaskNotReady)
def _not_ready(exc):
    return problem(409, detail=str(exc))


@bp.errorhandler(EngineError)
def _engine(exc):
    return problem(422, title="Procesfout", detail=str(exc))


@bp.route("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.route("/meldingen", methods=["POST"])
@api_login_required
def create_melding():
    data = MeldingIn().load(json_object())
    _require(policy.decide(g.api_user, "melding.registreren"))
    person_id = data["inwoner_id"] or person_by_bsn(data["bsn"]).id
    zaak = meldingen.submit_melding(g.api_user, person_id=person_id, domein=data["domein"],
                                    omschrijving=data["omschrijving"], kanaal=data["kanaal"],
                                    ontvangen_op=data["ontvangen_op"])
    response = jsonify(ZaakOut().dump(zaak))
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_zaak_route", zaak_id=zaak.id)
    return response


@bp.route("/taken")
@api_login_required
def list_taken():
    _require(policy.decide(g.api_user, "werkvoorraad.gebruiken"))
    assignee = query_text("assignee")
    assignee_id = None
    if assignee:
        user = g.api_user if assignee == "mij" else user_by_name(assignee)
        if user is None:
            return problem(422, detail=f"Gebruiker '{assignee}' bestaat niet.", errors={"assignee": "onbekend"})
        assignee_id = user.id
    status = query_text("status", "open")
    if status not in ("open", "completed", "cancelled"):
        return problem(422, detail="Status moet open, completed of cancelled zijn.", errors={"status": "ongeldig"})
    flt, errors = parse_filter(request.args, g.api_user)  # the werkvoorraad's filters: domein, termijn, zoek, ...
    if errors:
        return problem(422, detail="Niet elk filter kon worden gebruikt.", errors=errors)
    flt.status, flt.limit = status, query_int("limit", 50, 1, MAX_LIMIT)
    flt.offset = query_int("offset", 0, 0, MAX_ID)
    if assignee_id is not None:
        flt.assignee_id, flt.mine = assignee_id, False
    try:
        rows, total = tasks_for(g.api_user, flt)
    except SearchTooBroad as exc:
        return problem(422, detail=str(exc), errors=exc.errors)
    dossier.log_task_list(g.api_user, rows, what="Gevonden met zoeken in de takenlijst (API)" if flt.zoek
                          else "Zaak getoond in de takenlijst (API)")
    return jsonify({"count": total, "results": TaakOut(many=True).dump(rows)})


@bp.route("/taken/<id:task_id>")
@api_login_required
def get_taak(task_id: int):
    task = get_task(task_id)
    _require(policy.decide(g.api_user, "taak.bekijken", task_facts(task)))
    dossier.open_task(g.api_user, task)
    body = TaakOut().dump(task)
    body["formulier_schema"] = form_with_choices(task) if task.form_key else None
    return jsonify(body)


@bp.route("/taken/<id:task_id>/claim", methods=["POST"])
@api_login_required
def claim_taak(task_id: int):
    task = get_task(task_id)
    _require(policy.decide(g.api_user, "taak.bekijken", task_facts(task)))
    return jsonify(TaakOut().dump(tasks.claim_task(g.api_user, task.id)))


@bp.route("/taken/<id:task_id>/voltooien", methods=["POST"])
@api_login_required
def complete_taak(task_id: int):
    task = get_task(task_id)
    _require(policy.decide(g.api_user, "taak.bekijken", task_facts(task)))
    data = VoltooienIn().load(json_object())
    task = tasks.complete_task(g.api_user, task.id, data["gegevens"])
    return jsonify({"taak": TaakOut().dump(task), "zaak": ZaakOut().dump(get_zaak(task.zaak_id))})


@bp.route("/zaken/<id:zaak_id>")
@api_login_required
def get_zaak_route(zaak_id: int):
    zaak = get_zaak(zaak_id)
    decision = policy.decide(g.api_user, "zaak.bekijken", zaak_facts(g.api_user, zaak))
    if decision.doorbreken:
        raise Forbidden(decision.reason + " Geef de reden op de zaakpagina in de werkvoorraad.")
    if not decision:
        raise NotFound("Deze zaak bestaat niet.")  # never reveal someone else's zaak
    purpose = "dossier-inzage" if g.api_user.has_role("inwoner") else f"{zaak.domein}-behandeling"
    dossier.open_zaak(g.api_user, zaak, purpose=purpose)
    return jsonify(ZaakOut().dump(zaak))


def _require(decision) -> None:
    if decision.hidden:
        raise NotFound("Niet gevonden.")  # another gemeente's object: nothing about it is said
    if not decision:
        raise Forbidden(decision.reason)
