"""wmo.bpmn with the right to an aanvraag and the spoed path (#17 point 6) deployed beside the model before it: a
case on the older version keeps its old ending (an algemene voorziening closes the zaak at once), and a case at the
keukentafelgesprek on the older version moves to the new one and runs to its beschikking there."""
from sqlalchemy import select

from app import db
from app.engine import RunContext, check_instance, deploy_model, migrate_instance
from app.models import Beschikking, ProcessDefinition, ProcessInstance, Zaak
from app.services.deployment import decisions_in, decisions_of
from app.services.uow import unit_of_work
from case_flow import complete_steps, start_case
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from migratie_flow import DATA
from test_recht_op_aanvraag import REFERRED, _complete

ROOT = DATA.parents[2]


def _deploy(xml: bytes) -> ProcessDefinition:
    tables = decisions_of(xml, decisions_in(ROOT / "bpmn")) or None  # today's wmo.bpmn calls its vier-ogen table
    with unit_of_work() as session:
        definition, _ = deploy_model(session, xml, None, tables)
        definition_id = definition.id
    db.session.remove()
    return db.session.get(ProcessDefinition, definition_id)  # in the test's session: its XML loads when asked


def _instance(zaak_id: int) -> ProcessInstance:
    return db.session.scalar(select(ProcessInstance).where(ProcessInstance.zaak_id == zaak_id))


def test_a_case_on_the_older_model_still_closes_at_an_algemene_voorziening(api_as, person):
    older = _deploy((DATA / "wmo_voor_recht_op_aanvraag.bpmn").read_bytes())  # now the latest: new meldingen use it
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, person.bsn)["id"]
    assert _instance(zaak_id).definition_id == older.id
    _complete(consulent, zaak_id, "triage", REFERRED)
    db.session.remove()
    assert db.session.get(Zaak, zaak_id).status == "afgesloten"


def test_a_case_at_the_gesprek_moves_from_the_older_model_to_the_new_one_and_ends_in_a_beschikking(api_as, person):
    _deploy((DATA / "wmo_voor_recht_op_aanvraag.bpmn").read_bytes())
    consulent = api_as("consulent")
    zaak_id = start_case(consulent, person.bsn)["id"]
    complete_steps(consulent, zaak_id, ("triage",))
    newer = _deploy((ROOT / "bpmn" / "wmo.bpmn").read_bytes() + b"\n<!-- opnieuw gepubliceerd -->\n")
    instance = _instance(zaak_id)
    check = check_instance(instance, newer)
    assert check.can_move and check.current == ("Keukentafelgesprek voeren",), check
    instance_id, newer_id = instance.id, newer.id
    db.session.remove()
    with unit_of_work() as session:
        migrate_instance(RunContext(session=session, zaak_id=zaak_id), session.get(ProcessInstance, instance_id),
                         session.get(ProcessDefinition, newer_id))
    db.session.remove()
    assert _instance(zaak_id).definition_id == newer_id
    complete_steps(consulent, zaak_id, ("onderzoek_gesprek", "onderzoek_verslag", "aanvraag_registreren",
                                        "besluit_voorbereiden"))
    db.session.remove()
    assert db.session.scalars(select(Beschikking).where(Beschikking.zaak_id == zaak_id)).one().besluit == "toekennen"
