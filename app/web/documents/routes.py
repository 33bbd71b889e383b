"""Show a document as HTML or send its PDF. Load, ask the policy, log the read, send."""
from flask import abort
from flask_login import current_user, login_required

from ...domain import policy
from ...services import dossier
from ...services.brief_pdf import pdf_of
from ...services.errors import NotFound
from ...services.lookups import get_document, get_zaak
from ..security_headers import StoredContent
from . import bp


@bp.route("/<id:document_id>")
@login_required
def show(document_id: int):
    return html_response(dossier.open_document(current_user, _load(document_id)))


@bp.route("/<id:document_id>/pdf")
@login_required
def pdf(document_id: int):
    return pdf_response(dossier.open_document(current_user, _load(document_id)))


def html_response(document) -> StoredContent:
    """The document's HTML, sandboxed by its StoredContent policy (the portal uses it too)."""
    return StoredContent(document.html, mimetype="text/html")


def pdf_response(document) -> StoredContent:
    return download_response(pdf_of(document), "application/pdf", document.bestandsnaam)


def download_response(data: bytes, content_type: str, filename: str) -> StoredContent:
    """Bytes as a download, never shown inline; `filename` must already be safe (we made it)."""
    return StoredContent(data, mimetype=content_type,
                         headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _load(document_id: int):
    """The document, if the user may see its zaak; someone else's is 'not found'."""
    try:
        document = get_document(document_id)
        zaak = get_zaak(document.zaak_id)
    except NotFound:
        abort(404)
    if not policy.decide(current_user, "document.bekijken", zaak):
        abort(404)
    return document
