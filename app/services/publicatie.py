"""Use case: vier-ogen on publishing a process model (#10 point 4). A procesontwerper asks to publish a concept;
a different procesontwerper or a beheerder approves it — only then is it deployed as the next version — or
refuses it with a reason. The approval checks again that the concept has no lint errors and that the live
version the reviewer compared with is still the live one (else the request is re-opened against the new live
version, to be reviewed again). Editing a concept withdraws its open request. One transaction each; every step
is an audit record of the request (who, when, what, why). The forms the model uses are published with it."""
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import undefer

from ..domain import policy
from ..engine import InvalidModel, VersionTaken, deploy_model, latest_definition
from ..models import ProcessConcept, ProcessDefinition, PublicatieVerzoek
from ..models.base import utcnow
from ..models.publicatie import APPROVED, OPEN, REJECTED, WITHDRAWN
from .audit import record
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .formulieren import publish_forms, same_as, version_identity
from .process_lint import lint_context, require_clean
from .process_models import require
from .proefrit import scenario_failures
from .uow import unit_of_work

logger = logging.getLogger(__name__)
#: The longest toelichting or reden kept.
MAX_TEXT = 2000
#: Why a request ends when its concept is edited (shown on the request and concept pages).
EDITED = "Het concept is gewijzigd nadat de publicatie was aangevraagd; vraag opnieuw aan om het te publiceren."


@dataclass(frozen=True)
class Approval:
    """The outcome of an approval: the new version, or (stale) the live version the request now compares with."""

    verzoek: PublicatieVerzoek
    definition: ProcessDefinition | None = None
    stale_from: int | None = None
    #: Another approval of the same process deployed its version at the same moment (this one then went stale).
    raced: bool = False


def request_publication(user, concept_id: int, toelichting: str = "") -> PublicatieVerzoek:
    """Ask to publish concept `concept_id`; InvalidInput (field 'publiceren') when it cannot be asked."""
    require(user, "publicatie.aanvragen")
    toelichting = _text(toelichting, "toelichting")
    with unit_of_work() as session:
        concept = _concept(session, concept_id)
        if concept.status != "concept":
            raise Conflict(f"Concept {concept.id} is al {concept.status}.")
        pending = open_request_of(session, concept.id)
        if pending is not None:
            raise InvalidInput(errors={"publiceren": f"Voor dit concept loopt al aanvraag {pending.id}."})
        try:
            require_clean(concept.bpmn_xml.encode("utf-8"), f"Concept {concept.id}",
                          lint_context(concept_id=concept.id), decisions=concept.beslistabellen)
        except InvalidModel as exc:
            raise InvalidInput(errors={"publiceren": str(exc)}) from exc
        if failures := scenario_failures(concept.key, concept.bpmn_xml.encode("utf-8"), concept.beslistabellen):
            raise InvalidInput(errors={"publiceren": _scenarios_broken(failures)})
        live = latest_definition(session, concept.key)
        if live is not None and same_as(session, concept, live):
            raise InvalidInput(errors={"publiceren": f"Dit concept is gelijk aan versie {live.version}, die al "
                                                     "live is; er is niets te publiceren."})
        verzoek = PublicatieVerzoek(concept_id=concept.id, key=concept.key, concept_sha256=concept.sha256,
                                    live_definition_id=live.id if live else None, status=OPEN,
                                    toelichting=toelichting or None, requested_by_id=user.id)
        session.add(verzoek)
        session.flush()
        record(session, user, "publicatie_aangevraagd", verzoek,
               {"concept": [None, concept.id], "live_versie": [None, live.version if live else None],
                "toelichting": [None, toelichting or None]})
    logger.info("Publication of concept %s (%s) requested by %s as verzoek %s", concept.id, concept.key,
                user.username, verzoek.id)
    return verzoek


