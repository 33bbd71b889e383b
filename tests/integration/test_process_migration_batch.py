"""The bulk move of running cases reads its cases in batches, without a lock, and moves each in a transaction of
its own (#10 point 5): a case that takes a step between that read and its move is not moved from the stale state
(its lock_version catches it) but read again, locked, and judged as it is now."""
import threading

from sqlalchemy import event, select

from app import db
from app.models import ProcessMigrationCase, User, ZaakEvent
from app.services import process_migration
from exchange_flow import inline_jobs, jobs_in_request  # noqa: F401 — fixtures
from migratie_flow import KEY, case_at, complete, instance_of, open_task, versions


def test_a_case_that_takes_a_step_after_the_batch_read_is_judged_again_as_it_is_now(app, users, jobs_in_request):
    versions()
    consulent = users["consulent"]
    kept, stepped = case_at("intake", consulent, number=31), case_at("intake", consulent, number=32)
    engine, done = db.session.get_bind(), []

    def step_meanwhile():
        with app.app_context():
            try:
                complete(db.session.get(User, consulent.id), stepped, "intake")  # now at 'gesprek', gone in v2
            finally:
                db.session.remove()

    def after_batch_read(conn, cursor, statement, *_):
        if not done and "JOIN zaak" in statement and "process_instance.id IN" in statement:
            done.append(True)  # the batch's rows are read: a consulent completes a step of one case now
            thread = threading.Thread(target=step_meanwhile)
            thread.start()
            thread.join(timeout=60)

    event.listen(engine, "after_cursor_execute", after_batch_read)
    try:
        migration = process_migration.start_migration(users["procesontwerper"], KEY, 1, 2)  # the job runs inline
    finally:
        event.remove(engine, "after_cursor_execute", after_batch_read)
    assert done == [True]

    db.session.remove()
    outcome = {c.zaak_id: c for c in db.session.scalars(select(ProcessMigrationCase).where(
        ProcessMigrationCase.migration_id == migration.id))}
    assert outcome[kept].outcome == "verplaatst" and instance_of(kept).definition.version == 2
    assert outcome[stepped].outcome == "geweigerd"
    assert outcome[stepped].reasons == ["De stap 'Gesprek' waar de zaak nu staat, bestaat niet meer in versie 2."]
    assert instance_of(stepped).definition.version == 1 and open_task(stepped).spec_name == "gesprek"
    assert not db.session.scalars(select(ZaakEvent).where(ZaakEvent.zaak_id == stepped,
                                                          ZaakEvent.kind == "proces_verplaatst")).all()
