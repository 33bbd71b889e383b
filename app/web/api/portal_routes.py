"""API for the inwoner's own dossier (`/api/v1/mijn/...`): my zaken with their progress, who processed my
data, and the berichten of a zaak. Only one's own dossier; someone else's zaak is 'not found'."""
from flask import g, jsonify, request

from ...domain import policy
from ...domain.input import MAX_ID
from ...services import dossier, mijn_zaken, portaal_berichten, verwerkingen
from ...services.errors import Forbidden, NotFound
from ...services.lookups import get_person, get_zaak
from . import bp
from .auth import api_login_required
from .input import json_object, query_int
from .portal_schemas import MijnZaakOut, PortaalBerichtIn, PortaalBerichtOut, VerwerkingOut


def _own_dossier(zaak=None) -> policy.Dossier:
    if g.api_user.person_id is None:  # staff: a zaak is then as absent as any other inwoner's
        raise NotFound("Deze zaak bestaat niet.") if zaak is not None else \
            Forbidden("Aan uw account is geen dossier gekoppeld.")
    facts = policy.Dossier(person_id=g.api_user.person_id, zaak=zaak)
    decision = policy.decide(g.api_user, "dossier.inzien", facts)
    if not decision:
        raise NotFound("Deze zaak bestaat niet.") if zaak is not None else Forbidden(decision.reason)
    return facts


@bp.route("/mijn/zaken")
@api_login_required
def mijn_zaken_route():
    facts = _own_dossier()
    zaken = dossier.list_own_zaken(g.api_user, get_person(facts.person_id))
    return jsonify({"count": len(zaken), "results": MijnZaakOut(many=True).dump(mijn_zaken.overview(zaken))})


@bp.route("/mijn/verwerkingen")
@api_login_required
def mijn_verwerkingen():
    facts = _own_dossier()
    page = query_int("pagina", 1, 1, MAX_ID // verwerkingen.PAGE_SIZE)
    rows, total = verwerkingen.records_for(g.api_user, get_person(facts.person_id), page=page)
    return jsonify({"count": total, "pagina": page, "per_pagina": verwerkingen.PAGE_SIZE,
                    "results": VerwerkingOut(many=True).dump(rows)})


@bp.route("/mijn/zaken/<id:zaak_id>/berichten", methods=["GET", "POST"])
@api_login_required
def mijn_berichten(zaak_id: int):
    zaak = get_zaak(zaak_id)
    _own_dossier(zaak)
    if request.method == "POST":
        data = PortaalBerichtIn().load(json_object())
        bericht = portaal_berichten.send(g.api_user, zaak, data["tekst"], van="inwoner")
        return jsonify(PortaalBerichtOut().dump(bericht)), 201
    rows = portaal_berichten.conversation(g.api_user, zaak, reader="inwoner")
    return jsonify({"count": len(rows), "results": PortaalBerichtOut(many=True).dump(rows)})
