"""Berichten on the staff side: the consulent reads and answers the inwoner's messages of one zaak."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services import bijlagen, portaal_berichten
from ...services.errors import InvalidInput, NotFound
from ..documents.routes import download_response
from ..errors import refuse
from . import bp
from .case import _load_zaak


@bp.route("/zaken/<id:zaak_id>/berichten", methods=["GET", "POST"])
@login_required
def berichten(zaak_id: int):
    zaak = _load_zaak(zaak_id)
    may_answer = policy.decide(current_user, "berichten.beantwoorden", zaak)
    errors, tekst = {}, ""
    if request.method == "POST":
        if not may_answer:
            refuse(may_answer)
        tekst = request.form.get("tekst", "")
        try:
            sent = portaal_berichten.send(current_user, zaak, tekst, van="gemeente")
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("Het bericht staat klaar in Mijn zaken van de inwoner; " + (
                "de inwoner (en wie namens de inwoner handelt) krijgt een e-mail zonder de inhoud." if sent.mails_sent else
                "de inwoner heeft geen e-mailadres bij de gemeente en krijgt dus geen e-mail. Laat het zo nodig "
                "op een andere manier weten."), "success")
            return redirect(url_for("inbox.berichten", zaak_id=zaak.id))
    rows = portaal_berichten.conversation(current_user, zaak, reader="gemeente")
    return render_template("inbox/berichten.html", zaak=zaak, rows=rows, errors=errors, tekst=tekst,
                           may_answer=bool(may_answer),
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")),
                                        (zaak.zaaknummer, url_for("inbox.zaak", zaak_id=zaak.id)), ("Berichten", None)]), \
        400 if errors else 200


@bp.route("/zaken/<id:zaak_id>/bijlagen/<id:bijlage_id>")
@login_required
def bijlage(zaak_id: int, bijlage_id: int):
    """A document the inwoner sent along, as a download (never shown inline)."""
    zaak = _load_zaak(zaak_id)
    try:
        found = bijlagen.bijlage_of(zaak, bijlage_id)
    except NotFound:
        abort(404)
    found = bijlagen.open_bijlage(current_user, found, zaak)
    return download_response(found.inhoud, found.content_type, found.bestandsnaam)
