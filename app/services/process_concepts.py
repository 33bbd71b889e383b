"""Use case: a procesontwerper brings in a concept of a process model — a .bpmn file from Camunda Modeler or
another tool — checked as strictly as a deploy (safe XML, one executable process, every expression through the
sandbox) before anything is stored; or opens one in the modeler from the latest version and saves it there
(the outline checked, lint findings kept for the modeler to show; a changed model withdraws the concept's open
request to publish). A concept carries the DMN tables of its business rule tasks (#10 point 7): a concept from a
version or an upload starts with the live version's tables; process_decisions.py saves one edited table. One transaction
each, audited; a refused file stores nothing."""
import logging
import re

from sqlalchemy import select
from sqlalchemy.orm import undefer

from ..engine import InvalidModel, latest_definition, parse_model
from ..engine.decisions import called_decisions
from ..engine.specs import sha256
from ..models import ProcessConcept, ProcessDefinition
from ..models.base import utcnow
from .audit import record
from .errors import Conflict, InvalidInput, NotFound
from .process_outline import check_bpmn_outline
from .process_models import require
from .publicatie import withdraw_for_edit
from .uow import unit_of_work

logger = logging.getLogger(__name__)
#: The largest model accepted (the designer's limit; wmo.bpmn is about 60 kB).
MAX_BPMN_BYTES = 5 * 1024 * 1024
FIELD = "bestand"
#: The field the modeler's save names in its errors.
SAVE_FIELD = "bpmn"


def upload_concept(user, filename: str, data: bytes) -> ProcessConcept:
    """Store `data` as a new concept of the process it defines; InvalidInput (field 'bestand') in Dutch."""
    require(user, "ontwerpen.wijzigen")
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    _check_file(name, data)
    key = process_key(data)
    with unit_of_work() as session:
        based_on = latest_definition(session, key) if key else None
        tables = _called(data, based_on.beslistabellen if based_on else None)
        try:
            parsed = parse_model(data, tables)
        except InvalidModel as exc:
            raise InvalidInput(errors={FIELD: str(exc)}) from exc
        if parsed.key != key:
            based_on = latest_definition(session, parsed.key)
        duplicate = session.scalar(select(ProcessConcept.id).where(
            ProcessConcept.key == parsed.key, ProcessConcept.status == "concept",
            ProcessConcept.sha256 == sha256(data, tables)))
        if duplicate is not None:
            raise InvalidInput(errors={FIELD: f"Dit bestand staat al als concept {duplicate} van "
                                              f"'{parsed.name}' klaar."})
        concept = ProcessConcept(key=parsed.key, name=parsed.name[:200], bpmn_xml=data.decode("utf-8"),
                                 beslistabellen=tables or None, sha256=sha256(data, tables), based_on=based_on,
                                 herkomst="upload", bestandsnaam=name or None, created_by_id=user.id,
                                 updated_by_id=user.id)
        session.add(concept)
        session.flush()
        record(session, user, "concept_geupload", concept,
               {"proces": [None, parsed.key], "bestand": [None, name],
                "gebaseerd_op": [None, based_on.version if based_on else None]})
    logger.info("Concept %s of %s uploaded by %s", concept.id, parsed.key, user.username)
    return concept


def concept_from_version(user, key: str) -> ProcessConcept:
    """A new concept (herkomst 'modeler') holding the latest published version of process `key`, to edit."""
    require(user, "ontwerpen.wijzigen")
    with unit_of_work() as session:
        based_on = session.scalar(select(ProcessDefinition).options(undefer(ProcessDefinition.bpmn_xml))
                                  .where(ProcessDefinition.key == key)
                                  .order_by(ProcessDefinition.version.desc()).limit(1))
        if based_on is None:
            raise NotFound("Dit procesmodel heeft nog geen gepubliceerde versie om te bewerken.")
        xml, tables = based_on.bpmn_xml, based_on.beslistabellen
        concept = ProcessConcept(key=key, name=based_on.name[:200], bpmn_xml=xml, beslistabellen=tables,
                                 sha256=sha256(xml.encode("utf-8"), tables),
                                 based_on=based_on, herkomst="modeler", created_by_id=user.id, updated_by_id=user.id)
        session.add(concept)
        session.flush()
        record(session, user, "concept_gemaakt", concept, {"proces": [None, key],
                                                           "gebaseerd_op": [None, based_on.version]})
    logger.info("Concept %s of %s v%s opened in the modeler by %s", concept.id, key, based_on.version, user.username)
    return concept


