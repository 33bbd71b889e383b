"""The PDF of a letter kept with a zaak (the beslistermijn's letters, the bezwaar letters, the letter on the right to
apply, the beschikking on the dwangsom): made by a job after the commit that wrote the letter's HTML, so the click
that wrote it never waits for WeasyPrint (#15 point 2). The HTML is the letter meanwhile; its PDF download renders
it once on the spot if the job has not run yet. A job lost in a crash is redone by the tick (`make_missing_pdfs`).
The beschikking's own letter is made whole by its own job (beschikking_document.py)."""
import hashlib
import logging

from sqlalchemy import select

from ..models import Document
from .beschikking_document import html_to_pdf
from .uow import after_commit, unit_of_work

logger = logging.getLogger(__name__)


def queue_pdf(session, document: Document) -> None:
    """Queue the PDF of `document` (just added, flushed) for once the caller's unit of work has committed."""
    after_commit(session, _enqueue, document.id)


def make_pdf(document_id: int) -> bool:
    """Render and keep the PDF of the document unless it has one (or is gone); True when this call made it."""
    with unit_of_work() as session:
        html = session.scalar(select(Document.html).where(Document.id == document_id, Document.pdf.is_(None)))
        if html is None:
            return False
    pdf = html_to_pdf(html)  # outside the transaction: no lock is held while WeasyPrint works
    with unit_of_work() as session:
        document = session.get(Document, document_id)
        if document is None or document.pdf is not None:
            return False  # destroyed meanwhile, or another run (the tick beside the job) was first
        document.pdf, document.sha256 = pdf, hashlib.sha256(pdf).hexdigest()
    logger.info("PDF of document %s made (%d bytes)", document_id, len(pdf))
    return True


def make_missing_pdfs(limit: int = 100) -> int:
    """Make the PDFs a lost or failed job left out (recovery at start-up and in every tick); how many."""
    with unit_of_work() as session:
        ids = list(session.scalars(select(Document.id).where(Document.pdf.is_(None)).order_by(Document.id)
                                   .limit(limit)))
    return sum(make_pdf(document_id) for document_id in ids)


def pdf_of(document: Document) -> bytes:
    """The document's PDF for a download: the kept one, or — the job has not run yet — rendered now, not kept."""
    return document.pdf if document.pdf is not None else html_to_pdf(document.html)


def _enqueue(document_id: int) -> None:
    from ..jobs.queue import enqueue
    from ..jobs.tasks import make_letter_pdf
    enqueue(make_letter_pdf, document_id)
