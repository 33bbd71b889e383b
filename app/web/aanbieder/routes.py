"""Routes: load → policy → one service → render. Every read of a client's data is logged by the service."""
from flask import Response, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services.errors import InvalidInput, NotFound
from ...services.exchange import aanbieder as berichten
from ...services.exchange.bericht_inhoud import inhoud_of, uitkomst_of
from ...services.exchange.codes import describe
from ...services.exchange.bevindingen import bevindingen_of
from ..errors import refuse
from ..paging import page_arg
from ..request_limits import BERICHT_BODY, body_limit
from . import bp

MAX_UPLOAD = 25 * 1024 * 1024


def _own_aanbieder():
    aanbieder = berichten.aanbieder_of(current_user)
    decision = policy.decide(current_user, "bericht.insturen", aanbieder)
    if not decision:
        refuse(decision)
    return aanbieder


def _own_bericht(bericht_id: int):
    try:
        bericht = berichten.get_bericht(bericht_id)
    except NotFound:
        abort(404)
    decision = policy.decide(current_user, "bericht.lezen", bericht)
    if not decision or not current_user.has_role("aanbieder"):
        berichten.log_refusal(current_user, bericht, decision.reason or "geen aanbieder")
        refuse(decision, "Deze pagina is voor aanbieders.")
    return bericht


@bp.route("/")
@login_required
def index():
    aanbieder = _own_aanbieder()
    status = request.args.get("status") or None
    if status not in (None, "nieuw", "opgehaald", "beantwoord"):
        status = None
    gemeenten = berichten.gemeenten_of(aanbieder.id)
    gemeente = next((g for g in gemeenten if g.code == request.args.get("gemeente")), None)
    gemeente_id = gemeente.id if gemeente else None
    return render_template("aanbieder/index.html", aanbieder=aanbieder, status=status, gemeenten=gemeenten,
                           gemeente=gemeente,
                           outbox=berichten.berichten_of(aanbieder.id, "uit", status, gemeente_id=gemeente_id),
                           verstuurd=berichten.berichten_of(aanbieder.id, "in", limit=20, gemeente_id=gemeente_id),
                           breadcrumbs=[("Berichtenverkeer", None)])


@bp.route("/versturen", methods=["GET", "POST"])
@body_limit(BERICHT_BODY)
@login_required
def upload():
    aanbieder = _own_aanbieder()
    errors = {}
    if request.method == "POST":
        file = request.files.get("bestand")
        data = file.stream.read(MAX_UPLOAD + 1) if file and file.filename else b""
        try:
            ontvangst = berichten.send_bericht_file(aanbieder, file.filename if file else "", data)
        except InvalidInput as exc:
            errors = exc.errors or {"bestand": str(exc)}
        else:  # its page says what became of it, once (received, processed, refused) with the reasons
            return redirect(url_for("aanbieder.bericht", bericht_id=ontvangst.bericht_id))
    return render_template("aanbieder/upload.html", aanbieder=aanbieder, errors=errors,
                           breadcrumbs=[("Berichtenverkeer", url_for("aanbieder.index")),
                                        ("Bericht versturen", None)]), 400 if errors else 200


@bp.route("/berichten/<id:bericht_id>")
@login_required
def bericht(bericht_id: int):
    bericht = _own_bericht(bericht_id)
    retour = berichten.retour_of(bericht) if bericht.richting == "in" else None
    codes = [describe(c) for c in (bericht.retourcodes or "").split()]
    bevindingen = (bevindingen_of(current_user, bericht.id)
                   if bericht.richting == "in" and bericht.status != "ontvangen" else [])
    inhoud = inhoud_of(current_user, bericht)
    return render_template("aanbieder/bericht.html", bericht=bericht, retour=retour, codes=codes,
                           bevindingen=bevindingen, inhoud=inhoud, uitkomst=uitkomst_of(bericht, inhoud),
                           breadcrumbs=[("Berichtenverkeer", url_for("aanbieder.index")), (bericht.naam, None)])


@bp.route("/berichten/<id:bericht_id>/xml")
@login_required
def download(bericht_id: int):
    bericht = _own_bericht(bericht_id)
    xml = berichten.download_bericht(current_user, bericht.id)
    name = f"{bericht.naam}-{bericht.identificatie or bericht.id}.xml"
    return Response(xml, mimetype="application/xml", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/toewijzingen")
@login_required
def toewijzingen():
    aanbieder = _own_aanbieder()
    zoek = (request.args.get("zoek") or "").strip()[:100]
    found = berichten.toewijzingen_page(current_user, page_arg(berichten.PAGE_SIZE), zoek)
    return render_template("aanbieder/toewijzingen.html", aanbieder=aanbieder, toewijzingen=found.rows,
                           found=found, zoek=zoek, page_url=lambda n: url_for(
                               "aanbieder.toewijzingen", **(request.args.to_dict() | {"pagina": n})),
                           breadcrumbs=[("Berichtenverkeer", url_for("aanbieder.index")), ("Toewijzingen", None)])
