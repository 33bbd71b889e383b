"""Use case: the beslistabellen (DMN decision tables) of a concept (#10 point 7). A procesontwerper opens a table of
a concept in the DMN editor and saves it (or uploads a .dmn file as a table of the concept, or starts an empty one); the table is checked
as strictly as the engine reads it (safe XML, one decision, the decision id kept) and stored with the concept, whose
content hash covers it, so a changed table withdraws the concept's open request to publish, like a changed model.
Lint findings are the concept's (process_lint). One transaction each, audited."""
import logging

from sqlalchemy import select
from sqlalchemy.orm import undefer

from .. import db
from ..domain.lege_beslistabel import empty_table, id_error
from ..engine import InvalidModel
from ..engine.decisions import MAX_DMN_BYTES, decision_id, decision_name
from ..engine.specs import sha256
from ..models import ProcessConcept, ProcessDefinition
from ..models.base import utcnow
from .audit import record
from .errors import Conflict, InvalidInput, NotFound
from .process_models import require
from .publicatie import withdraw_for_edit
from .uow import unit_of_work

logger = logging.getLogger(__name__)
#: The field the DMN editor's save and the upload name in their errors.
FIELD = "dmn"


def tables_of(concept) -> dict[str, str]:
    return dict(concept.beslistabellen or {})


def table_list(concept, edit_url) -> list[dict]:
    """The concept's tables for the modeler's panel: id, name and (edit_url(id)) where to edit it."""
    found = []
    for key, xml in sorted(tables_of(concept).items()):
        try:
            name = decision_name(xml)
        except InvalidModel:
            name = f"{key} (onleesbaar)"
        found.append({"id": key, "naam": name, "bewerken": edit_url(key)})
    return found


def load_table(user, concept_id: int, key: str) -> tuple[ProcessConcept, str]:
    """A concept and the DMN XML of its table `key`."""
    require(user)
    concept = db.session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml),
                                                               undefer(ProcessConcept.beslistabellen))
                                .where(ProcessConcept.id == concept_id))
    if concept is None:
        raise NotFound("Dit concept bestaat niet.")
    xml = tables_of(concept).get(key)
    if xml is None:
        raise NotFound(f"Concept {concept.id} heeft geen beslistabel '{key}'.")
    return concept, xml


def version_table(user, key: str, version: int, decision: str) -> tuple[str, bytes]:
    """(file name, DMN XML) of a table of a published version."""
    require(user)
    definition = db.session.scalar(select(ProcessDefinition).options(undefer(ProcessDefinition.beslistabellen))
                                   .where(ProcessDefinition.key == key, ProcessDefinition.version == version))
    xml = (definition.beslistabellen or {}).get(decision) if definition is not None else None
    if xml is None:
        raise NotFound("Deze beslistabel van deze versie bestaat niet.")
    return f"{key}-v{version}-{decision}.dmn", xml.encode("utf-8")


def concept_table(user, concept_id: int, decision: str) -> tuple[str, bytes]:
    concept, xml = load_table(user, concept_id, decision)
    return f"{concept.key}-concept-{concept.id}-{decision}.dmn", xml.encode("utf-8")


def save_table(user, concept_id: int, key: str, data: bytes, lock_version: int | None = None) -> ProcessConcept:
    """Replace table `key` of an open concept with the editor's DMN; InvalidInput (field 'dmn') in Dutch."""
    require(user, "ontwerpen.wijzigen")
    text = _checked(data)
    if decision_id(text) != key:
        raise InvalidInput(errors={FIELD: f"De beslissing heet nu '{decision_id(text)}'; de beslistaken roepen "
                                          f"'{key}' aan. Laat de id van de beslissing '{key}'."})
    return _store(user, concept_id, key, text, lock_version, must_exist=True)


