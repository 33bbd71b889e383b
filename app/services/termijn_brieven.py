"""The letters of the beslistermijn's clock: the request for information (Awb 4:5, suspending the term by 4:15) and
the verdagingsmededeling (Awb 4:14). HTML from a Jinja template and its PDF, kept with the zaak as a Document and
shown in Mijn zaken like the beschikking. Written inside the caller's unit of work, which never waits for the PDF:
a job makes it after the commit (brief_pdf.py); never commits."""
from datetime import date

from flask import render_template

from ..domain import thema
from ..domain.deadlines import format_date_nl
from ..domain.termijn_klok import VERDAGING_ARTICLE, VERDAGING_WORDS
from ..models import Document, Opschorting, User, Verdaging, Zaak
from .beschikking_document import logo_data_uri
from .brief_pdf import queue_pdf
from .contactpersoon import contact


def informatieverzoek_letter(session, zaak: Zaak, opschorting: Opschorting, nieuwe_einddatum: date,
                             actor: User | None) -> Document:
    """The letter asking the inwoner for information, with its term and what it does to the beslistermijn."""
    html = render_template("documents/informatieverzoek.html", o=opschorting, nieuwe_einddatum=nieuwe_einddatum,
                           **letter_context(zaak, opschorting.gevraagd_op, actor))
    return store_letter(session, zaak, "informatieverzoek",
                        f"Verzoek om informatie {format_date_nl(opschorting.gevraagd_op)}",
                        f"informatieverzoek-{zaak.zaaknummer}-{opschorting.id}.pdf", html)


def verdaging_letter(session, zaak: Zaak, verdaging: Verdaging, actor: User | None) -> Document:
    """The mededeling that the beslistermijn is extended, with the new date and the reason."""
    html = render_template("documents/verdaging.html", v=verdaging, artikel=VERDAGING_ARTICLE[verdaging.termijn_soort],
                           woorden=VERDAGING_WORDS[verdaging.termijn_soort],
                           **letter_context(zaak, verdaging.medegedeeld_op, actor))
    return store_letter(session, zaak, "verdaging",
                        f"Verdaging beslistermijn {format_date_nl(verdaging.medegedeeld_op)}",
                        f"verdaging-{zaak.zaaknummer}-{verdaging.id}.pdf", html)


def letter_context(zaak: Zaak, day: date, actor: User | None) -> dict:
    return dict(zaak=zaak, person=zaak.person, gemeente=zaak.gemeente, kleur=thema.primary(zaak.gemeente.thema),
                logo=logo_data_uri(zaak.gemeente), datum=format_date_nl(day),
                consulent=contact(actor, zaak) if actor is not None and actor.has_role("consulent") else None)


def store_letter(session, zaak: Zaak, soort: str, titel: str, bestandsnaam: str, html: str) -> Document:
    """Keep a letter with the zaak as a Document (the other letters of a zaak use it too): its HTML now, its PDF by
    a job once the caller's unit of work has committed (brief_pdf.py)."""
    document = Document(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, soort=soort, titel=titel,
                        bestandsnaam=bestandsnaam, html=html)
    session.add(document)
    session.flush()
    queue_pdf(session, document)
    return document
