"""Use cases that read a person's data: every read is written to the processing log first."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..models import Beschikking, Document, HumanTask, Zaak
from .processing_log import log_list_processing, log_processing
from .uow import unit_of_work


def open_zaak(actor, zaak: Zaak, purpose: str, on_behalf_of=None) -> Zaak:
    """Record that `actor` views `zaak` (for `purpose`) and return it for display."""
    with unit_of_work() as session:
        log_processing(session, actor=actor, person=zaak.person, activity=purpose, action="lezen",
                       object_type="zaak", object_id=zaak.zaaknummer, on_behalf_of=on_behalf_of,
                       description=f"Zaak {zaak.zaaknummer} bekeken")
    return zaak


def open_task(actor, task: HumanTask) -> HumanTask:
    """Record that `actor` opens a task (and with it the case beside it)."""
    with unit_of_work() as session:
        zaak = session.get(Zaak, task.zaak_id)
        log_processing(session, actor=actor, person=zaak.person, activity=f"{zaak.domein}-behandeling",
                       action="lezen", object_type="taak", object_id=task.id,
                       description=f"Taak '{task.title}' en zaak {zaak.zaaknummer} bekeken")
    return task


def open_document(actor, document: Document, on_behalf_of=None) -> Document:
    """Record that `actor` opens a document of a zaak (HTML or PDF) and return it."""
    with unit_of_work() as session:
        zaak = session.get(Zaak, document.zaak_id)
        own = on_behalf_of is not None or actor.person_id == zaak.person_id
        purpose = "dossier-inzage" if own else f"{zaak.domein}-behandeling"
        log_processing(session, actor=actor, person=zaak.person, activity=purpose, action="lezen",
                       object_type="document", object_id=document.id, on_behalf_of=on_behalf_of,
                       description=f"Document '{document.titel}' van zaak {zaak.zaaknummer} bekeken")
    return document


def list_own_zaken(actor, person, on_behalf_of=None) -> list[Zaak]:
    """The zaken of `person`, for their own portal; the overview itself is a read of their data."""
    with unit_of_work() as session:
        zaken = list(session.scalars(select(Zaak).where(Zaak.person_id == person.id).order_by(Zaak.id.desc())
                                     .options(selectinload(Zaak.termijnen), selectinload(Zaak.beschikkingen))))
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="lezen",
                       object_type="zaken",
                       description="Overzicht van zaken bekeken" if on_behalf_of else "Overzicht van eigen zaken bekeken",
                       on_behalf_of=on_behalf_of)
    return zaken


def open_own_data(actor, person, *, what: str, object_type: str, on_behalf_of=None) -> None:
    """Record that `actor` is shown `person`'s own details in the portal (a page or form filled in with them)."""
    with unit_of_work() as session:
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="lezen",
                       object_type=object_type, on_behalf_of=on_behalf_of, description=what)


def log_task_list(actor, tasks, what: str) -> None:
    """A list of tasks shows whose zaak each is: one record per person, under the zaak's domein."""
    shown = {}
    for task in tasks:
        shown.setdefault(f"{task.zaak.domein}-behandeling", []).append(task.zaak.person)
    log_list_views(actor, shown, what)


def log_page_lists(actor, *, tasks=(), zaken_lists=(), people_lists=()) -> None:
    """One page showing several lists of people (the werkvoorraad: its tasks, the zaken a search found, the new
    messages, the correctieverzoeken): a record per person per list, all in one transaction.

    `tasks` is (tasks, what); each of `zaken_lists` is (zaken, what) — logged under the zaak's domein; each of
    `people_lists` is (people, purpose, what)."""
    lists = [(_by_domein(t.zaak for t in tasks[0]), tasks[1])] if tasks else []
    lists += [(_by_domein(zaken), what) for zaken, what in zaken_lists]
    lists += [({purpose: list(people)}, what) for people, purpose, what in people_lists]
    records = [(what, _unique(by_purpose)) for by_purpose, what in lists]
    if not any(people for _, people in records):
        return
    with unit_of_work() as session:
        for what, people in records:
            if people:
                log_list_processing(session, actor=actor, people=people, object_type="lijst", description=what)


def _by_domein(zaken) -> dict:
    shown = {}
    for zaak in zaken:
        shown.setdefault(f"{zaak.domein}-behandeling", []).append(zaak.person)
    return shown


def _unique(people_by_purpose: dict) -> list:
    seen = {}
    for purpose, people in people_by_purpose.items():
        for person in people:
            seen.setdefault((purpose, person.id), person)
    return [(purpose, person) for (purpose, _), person in seen.items()]


def beschikkingen_of(zaak: Zaak) -> list[Beschikking]:
    return list(zaak.beschikkingen)


def log_list_view(actor, people, purpose: str, what: str) -> None:
    """A list that shows people's names is a read of each of them: one record per person shown."""
    log_list_views(actor, {purpose: people}, what)


def log_list_views(actor, people_by_purpose: dict, what: str) -> None:
    """One list showing people for several purposes (Wmo and Jeugd): every record in one transaction."""
    seen = {}
    for purpose, people in people_by_purpose.items():
        for person in people:
            seen.setdefault((purpose, person.id), person)
    if not seen:
        return
    with unit_of_work() as session:
        log_list_processing(session, actor=actor, people=[(purpose, person) for (purpose, _), person in seen.items()],
                            object_type="lijst", description=what)
