"""The operations BPMN service tasks may call: compute a legal deadline, record the beschikking."""
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from ..domain import deadlines
from ..engine import ScriptError, operation
from ..models import Beschikking, HumanTask, Termijn, User, Zaak
from ..models.base import utcnow
from .exchange.toewijzen import send_toewijzingen
from .history import add_event
from .meldingen import record_deadline
from .pgb import pgb_fields
from .processing_log import log_processing
from .uow import after_commit

_TERMS = {
    "onderzoek_wmo": ("onderzoek", deadlines.onderzoek_deadline),
    "beschikking_wmo": ("beschikking", deadlines.beschikking_deadline_wmo),
    "beslissing_jeugd": ("beslis", deadlines.beslis_deadline_jeugd),
}


def _deadline(ctx, soort: str, vanaf):
    if soort not in _TERMS:
        raise ScriptError(f"Onbekende termijnsoort '{soort}'.")
    try:
        start = date.fromisoformat(str(vanaf)[:10])
    except ValueError as exc:
        raise ScriptError(f"Termijn '{soort}': '{vanaf}' is geen datum.") from exc
    name, compute = _TERMS[soort]
    return name, compute(start, ctx.extra_holidays)


def _bereken_termijn_preview(ctx, data, soort: str, vanaf) -> str:
    """A proefrit's deadline: the same computation, nothing stored."""
    return deadlines.end_of_day(_deadline(ctx, soort, vanaf)[1].due).isoformat()


def _vaststellen_preview(ctx, data, besluit: str) -> dict:
    """A proefrit makes no beschikking, letter or toewijzing."""
    return {"beschikking_id": None, "besluit": besluit}


@operation("bereken_termijn", preview=_bereken_termijn_preview)
def bereken_termijn(ctx, data, soort: str, vanaf) -> str:
    """Store the legal deadline `soort` running from `vanaf` and return the end of its last day (as clocked)."""
    name, deadline = _deadline(ctx, soort, vanaf)
    # The onderzoek term is met when the verslag was given to the inwoner, not by the aanvraag (services/termijnen.py)
    termijn = record_deadline(ctx.session, ctx.zaak_id, name, deadline)
    return deadlines.end_of_day(termijn.due).isoformat()  # after any opschorting or verdaging (termijn_klok.py)


@operation("vaststellen_beschikking", preview=_vaststellen_preview)
def vaststellen_beschikking(ctx, data, besluit: str) -> dict:
    """Record the beschikking from the case data, with who prepared and who checked it."""
    session = ctx.session
    zaak = session.get(Zaak, ctx.zaak_id)
    beschikking = Beschikking(
        zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, besluit=besluit, **beschikking_fields(data),
        **(pgb_fields(session, zaak, data) if besluit == "toekennen" else {}),
        voorbereid_door_id=_last_completer(session, zaak.id, "besluit_voorbereiden"),
        getoetst_door_id=_last_completer(session, zaak.id, "vier_ogen_toets"),
        vastgesteld_op=utcnow(),
    )
    session.add(beschikking)
    session.flush()
    _mark_met(session, zaak.id)
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    word = "toegekend" if besluit == "toekennen" else "afgewezen"
    add_event(session, zaak.id, "beschikking_vastgesteld", f"Beschikking vastgesteld: aanvraag {word}",
              actor=actor, data={"beschikking_id": beschikking.id})
    log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-besluit",
                   action="aanmaken", object_type="beschikking", object_id=beschikking.id,
                   description=f"Beschikking vastgesteld in zaak {zaak.zaaknummer}")
    from .tijdelijke_voorziening import beeindig_tijdelijke  # it imports this module: imported late
    beeindig_tijdelijke(ctx, zaak, beschikking, actor)  # a spoed voorziening (art. 2.3.3) ends or is replaced
    send_toewijzingen(ctx, zaak, beschikking, data, actor)  # zorg in natura: the 301 to the aanbieder
    after_commit(session, _queue_letter, beschikking.id)  # the PDF takes a moment: a job, after the commit
    return {"beschikking_id": beschikking.id}


def beschikking_fields(data: dict) -> dict:
    """What the beschikking takes from the case data (the forms aanvraag_registreren and besluit_voorbereiden)."""
    return dict(motivering=data.get("motivering", ""), grondslag=data.get("grondslag"),
                productcode=data.get("productcode"), leveringsvorm=data.get("leveringsvorm"),
                omvang=_decimal(data.get("omvang")), eenheid=data.get("eenheid"), frequentie=data.get("frequentie"),
                ingangsdatum=_date(data.get("ingangsdatum")), einddatum=_date(data.get("einddatum")),
                kosten_per_jaar=_decimal(data.get("kosten_per_jaar")))


def _queue_letter(beschikking_id: int) -> None:
    from ..jobs.queue import enqueue
    from ..jobs.tasks import make_beschikking_document
    enqueue(make_beschikking_document, beschikking_id)


def _mark_met(session, zaak_id: int, soort: str | None = None) -> None:
    """Record that the zaak's open legal deadlines (or the one of `soort`) were met now."""
    query = select(Termijn).where(Termijn.zaak_id == zaak_id, Termijn.met_at.is_(None))
    for termijn in session.scalars(query if soort is None else query.where(Termijn.soort == soort)):
        termijn.met_at = utcnow()


def _last_completer(session, zaak_id: int, spec_name: str) -> int | None:
    return session.scalar(select(HumanTask.completed_by_id).where(
        HumanTask.zaak_id == zaak_id, HumanTask.spec_name == spec_name, HumanTask.status == "completed")
        .order_by(HumanTask.completed_at.desc()).limit(1))


def _decimal(value):
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _date(value):
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
