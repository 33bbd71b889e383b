"""Use case: write the beschikking letter (HTML from a Jinja template, PDF with weasyprint) and keep it
with the zaak as a Document. Runs as a job after the beschikking is committed: the PDF takes a moment."""
import base64
import hashlib
import logging
from datetime import date
from pathlib import Path

from flask import current_app, render_template
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import db
from ..domain import thema
from ..domain.deadlines import bezwaar_deadline, format_date_nl
from ..domain.forms import load_form
from ..domain.grondslag import grondslag_zin
from ..domain.pgb import PER_JAAR
from ..models import Beschikking, Document, Product, User, Zaak
from .contactpersoon import contact
from .history import add_event
from .settings import extra_holidays, setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)

#: The form whose choice lists say what the stored codes of a beschikking mean.
AANVRAAG_FORM = "aanvraag_registreren"
GRONDSLAG = {"wmo": "artikel 2.3.5 van de Wet maatschappelijke ondersteuning 2015 (Wmo 2015)",
             "jeugd": "artikel 2.3 van de Jeugdwet"}


def create_beschikking_document(beschikking_id: int) -> Document | None:
    """Make the letter of the beschikking unless it exists; None when the beschikking is gone.

    Two writers may meet (a job and the tick's `make_missing_documents`, or a retried job beside the first):
    the unique beschikking_id of a document lets one win, and the other returns the winner's letter."""
    try:
        return _create_beschikking_document(beschikking_id)
    except IntegrityError:
        existing = db.session.scalar(select(Document).where(Document.beschikking_id == beschikking_id))
        if existing is None:
            raise
        return existing


def _create_beschikking_document(beschikking_id: int) -> Document | None:
    with unit_of_work() as session:
        beschikking = session.get(Beschikking, beschikking_id)
        if beschikking is None:
            return None
        existing = session.scalar(select(Document).where(Document.beschikking_id == beschikking_id))
        if existing is not None:
            return existing
        zaak = session.get(Zaak, beschikking.zaak_id)
        product = session.scalar(select(Product).where(Product.domein == zaak.domein,
                                                       Product.productcode == beschikking.productcode))
        made_known(beschikking, date.today())  # the letter is sent and in Mijn zaken with this commit
        html = render_beschikking(beschikking, zaak, product)
        pdf = html_to_pdf(html)
        document = Document(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, beschikking_id=beschikking.id,
                            soort="beschikking",
                            titel=f"Beschikking {format_date_nl(beschikking.bekendgemaakt_op)}",
                            bestandsnaam=f"beschikking-{zaak.zaaknummer}-{beschikking.id}.pdf",
                            html=html, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest())
        session.add(document)
        add_event(session, zaak.id, "document_gemaakt", f"Document '{document.titel}' gemaakt")
    logger.info("Beschikking %s written as document %s (%d bytes PDF)", beschikking_id, document.id, len(pdf))
    return document


def make_missing_documents(limit: int = 100) -> int:
    """Write the letters a lost or failed job left out (the tick calls this); returns how many. A beschikking
    already made known without a document here (the letter was sent outside the platform, e.g. before it) has none
    to make: its bekendmaking is set in the same transaction as the document the platform writes."""
    missing = list(db.session.scalars(
        select(Beschikking.id).outerjoin(Document, Document.beschikking_id == Beschikking.id)
        .where(Document.id.is_(None), Beschikking.bekendgemaakt_op.is_(None)).order_by(Beschikking.id).limit(limit)))
    for beschikking_id in missing:
        create_beschikking_document(beschikking_id)
    return len(missing)


def made_known(beschikking: Beschikking, day: date) -> None:
    """Record the bekendmaking (Awb 3:41: sent, or made available in Mijn zaken) and the bezwaar term it starts."""
    if beschikking.bekendgemaakt_op is None:
        beschikking.bekendgemaakt_op = day
        beschikking.bezwaar_tot = bezwaar_deadline(day, extra_holidays()).due


