"""Mijn gegevens downloaden (art. 15 AVG) and Gegevens laten verbeteren (art. 16 AVG): the inwoner — or a
gemachtigde who may act for them — downloads everything the gemeente holds about them as PDF or JSON, and
asks for a correction, which goes to the consulent of their most recent zaak."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services import avg_afschrift, avg_export, correctieverzoek, dossier
from ...services.errors import InvalidInput, NotFound
from ..documents.routes import download_response
from ..errors import refuse
from . import acting, bp


@bp.route("/gegevens/downloaden")
@login_required
def inzage():
    dossier_ = acting.require("dossier.inzien")
    return _page(dossier_, errors={}, values={})


@bp.route("/gegevens/downloaden/mijn-gegevens.pdf")
@login_required
def inzage_pdf():
    """The PDF is made by a background job (avg_afschrift.py): the click goes on to the afschrift's page."""
    dossier_ = _exportable()
    afschrift = avg_afschrift.request_own(current_user, acting.person_of(dossier_),
                                          on_behalf_of=acting.on_behalf_of(dossier_))
    return redirect(url_for("portal.afschrift", afschrift_id=afschrift.id))


@bp.route("/gegevens/downloaden/afschrift/<id:afschrift_id>")
@login_required
def afschrift(afschrift_id: int):
    """While the PDF is made: 'wordt gemaakt' (the page looks again); once there: the file the first time (or
    with ?bestand=1), else the page with the link."""
    dossier_ = _exportable()
    try:
        afschrift_ = avg_afschrift.get_afschrift(afschrift_id)
    except NotFound:
        abort(404)
    decision = policy.decide(current_user, "afschrift.ophalen", afschrift_)
    if not decision or afschrift_.person_id != acting.person_of(dossier_).id:
        abort(404)
    if afschrift_.status == "klaar" and (afschrift_.downloaded_at is None or request.args.get("bestand")):
        download = avg_afschrift.fetch(current_user, afschrift_, on_behalf_of=acting.on_behalf_of(dossier_))
        return download_response(download.data, download.content_type, download.bestandsnaam)
    return render_template("_partials/afschrift_pagina.html", afschrift=afschrift_,
                           refresh=avg_afschrift.refresh_seconds(afschrift_),
                           download_url=url_for("portal.afschrift", afschrift_id=afschrift_.id, bestand=1),
                           back_url=url_for("portal.inzage"),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        ("Mijn gegevens downloaden", url_for("portal.inzage")),
                                        ("Afschrift", None)]), 200, {"Cache-Control": "no-store"}


@bp.route("/gegevens/downloaden/mijn-gegevens.json")
@login_required
def inzage_json():
    return _download("json")


def _exportable():
    dossier_ = acting.require("dossier.inzien")
    decision = policy.decide(current_user, "dossier.exporteren", dossier_)
    if not decision:
        refuse(decision)
    return dossier_


def _download(formaat: str):
    dossier_ = _exportable()
    download = avg_export.export_own(current_user, acting.person_of(dossier_), formaat,
                                     on_behalf_of=acting.on_behalf_of(dossier_))
    return download_response(download.data, download.content_type, download.bestandsnaam)


@bp.route("/gegevens/verbeteren", methods=["POST"])
@login_required
def verbeteren():
    dossier_ = acting.require("dossier.handelen")
    values = {name: request.form.get(name, "") for name in ("welke", "juist")}
    try:
        bericht = correctieverzoek.request_correction(current_user, acting.person_of(dossier_), welke=values["welke"],
                                                      juist=values["juist"], on_behalf_of=acting.on_behalf_of(dossier_))
    except InvalidInput as exc:
        return _page(dossier_, errors=exc.errors, values=values, problem=None if exc.errors else str(exc)), 400
    flash("Uw verzoek om uw gegevens te verbeteren is naar de consulent gestuurd. U krijgt binnen een maand "
          "antwoord bij de berichten van uw zaak.", "success")
    return redirect(url_for("portal.berichten", zaak_id=bericht.zaak_id))


def _page(dossier_, errors: dict, values: dict, problem: str | None = None):
    person = acting.person_of(dossier_)
    dossier.open_own_data(current_user, person, what="Pagina 'Mijn gegevens downloaden' bekeken", object_type="inzage",
                          on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/inzage.html", person=person, errors=errors, values=values, problem=problem,
                           afschrift=avg_afschrift.latest_for(current_user, person),
                           may_export=policy.decide(current_user, "dossier.exporteren", dossier_),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        ("Mijn gegevens", url_for("portal.gegevens")),
                                        ("Mijn gegevens downloaden", None)])
