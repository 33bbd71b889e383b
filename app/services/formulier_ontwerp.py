"""Use cases of the form editor beside the model (#10 point 6): the forms of a concept (those its user tasks use
and those made with it), saving a form's JSON Schema with the concept — checked first (app/domain/form_checks),
nothing stored when it fails — and making a new form for it. One transaction each, audited (who, when, what);
a changed form withdraws the concept's open request to publish, as a changed model does."""
import json
import logging
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import undefer

from .. import db
from ..domain import policy
from ..domain.form_checks import KEY_PATTERN, WHOLE, check_form_text
from ..engine.lint.forms import used_form_keys
from ..models import ConceptFormulier, ProcessConcept
from ..models.base import utcnow
from .audit import record
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .formulieren import FormSource, concept_form, digest, known_keys
from .process_models import require
from .publicatie import withdraw_for_edit
from .uow import unit_of_work

logger = logging.getLogger(__name__)
#: The fields of the new-form form.
KEY_FIELD, TITLE_FIELD = "sleutel", "titel"


@dataclass
class FormRow:
    key: str
    #: The tasks of the concept that use it (names); empty for a form made with the concept and not used yet.
    tasks: list[str]
    source: FormSource | None


@dataclass
class ConceptForms:
    concept: ProcessConcept
    rows: list[FormRow] = field(default_factory=list)


def concept_forms(user, concept_id: int) -> ConceptForms:
    """Every form of the concept: those its user tasks use, in the model's order, then those made with it."""
    require(user)
    concept = _concept(db.session, concept_id)
    used = used_form_keys(concept.bpmn_xml.encode("utf-8"))
    made = db.session.scalars(select(ConceptFormulier.key).where(ConceptFormulier.concept_id == concept.id)
                              .order_by(ConceptFormulier.key))
    keys = list(used) + [key for key in made if key not in used]
    return ConceptForms(concept, [FormRow(key, used.get(key, []), concept_form(db.session, concept, key))
                                  for key in keys])


def form_for_editing(user, concept_id: int, key: str) -> tuple[ProcessConcept, FormSource, list[str]]:
    """(concept, form, tasks using it); NotFound when the concept has no form `key`."""
    require(user)
    concept = _concept(db.session, concept_id)
    source = concept_form(db.session, concept, key)
    if source is None:
        raise NotFound(f"Formulier '{key}' bestaat niet. Maak het eerst aan bij de formulieren van het concept.")
    return concept, source, used_form_keys(concept.bpmn_xml.encode("utf-8")).get(key, [])


def save_form(user, concept_id: int, key: str, text: str, lock_version: int | None = None) -> ConceptFormulier:
    """Store `text` as form `key` of the concept; InvalidInput (field → Dutch message) when a check fails."""
    schema, problems = check_form_text(text)
    if problems:
        raise InvalidInput(errors=problems)
    with unit_of_work() as session:
        concept = _editable(session, user, concept_id)
        source = concept_form(session, concept, key)
        if source is None:
            raise NotFound(f"Formulier '{key}' bestaat niet. Maak het eerst aan bij de formulieren van het concept.")
        draft = source.draft
        if draft is not None and lock_version is not None and lock_version != draft.lock_version:
            raise Conflict(f"{draft.updated_by.display_name} heeft formulier '{key}' intussen opgeslagen. Uw "
                           "wijziging is niet opgeslagen; laad de pagina opnieuw om die versie te zien.")
        before = digest(source.schema)
        if draft is None:
            draft = ConceptFormulier(concept_id=concept.id, key=key, based_on=source.version, created_by_id=user.id)
            session.add(draft)
        draft.bron, draft.updated_by_id, draft.updated_at = text, user.id, utcnow()
        session.flush()
        after = digest(schema)
        record(session, user, "formulier_opgeslagen", draft,
               {"concept": [None, concept.id], "formulier": [None, key], "sha256": [before, after],
                "velden": [sorted(source.schema.get("properties", {})), sorted(schema["properties"])]})
        if after != before:  # the reviewed content is gone (#10 point 4)
            withdraw_for_edit(session, user, concept)
    logger.info("Form %s of concept %s saved by %s", key, concept_id, user.username)
    return draft


def create_form(user, concept_id: int, key: str, title: str) -> ConceptFormulier:
    """A new form `key` for the concept, with one text field to start from."""
    key, title = (key or "").strip(), (title or "").strip()
    errors = {}
    if not KEY_PATTERN.match(key):
        errors[KEY_FIELD] = ("Gebruik voor de naam 2 tot 100 kleine letters, cijfers en _, beginnend met een letter "
                             "(bijvoorbeeld huisbezoek_verslag); de taak noemt het formulier zo.")
    starter = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, "type": "object",
               "properties": {"toelichting": {"type": "string", "title": "Toelichting", "maxLength": 4000,
                                              "x-widget": "textarea"}}, "required": []}
    _, problems = check_form_text(json.dumps(starter))
    if problems.get(WHOLE) and not errors.get(TITLE_FIELD):
        errors[TITLE_FIELD] = ("Geef het formulier een titel in het Nederlands, zoals de medewerker hem boven de "
                               "taak leest." if not title or len(title) <= 200 else "Gebruik hoogstens 200 tekens.")
    with unit_of_work() as session:
        concept = _editable(session, user, concept_id)
        if KEY_FIELD not in errors and key in known_keys(session, concept.id):
            errors[KEY_FIELD] = f"Er is al een formulier '{key}'. Kies een andere naam, of bewerk dat formulier."
        if errors:
            raise InvalidInput(errors=errors)
        draft = ConceptFormulier(concept_id=concept.id, key=key, bron=json.dumps(starter, ensure_ascii=False, indent=2),
                                 created_by_id=user.id, updated_by_id=user.id)
        session.add(draft)
        session.flush()
        record(session, user, "formulier_gemaakt", draft,
               {"concept": [None, concept.id], "formulier": [None, key], "titel": [None, title]})
    logger.info("Form %s made for concept %s by %s", key, concept_id, user.username)
    return draft


def _editable(session, user, concept_id: int) -> ProcessConcept:
    concept = session.scalar(select(ProcessConcept).where(ProcessConcept.id == concept_id).with_for_update())
    if concept is None:
        raise NotFound("Dit concept bestaat niet.")
    decision = policy.decide(user, "formulier.wijzigen", concept)
    if not decision:
        may_edit_forms = policy.decide(user, "formulier.wijzigen")  # the role, whatever the concept's state
        raise Conflict(decision.reason) if may_edit_forms else Forbidden(decision.reason)
    return concept


def _concept(session, concept_id: int) -> ProcessConcept:
    concept = session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml))
                             .where(ProcessConcept.id == concept_id))
    if concept is None:
        raise NotFound("Dit concept bestaat niet.")
    return concept