def render_beschikking(beschikking: Beschikking, zaak: Zaak, product: Product | None) -> str:
    """The letter as a complete HTML page with everything Awb 3:45–3:47 and the Wmo/Jeugdwet ask.

    Dated the day it is sent; the bezwaar term runs from the next day, not from the day it was vastgesteld."""
    bekendgemaakt = beschikking.bekendgemaakt_op or _local_date(beschikking)
    labels = _labels()
    return render_template(
        "documents/beschikking.html", b=beschikking, zaak=zaak, person=zaak.person, product=product,
        gemeente=zaak.gemeente, kleur=thema.primary(zaak.gemeente.thema), logo=logo_data_uri(zaak.gemeente),
        datum=format_date_nl(bekendgemaakt),
        grondslag_zin=grondslag_zin(beschikking.grondslag or GRONDSLAG.get(zaak.domein, ""), zaak.domein,
                                    zaak.gemeente.naam),
        consulent=contact(db.session.get(User, beschikking.voorbereid_door_id)
                          if beschikking.voorbereid_door_id else None, zaak),
        eenheid=labels["eenheid"].get(beschikking.eenheid or "", beschikking.eenheid),
        frequentie=labels["frequentie"].get(beschikking.frequentie or "", beschikking.frequentie),
        ingang=format_date_nl(beschikking.ingangsdatum) if beschikking.ingangsdatum else None,
        einde=format_date_nl(beschikking.einddatum) if beschikking.einddatum else None,
        pgb_perioden=PER_JAAR.get(beschikking.frequentie or ""),
        # the spoed voorziening (Wmo 2015 art. 2.3.3) this definitive beschikking ends or replaces, if any
        tijdelijk_beeindigd=db.session.scalar(select(Beschikking).where(
            Beschikking.beeindigd_door_id == beschikking.id).limit(1)) if beschikking.id else None,
        bezwaar=format_date_nl(beschikking.bezwaar_tot or bezwaar_deadline(bekendgemaakt, extra_holidays()).due))


#: Logo files a gemeente may name (app/static/gemeenten/), by extension: embedded, the letter has no links.
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}


def logo_file(gemeente) -> Path | None:
    """The gemeente's logo file (SVG or PNG in app/static/gemeenten/), or None (the letterhead is its name)."""
    if not gemeente.logo:
        return None
    path = Path(current_app.static_folder) / "gemeenten" / Path(gemeente.logo).name
    if path.suffix.lower() not in LOGO_TYPES or not path.is_file():
        return None
    return path


def logo_image(gemeente) -> tuple[bytes, str] | None:
    """(bytes, content type) of the gemeente's logo: the PNG uploaded on /beheer/gemeenten, else its file in
    app/static/gemeenten/, else None."""
    if gemeente.logo_sha256 and gemeente.logo_png:
        return gemeente.logo_png, "image/png"
    path = logo_file(gemeente)
    return (path.read_bytes(), LOGO_TYPES[path.suffix.lower()]) if path is not None else None


def logo_data_uri(gemeente) -> str | None:
    """The gemeente's logo as a data: URI for the letter, or None (then the letterhead is its name alone)."""
    image = logo_image(gemeente)
    if image is None:
        return None
    return f"data:{image[1]};base64,{base64.b64encode(image[0]).decode('ascii')}"


def html_to_pdf(html: str) -> bytes:
    """The PDF of the letter (WeasyPrint); on the in-process job thread in a helper process, off the GIL."""
    from ..jobs.background import render_pdf
    return render_pdf(html)


def _labels() -> dict[str, dict[str, str]]:
    """Code → Dutch text for eenheid and frequentie, from the aanvraag form (one source for both)."""
    schema = load_form(setting("FORMS_DIR"), AANVRAAG_FORM)
    props = schema.get("properties", {})
    return {name: {o["const"]: o["title"] for o in props.get(name, {}).get("oneOf", [])}
            for name in ("eenheid", "frequentie")}


def _local_date(beschikking: Beschikking) -> date:
    from zoneinfo import ZoneInfo
    return beschikking.vastgesteld_op.astimezone(ZoneInfo("Europe/Amsterdam")).date()
