"""API routes of the betaalbatches (backoffice): list, one with its lines, close, release (vier-ogen), pain.001."""
from flask import g, jsonify, request

from ...domain import policy
from ...domain.input import MAX_ID
from ...services import betaalbatches
from ...services.betaalbatch_overzicht import overzicht
from ...services.errors import Conflict, Forbidden, NotFound
from ..documents.routes import download_response
from . import bp
from .auth import api_login_required
from .betaalbatch_schemas import BetaalbatchDetailOut, BetaalbatchOut, SluitenIn
from .input import json_object, query_int
from .problems import problem

MAX_LIMIT = 500


@bp.errorhandler(Conflict)
def _conflict(exc):
    return problem(409, detail=str(exc))


@bp.route("/betaalbatches")
@api_login_required
def list_betaalbatches():
    _require_backoffice()
    limit, offset = query_int("limit", 50, 1, MAX_LIMIT), query_int("offset", 0, 0, MAX_ID)
    rows, total = betaalbatches.list_betaalbatches(g.api_user, limit, offset)
    return jsonify({"count": total, "results": BetaalbatchOut(many=True).dump(rows)})


@bp.route("/betaalbatches/<id:batch_id>")
@api_login_required
def get_betaalbatch(batch_id: int):
    batch = betaalbatches.get_betaalbatch(batch_id)
    _require_backoffice(batch)
    return jsonify(_detail(batch))


@bp.route("/betaalbatches/<id:batch_id>/sluiten", methods=["POST"])
@api_login_required
def close_betaalbatch(batch_id: int):
    batch = betaalbatches.get_betaalbatch(batch_id)
    _require_backoffice(batch)
    data = SluitenIn().load(json_object()) if request.content_length else {"uitvoerdatum": None}
    batch = betaalbatches.close_betaalbatch(g.api_user, data["uitvoerdatum"], batch_id=batch.id)
    return jsonify(_detail(batch))


@bp.route("/betaalbatches/<id:batch_id>/vrijgeven", methods=["POST"])
@api_login_required
def release_betaalbatch(batch_id: int):
    batch = betaalbatches.get_betaalbatch(batch_id)
    _require_backoffice(batch)
    return jsonify(_detail(betaalbatches.release_betaalbatch(g.api_user, batch.id)))


@bp.route("/betaalbatches/<id:batch_id>/pain001")
@api_login_required
def pain001(batch_id: int):
    batch = betaalbatches.get_betaalbatch(batch_id)
    _require_backoffice(batch)
    name, xml = betaalbatches.pain001_of(g.api_user, batch.id)
    return download_response(xml, "application/xml", name)


def _detail(batch) -> dict:
    return BetaalbatchDetailOut().dump(overzicht(batch))


def _require_backoffice(batch=None) -> None:
    decision = policy.decide(g.api_user, "betalingen.bekijken", batch)
    if decision.hidden:
        raise NotFound("Deze betaalbatch bestaat niet.")
    if not decision:
        raise Forbidden(decision.reason)
