"""The beschikking on the dwangsom (#17 point 4, Awb 4:18): once a dwangsom has ended — its 42nd day passed, or the
beschikking on the aanvraag was made known — the periodic tick starts the `dwangsom` process once per
ingebrekestelling, so the consulent of the zaak's gemeente finds "Dwangsom vaststellen" in the werkvoorraad, due two
weeks after the dwangsom's last day; the process's operation records the amount set (checked against the computed
one: another amount needs a reason), writes the beschikking as a letter with the zaak (amount, how it adds up,
payment, bezwaar) and tells the inwoner in Mijn zaken."""
import logging
from datetime import date

from flask import render_template
from sqlalchemy import select

from ..domain import dwangsom as rule
from ..domain.deadlines import bezwaar_deadline, end_of_day, format_date_nl
from ..engine import RunContext, ScriptError, latest_definition, operation, start_instance
from ..models import HumanTask, Ingebrekestelling, PortaalBericht, User, Zaak
from .dwangsom import bekendgemaakt_op, stand_of
from .history import add_event, add_task_events
from .portal_mail import mail_inwoner
from .processing_log import log_processing
from .settings import extra_holidays, run_limits
from .termijn_brieven import letter_context, store_letter
from .termijn_klok import today as dutch_today
from .uow import unit_of_work

logger = logging.getLogger(__name__)
SPEC = "dwangsom_vaststellen"
#: The Document.soort of the beschikking on the dwangsom.
SOORT = "dwangsom_beschikking"
MAIL_INWONER = ("De gemeente heeft de dwangsom vastgesteld",
                "In zaak {zaaknummer} heeft de gemeente de dwangsom vastgesteld. Log in op Mijn zaken om het bedrag "
                "te lezen.")


def plan_vaststellingen(today: date | None = None) -> int:
    """Start the beschikking task of every dwangsom that has ended and has none yet (one transaction); how many."""
    today = today or dutch_today()
    with unit_of_work() as session:
        definition = latest_definition(session, "dwangsom")
        if definition is None:
            return 0
        started = 0
        # rows without a task yet: few (one per late zaak), and an ended dwangsom leaves this set at once
        for row in session.scalars(select(Ingebrekestelling).where(Ingebrekestelling.instance_id.is_(None),
                                                                    Ingebrekestelling.vastgesteld_op.is_(None))
                                   .order_by(Ingebrekestelling.id).with_for_update(skip_locked=True)):
            stand = stand_of(row, bekendgemaakt_op(session, row.zaak_id), today)
            if stand.laatste_dag is None or stand.laatste_dag >= today or stand.dagen == 0:
                continue  # still running, its last day is today, or the gemeente decided within the two weeks
            _start(session, definition, row, stand)
            started += 1
    if started:
        logger.info("Started %d dwangsom beschikkingen for %s", started, today)
    return started


def _start(session, definition, row: Ingebrekestelling, stand: rule.Stand) -> None:
    zaak = session.get(Zaak, row.zaak_id)
    due = rule.vaststellen_uiterlijk(stand.laatste_dag, extra_holidays()).due
    row.laatste_dag, row.vaststellen_uiterlijk = stand.laatste_dag, due
    ctx = RunContext(session=session, zaak_id=zaak.id, limits=run_limits(), extra_holidays=extra_holidays())
    instance = start_instance(ctx, definition, zaak.id, {
        "zaak_id": zaak.id, "zaaknummer": zaak.zaaknummer, "domein": zaak.domein, "ingebrekestelling_id": row.id,
        "dwangsom_dagen": stand.dagen, "dwangsom_berekend": stand.bedrag,
        "dwangsom_deadline": end_of_day(due).isoformat(), "dwangsom_bedrag": None, "dwangsom_toelichting": None})
    row.instance_id = instance.id
    wat = (f"Dwangsom van {format_date_nl(stand.eerste_dag)} tot en met {format_date_nl(stand.laatste_dag)}: "
           f"{stand.dagen} dag{'en' if stand.dagen != 1 else ''}, berekend {rule.euro(stand.bedrag)}")
    if row.uitzondering:
        wat += f"; geen dwangsom verschuldigd volgens de consulent: {rule.UITZONDERINGEN[row.uitzondering]}"
    for task in instance.new_tasks:  # the task page says what to set (rows are written once, never rewritten)
        task.instructions = f"{wat}. Vaststellen uiterlijk {format_date_nl(due)}. {task.instructions or ''}".strip()
    add_event(session, zaak.id, "dwangsom_afgelopen", f"{wat}. Vaststellen uiterlijk {format_date_nl(due)} "
              "(art. 4:18 Awb)", data={"ingebrekestelling_id": row.id})
    add_task_events(session, zaak.id, instance.new_tasks)
    log_processing(session, actor=None, person=zaak.person, activity=f"{zaak.domein}-behandeling", action="aanmaken",
                   object_type="ingebrekestelling", object_id=row.id, role="systeem",
                   description=f"Taak dwangsom vaststellen klaargezet in zaak {zaak.zaaknummer}")


