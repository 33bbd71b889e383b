"""Use cases of the herindicatie (#17 point 7; Wmo 2015 art. 2.3.9): the periodic tick starts the `herindicatie`
process once per beschikking or toewijzing and period (domain/herindicatie.py decides the period), so the
consulent of the voorziening's gemeente finds "Herindicatie beoordelen" in the werkvoorraad, due on the day the
voorziening ends or its yearly review falls; the process's two operations record the outcome: a new melding for
the same inwoner (a new onderzoek), or closed with the reason no herindicatie is needed."""
import logging
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain.deadlines import end_of_day, format_date_nl
from ..domain.herindicatie import EINDE, due_period
from ..engine import RunContext, ScriptError, latest_definition, operation, start_instance
from ..models import Beschikking, Herindicatie, Person, Product, Toewijzing, User, Zaak
from ..models.base import utcnow
from . import clock
from .history import add_event, add_task_events
from .processing_log import log_processing
from .settings import extra_holidays, run_limits, setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)
TZ = ZoneInfo("Europe/Amsterdam")
#: Herindicaties started per tick at most; the next tick (a minute later) starts the rest.
BATCH = 200
KANAAL, KANAAL_LABEL = "herindicatie", "Herindicatie van een voorziening"


def plan_herindicaties(today: date | None = None, limit: int = BATCH) -> int:
    """Start the herindicaties due today that were not started yet (in one transaction); how many."""
    today = today or clock.now().astimezone(TZ).date()
    lead = timedelta(weeks=int(setting("HERINDICATIE_WEKEN")))
    try:
        with unit_of_work() as session:
            definition = latest_definition(session, "herindicatie")
            if definition is None:
                return 0
            due = _due(session, today, lead)[:limit]
            for kind, subject, soort, peildatum in due:
                _start(session, definition, kind, subject, soort, peildatum)
    except IntegrityError:  # a parallel tick started the same ones a moment ago: its rows stand
        logger.info("Herindicaties of %s were started by another tick", today)
        return 0
    if due:
        logger.info("Started %d herindicaties for %s", len(due), today)
    return len(due)


def _due(session, today: date, lead: timedelta) -> list[tuple]:
    """(kind, columns, soort, peildatum) of each beschikking and toewijzing whose herindicatie is due, not made."""
    window = (today, today + lead)
    made = set(session.execute(select(Herindicatie.beschikking_id, Herindicatie.toewijzing_id, Herindicatie.peildatum)
                               .where(Herindicatie.peildatum >= window[0])))
    followed_up = set(session.scalars(  # a herindicatie that led to a new beschikking: that one is looked at next
        select(Herindicatie.beschikking_id).join(Beschikking, Beschikking.zaak_id == Herindicatie.nieuwe_zaak_id)
        .where(Herindicatie.beschikking_id.is_not(None))))
    due = []
    beschikkingen = session.execute(  # columns only: every open-ended beschikking is read once a minute
        select(Beschikking.id, Beschikking.zaak_id, Beschikking.productcode, Beschikking.einddatum,
               Beschikking.bekendgemaakt_op, Beschikking.vastgesteld_op)
        .where(Beschikking.besluit == "toekennen", Beschikking.tijdelijk.is_(False),  # a spoed one waits for the onderzoek
               Beschikking.einddatum.is_(None) | Beschikking.einddatum.between(*window))
        .order_by(Beschikking.id))
    for b in beschikkingen:
        start = b.bekendgemaakt_op or b.vastgesteld_op.astimezone(TZ).date()  # "uiterlijk over een jaar" from the letter
        period = due_period(start, b.einddatum, today, lead)
        if period and b.id not in followed_up and (b.id, None, period[1]) not in made:
            due.append(("beschikking", b, *period))
    toewijzingen = session.execute(  # without a beschikking: the access came from a verwijzing (Jw art. 2.6 lid 1 g)
        select(Toewijzing.id, Toewijzing.zaak_id, Toewijzing.product_id, Toewijzing.ingangsdatum,
               Toewijzing.einddatum).where(Toewijzing.beschikking_id.is_(None), Toewijzing.einddatum.between(*window),
                                 Toewijzing.status.not_in(("afgewezen", "gestopt"))).order_by(Toewijzing.id))
    for t in toewijzingen:
        period = due_period(t.ingangsdatum, t.einddatum, today, lead)
        if period and (None, t.id, period[1]) not in made:
            due.append(("toewijzing", t, *period))
    return due


