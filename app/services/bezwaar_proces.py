"""The operations of the `bezwaar` process (bpmn/bezwaar.bpmn): confirm receipt with a letter in Mijn zaken
(Awb 6:14), record what the jurist's tasks decided (beoordeling and 6:11, hoorzitting 7:2/7:3, the commissie's
advice 7:13) on the Bezwaar row, and make the beslissing op bezwaar known with its letter (7:11, 7:12). They run
inside the engine step of the caller's unit of work and never commit."""
import logging
from datetime import date

from sqlalchemy import select

from ..domain.bezwaar import AFZIEN_HOREN, UITKOMSTEN, beroep_tot
from ..domain.deadlines import format_date_nl
from ..engine import ScriptError, operation
from ..models import Bezwaar, PortaalBericht, User, Zaak
from .bezwaar_brieven import beslissing_letter, ontvangst_letter
from .history import add_event
from .portal_mail import mail_inwoner
from .processing_log import log_processing
from .settings import extra_holidays
from .termijn_klok import today

logger = logging.getLogger(__name__)
MAIL_ONTVANGST = ("Wij hebben uw bezwaar ontvangen",
                  "De gemeente heeft uw bezwaar ontvangen (zaak {zaaknummer}). In Mijn zaken staat de "
                  "ontvangstbevestiging en ziet u hoe ver uw bezwaar is.")
MAIL_BESLISSING = ("De gemeente heeft beslist op uw bezwaar",
                   "De gemeente heeft beslist op uw bezwaar (zaak {zaaknummer}). Log in op Mijn zaken om de brief "
                   "te lezen.")


@operation("bezwaar_ontvangst_bevestigen")
def bezwaar_ontvangst_bevestigen(ctx, data, bezwaar_id: int) -> dict:
    """Write the ontvangstbevestiging and put it in Mijn zaken, with a mail to the inwoner."""
    session = ctx.session
    bezwaar = _open(session, bezwaar_id)
    zaak = session.get(Zaak, bezwaar.zaak_id)
    document = ontvangst_letter(session, zaak, bezwaar, today())
    bezwaar.ontvangst_document_id = document.id
    add_event(session, zaak.id, "document_gemaakt", f"Document '{document.titel}' gemaakt",
              data={"bezwaar_id": bezwaar.id})
    mail_inwoner(session, zaak, MAIL_ONTVANGST[0], MAIL_ONTVANGST[1].format(zaaknummer=zaak.zaaknummer))
    return {"document_id": document.id}


