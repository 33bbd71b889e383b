"""Deploy BPMN models as numbered versions; an unchanged file deploys nothing new."""
import logging

from sqlalchemy import func, select

from ..models import ProcessDefinition
from .specs import parse_model, sha256

logger = logging.getLogger(__name__)


def deploy_model(session, xml: bytes, deployed_by_id: int | None = None,
                 identity: str | None = None) -> tuple[ProcessDefinition, bool]:
    """Validate `xml` and store it as the next version of its process; return (definition, is_new). A version is
    known by `identity` (default: the sha256 of the XML; a publication whose forms differ from those of the version
    with this XML passes one that covers its forms too, so the same XML with other forms is a new version)."""
    model = parse_model(xml)
    digest = identity or sha256(xml)
    existing = session.scalar(select(ProcessDefinition).where(
        ProcessDefinition.key == model.key, ProcessDefinition.sha256 == digest))
    if existing is not None:
        return existing, False
    version = (session.scalar(select(func.max(ProcessDefinition.version))
                              .where(ProcessDefinition.key == model.key)) or 0) + 1
    definition = ProcessDefinition(key=model.key, version=version, name=model.name,
                                   bpmn_xml=xml.decode("utf-8"), sha256=digest, deployed_by_id=deployed_by_id)
    session.add(definition)
    session.flush()
    logger.info("Deployed %s version %s (%s)", model.key, version, digest[:12])
    return definition, True


def latest_definition(session, key: str) -> ProcessDefinition | None:
    return session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == key)
                          .order_by(ProcessDefinition.version.desc()).limit(1))
