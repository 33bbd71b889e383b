"""The inwoner's right to an aanvraag (Wmo 2015 art. 2.3.2 lid 9, art. 2.3.5): after the melding and the onderzoek
the inwoner may always make an aanvraag and get a beschikking on it, also when the gemeente found an algemene
voorziening enough (triage) or no maatwerkvoorziening needed (onderzoek). Owns the operation that writes the letter
saying so and arms the wait, what Mijn zaken asks about a waiting zaak, and handing a signed aanvraag to the waiting
process (wmo.bpmn: `wacht_op_aanvraag`, message `aanvraag_ingediend`), which then goes on to the besluit — or one
the consulent records as made by letter or phone."""
import logging
from datetime import date

from flask import render_template
from sqlalchemy import select

from .. import db
from ..domain import deadlines
from ..domain.deadlines import dutch_date, end_of_day, format_date_nl
from ..engine import NotCorrelated, RunContext, ScriptError, deliver_message, operation
from ..models import Document, MessageSubscription, ProcessInstance, Termijn, User, Zaak
from .errors import InvalidInput, NotFound
from .history import add_event, add_task_events
from .portal_mail import mail_inwoner
from .processing_log import log_processing
from .settings import extra_holidays, run_limits
from .termijn_brieven import letter_context, store_letter  # the same letterhead
from .termijn_klok import today
from .termijnen import PAPIER, local_noon
from .uow import unit_of_work

logger = logging.getLogger(__name__)

#: The BPMN message a signed aanvraag delivers (the linter knows it as delivered).
MESSAGE = "aanvraag_ingediend"
#: The letter's Document.soort.
SOORT = "recht_op_aanvraag"
#: How long the zaak waits for the aanvraag before it closes. The law sets no term (the right stays: a new melding
#: is always possible), so this is the gemeente's own, as long as the bezwaar term the inwoner knows from letters.
WACHT_WEKEN = 6
#: What the triage or the onderzoek found, as the letter's variant.
UITKOMSTEN = {"algemene_voorziening": "verwezen naar een algemene voorziening",
              "geen_maatwerkvoorziening": "geen maatwerkvoorziening nodig na het onderzoek"}
MAIL = ("Uitkomst van uw melding",
        "Er staat een brief voor u klaar bij zaak {zaaknummer}: de uitkomst van uw melding. Bent u het er niet mee "
        "eens? Dan mag u toch een aanvraag doen, in Mijn zaken. Log in om de brief te lezen.")


def wacht_tot(brief_dag: date, extra=()) -> date:
    """The last day the zaak waits for an aanvraag after the letter of `brief_dag` (Atw applied).

    >>> wacht_tot(date(2026, 11, 16))
    datetime.date(2026, 12, 28)
    """
    return deadlines.term_after(brief_dag, weeks=WACHT_WEKEN, kind=SOORT, article="art. 2.3.2 lid 9 Wmo 2015",
                                description_nl="een aanvraag doen", extra_holidays=extra).due


def _melden_preview(ctx, data, uitkomst: str) -> str:
    """A proefrit writes no letter and mails no one: only the date until which the zaak would wait."""
    if uitkomst not in UITKOMSTEN:
        raise ScriptError(f"Onbekende uitkomst '{uitkomst}' voor de brief over het recht op een aanvraag.")
    return end_of_day(wacht_tot(today(), ctx.extra_holidays)).isoformat()


@operation("recht_op_aanvraag_melden", preview=_melden_preview)
def recht_op_aanvraag_melden(ctx, data, uitkomst: str) -> str:
    """Put the letter in Mijn zaken, mail the inwoner, and return the end of the waiting period (the timer's date)."""
    if uitkomst not in UITKOMSTEN:
        raise ScriptError(f"Onbekende uitkomst '{uitkomst}' voor de brief over het recht op een aanvraag.")
    session = ctx.session
    zaak = session.get(Zaak, ctx.zaak_id)
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    dag = today()
    tot = wacht_tot(dag, ctx.extra_holidays)
    toelichting = data.get("vervolg_toelichting") if uitkomst == "algemene_voorziening" else data.get("verslag")
    html = render_template("documents/recht_op_aanvraag.html", uitkomst=uitkomst, toelichting=toelichting, tot=tot,
                           **letter_context(zaak, dag, actor))
    document = store_letter(session, zaak, SOORT, "Uitkomst van uw melding",
                            f"uitkomst-melding-{zaak.zaaknummer}.pdf", html)
    add_event(session, zaak.id, "recht_op_aanvraag",
              f"Brief verstuurd: {UITKOMSTEN[uitkomst]}; de inwoner mag tot en met {format_date_nl(tot)} "
              "toch een aanvraag doen", actor=actor, data={"document_id": document.id})
    log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling", action="aanmaken",
                   object_type="document", object_id=document.id, role=None if actor else "systeem",
                   description=f"Brief over het recht op een aanvraag in zaak {zaak.zaaknummer} gemaakt")
    mail_inwoner(session, zaak, MAIL[0], MAIL[1].format(zaaknummer=zaak.zaaknummer))
    if uitkomst == "algemene_voorziening":  # this letter is the written outcome of the melding (art. 2.3.2 lid 8)
        # the persoonlijk plan term is not met by it: the triage recorded the plan or the inwoner's "no plan", or
        # the term had passed (services/termijnen.py)
        for termijn in session.scalars(select(Termijn).where(Termijn.zaak_id == zaak.id, Termijn.met_at.is_(None),
                                                             Termijn.soort == "onderzoek")):
            termijn.met_at = local_noon(dag)
    return end_of_day(tot).isoformat()


