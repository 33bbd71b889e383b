"""Moving running cases to a newer process version (#10 point 5): the preview says per case whether it can move
and if not why; the run moves the ones that can, each in its own transaction, with a line in the case history and
the audit log; a refused case keeps working on its old version; deadlines are kept; a move is reverted until the
case's next step; only a procesontwerper or beheerder moves cases."""
import json
import re

import pytest
from sqlalchemy import select

from app import db
from app.domain import policy
from app.models import AuditRecord, ProcessMigrationCase, ZaakEvent
from app.services import process_migration
from app.services.errors import Conflict, Forbidden
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from migratie_flow import KEY, case_at, complete, instance_of, open_task, versions

PREVIEW = f"/ontwerpen/modellen/{KEY}/versies/1/verplaatsen"


@pytest.fixture
def both(app):
    return versions()


def _csrf(client, url: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _migrate(client, to_version: int):
    """Start the run from the preview page, as the procesontwerper does; return the migration page's text."""
    response = client.post(PREVIEW, data={"csrf_token": _csrf(client, PREVIEW), "naar": to_version})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _row(page: str, zaaknummer: str) -> str:
    return re.search(rf"<tr[^>]*>\s*<td[^>]*>{zaaknummer}</td>(.*?)</tr>", page, re.S).group(1)


def test_a_case_at_a_kept_task_moves_after_the_preview_and_runs_to_the_end_on_the_new_version(
        client_as, users, both):
    consulent = users["consulent"]
    kept, removed, changed = case_at("intake", consulent), case_at("gesprek", consulent), case_at("besluit", consulent)
    web = client_as("procesontwerper")
    preview = web.get(PREVIEW).get_data(as_text=True)
    assert "1 van 3 zaken kunnen naar versie 2" in preview
    assert "<strong>Ja</strong>" in _row(preview, "T-MIG-intake-1")
    assert "De stap &#39;Gesprek&#39; waar de zaak nu staat, bestaat niet meer in versie 2." in _row(
        preview, "T-MIG-gesprek-1")
    assert "De stap &#39;Besluit&#39; waar de zaak nu staat, is gewijzigd in versie 2 (de instructie)." in _row(
        preview, "T-MIG-besluit-1")
    assert instance_of(kept).definition.version == 1  # the preview changed nothing

    page = _migrate(web, 2)
    assert "Klaar" in page and "1 van de 3 zaken verplaatst, 2 niet" in page
    assert instance_of(kept).definition.version == 2
    assert [instance_of(z).definition.version for z in (removed, changed)] == [1, 1]
    [event] = db.session.scalars(select(ZaakEvent).where(ZaakEvent.zaak_id == kept, ZaakEvent.kind == "proces_verplaatst"))
    assert event.summary == "Proces 'Migratieproef' verplaatst van versie 1 naar versie 2"
    assert event.actor_id == users["procesontwerper"].id
    audit = db.session.scalar(select(AuditRecord).where(AuditRecord.action == "zaken_verplaatsen"))
    assert audit.actor_id == users["procesontwerper"].id and audit.changes["naar_versie"] == [None, 2]

    for step in ("intake", "controle", "besluit"):  # version 2's path, with its new step
        complete(consulent, kept, step)
    assert instance_of(kept).status == "completed"
    for step in ("gesprek", "besluit"):  # the refused case keeps working on version 1
        complete(consulent, removed, step)
    assert instance_of(removed).status == "completed" and instance_of(removed).definition.version == 1


def test_a_moved_case_keeps_its_task_due_date_assignee_and_armed_timer(client_as, users, both):
    from app.services.tasks import claim_task
    consulent = users["consulent"]
    zaak = case_at("intake", consulent)
    before_task = open_task(zaak)
    claim_task(consulent, before_task.id)
    before = instance_of(zaak)
    timer_at, timer_value = before.next_timer_at, _timer_value(before.state)
    _migrate(client_as("procesontwerper"), 2)
    after, task = instance_of(zaak), open_task(zaak)
    assert after.definition.version == 2
    assert (task.id, task.task_uuid, task.due_at, task.assignee_id) == (
        before_task.id, before_task.task_uuid, before_task.due_at, consulent.id)
    assert after.next_timer_at == timer_at and _timer_value(after.state) == timer_value


def _timer_value(state: str) -> str:
    [value] = [t["internal_data"]["event_value"] for t in json.loads(state)["tasks"].values()
               if t["task_spec"] == "termijn_intake" and "event_value" in t.get("internal_data", {})]
    return value


def test_a_move_is_reverted_until_the_next_step_and_not_after(client_as, users, both):
    consulent = users["consulent"]
    first, second = case_at("intake", consulent, 1), case_at("intake", consulent, 2)
    old_state = instance_of(first).state
    page = _migrate(client_as("procesontwerper"), 2)
    assert page.count("Terugzetten<span") == 2
    moved = {c.zaak_id: c for c in db.session.scalars(select(ProcessMigrationCase))}

    complete(consulent, second, "intake")  # its next step, on version 2
    with pytest.raises(Conflict, match="al een volgende stap gezet"):
        process_migration.revert_case(users["procesontwerper"], moved[second].id)
    assert instance_of(second).definition.version == 2 and open_task(second).spec_name == "controle"

    web = client_as("procesontwerper")
    page = web.get(f"/ontwerpen/migraties/{moved[first].migration_id}").get_data(as_text=True)
    assert "Kan niet meer: de zaak zette al een volgende stap" in _row(page, "T-MIG-intake-2")
    revert = web.post(f"/ontwerpen/migraties/zaken/{moved[first].id}/terugzetten",
                      data={"csrf_token": _csrf(web, f"/ontwerpen/migraties/{moved[first].migration_id}")})
    assert revert.status_code == 302
    back = instance_of(first)
    assert back.definition.version == 1 and back.state == old_state
    assert db.session.get(ProcessMigrationCase, moved[first].id).outcome == "teruggezet"
    assert db.session.scalar(select(AuditRecord.actor_id).where(AuditRecord.action == "zaak_teruggezet")) == \
        users["procesontwerper"].id
    complete(consulent, first, "intake")  # back on version 1: its old path
    assert open_task(first).spec_name == "gesprek"


@pytest.mark.parametrize("role, allowed", [("procesontwerper", True), ("beheerder", True), ("consulent", False),
                                           ("contractmanager", False), ("backoffice", False)])
def test_only_a_procesontwerper_or_beheerder_moves_cases(users, role, allowed):
    assert bool(policy.decide(users[role], "ontwerpen.migreren")) is allowed


def test_others_cannot_see_the_preview_nor_start_or_revert_a_migration(client_as, users, both):
    case_at("intake", users["consulent"])
    web = client_as("consulent")
    assert web.get(PREVIEW).status_code == 403
    assert web.post(PREVIEW, data={"naar": 2}).status_code == 403
    with pytest.raises(Forbidden):
        process_migration.start_migration(users["contractmanager"], KEY, 1, 2)
    assert instance_of(case_at("intake", users["consulent"], 2)).definition.version == 1


def test_the_version_page_shows_its_changes_and_running_cases(client_as, users, both):
    case_at("gesprek", users["consulent"])
    web = client_as("procesontwerper")
    page = web.get(f"/ontwerpen/modellen/{KEY}/versies/2").get_data(as_text=True)
    assert "1 toegevoegd, 2 gewijzigd, 1 verwijderd" in page
    assert re.search(r"Verwijderd</span>\s*<span[^>]*>Gesprek<span class=\"cumulus-muted\"> \(gesprek\)", page)
    assert "Gewijzigd: de pijlen ernaartoe, de instructie." in page
    assert 'data-done="[&#34;controle&#34;]"' in page
    old = web.get(f"/ontwerpen/modellen/{KEY}/versies/1").get_data(as_text=True)
    assert "T-MIG-gesprek-1" in old and "Gesprek" in old and "Dit is de eerste versie" in old
    assert "Bekijk welke zaken naar versie 2 kunnen" in old
    assert web.get(f"/ontwerpen/modellen/{KEY}/versies/99").status_code == 404


def test_a_move_after_the_parsed_models_left_their_cache_still_aligns_the_steps(client_as, users, both):
    """A process keeps the parsed models of 64 versions; one that left that cache is parsed again into new spec
    objects. The comparison of two versions aligns steps by those objects, so a comparison kept from before must
    not be used with the new ones (it failed with a KeyError on the start task once enough versions were in use)."""
    from app.engine import specs
    kept = case_at("intake", users["consulent"])
    web = client_as("procesontwerper")
    assert "<strong>Ja</strong>" in _row(web.get(PREVIEW).get_data(as_text=True), "T-MIG-intake-1")  # diff kept
    specs._BY_DIGEST.clear()  # as if 64 other versions had pushed these out
    specs.specs_for.cache_clear()
    page = _migrate(web, 2)
    assert "Klaar" in page and "KeyError" not in page
    assert instance_of(kept).definition.version == 2
