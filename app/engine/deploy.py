"""Deploy BPMN models (with their DMN decision tables) as numbered versions; an unchanged model deploys nothing
new."""
import logging

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..models import ProcessDefinition
from .errors import VersionTaken
from .specs import parse_model, sha256

logger = logging.getLogger(__name__)


def deploy_model(session, xml: bytes, deployed_by_id: int | None = None, decisions: dict | None = None,
                 identity: str | None = None) -> tuple[ProcessDefinition, bool]:
    """Validate `xml` with its DMN tables ({decision id: XML}) and store both as the next version of its process;
    return (definition, is_new). A version is known by `identity` (default: the content hash of the XML and its
    tables; a publication whose forms differ from those of the version with this content passes one that covers
    its forms too, so the same model with other forms is a new version). VersionTaken when another transaction
    stored that version number first (the session must then be rolled back)."""
    model = parse_model(xml, decisions)
    digest = identity or sha256(xml, decisions)
    existing = session.scalar(select(ProcessDefinition).where(
        ProcessDefinition.key == model.key, ProcessDefinition.sha256 == digest))
    if existing is not None:
        return existing, False
    version = (session.scalar(select(func.max(ProcessDefinition.version))
                              .where(ProcessDefinition.key == model.key)) or 0) + 1
    definition = ProcessDefinition(key=model.key, version=version, name=model.name,
                                   bpmn_xml=xml.decode("utf-8"), sha256=digest, deployed_by_id=deployed_by_id,
                                   beslistabellen=dict(decisions) if decisions else None)
    session.add(definition)
    try:
        session.flush()
    except IntegrityError as exc:  # two deploys of one process at once: the unique (key, version) let one in
        raise VersionTaken(model.key, version) from exc
    logger.info("Deployed %s version %s (%s)", model.key, version, digest[:12])
    return definition, True


def latest_definition(session, key: str) -> ProcessDefinition | None:
    return session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == key)
                          .order_by(ProcessDefinition.version.desc()).limit(1))
