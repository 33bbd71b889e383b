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


def log_zaak_list(actor, zaken, what: str) -> None:
    """A list of zaken shows whose each is: one record per person, under the zaak's domein."""
    shown = {}
    for zaak in zaken:
        shown.setdefault(f"{zaak.domein}-behandeling", []).append(zaak.person)
    log_list_views(actor, shown, what)


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