def approve(user, verzoek_id: int, opmerking: str = "") -> Approval:
    """Deploy the requested concept as the next version, unless the live version changed since the request
    (then the request compares with the new live version and waits for a new review; nothing is deployed)."""
    opmerking = _text(opmerking, "opmerking")
    try:
        return _approve(user, verzoek_id, opmerking)
    except VersionTaken as exc:
        # Another approval deployed this process's next version at the same moment — with no live version yet
        # there was no row to lock — and its commit came first; this transaction was rolled back whole. Once more:
        # now the live version differs from the one compared with, so the request waits for a new review.
        logger.info("Verzoek %s lost the race for %s v%s; judged again", verzoek_id, exc.key, exc.version)
        try:
            outcome = _approve(user, verzoek_id, opmerking)
        except VersionTaken as again:
            raise Conflict(f"{again} Probeer het opnieuw.") from again
        return Approval(outcome.verzoek, outcome.definition, outcome.stale_from, raced=True)


def _approve(user, verzoek_id: int, opmerking: str) -> Approval:
    with unit_of_work() as session:
        # the concept's row before the request's, in the order a save of the concept takes them (no deadlock)
        concept_id = session.scalar(select(PublicatieVerzoek.concept_id).where(PublicatieVerzoek.id == verzoek_id))
        if concept_id is None:
            raise NotFound("Deze aanvraag om te publiceren bestaat niet.")
        concept = _concept(session, concept_id)
        verzoek = _decidable(session, user, verzoek_id)
        if concept.sha256 != verzoek.concept_sha256 or concept.status != "concept":
            raise Conflict("Het concept is veranderd sinds de aanvraag; deze aanvraag kan niet meer worden "
                           "goedgekeurd.")
        live = _lock_live(session, concept.key)
        if (live.id if live else None) != verzoek.live_definition_id:
            old = verzoek.live_definition.version if verzoek.live_definition else None
            verzoek.live_definition = live
            record(session, user, "publicatie_opnieuw_beoordelen", verzoek,
                   {"live_versie": [old, live.version if live else None]})
            logger.info("Verzoek %s compared with an outdated live version; re-opened against v%s by %s",
                        verzoek.id, live.version if live else None, user.username)
            return Approval(verzoek, stale_from=old)
        xml = concept.bpmn_xml.encode("utf-8")
        try:
            require_clean(xml, f"Concept {concept.id}", lint_context(concept_id=concept.id),
                          decisions=concept.beslistabellen)
        except InvalidModel as exc:
            raise Conflict(str(exc)) from exc
        if failures := scenario_failures(concept.key, xml, concept.beslistabellen):
            raise Conflict(_scenarios_broken(failures))
        definition, is_new = deploy_model(session, xml, user.id, concept.beslistabellen,
                                          version_identity(session, concept, xml))
        if not is_new:
            raise Conflict(f"Dit concept is gelijk aan versie {definition.version}; er is niets te publiceren.")
        forms = publish_forms(session, concept, definition, user)  # the forms go live with it (#10 point 6)
        verzoek.status, verzoek.decided_by_id, verzoek.decided_at = APPROVED, user.id, utcnow()
        verzoek.reden, verzoek.deployed_definition_id = opmerking or None, definition.id
        concept.status = "gepubliceerd"
        record(session, user, "publicatie_goedgekeurd", verzoek,
               {"status": [OPEN, APPROVED], "versie": [None, definition.version],
                "opmerking": [None, opmerking or None],
                "formulieren": [None, [f"{key} v{number}" for key, number, _ in forms]]})
    logger.info("Verzoek %s approved by %s: %s deployed as version %s", verzoek.id, user.username,
                definition.key, definition.version)
    return Approval(verzoek, definition)


def reject(user, verzoek_id: int, reden: str) -> PublicatieVerzoek:
    """Refuse a request with a reason (mandatory); the concept stays open to edit."""
    reden = _text(reden, "reden")
    if not reden:
        raise InvalidInput(errors={"reden": "Schrijf waarom u de publicatie afwijst; de aanvrager leest het."})
    with unit_of_work() as session:
        verzoek = _decidable(session, user, verzoek_id)
        verzoek.status, verzoek.decided_by_id, verzoek.decided_at, verzoek.reden = REJECTED, user.id, utcnow(), reden
        record(session, user, "publicatie_afgewezen", verzoek, {"status": [OPEN, REJECTED], "reden": [None, reden]})
    logger.info("Verzoek %s rejected by %s", verzoek.id, user.username)
    return verzoek


