"""The letters of a bezwaar: the ontvangstbevestiging (Awb 6:14), the verdagingsmededeling (7:10 lid 3) and the
beslissing op bezwaar with its beroep clause (7:12, 6:7, 8:1). HTML from a Jinja template in documents/ with the
gemeente's letterhead, and its PDF (WeasyPrint), kept with the zaak as a Document and shown in Mijn zaken like the
beschikking. Written inside the caller's unit of work; never commits."""
from datetime import date

from flask import render_template

from ..domain import thema
from ..domain.bezwaar import AFZIEN_HOREN, UITKOMSTEN
from ..domain.deadlines import format_date_nl
from ..models import Bezwaar, Document, Zaak
from .beschikking_document import logo_data_uri
from .termijn_brieven import store_letter


def ontvangst_letter(session, zaak: Zaak, bezwaar: Bezwaar, day: date) -> Document:
    """The ontvangstbevestiging: received on, what happens next, by when the gemeente decides."""
    html = render_template("documents/bezwaar_ontvangst.html", bz=bezwaar, **_context(zaak, bezwaar, day))
    return store_letter(session, zaak, "bezwaar_ontvangst", f"Ontvangstbevestiging bezwaar {format_date_nl(day)}",
                        f"bezwaar-ontvangst-{zaak.zaaknummer}-{bezwaar.id}.pdf", html)


def verdaging_letter(session, zaak: Zaak, bezwaar: Bezwaar, oude_datum: date, day: date) -> Document:
    """The mededeling that the beslissing op bezwaar is verdaagd, with the new date and the reason."""
    html = render_template("documents/bezwaar_verdaging.html", bz=bezwaar, oude_datum=oude_datum,
                           **_context(zaak, bezwaar, day))
    return store_letter(session, zaak, "bezwaar_verdaging", f"Verdaging beslissing op bezwaar {format_date_nl(day)}",
                        f"bezwaar-verdaging-{zaak.zaaknummer}-{bezwaar.id}.pdf", html)


def beslissing_letter(session, zaak: Zaak, bezwaar: Bezwaar, day: date) -> Document:
    """The beslissing op bezwaar: outcome, motivering, the hoorzitting and the commissie's advice, beroep clause."""
    html = render_template("documents/beslissing_op_bezwaar.html", bz=bezwaar, uitkomst=UITKOMSTEN[bezwaar.uitkomst],
                           advies_uitkomst=UITKOMSTEN.get(bezwaar.advies_uitkomst or ""),
                           afzien=AFZIEN_HOREN.get(bezwaar.afzien_horen or ""), **_context(zaak, bezwaar, day))
    return store_letter(session, zaak, "beslissing_op_bezwaar", f"Beslissing op bezwaar {format_date_nl(day)}",
                        f"beslissing-op-bezwaar-{zaak.zaaknummer}-{bezwaar.id}.pdf", html)


def _context(zaak: Zaak, bezwaar: Bezwaar, day: date) -> dict:
    beschikking = bezwaar.beschikking
    besluit_datum = beschikking.bekendgemaakt_op or beschikking.vastgesteld_op.date()
    return dict(zaak=zaak, person=zaak.person, gemeente=zaak.gemeente, kleur=thema.primary(zaak.gemeente.thema),
                logo=logo_data_uri(zaak.gemeente), datum=format_date_nl(day), consulent=None,
                besluit_datum=besluit_datum,
                besluit_woord="toegekend" if beschikking.besluit == "toekennen" else "afgewezen")