def _start(session, definition, kind: str, subject, soort: str, peildatum: date) -> Herindicatie:
    zaak = session.get(Zaak, subject.zaak_id)
    row = Herindicatie(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, soort=soort, peildatum=peildatum,
                       beschikking_id=subject.id if kind == "beschikking" else None,
                       toewijzing_id=subject.id if kind == "toewijzing" else None)
    session.add(row)
    session.flush()  # the unique (beschikking or toewijzing, peildatum) is the claim: a parallel tick stops here
    voorziening = _voorziening(session, zaak, kind, subject)
    ctx = RunContext(session=session, zaak_id=zaak.id, limits=run_limits(), extra_holidays=extra_holidays())
    instance = start_instance(ctx, definition, zaak.id, {
        "zaak_id": zaak.id, "zaaknummer": zaak.zaaknummer, "domein": zaak.domein, "herindicatie_id": row.id,
        "herindicatie_soort": soort, "herindicatie_voorziening": voorziening,
        "herindicatie_deadline": end_of_day(peildatum).isoformat(),
        "herindicatie_hulpvraag": None, "herindicatie_reden": None})
    row.instance_id = instance.id
    wat = (f"{voorziening} loopt af op {format_date_nl(peildatum)}" if soort == EINDE
           else f"jaarlijkse herbeoordeling van {voorziening}, uiterlijk {format_date_nl(peildatum)}")
    for task in instance.new_tasks:  # the task page names the voorziening (rows are written once, never rewritten)
        task.instructions = f"{wat[0].upper()}{wat[1:]}. {task.instructions or ''}".strip()
    add_event(session, zaak.id, "herindicatie_gepland", f"Herindicatie: {wat}",
              data={"herindicatie_id": row.id, f"{kind}_id": subject.id})
    add_task_events(session, zaak.id, instance.new_tasks)
    log_processing(session, actor=None, person=zaak.person, activity=f"{zaak.domein}-behandeling", action="aanmaken",
                   object_type="herindicatie", object_id=row.id, role="systeem",
                   description=f"Herindicatie klaargezet in zaak {zaak.zaaknummer}: {wat}")
    return row


def _voorziening(session, zaak: Zaak, kind: str, subject) -> str:
    """The product in words: 'Hulp bij het huishouden (01A03)'."""
    if kind == "toewijzing":
        product = session.get(Product, subject.product_id)
    else:
        product = session.scalar(select(Product).where(Product.domein == zaak.domein,
                                                       Product.productcode == subject.productcode))
    if product is None:
        return f"de voorziening {getattr(subject, 'productcode', '') or ''}".strip()
    return f"{product.omschrijving} ({product.productcode})"


@operation("herindicatie_melden")
def herindicatie_melden(ctx, data, herindicatie_id: int, hulpvraag: str | None = None) -> dict:
    """Open a new melding for the inwoner of the herindicatie: a new onderzoek in its domein."""
    from .meldingen import open_zaak
    session = ctx.session
    row = _open(session, herindicatie_id)
    zaak = session.get(Zaak, row.zaak_id)
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    person = session.get(Person, zaak.person_id)
    omschrijving = (hulpvraag or "").strip() or (
        f"Herindicatie: {data.get('herindicatie_voorziening') or 'de voorziening'} uit zaak {zaak.zaaknummer} "
        f"{'loopt af' if row.soort == EINDE else 'is een jaar verder'} ({format_date_nl(row.peildatum)}).")
    nieuw, _ = open_zaak(session, actor, person, zaak.domein, omschrijving, KANAAL, clock.now().astimezone(TZ).date(),
                         label=KANAAL_LABEL)
    row.uitkomst, row.nieuwe_zaak_id, row.afgerond_op = "nieuw_onderzoek", nieuw.id, utcnow()
    add_event(session, zaak.id, "herindicatie_afgerond", f"Herindicatie: nieuwe melding {nieuw.zaaknummer} geopend",
              actor=actor, data={"herindicatie_id": row.id, "zaak_id": nieuw.id})
    add_event(session, nieuw.id, "herindicatie_melding", f"Melding na herindicatie van zaak {zaak.zaaknummer}",
              actor=actor, data={"herindicatie_id": row.id, "zaak_id": zaak.id})
    log_processing(session, actor=actor, person=person, activity=f"{zaak.domein}-melding", action="aanmaken",
                   object_type="zaak", object_id=nieuw.zaaknummer,
                   description=f"Melding na herindicatie van zaak {zaak.zaaknummer} geregistreerd")
    logger.info("Herindicatie %s opened zaak %s", row.id, nieuw.zaaknummer)
    return {"zaak_id": nieuw.id, "zaaknummer": nieuw.zaaknummer}


@operation("herindicatie_afsluiten")
def herindicatie_afsluiten(ctx, data, herindicatie_id: int, reden: str | None = None) -> dict:
    """Close the herindicatie: no herindicatie needed, for the reason given."""
    if not (reden or "").strip():
        raise ScriptError("Een herindicatie sluit u alleen af met de reden dat herindicatie niet nodig is.")
    session = ctx.session
    row = _open(session, herindicatie_id)
    actor = session.get(User, ctx.actor_id) if ctx.actor_id else None
    row.uitkomst, row.reden, row.afgerond_op = "geen_herindicatie", reden.strip(), utcnow()
    add_event(session, row.zaak_id, "herindicatie_afgerond", "Herindicatie afgesloten: geen herindicatie nodig",
              actor=actor, data={"herindicatie_id": row.id})
    return {"herindicatie_id": row.id}


def _open(session, herindicatie_id: int) -> Herindicatie:
    row = session.get(Herindicatie, herindicatie_id)
    if row is None or row.uitkomst is not None:
        raise ScriptError(f"Herindicatie {herindicatie_id} bestaat niet of is al afgerond.")
    return row