def withdraw(user, verzoek_id: int) -> PublicatieVerzoek:
    """The requester takes an open request back."""
    with unit_of_work() as session:
        verzoek = _locked(session, verzoek_id)
        decision = policy.decide(user, "publicatie.intrekken", verzoek)
        if not decision:
            raise Forbidden(decision.reason)
        if verzoek.status != OPEN:
            raise Conflict(f"Aanvraag {verzoek.id} is al {verzoek.status}.")
        _end(session, user, verzoek, "Ingetrokken door de aanvrager.")
    logger.info("Verzoek %s withdrawn by %s", verzoek.id, user.username)
    return verzoek


def withdraw_for_edit(session, user, concept) -> PublicatieVerzoek | None:
    """Inside the save of `concept`: its open request (if any) ends, since the reviewed content is gone."""
    verzoek = open_request_of(session, concept.id, lock=True)
    if verzoek is not None:
        _end(session, user, verzoek, EDITED)
        logger.info("Verzoek %s withdrawn: concept %s edited by %s", verzoek.id, concept.id, user.username)
    return verzoek


def open_request_of(session, concept_id: int, lock: bool = False) -> PublicatieVerzoek | None:
    query = select(PublicatieVerzoek).where(PublicatieVerzoek.concept_id == concept_id,
                                            PublicatieVerzoek.status == OPEN)
    return session.scalar(query.with_for_update() if lock else query)


def _end(session, user, verzoek, why: str) -> None:
    verzoek.status, verzoek.decided_at, verzoek.reden = WITHDRAWN, utcnow(), why
    record(session, user, "publicatie_ingetrokken", verzoek, {"status": [OPEN, WITHDRAWN], "reden": [None, why]})


def _decidable(session, user, verzoek_id: int) -> PublicatieVerzoek:
    verzoek = _locked(session, verzoek_id)
    decision = policy.decide(user, "publicatie.beoordelen", verzoek)
    if not decision:
        raise Forbidden(decision.reason)
    if verzoek.status != OPEN:
        raise Conflict(f"Aanvraag {verzoek.id} is al {verzoek.status}; er valt niets meer te beslissen.")
    return verzoek


def _locked(session, verzoek_id: int) -> PublicatieVerzoek:
    verzoek = session.scalar(select(PublicatieVerzoek).where(PublicatieVerzoek.id == verzoek_id).with_for_update())
    if verzoek is None:
        raise NotFound("Deze aanvraag om te publiceren bestaat niet.")
    return verzoek


def _concept(session, concept_id: int) -> ProcessConcept:
    concept = session.scalar(select(ProcessConcept).options(undefer(ProcessConcept.bpmn_xml))
                             .where(ProcessConcept.id == concept_id).with_for_update())
    if concept is None:
        raise NotFound("Dit concept bestaat niet.")
    return concept


def _lock_live(session, key: str) -> ProcessDefinition | None:
    """The live version, read after locking it: two approvals of the same process go one after the other, and the
    second sees the version the first deployed."""
    session.scalar(select(ProcessDefinition.id).where(ProcessDefinition.key == key)
                   .order_by(ProcessDefinition.version.desc()).limit(1).with_for_update())
    return latest_definition(session, key)


def _scenarios_broken(failures: list[str]) -> str:
    return ("Een vastgelegd scenario van de proefrit houdt niet met dit concept: " + " ".join(failures) +
            " Pas het concept aan, of verwijder het scenario als het nieuwe pad de bedoeling is.")


def _text(value, field: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput(errors={field: f"Gebruik hoogstens {MAX_TEXT} tekens (u gebruikte er {len(text)})."})
    return text
