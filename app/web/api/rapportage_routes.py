"""API routes of the management information: every table of the dashboard as JSON, with the same filters and
the same small-cell protection as the page (a hidden cell has no value, only the reason)."""
from datetime import datetime, timezone

from flask import g, jsonify, request

from ... import db
from ...domain import policy
from ...services.errors import Forbidden, NotFound
from ...services.gemeenten import by_code
from ...services.rapportage import cijfers, dashboard
from ...services.rapportage.scope import build_scope, parse_filters
from . import bp
from .auth import api_login_required


def _scope():
    decision = policy.decide(g.api_user, "rapportage.bekijken")
    if not decision:
        raise Forbidden(decision.reason)
    filters = parse_filters(request.args)  # InvalidInput: a 422 naming the parameter
    gemeente = by_code(db.session, filters.gemeente) if filters.gemeente else None
    decision = policy.decide(g.api_user, "rapportage.bekijken", gemeente)
    if (filters.gemeente and gemeente is None) or decision.hidden:
        raise NotFound("Deze gemeente is niet bekend.")
    if not decision:
        raise Forbidden(decision.reason)
    return build_scope(g.api_user, filters, gemeente)


def _bereik(scope, berekend: datetime | None) -> dict:
    return {"bereik": scope.label, "gemeenten": [gm.code for gm in g.api_user.gemeenten
                                                 if gm.id in scope.gemeente_ids],
            "van": scope.start.isoformat(), "tot_en_met": scope.end.isoformat(), "filters": scope.filters.as_args(),
            "berekend_op": (berekend or datetime.now(timezone.utc)).isoformat(timespec="seconds")}


@bp.route("/rapportage")
@api_login_required
def rapportage():
    scope = _scope()
    groups, berekend = cijfers.dashboard(scope)
    return jsonify({**_bereik(scope, berekend), "groepen": [
        {"sleutel": key, "titel": heading, "tabellen": [t.as_json() for t in tables]}
        for key, heading, tables in groups]})


def _table_route(key: str):
    def rapportage_tabel():
        scope = _scope()
        table, berekend = cijfers.table(scope, key)
        return jsonify({**_bereik(scope, berekend), "tabel": table.as_json()})
    rapportage_tabel.__doc__ = f"The table '{key}' of the rapportage as JSON."
    return api_login_required(rapportage_tabel)


#: One address per table (/api/v1/rapportage/instroom, …), each with its own endpoint: no free path argument.
for _key in dashboard.TABLES:
    bp.add_url_rule(f"/rapportage/{_key}", endpoint=f"rapportage_{_key}", view_func=_table_route(_key))
