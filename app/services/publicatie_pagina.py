"""Read side of vier-ogen on publishing: the requests to review and one's own, and one request as its page shows
it — the concept against the live version it is compared with (the engine's list of changed steps; the browser
draws both diagrams and highlights the differences with bpmn-js-differ), the lint findings at this moment and
the audit trail of every step. Read only; process models hold no personal data."""
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import undefer

from .. import db
from ..domain import policy
from ..domain.decisions import Decision, deny
from ..engine import Change, InvalidModel, version_changes
from ..engine.lint import Finding
from ..engine.specs import sha256
from ..models import AuditRecord, ProcessConcept, ProcessDefinition, PublicatieVerzoek
from ..models.publicatie import OPEN
from .audit import records_of
from .errors import NotFound
from .formulieren import changed_forms, concept_form
from .process_lint import lint
from .process_models import require

#: The Dutch name of each kind of step (SpiffWorkflow's class names) for the list of changes.
ELEMENT_TYPES = {
    "UserTask": "Taak voor een medewerker", "ManualTask": "Handmatige taak", "NoneTask": "Taak",
    "ServiceTask": "Automatische taak", "ScriptTask": "Script", "BusinessRuleTask": "Beslistabel",
    "SendTask": "Verzendtaak", "ReceiveTask": "Ontvangsttaak", "CallActivity": "Deelproces (aanroep)",
    "SubWorkflowTask": "Deelproces", "TransactionSubprocess": "Transactie",
    "StartEvent": "Start", "EndEvent": "Einde", "BoundaryEvent": "Gebeurtenis aan een stap",
    "IntermediateCatchEvent": "Wachten op een gebeurtenis", "IntermediateThrowEvent": "Gebeurtenis",
    "ExclusiveGateway": "Keuze (één route)", "ParallelGateway": "Splitsing (alle routes)",
    "InclusiveGateway": "Keuze (één of meer routes)", "EventBasedGateway": "Keuze op gebeurtenis",
}
#: What each audited step is called on the request page.
STEPS = {
    "publicatie_aangevraagd": "Publicatie aangevraagd", "publicatie_goedgekeurd": "Goedgekeurd en gepubliceerd",
    "publicatie_afgewezen": "Afgewezen", "publicatie_ingetrokken": "Ingetrokken",
    "publicatie_opnieuw_beoordelen": "Opnieuw te beoordelen: er is intussen een nieuwe versie live",
}


@dataclass
class VerzoekPage:
    verzoek: PublicatieVerzoek
    live: ProcessDefinition | None
    #: The engine's changed steps against `live` (None: the concept could not be compared).
    changes: list[Change] | None
    findings: list[Finding]
    trail: list[AuditRecord]
    #: Whether this user may approve or refuse it now (with the reason when not).
    may_decide: Decision
    may_withdraw: Decision
    #: When the concept's XML is that of `live`: the titles of the forms it changes (only they change).
    forms_only: list[str] | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def changes_of(self, kind: str) -> list[Change]:
        return [c for c in self.changes or [] if c.kind == kind]


def type_label(typename: str) -> str:
    return ELEMENT_TYPES.get(typename, typename or "Element")


def step_label(action: str) -> str:
    return STEPS.get(action, action)


def load_verzoek(verzoek_id: int) -> PublicatieVerzoek:
    verzoek = db.session.get(PublicatieVerzoek, verzoek_id)
    if verzoek is None:
        raise NotFound("Deze aanvraag om te publiceren bestaat niet.")
    return verzoek


def verzoek_page(user, verzoek_id: int) -> VerzoekPage:
    require(user)
    verzoek = load_verzoek(verzoek_id)
    concept = db.session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml))
                                .where(ProcessConcept.id == verzoek.concept_id))
    live = verzoek.live_definition
    findings = lint(concept.bpmn_xml.encode("utf-8"), decisions=concept.beslistabellen)
    try:
        changes = version_changes(live, concept) if live is not None else []
    except InvalidModel:
        changes = None
    may_decide = policy.decide(user, "publicatie.beoordelen", verzoek)
    if may_decide and verzoek.status != OPEN:
        may_decide = deny(f"Deze aanvraag is {verzoek.status}.")
    may_withdraw = policy.decide(user, "publicatie.intrekken", verzoek)
    return VerzoekPage(verzoek, live, changes, findings, list(reversed(records_of(verzoek))), may_decide,
                       may_withdraw if verzoek.status == OPEN else deny("De aanvraag loopt niet meer."),
                       _forms_only(concept, live))


def _forms_only(concept, live) -> list[str] | None:
    if live is None or sha256(live.bpmn_xml.encode("utf-8")) != concept.sha256:
        return None
    titles = []
    for key in changed_forms(db.session, concept, live):
        source = concept_form(db.session, concept, key)
        titles.append(f"{source.title} ({key})" if source else key)
    return titles


def requests(user, limit: int = 50) -> tuple[list[PublicatieVerzoek], list[PublicatieVerzoek]]:
    """(open requests, oldest first; the latest decided or withdrawn ones, newest first)."""
    require(user)
    open_ = list(db.session.scalars(select(PublicatieVerzoek).where(PublicatieVerzoek.status == OPEN)
                                    .order_by(PublicatieVerzoek.requested_at, PublicatieVerzoek.id)))
    done = list(db.session.scalars(select(PublicatieVerzoek).where(PublicatieVerzoek.status != OPEN)
                                   .order_by(PublicatieVerzoek.decided_at.desc(), PublicatieVerzoek.id.desc())
                                   .limit(limit)))
    return open_, done


def requests_of_concept(concept_id: int) -> list[PublicatieVerzoek]:
    """A concept's requests, newest first (its page shows their state and a refusal's reason)."""
    return list(db.session.scalars(select(PublicatieVerzoek).where(PublicatieVerzoek.concept_id == concept_id)
                                   .order_by(PublicatieVerzoek.requested_at.desc(), PublicatieVerzoek.id.desc())))


def open_request(concept_id: int) -> PublicatieVerzoek | None:
    """The concept's request waiting for review (the modeler warns that saving withdraws it)."""
    return db.session.scalar(select(PublicatieVerzoek).where(PublicatieVerzoek.concept_id == concept_id,
                                                             PublicatieVerzoek.status == OPEN))


def open_count(user) -> int:
    require(user)
    return db.session.scalar(select(func.count()).select_from(PublicatieVerzoek)
                             .where(PublicatieVerzoek.status == OPEN))


def latest_by_concept(concept_ids: list[int]) -> dict[int, PublicatieVerzoek]:
    """Each concept's newest request (the models page shows its state beside the concept)."""
    latest: dict[int, PublicatieVerzoek] = {}
    if concept_ids:
        for verzoek in db.session.scalars(select(PublicatieVerzoek).where(PublicatieVerzoek.concept_id.in_(concept_ids))
                                          .order_by(PublicatieVerzoek.requested_at, PublicatieVerzoek.id)):
            latest[verzoek.concept_id] = verzoek
    return latest


def request_of_version(definition_id: int) -> PublicatieVerzoek | None:
    """The approved request that made this version (None for a version shipped with `flask deploy`)."""
    return db.session.scalar(select(PublicatieVerzoek).where(PublicatieVerzoek.deployed_definition_id == definition_id))
