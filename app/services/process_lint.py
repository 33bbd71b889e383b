"""Use case: lint a process model with the server's rule set (app/engine/lint) against what this platform has —
the forms (shipped, published, or made with the concept), the roles that work a werkvoorraad, the operations of
the engine's registry and the messages the exchange delivers. Read only; the concept page, `flask deploy` and (later) publishing ask it."""
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import undefer

from .. import db

from ..domain.decisions import STAFF_CASE_ROLES
from ..engine import InvalidModel
from ..engine.lint import Finding, LintContext, has_errors, lint_model
from ..engine.operations import OPERATIONS
from ..models import ProcessConcept
from . import exchange  # noqa: F401 — registers the exchange's operations
from .errors import NotFound
from .formulieren import known_keys
from .exchange.handlers.retour_toewijzing import MESSAGE as RETOUR_TOEWIJZING
from .process_models import require
from .recht_op_aanvraag import MESSAGE as AANVRAAG_INGEDIEND

#: Lanes a human task may sit in: the staff roles with a werkvoorraad, and the inwoner (Mijn zaken shows them).
TASK_LANES = frozenset({*STAFF_CASE_ROLES, "inwoner"})
#: Messages the platform delivers to a waiting case (engine.deliver_message callers).
DELIVERED_MESSAGES = frozenset({RETOUR_TOEWIJZING, AANVRAAG_INGEDIEND})


def lint_context(forms_dir: Path | None = None, concept_id: int | None = None) -> LintContext:
    """What a model may name: the forms shipped, published and (for a concept) made with it (services/formulieren);
    with `forms_dir` only the files there (no database: the unit tests and the benchmark)."""
    forms = frozenset(p.stem for p in Path(forms_dir).glob("*.json")) if forms_dir else known_keys(db.session, concept_id)
    return LintContext(forms=forms, lanes=TASK_LANES,
                       operations=frozenset(OPERATIONS), messages=DELIVERED_MESSAGES)


def lint(xml: bytes, context: LintContext | None = None, decisions: dict | None = None) -> list[Finding]:
    """The findings of the model `xml` with its DMN tables `decisions` ({decision id: XML})."""
    return lint_model(xml, context or lint_context(), decisions)


def require_clean(xml: bytes, what: str, context: LintContext | None = None,
                  decisions: dict | None = None) -> list[Finding]:
    """The findings of `xml` if it has no errors (warnings may be published); else InvalidModel naming them."""
    findings = lint(xml, context, decisions)
    if has_errors(findings):
        errors = [f for f in findings if f.severity == "error"]
        listed = "; ".join(f"{f.element_id or 'model'}{f' (regel {f.line})' if f.line else ''}: {f.message}"
                           for f in errors[:10])
        more = f" (en nog {len(errors) - 10})" if len(errors) > 10 else ""
        raise InvalidModel(f"{what} heeft {len(errors)} fout(en) en wordt niet gepubliceerd: {listed}{more}")
    return findings


@dataclass
class ConceptCheck:
    concept: ProcessConcept
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "error"]


def concept_check(user, concept_id: int) -> ConceptCheck:
    """A concept with the findings of its model, errors first."""
    require(user)
    concept = db.session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml))
                                .where(ProcessConcept.id == concept_id))
    if concept is None:
        raise NotFound("Dit concept bestaat niet.")
    return ConceptCheck(concept, lint(concept.bpmn_xml.encode("utf-8"), lint_context(concept_id=concept.id),
                                      decisions=concept.beslistabellen))
