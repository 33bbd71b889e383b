"""Read-only lookups the routes and use cases share: tasks with their facts, forms, choice lists, zaken."""
from sqlalchemy import select

from .. import db
from ..domain import policy
from ..domain.forms import choice_lists, with_choices
from ..models import Document, HumanTask, Person, ProcessInstance, Product, TaskDraft, User, Zaak
from .contract_tarieven import contracted_aanbieders
from .formulieren import form_of_instance
from .errors import NotFound
from .gemeenten import works_for


def get_task(task_id: int) -> HumanTask:
    task = db.session.get(HumanTask, task_id)
    if task is None:
        raise NotFound("Deze taak bestaat niet.")
    return task


def get_zaak(zaak_id: int) -> Zaak:
    zaak = db.session.get(Zaak, zaak_id)
    if zaak is None:
        raise NotFound("Deze zaak bestaat niet.")
    return zaak


def get_person(person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None:
        raise NotFound("Deze inwoner is niet bekend.")
    return person


def task_facts(task: HumanTask, session=None) -> policy.TaskFacts:
    """The task plus who is excluded from it by the vier-ogen rule."""
    session = session or db.session
    excluded = frozenset()
    if task.separate_from:
        excluded = frozenset(session.scalars(select(HumanTask.completed_by_id).where(
            HumanTask.zaak_id == task.zaak_id, HumanTask.spec_name == task.separate_from,
            HumanTask.status == "completed")))
    return policy.TaskFacts(task=task, excluded_user_ids=excluded)


def process_error_of(task: HumanTask) -> str | None:
    """The model error the task's process last stopped on (None when its last step went through)."""
    return db.session.scalar(select(ProcessInstance.error).where(ProcessInstance.id == task.instance_id))


def form_of(task: HumanTask) -> dict:
    """The task's form as the process version of its case published it (services/formulieren)."""
    return form_of_instance(db.session, task.instance_id, task.form_key)


def choices_for(zaak: Zaak, schema: dict, session=None) -> dict[str, list[str]]:
    """The allowed values of every keuzelijst in `schema`, for this zaak's domein."""
    session = session or db.session
    lists = set(choice_lists(schema).values())
    result = {}
    if "producten" in lists:
        result["producten"] = [p.productcode for p in products(zaak.domein, session)]
    if "aanbieders" in lists:
        result["aanbieders"] = [agb for agb, _ in aanbieder_choices(zaak, session)]
    return result


def aanbieder_choices(zaak: Zaak, session=None) -> list[tuple[str, str]]:
    """(AGB code, label) of the aanbieders a beschikking in natura of this zaak may choose: active in its
    gemeente with a contract for a product of its domein (the task checks product and date on completion)."""
    return contracted_aanbieders(session or db.session, zaak.gemeente_id, zaak.domein)


def form_with_choices(task: HumanTask) -> dict:
    """The task's form schema with the values of its keuzelijsten (products of the zaak's domein, aanbieders)
    filled in as `oneOf` with a title each: what an API client needs to complete the task."""
    schema = form_of(task)
    lists = choices_for(task.zaak, schema)
    labelled = {}
    if "producten" in lists:
        labelled["producten"] = [(p.productcode, f"{p.productcode} — {p.omschrijving}") for p in products(task.zaak.domein)]
    if "aanbieders" in lists:
        labelled["aanbieders"] = aanbieder_choices(task.zaak)
    return with_choices(schema, labelled)


def products(domein: str, session=None) -> list[Product]:
    session = session or db.session
    return list(session.scalars(select(Product).where(Product.domein == domein).order_by(Product.productcode)))


def user_by_name(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def open_tasks_of(zaak: Zaak) -> list[HumanTask]:
    return list(db.session.scalars(select(HumanTask).where(HumanTask.zaak_id == zaak.id, HumanTask.status == "open")
                                   .order_by(HumanTask.id)))


def previous_values(task: HumanTask) -> dict:
    """The data this step was last completed with in the same zaak (e.g. after a vier-ogen 'niet akkoord'),
    else what the zaak already tells (the aanvraag's date of receipt when the inwoner signed it in Mijn zaken)."""
    from .termijnen import proposed_values
    row = db.session.scalar(select(HumanTask).where(
        HumanTask.zaak_id == task.zaak_id, HumanTask.spec_name == task.spec_name, HumanTask.status == "completed")
        .order_by(HumanTask.completed_at.desc()).limit(1))
    return dict(row.data or {}) if row else proposed_values(db.session, task)


def active_user(user_id: int) -> User | None:
    user = db.session.get(User, user_id)
    return user if user is not None and user.active else None


def person_by_bsn(bsn: str) -> Person:
    person = db.session.scalar(select(Person).where(Person.bsn == bsn))
    if person is None:
        raise NotFound("Er is geen inwoner met dit BSN bekend.")
    return person


def completed_tasks(zaak: Zaak) -> list[HumanTask]:
    """The zaak's completed user tasks, oldest first: what was recorded in it so far."""
    return list(db.session.scalars(select(HumanTask).where(
        HumanTask.zaak_id == zaak.id, HumanTask.status == "completed").order_by(HumanTask.completed_at)))


def draft_of(task: HumanTask) -> TaskDraft | None:
    return db.session.scalar(select(TaskDraft).where(TaskDraft.task_id == task.id))


def colleagues_for(task: HumanTask, actor) -> list[User]:
    """Active users with the task's role in the task's gemeente to hand it to: not `actor`, not excluded by
    vier-ogen."""
    excluded = task_facts(task).excluded_user_ids | {actor.id}
    candidates = db.session.scalars(select(User).where(User.active.is_(True), User.roles.contains(task.lane),
                                                       works_for(task.gemeente_id))
                                    .order_by(User.display_name))
    return [u for u in candidates if u.has_role(task.lane) and u.id not in excluded]


def users_by_id(ids) -> dict[int, User]:
    ids = [i for i in ids if i]
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def staff_labels(ids) -> dict[int, tuple[str, str]]:
    """id → (username, display name) of these users: for a list of names, without loading each user's gemeenten
    and wijken as a User would (the werkvoorraad's "opgepakt door" lists every colleague with tasks)."""
    ids = sorted({i for i in ids if i})
    return {i: (username, name) for i, username, name in db.session.execute(
        select(User.id, User.username, User.display_name).where(User.id.in_(ids)))} if ids else {}


def documents_of(zaak: Zaak) -> list[Document]:
    """The zaak's documents without their bytes loaded, oldest first."""
    from sqlalchemy.orm import load_only
    return list(db.session.scalars(select(Document).where(Document.zaak_id == zaak.id).order_by(Document.id)
                                   .options(load_only(Document.id, Document.titel, Document.bestandsnaam,
                                                      Document.soort, Document.created_at, Document.zaak_id))))


def get_document(document_id: int) -> Document:
    document = db.session.get(Document, document_id)
    if document is None:
        raise NotFound("Dit document bestaat niet.")
    return document


def instances_of(zaak: Zaak) -> list[ProcessInstance]:
    return list(db.session.scalars(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak.id)
                                   .order_by(ProcessInstance.id)))