def upload_table(user, concept_id: int, filename: str, data: bytes) -> tuple[ProcessConcept, str]:
    """Add or replace a table of an open concept from a .dmn file; return the concept and the decision id."""
    require(user, "ontwerpen.wijzigen")
    if filename and not filename.lower().endswith((".dmn", ".xml")):
        raise InvalidInput(errors={FIELD: f"'{filename}' is geen DMN-bestand; kies een bestand dat eindigt op .dmn."})
    text = _checked(data)
    key = decision_id(text)
    return _store(user, concept_id, key, text, None, must_exist=False), key


def new_table(user, concept_id: int, key: str, naam: str) -> ProcessConcept:
    """Add an empty table `key` (domain/lege_beslistabel) to an open concept, to be filled in the editor;
    InvalidInput names a bad or taken id (field 'id') or a name that is too long (field 'naam')."""
    require(user, "ontwerpen.wijzigen")
    key, naam = (key or "").strip(), (naam or "").strip()
    errors = {}
    if problem := id_error(key):
        errors["id"] = problem
    elif key in tables_of(_concept_of(concept_id)):
        errors["id"] = f"Dit concept heeft al een beslistabel '{key}'; kies een andere id of bewerk die tabel."
    if len(naam) > 200:
        errors["naam"] = "Een naam is hoogstens 200 tekens."
    if errors:
        raise InvalidInput(errors=errors)
    return _store(user, concept_id, key, empty_table(key, naam), None, must_exist=False)


def _concept_of(concept_id: int) -> ProcessConcept:
    concept = db.session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.beslistabellen))
                                .where(ProcessConcept.id == concept_id))
    if concept is None:
        raise NotFound("Dit concept bestaat niet.")
    return concept


def _checked(data: bytes) -> str:
    if not data:
        raise InvalidInput(errors={FIELD: "Er is geen beslistabel meegestuurd."})
    if len(data) > MAX_DMN_BYTES:
        raise InvalidInput(errors={FIELD: f"De beslistabel is {len(data) / 1024:.0f} kB; een beslistabel mag "
                                          "hoogstens 1 MB zijn."})
    try:
        text = data.decode("utf-8")
        decision_id(text)
    except UnicodeDecodeError as exc:
        raise InvalidInput(errors={FIELD: "De beslistabel is geen tekst in UTF-8."}) from exc
    except InvalidModel as exc:
        raise InvalidInput(errors={FIELD: str(exc)}) from exc
    return text


def _store(user, concept_id: int, key: str, text: str, lock_version: int | None, must_exist: bool):
    with unit_of_work() as session:
        concept = session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml),
                                                                undefer(ProcessConcept.beslistabellen))
                                 .where(ProcessConcept.id == concept_id).with_for_update())
        if concept is None:
            raise NotFound("Dit concept bestaat niet.")
        if concept.status != "concept":
            raise Conflict(f"Concept {concept.id} is al {concept.status} en kan niet meer worden gewijzigd.")
        if lock_version is not None and lock_version != concept.lock_version:
            raise Conflict(f"{concept.updated_by.display_name} heeft concept {concept.id} intussen opgeslagen. "
                           "Uw wijzigingen zijn niet opgeslagen; laad de pagina opnieuw om die versie te zien.")
        tables = tables_of(concept)
        if must_exist and key not in tables:
            raise NotFound(f"Concept {concept.id} heeft geen beslistabel '{key}'.")
        before_xml = tables.get(key)
        tables[key] = text
        digest, before = sha256(concept.bpmn_xml.encode("utf-8"), tables), concept.sha256
        concept.beslistabellen, concept.sha256 = tables, digest
        concept.updated_by_id, concept.updated_at = user.id, utcnow()
        session.flush()
        record(session, user, "beslistabel_opgeslagen", concept,
               {"beslistabel": [None, key], "sha256": [before, digest],
                "nieuw": [None, before_xml is None], "bytes": [None, len(text.encode("utf-8"))]})
        if digest != before:  # the reviewed content is gone: its open request to publish ends (#10 point 4)
            withdraw_for_edit(session, user, concept)
    logger.info("Table %s of concept %s saved by %s", key, concept.id, user.username)
    return concept
