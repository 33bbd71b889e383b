"""Use case: deploy the shipped BPMN models (the files in bpmn/, `flask deploy`) as new versions. A shipped model
with a lint error (app/engine/lint) is refused and nothing of the directory is deployed. A model made in the
designer is never deployed from here: it is published only through an approved request (services/publicatie).
A shipped version gets the shipped forms its tasks use (services/formulieren)."""
import logging
from pathlib import Path

from ..engine import deploy_model
from .formulieren import seed_shipped_forms
from .process_lint import lint_context, require_clean
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def deploy_directory(directory: Path, deployed_by=None) -> list[tuple[str, int, bool]]:
    """Deploy every .bpmn file in `directory` whose content is new; return (key, version, is_new)."""
    result = []
    paths = sorted(Path(directory).glob("*.bpmn"))
    context = lint_context()
    for path in paths:
        require_clean(path.read_bytes(), f"Model {path.name}", context)
    with unit_of_work() as session:
        for path in paths:
            definition, is_new = deploy_model(session, path.read_bytes(), getattr(deployed_by, "id", None))
            result.append((definition.key, definition.version, is_new))
        seed_shipped_forms(session)  # the forms of the shipped models, from forms/*.json (#10 point 6)
    for key, version, is_new in result:
        if is_new:
            logger.info("Model %s deployed as version %s", key, version)
    return result