def _date(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ScriptError(f"Bezwaar: '{value}' in {field} is geen datum.") from exc


@operation("bezwaar_vastleggen")
def bezwaar_vastleggen(ctx, data, bezwaar_id: int, stap: str) -> dict:
    """Copy what a jurist's task decided onto the bezwaar: 'beoordeling', 'hoorzitting' or 'advies'."""
    session = ctx.session
    bezwaar = _open(session, bezwaar_id)
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    if stap == "beoordeling":
        termijn = data.get("bezwaar_termijn")
        bezwaar.verschoonbaar = {"verschoonbaar": True, "niet_verschoonbaar": False}.get(termijn)
        horen = data.get("bezwaar_horen")
        if horen == "horen":
            bezwaar.hoorzitting_op, bezwaar.afzien_horen = _date(data.get("hoorzitting_op"), "hoorzitting_op"), None
            summary = f"Hoorzitting gepland op {format_date_nl(bezwaar.hoorzitting_op)} (art. 7:2 Awb)"
        elif horen in AFZIEN_HOREN:
            bezwaar.afzien_horen, bezwaar.hoorzitting_op = horen, None
            summary = f"Geen hoorzitting: {AFZIEN_HOREN[horen]}"
        else:
            raise ScriptError(f"Bezwaar: onbekende keuze '{horen}' voor horen.")
        if bezwaar.termijnoverschrijding and termijn in ("verschoonbaar", "niet_verschoonbaar"):
            oordeel = "verschoonbaar" if bezwaar.verschoonbaar else "niet verschoonbaar"
            summary += f"; termijnoverschrijding {oordeel} (art. 6:11 Awb)"
    elif stap == "hoorzitting":
        bezwaar.hoorzitting_op = _date(data.get("hoorzitting_gehouden_op"), "hoorzitting_gehouden_op")
        bezwaar.hoorzitting_verslag = (data.get("hoorzitting_verslag") or "").strip() or None
        summary = f"Hoorzitting gehouden op {format_date_nl(bezwaar.hoorzitting_op)}; verslag vastgelegd"
    elif stap == "advies":
        bezwaar.advies_uitkomst = data.get("advies_uitkomst")
        bezwaar.advies = (data.get("advies_tekst") or "").strip() or None
        bezwaar.advies_op = _date(data.get("advies_op"), "advies_op")
        summary = (f"Advies bezwaarcommissie van {format_date_nl(bezwaar.advies_op)}: "
                   f"{UITKOMSTEN.get(bezwaar.advies_uitkomst or '', bezwaar.advies_uitkomst)}")
    else:
        raise ScriptError(f"Bezwaar: onbekende stap '{stap}'.")
    add_event(session, bezwaar.zaak_id, f"bezwaar_{stap}", summary, actor=actor, data={"bezwaar_id": bezwaar.id})
    return {"stap": stap}


@operation("bezwaar_beslissen")
def bezwaar_beslissen(ctx, data, bezwaar_id: int) -> dict:
    """Record the beslissing op bezwaar, send its letter to Mijn zaken and, with no other bezwaar running on the zaak,
    clear `zaak.bezwaar_sinds` (retention may judge the zaak again; the beroep term is in the letter)."""
    session = ctx.session
    bezwaar = _open(session, bezwaar_id)
    uitkomst, motivering = data.get("beslissing_uitkomst"), (data.get("beslissing_motivering") or "").strip()
    if uitkomst not in UITKOMSTEN or not motivering:
        raise ScriptError("Een beslissing op bezwaar is gegrond, ongegrond of niet-ontvankelijk, met een motivering.")
    zaak = session.get(Zaak, bezwaar.zaak_id)
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    day = today()
    bezwaar.uitkomst, bezwaar.motivering, bezwaar.beslist_door_id = uitkomst, motivering, ctx.actor_id
    bezwaar.bekendgemaakt_op, bezwaar.beroep_tot = day, beroep_tot(day, extra_holidays())
    session.flush()  # the open-bezwaar check below must not count this one
    document = beslissing_letter(session, zaak, bezwaar, day)
    bezwaar.beslissing_document_id = document.id
    others = session.scalar(select(Bezwaar.id).where(Bezwaar.zaak_id == zaak.id, Bezwaar.uitkomst.is_(None)))
    if others is None:
        zaak.bezwaar_sinds = None
    session.add(PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="gemeente", afzender_id=ctx.actor_id, soort="bericht",
                               tekst=f"Wij hebben beslist op uw bezwaar: uw bezwaar is {UITKOMSTEN[uitkomst]}. De "
                                     f"brief staat bij uw zaak. Bent u het er niet mee eens, dan kunt u tot en met "
                                     f"{format_date_nl(bezwaar.beroep_tot)} beroep instellen bij de rechtbank."))
    add_event(session, zaak.id, "bezwaar_beslist",
              f"Beslissing op bezwaar: {UITKOMSTEN[uitkomst]}; brief verstuurd, beroep mogelijk tot en met "
              f"{format_date_nl(bezwaar.beroep_tot)}", actor=actor, data={"bezwaar_id": bezwaar.id})
    log_processing(session, actor=actor, person=zaak.person, activity="bezwaar", action="aanmaken",
                   object_type="bezwaar", object_id=bezwaar.id,
                   description=f"Beslissing op bezwaar ({UITKOMSTEN[uitkomst]}) genomen in zaak {zaak.zaaknummer}")
    mail_inwoner(session, zaak, MAIL_BESLISSING[0], MAIL_BESLISSING[1].format(zaaknummer=zaak.zaaknummer))
    logger.info("Bezwaar %s decided %s in zaak %s", bezwaar.id, uitkomst, zaak.zaaknummer)
    return {"uitkomst": uitkomst, "document_id": document.id}


def _open(session, bezwaar_id: int) -> Bezwaar:
    bezwaar = session.get(Bezwaar, bezwaar_id)
    if bezwaar is None or bezwaar.uitkomst is not None:
        raise ScriptError(f"Bezwaar {bezwaar_id} bestaat niet of is al beslist.")
    return bezwaar