def berekend(session, row: Ingebrekestelling) -> int:
    """The amount the law gives for this ingebrekestelling now (0 when excepted, art. 4:17 lid 6)."""
    return stand_of(row, bekendgemaakt_op(session, row.zaak_id), dutch_today()).bedrag


def task_errors(session, task: HumanTask, data: dict) -> dict[str, str]:
    """Field → Dutch message for the amount on the 'Dwangsom vaststellen' form (services/tasks.py asks)."""
    if task.spec_name != SPEC:
        return {}
    row = session.scalar(select(Ingebrekestelling).where(Ingebrekestelling.instance_id == task.instance_id))
    if row is None:
        return {}
    _, errors = rule.vaststelling_errors(data.get("dwangsom_bedrag"), berekend(session, row),
                                         data.get("dwangsom_toelichting") or "")
    return errors


@operation("dwangsom_vastleggen")
def dwangsom_vastleggen(ctx, data, ingebrekestelling_id: int, bedrag: int | None = None,
                        toelichting: str | None = None) -> dict:
    """Record the amount the beschikking on the dwangsom set and tell the inwoner."""
    session = ctx.session
    row = session.get(Ingebrekestelling, ingebrekestelling_id)
    if row is None or row.vastgesteld_op is not None:
        raise ScriptError(f"Ingebrekestelling {ingebrekestelling_id} bestaat niet of de dwangsom is al vastgesteld.")
    law = stand_of(row, bekendgemaakt_op(session, row.zaak_id), dutch_today())
    amount, errors = rule.vaststelling_errors(bedrag, law.bedrag, toelichting or "")
    if errors:
        raise ScriptError(" ".join(errors.values()))
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    zaak = session.get(Zaak, row.zaak_id)
    row.vastgesteld_bedrag, row.vastgesteld_op = amount, dutch_today()
    row.vastgesteld_door_id, row.vaststelling_toelichting = ctx.actor_id, (toelichting or "").strip() or None
    add_event(session, zaak.id, "dwangsom_vastgesteld", f"Dwangsom vastgesteld op {rule.euro(amount)} (art. 4:18 Awb)",
              actor=actor, data={"ingebrekestelling_id": row.id})
    document = _letter(session, zaak, row, actor, law)
    tekst = (f"Wij hebben de dwangsom vastgesteld op {rule.euro(amount)}." if amount else
             "Wij hebben besloten dat u geen dwangsom krijgt.")
    tekst += (" U leest het besluit, met de berekening en hoe u bezwaar maakt, in de brief 'Besluit over de "
              "dwangsom' bij deze zaak.")
    session.add(PortaalBericht(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, van="gemeente", afzender_id=ctx.actor_id, soort="dwangsom",
                               tekst=tekst))
    add_event(session, zaak.id, "document_gemaakt", f"Document '{document.titel}' gemaakt", actor=actor,
              data={"document_id": document.id})
    log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling", action="wijzigen",
                   object_type="ingebrekestelling", object_id=row.id,
                   description=f"Dwangsom vastgesteld in zaak {zaak.zaaknummer}")
    mail_inwoner(session, zaak, MAIL_INWONER[0], MAIL_INWONER[1].format(zaaknummer=zaak.zaaknummer))
    logger.info("Dwangsom of zaak %s set at %s euro", zaak.zaaknummer, amount)
    return {"ingebrekestelling_id": row.id, "bedrag": amount, "document_id": document.id}


def _letter(session, zaak: Zaak, row: Ingebrekestelling, actor, law: rule.Stand):
    """The beschikking on the dwangsom as a letter with the zaak (HTML and PDF), dated and sent today."""
    day = dutch_today()
    html = render_template("documents/dwangsom_beschikking.html", row=row, dagen=law.dagen, opbouw=rule.opbouw(law.dagen),
                           bedrag=row.vastgesteld_bedrag, berekend=law.bedrag, euro=rule.euro,
                           uitzondering=rule.UITZONDERINGEN.get(row.uitzondering) if row.uitzondering else None,
                           bezwaar=format_date_nl(bezwaar_deadline(day, extra_holidays()).due),
                           **letter_context(zaak, day, actor))
    return store_letter(session, zaak, SOORT, "Besluit over de dwangsom", f"dwangsom-{zaak.zaaknummer}.pdf", html)
