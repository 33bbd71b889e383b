"""Use case: a procesontwerper brings in a concept of a process model — a .bpmn file from Camunda Modeler or
another tool — checked as strictly as a deploy (safe XML, one executable process, every expression through the
sandbox) before anything is stored; one transaction, audited. A refused file stores nothing."""
import logging

from sqlalchemy import select

from ..engine import InvalidModel, latest_definition, parse_model
from ..engine.specs import sha256
from ..models import ProcessConcept
from .audit import record
from .errors import InvalidInput
from .process_models import require
from .uow import unit_of_work

logger = logging.getLogger(__name__)
#: The largest model accepted (the designer's limit; wmo.bpmn is about 60 kB).
MAX_BPMN_BYTES = 5 * 1024 * 1024
FIELD = "bestand"


def upload_concept(user, filename: str, data: bytes) -> ProcessConcept:
    """Store `data` as a new concept of the process it defines; InvalidInput (field 'bestand') in Dutch."""
    require(user, "ontwerpen.wijzigen")
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    _check_file(name, data)
    try:
        parsed = parse_model(data)
    except InvalidModel as exc:
        raise InvalidInput(errors={FIELD: str(exc)}) from exc
    with unit_of_work() as session:
        based_on = latest_definition(session, parsed.key)
        duplicate = session.scalar(select(ProcessConcept.id).where(
            ProcessConcept.key == parsed.key, ProcessConcept.status == "concept",
            ProcessConcept.sha256 == sha256(data)))
        if duplicate is not None:
            raise InvalidInput(errors={FIELD: f"Dit bestand staat al als concept {duplicate} van "
                                              f"'{parsed.name}' klaar."})
        concept = ProcessConcept(key=parsed.key, name=parsed.name[:200], bpmn_xml=data.decode("utf-8"),
                                 sha256=sha256(data), based_on=based_on, herkomst="upload", bestandsnaam=name or None,
                                 created_by_id=user.id, updated_by_id=user.id)
        session.add(concept)
        session.flush()
        record(session, user, "concept_geupload", concept,
               {"proces": [None, parsed.key], "bestand": [None, name],
                "gebaseerd_op": [None, based_on.version if based_on else None]})
    logger.info("Concept %s of %s uploaded by %s", concept.id, parsed.key, user.username)
    return concept


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
