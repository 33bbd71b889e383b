"""Use case: deploy the shipped BPMN models (the files in bpmn/, `flask deploy`) as new versions, each with the DMN
decision tables (bpmn/*.dmn) its business rule tasks call. A shipped model with a lint error (app/engine/lint) is
refused and nothing of the directory is deployed. A model made in the designer is never deployed from here: it is
published only through an approved request (services/publicatie). A shipped version gets the shipped forms its
tasks use (services/formulieren)."""
import logging
from pathlib import Path

from ..engine import deploy_model
from ..engine.decisions import called_decisions, decision_id
from .formulieren import seed_shipped_forms
from .process_lint import lint_context, require_clean
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def decisions_in(directory: Path) -> dict[str, str]:
    """{decision id: DMN XML} of every .dmn file in `directory`."""
    return {decision_id(path.read_bytes()): path.read_text(encoding="utf-8")
            for path in sorted(Path(directory).glob("*.dmn"))}


def decisions_of(xml: bytes, available: dict[str, str]) -> dict[str, str]:
    """The tables of `available` that the model `xml` calls (an unknown one is left to the linter to name)."""
    called = called_decisions(xml)
    return {key: dmn for key, dmn in available.items() if key in called}


def deploy_directory(directory: Path, deployed_by=None) -> list[tuple[str, int, bool]]:
    """Deploy every .bpmn file in `directory` whose content (with its tables) is new; return (key, version, is_new)."""
    result = []
    paths = sorted(Path(directory).glob("*.bpmn"))
    context = lint_context()
    available = decisions_in(directory)
    tables = {path: decisions_of(path.read_bytes(), available) for path in paths}
    for path in paths:
        require_clean(path.read_bytes(), f"Model {path.name}", context, tables[path])
    with unit_of_work() as session:
        for path in paths:
            definition, is_new = deploy_model(session, path.read_bytes(), getattr(deployed_by, "id", None),
                                              tables[path] or None)
            result.append((definition.key, definition.version, is_new))
        seed_shipped_forms(session)  # the forms of the shipped models, from forms/*.json (#10 point 6)
    for key, version, is_new in result:
        if is_new:
            logger.info("Model %s deployed as version %s", key, version)
    return result