def waiting(zaak_ids: list[int]) -> dict[int, date]:
    """Per zaak (of these) whose process waits for the inwoner's aanvraag: the last day to make it (two queries)."""
    if not zaak_ids:
        return {}
    ids = set(db.session.scalars(select(ProcessInstance.zaak_id).join(
        MessageSubscription, MessageSubscription.instance_id == ProcessInstance.id).where(
        ProcessInstance.zaak_id.in_(zaak_ids), ProcessInstance.status == "running",
        MessageSubscription.message_name == MESSAGE)))
    if not ids:
        return {}
    letters = {zaak_id: created for zaak_id, created in db.session.execute(
        select(Document.zaak_id, Document.created_at).where(Document.zaak_id.in_(ids), Document.soort == SOORT)
        .order_by(Document.id))}
    extra = extra_holidays()
    return {zaak_id: wacht_tot(dutch_date(letters[zaak_id]) if zaak_id in letters else today(), extra)
            for zaak_id in ids}


def indienen(session, zaak: Zaak, ondertekening, actor) -> bool:
    """Hand the signed aanvraag to the zaak's process if it waits for one (in the caller's unit of work): the
    consulent then registers it and the beslistermijn of two weeks runs. False when nothing waited (the usual
    aanvraag after an onderzoek with maatwerk: its task is already open)."""
    ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=actor.id, limits=run_limits(),
                     extra_holidays=extra_holidays())
    payload = {"zaak_id": zaak.id, "ondertekening_id": ondertekening.id,
               "ontvangen_op": dutch_date(ondertekening.ondertekend_op).isoformat()}
    try:
        instance = deliver_message(ctx, MESSAGE, payload)
    except NotCorrelated:
        return False
    add_event(session, zaak.id, "aanvraag_ingediend",
              "Aanvraag gedaan door de inwoner na de brief over het recht op een aanvraag", actor=actor)
    add_task_events(session, zaak.id, instance.new_tasks)
    logger.info("Aanvraag of zaak %s handed to its waiting process by %s", zaak.zaaknummer, actor.username)
    return True


def op_papier(actor, zaak: Zaak, ontvangen_op: str, bewijs: str) -> date:
    """Record an aanvraag the inwoner made by letter or phone while the zaak waits for one, and hand it to the
    waiting process like a signature in Mijn zaken (one unit of work); the day of receipt. InvalidInput names a
    missing or impossible date or a missing proof; NotFound when the zaak waits for no aanvraag (any more)."""
    with unit_of_work() as session:
        zaak = session.get(Zaak, zaak.id)
        day, bewijs = _paper_input(session, zaak, ontvangen_op, bewijs)
        ctx = RunContext(session=session, zaak_id=zaak.id, actor_id=actor.id, limits=run_limits(),
                         extra_holidays=extra_holidays())
        try:
            instance = deliver_message(ctx, MESSAGE, {"zaak_id": zaak.id, "ondertekening_id": None,
                                                      "ontvangen_op": day.isoformat()})
        except NotCorrelated:
            raise NotFound("Deze zaak wacht niet (meer) op een aanvraag.") from None
        add_event(session, zaak.id, PAPIER, f"Aanvraag ontvangen op {format_date_nl(day)} ({bewijs}); vastgelegd "
                  "na de brief over het recht op een aanvraag", actor=actor,
                  data={"ontvangen_op": day.isoformat(), "bewijs": bewijs})
        add_task_events(session, zaak.id, instance.new_tasks)
        log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                       action="wijzigen", object_type="zaak", object_id=zaak.id,
                       description=f"Aanvraag op papier of per telefoon vastgelegd in zaak {zaak.zaaknummer}")
    return day


def _paper_input(session, zaak: Zaak, ontvangen_op: str, bewijs: str) -> tuple[date, str]:
    bewijs = (bewijs or "").strip()[:200]
    try:
        day = date.fromisoformat((ontvangen_op or "").strip())
    except ValueError:
        day = None
    errors = {}
    letter = session.scalar(select(Document.created_at).where(Document.zaak_id == zaak.id, Document.soort == SOORT)
                            .order_by(Document.id.desc()).limit(1))
    if day is None:
        errors["ontvangen_op"] = "Vul de datum in waarop de aanvraag binnenkwam, bijvoorbeeld 14-12-2026."
    elif letter is not None and day < dutch_date(letter):
        errors["ontvangen_op"] = ("De aanvraag kan niet eerder binnen zijn dan de brief over het recht op een aanvraag "
                                  f"({format_date_nl(dutch_date(letter))}).")
    elif day > today():
        errors["ontvangen_op"] = "De datum van ontvangst kan niet in de toekomst liggen."
    if not bewijs:
        errors["bewijs"] = "Vul in hoe de aanvraag binnenkwam (brief of telefoon) met het kenmerk of de datum."
    if errors:
        raise InvalidInput(errors=errors)
    return day, bewijs
