"""API for aanbieders (`/api/v1/aanbieder/...`): the outbox, posting iWmo/iJw messages, retouren,
and the GGk route for StUF-GGk envelopes. Load → policy → one service → answer."""
from flask import Response, g, jsonify, request, url_for

from ...domain import policy
from ...domain.input import MAX_ID
from ...services.exchange import aanbieder as berichten
from ...services.exchange.bevindingen import bevindingen_of
from ...services.exchange.ggk import receive_envelope
from ...services.exchange.inbound import ontvang_bericht
from ..request_limits import BERICHT_BODY, ENVELOPE_BODY, body_limit
from . import bp
from .auth import api_login_required
from .input import query_int
from .problems import problem
from .aanbieder_schemas import BerichtOut

XML_TYPES = ("application/xml", "text/xml")


def _aanbieder():
    """The aanbieder the caller's token is bound to, or a 403 problem."""
    aanbieder = berichten.aanbieder_of(g.api_user)
    decision = policy.decide(g.api_user, "bericht.insturen", aanbieder)
    return (aanbieder, None) if decision else (None, problem(403, detail=decision.reason))


def _aanbieder_sending_xml(what: str):
    """The caller's aanbieder for a POST whose body must be XML, or a 403/415 problem."""
    aanbieder, refused = _aanbieder()
    if refused is None and request.mimetype not in XML_TYPES:
        refused = problem(415, detail=f"Stuur {what} als XML (Content-Type: application/xml).")
    return aanbieder, refused


def _own(bericht_id: int):
    """Load a bericht and check it is the caller's; a refusal is logged."""
    bericht = berichten.get_bericht(bericht_id)
    decision = policy.decide(g.api_user, "bericht.lezen", bericht)
    if not decision:
        berichten.log_refusal(g.api_user, bericht, decision.reason)
        if decision.hidden:  # another gemeente's bericht: answered as if it did not exist
            return None, problem(404, detail="Dit bericht bestaat niet.")
        return None, problem(403, detail=decision.reason)
    return bericht, None


def _xml(body: bytes) -> Response:
    return Response(body, mimetype="application/xml")


@bp.route("/aanbieder/berichten")
@api_login_required
def aanbieder_berichten():
    aanbieder, refused = _aanbieder()
    if refused:
        return refused
    status, richting = request.args.get("status") or None, request.args.get("richting", "uit")
    if status not in (None, *berichten.STATUSES) or richting not in ("in", "uit"):
        return problem(400, detail="Onbekende status of richting. Status: " + ", ".join(berichten.STATUSES)
                       + "; richting: in of uit.")
    code, gemeente_id = request.args.get("gemeente") or None, None
    if code is not None:
        gemeente = next((g for g in berichten.gemeenten_of(aanbieder.id) if g.code == code), None)
        if gemeente is None:
            return problem(400, detail=f"U wisselt geen berichten uit met gemeente '{code}'. Geef de "
                                       "gemeentecode van vier cijfers, bijvoorbeeld 0632.")
        gemeente_id = gemeente.id
    rows = berichten.berichten_of(aanbieder.id, richting, status, limit=query_int("limit", 100, 1, 500),
                                  offset=query_int("offset", 0, 0, MAX_ID), gemeente_id=gemeente_id)
    return jsonify({"count": len(rows), "results": BerichtOut(many=True).dump(rows)})


@bp.route("/aanbieder/berichten", methods=["POST"])
@body_limit(BERICHT_BODY)
@api_login_required
def aanbieder_bericht_insturen():
    aanbieder, refused = _aanbieder_sending_xml("het iWmo- of iJw-bericht")
    if refused:
        return refused
    ontvangst = ontvang_bericht(aanbieder, request.get_data(), "api")
    location = url_for("api.aanbieder_bericht", bericht_id=ontvangst.bericht_id)
    if not ontvangst.aangenomen:  # stored as received, refused at controleniveau 1: no retour follows
        response = _level_one_problem(ontvangst, location)
    else:
        response = jsonify(BerichtOut().dump(berichten.get_bericht(ontvangst.bericht_id)))
        response.status_code = 202
    response.headers["Location"] = location
    return response


