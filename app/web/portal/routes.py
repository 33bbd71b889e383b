"""Routes of the inwoner portal: Mijn zaken, the zaak page and its documents. Load, ask the policy,
call one service, render."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services import bijlagen, dossier, dwangsom, eigen_verhaal, machtigingen, mijn_zaken
from ...services.bezwaar_view import bezwaar_views
from ...services.brief_inhoud import letter_body
from ...services.contactpersoon import consulent_of
from ...services.errors import InvalidInput, NotFound
from ...services.lookups import get_document, get_zaak, products
from ...services.termijn_klok import klok
from ..documents.routes import download_response, pdf_response
from ..request_limits import body_limit
from . import acting, bp
from .uploads import UPLOAD_FORM_BODY, uploads_from


@bp.context_processor
def _portal_context():
    """Every portal page shows whose dossier it is and whether the user may act in it."""
    if not current_user.is_authenticated:
        return {}
    dossier_ = acting.current_dossier()
    may_act = bool(dossier_ and policy.decide(current_user, "dossier.handelen", dossier_))
    return {"portal_dossier": dossier_, "portal_may_act": may_act,
            "portal_person": acting.person_of(dossier_) if dossier_ else None}


@bp.route("/")
@login_required
def index():
    dossier_ = acting.current_dossier()
    if dossier_ is None:
        if machtigingen.held_by(current_user):
            return redirect(url_for("portal.namens"))
        return render_template("portal/index.html", views=[], todo=[], person=None, breadcrumbs=[("Mijn zaken", None)])
    acting.require("dossier.inzien")
    person = acting.person_of(dossier_)
    zaken = dossier.list_own_zaken(current_user, person, on_behalf_of=acting.on_behalf_of(dossier_))
    views = mijn_zaken.overview(zaken)
    return render_template("portal/index.html", views=views, person=person, todo=mijn_zaken.todo(views),
                           breadcrumbs=[("Mijn zaken", None)])


@bp.route("/zaken/<id:zaak_id>")
@login_required
def zaak(zaak_id: int):
    zaak = load_zaak(zaak_id)
    return _zaak_page(zaak, acting.require("dossier.inzien", zaak), errors={})


@bp.route("/zaken/<id:zaak_id>/documenten/<id:document_id>")
@login_required
def document(zaak_id: int, document_id: int):
    """The letter inside the site (header, navigation, the way back), not as a bare page of its own."""
    zaak, document_ = load_zaak(zaak_id), _open_document(zaak_id, document_id)
    return render_template("portal/brief.html", zaak=zaak, document=document_, brief=letter_body(document_.html),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        (zaak.zaaknummer, url_for("portal.zaak", zaak_id=zaak.id)),
                                        (document_.titel, None)])


@bp.route("/zaken/<id:zaak_id>/documenten/<id:document_id>/pdf")
@login_required
def document_pdf(zaak_id: int, document_id: int):
    return pdf_response(_open_document(zaak_id, document_id))


@bp.route("/zaken/<id:zaak_id>/bijlagen/<id:bijlage_id>")
@login_required
def bijlage(zaak_id: int, bijlage_id: int):
    zaak = load_zaak(zaak_id)
    dossier_ = acting.require("dossier.inzien", zaak)
    try:
        found = bijlagen.bijlage_of(zaak, bijlage_id)
    except NotFound:
        abort(404)
    found = bijlagen.open_bijlage(current_user, found, zaak, on_behalf_of=acting.on_behalf_of(dossier_))
    return download_response(found.inhoud, found.content_type, found.bestandsnaam)


@bp.route("/zaken/<id:zaak_id>/bijlagen", methods=["POST"])
@body_limit(UPLOAD_FORM_BODY)
@login_required
def add_bijlagen(zaak_id: int):
    zaak = load_zaak(zaak_id)
    dossier_ = acting.require("dossier.handelen", zaak)
    try:
        added = bijlagen.add_bijlagen(current_user, zaak, uploads_from(request),
                                      on_behalf_of=acting.on_behalf_of(dossier_))
    except InvalidInput as exc:
        return _zaak_page(zaak, dossier_, errors=exc.errors), 400
    flash(f"{len(added)} document{'en' if len(added) > 1 else ''} toegevoegd aan uw zaak.", "success")
    return redirect(url_for("portal.zaak", zaak_id=zaak.id, _anchor="documenten"))


@bp.route("/zaken/<id:zaak_id>/verhaal-delen", methods=["POST"])
@login_required
def share_verhaal(zaak_id: int):
    zaak = load_zaak(zaak_id)
    dossier_ = acting.require("dossier.handelen", zaak)
    try:
        eigen_verhaal.share_with_zaak(current_user, zaak, on_behalf_of=acting.on_behalf_of(dossier_))
        flash("Uw eigen verhaal is gedeeld met de consulent van deze zaak.", "success")
    except InvalidInput as exc:
        flash(" ".join(exc.errors.values()), "error")
    return redirect(url_for("portal.zaak", zaak_id=zaak.id, _anchor="eigen-verhaal"))


def _zaak_page(zaak, dossier_, errors: dict) -> str:
    """The zaak page, first or again after an invalid upload: either way a read of the dossier."""
    dossier.open_zaak(current_user, zaak, purpose="dossier-inzage", on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/zaak.html", zaak=zaak, view=mijn_zaken.detail(zaak), consulent=consulent_of(zaak),
                           klok=klok(zaak), dwangsom=dwangsom.view(zaak), bezwaren=bezwaar_views(zaak),
                           verhaal=eigen_verhaal.shared_of(zaak.id), errors=errors,
                           productnamen={p.productcode: p.omschrijving for p in products(zaak.domein)},
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), (zaak.zaaknummer, None)])


def load_zaak(zaak_id: int):
    try:
        return get_zaak(zaak_id)
    except NotFound:
        abort(404)


def _open_document(zaak_id: int, document_id: int):
    zaak = load_zaak(zaak_id)
    dossier_ = acting.require("dossier.inzien", zaak)
    try:
        document_ = get_document(document_id)
    except NotFound:
        abort(404)
    if document_.zaak_id != zaak.id:
        abort(404)
    return dossier.open_document(current_user, document_, on_behalf_of=acting.on_behalf_of(dossier_))