def save_concept(user, concept_id: int, data: bytes, lock_version: int | None = None) -> ProcessConcept:
    """Replace the XML of an open concept with what the modeler sends, recording who and when.

    Refused (InvalidInput, field 'bpmn', in Dutch; nothing stored) unless it is safe XML with one executable
    process keeping the concept's process id. A model with lint errors is still saved: the modeler shows them."""
    require(user, "ontwerpen.wijzigen")
    if not data:
        raise InvalidInput(errors={SAVE_FIELD: "Er is geen model meegestuurd om op te slaan."})
    if len(data) > MAX_BPMN_BYTES:
        raise InvalidInput(errors={SAVE_FIELD: f"Het model is {len(data) / 1024 / 1024:.1f} MB; een procesmodel "
                                               "mag hoogstens 5 MB zijn."})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(errors={SAVE_FIELD: "Het model is geen tekst in UTF-8."}) from exc
    with unit_of_work() as session:
        concept = session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml))
                                 .where(ProcessConcept.id == concept_id).with_for_update())
        if concept is None:
            raise NotFound("Dit concept bestaat niet.")
        if concept.status != "concept":
            raise Conflict(f"Concept {concept.id} is al {concept.status} en kan niet meer worden gewijzigd.")
        if lock_version is not None and lock_version != concept.lock_version:
            raise Conflict(f"{concept.updated_by.display_name} heeft concept {concept.id} intussen opgeslagen. "
                           "Uw wijzigingen zijn niet opgeslagen; laad de pagina opnieuw om die versie te zien.")
        name = check_bpmn_outline(data, concept.key)
        digest, before = sha256(data, concept.beslistabellen), concept.sha256
        concept.bpmn_xml, concept.sha256, concept.name = text, digest, name[:200]
        concept.updated_by_id, concept.updated_at = user.id, utcnow()
        session.flush()
        record(session, user, "concept_opgeslagen", concept, {"sha256": [before, digest], "bytes": [None, len(data)]})
        if digest != before:  # the reviewed content is gone: its open request to publish ends (#10 point 4)
            withdraw_for_edit(session, user, concept)
    logger.info("Concept %s of %s saved in the modeler by %s", concept.id, concept.key, user.username)
    return concept


def process_key(data: bytes) -> str | None:
    """The id of the (first) executable process of a BPMN file, or None."""
    for attributes in re.findall(rb"<(?:[\w-]+:)?process\b([^>]*)>", data[:MAX_BPMN_BYTES]):
        key = re.search(rb'\bid="([^"]+)"', attributes)
        if key and re.search(rb'\bisExecutable="true"', attributes):
            return key.group(1).decode("utf-8", "replace")
    return None


def _called(data: bytes, tables: dict | None) -> dict:
    """The tables of `tables` (a live version's) that the model `data` calls."""
    called = called_decisions(data)
    return {key: xml for key, xml in (tables or {}).items() if key in called}


def _check_file(name: str, data: bytes) -> None:
    if not data:
        raise InvalidInput(errors={FIELD: "Kies een BPMN-bestand (.bpmn) om te uploaden."})
    if len(data) > MAX_BPMN_BYTES:
        raise InvalidInput(errors={FIELD: f"Het bestand is {len(data) / 1024 / 1024:.1f} MB; een procesmodel mag "
                                          "hoogstens 5 MB zijn."})
    if name and not name.lower().endswith((".bpmn", ".xml")):
        raise InvalidInput(errors={FIELD: f"'{name}' is geen BPMN-bestand; kies een bestand dat eindigt op .bpmn."})
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(errors={FIELD: "Het bestand is geen tekst in UTF-8; een BPMN-bestand is XML in "
                                          "UTF-8."}) from exc