def _level_one_problem(ontvangst, location: str):
    """400 (no well-formed XML) or 422 (not valid against the XSD), listing every problem."""
    if ontvangst.welgevormd:
        status, title = 422, "Bericht voldoet niet aan het XSD-schema"
        detail = ("Het bericht is opgeslagen maar niet verwerkt: het voldoet niet aan het XSD-schema van "
                  "iStandaarden (controleniveau 1). Er komt geen retourbericht; herstel de fouten en stuur het "
                  "bericht opnieuw, met een nieuwe berichtidentificatie.")
    else:
        status, title = 400, "Bericht is geen welgevormde XML"
        detail = ("Het bericht is opgeslagen maar niet verwerkt: het is geen welgevormde XML. Er komt geen "
                  "retourbericht; herstel de fouten en stuur het bericht opnieuw.")
    return problem(status, title=title, detail=detail, instance=location, id=ontvangst.bericht_id,
                   fouten=ontvangst.fouten,
                   problemen=[{"controle": i.rule, "regel": i.line, "element": i.element, "melding": f}
                              for i, f in zip(ontvangst.issues, ontvangst.fouten)])


@bp.route("/aanbieder/berichten/<id:bericht_id>")
@api_login_required
def aanbieder_bericht(bericht_id: int):
    bericht, refused = _own(bericht_id)
    if refused:
        return refused
    return _xml(berichten.download_bericht(g.api_user, bericht.id))


@bp.route("/aanbieder/berichten/<id:bericht_id>/retour")
@api_login_required
def aanbieder_bericht_retour(bericht_id: int):
    bericht, refused = _own(bericht_id)
    if refused:
        return refused
    if bericht.richting != "in":
        return problem(404, detail="Alleen een ingestuurd bericht heeft een retourbericht van de gemeente.")
    if bericht.status == "ontvangen":
        response = jsonify({"id": bericht.id, "status": bericht.status, "detail": "Het bericht wordt nog verwerkt."})
        response.status_code = 202
        return response
    if bericht.status == "afgekeurd":
        return problem(422, title="Bericht afgekeurd", detail="Het bericht is niet verwerkt en krijgt geen "
                       "retourbericht (controleniveau 1).", fouten=bericht.fouten or [])
    retour = berichten.retour_of(bericht)
    if retour is None:
        detail = "Op dit bericht stuurt de gemeente geen retourbericht."
        if bericht.nummer == "323":
            detail = (f"De declaratie wordt beoordeeld; het antwoord (325) volgt uiterlijk "
                      f"{bericht.antwoord_uiterlijk:%d-%m-%Y}.")
        return problem(404, detail=detail, fouten=bericht.fouten or [])
    return _xml(berichten.download_bericht(g.api_user, retour.id))


@bp.route("/aanbieder/berichten/<id:bericht_id>/bevindingen")
@api_login_required
def aanbieder_bericht_bevindingen(bericht_id: int):
    """Every fault of an ingestuurd bericht: code, retourcode, niveau, xpath, regel and a Dutch melding."""
    bericht, refused = _own(bericht_id)
    if refused:
        return refused
    if bericht.richting != "in":
        return problem(404, detail="Alleen een ingestuurd bericht heeft bevindingen van de gemeente.")
    if bericht.status == "ontvangen":
        response = jsonify({"id": bericht.id, "status": bericht.status, "detail": "Het bericht wordt nog verwerkt."})
        response.status_code = 202
        return response
    return jsonify({"id": bericht.id, "status": bericht.status,
                    "bevindingen": bevindingen_of(g.api_user, bericht.id)})


@bp.route("/ggk/di01", methods=["POST"])
@body_limit(ENVELOPE_BODY)
@api_login_required
def ggk_di01():
    aanbieder, refused = _aanbieder_sending_xml("de StUF-GGk-envelop (Di01)")
    if refused:
        return refused
    antwoord = receive_envelope(aanbieder, request.get_data())
    if antwoord.xml is None:
        response = jsonify({"id": antwoord.bericht_id, "status": "ontvangen",
                            "detail": "Het bericht wordt verwerkt; het retourbericht volgt als Du01."})
        response.status_code = 202
        return response
    return Response(antwoord.xml, status=antwoord.status, mimetype="application/xml")
