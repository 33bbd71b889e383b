"""The processing log is tamper-evident: every record carries the hash of the one before it,
`flask --app wsgi verwerkingen-controleren` proves the chain or names the first broken record, the
chain does not fork when transactions append at once, and on PostgreSQL the table refuses UPDATE and DELETE."""
import importlib.util
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, insert, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from app import db
from app.models import Person, ProcessingRecord
from app.services.processing_log import log_list_processing, log_processing
from app.services.processing_log_chain import GENESIS, PERSONAL, PUBLIC, personal_digest, record_hash, verify_chain
from app.services.uow import unit_of_work

MIGRATION = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "0012_processing_log_chain.py"
RESEAL = MIGRATION.with_name("0020_retentie.py")


def _postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def _log(actor, person, description="Dossier bekeken"):
    with unit_of_work() as session:
        log_processing(session, actor=actor, person=person, activity="wmo-behandeling", action="lezen",
                       object_type="zaak", object_id=1, description=description)


def _check(app):
    return app.test_cli_runner().invoke(args=["verwerkingen-controleren"])


def _records():
    db.session.expire_all()
    return db.session.query(ProcessingRecord).order_by(ProcessingRecord.id).all()


@pytest.fixture
def log(users, person):
    """Five records: three single appends and a list page of two, in four transactions."""
    consulent = users["consulent"]
    for n in range(3):
        _log(consulent, person, f"Dossier bekeken ({n})")
    other = db.session.query(Person).order_by(Person.id).offset(1).first()
    with unit_of_work() as session:
        log_list_processing(session, actor=consulent, people=[("wmo-behandeling", person), ("wmo-behandeling", other)],
                            object_type="taak", description="Werkvoorraad getoond")
    return _records()


def _tamper(sql: str, **params) -> None:
    """Change the log behind the application's back: directly on SQLite, as the owner with the trigger off on PostgreSQL."""
    session = db.session()
    if _postgresql():
        session.execute(text("ALTER TABLE processing_record DISABLE TRIGGER USER"))
    session.execute(text(sql), params)
    if _postgresql():
        session.execute(text("ALTER TABLE processing_record ENABLE TRIGGER USER"))
    session.commit()


def test_each_record_carries_the_hash_of_the_one_before_and_the_check_passes(app, log):
    assert len(log) == 5
    assert log[0].prev_hash == GENESIS
    assert [r.prev_hash for r in log[1:]] == [r.hash for r in log[:-1]]
    result = _check(app)
    assert result.exit_code == 0, result.output
    assert "Verwerkingenlog in orde: 5 record(s)" in result.output


def test_a_changed_record_is_named_by_the_check(app, log):
    _tamper("UPDATE processing_record SET description = 'Niets bekeken' WHERE id = :id", id=log[2].id)
    result = _check(app)
    assert result.exit_code == 1
    assert f"GEBROKEN bij record {log[2].id}: de inhoud past niet bij de hash" in result.output
    assert "2 record(s) ervoor zijn in orde" in result.output


def test_a_removed_record_breaks_the_chain_at_the_next_one(app, log):
    _tamper("DELETE FROM processing_record WHERE id = :id", id=log[1].id)
    report = verify_chain(db.session)
    assert (report.intact, report.broken_id, report.checked) == (False, log[2].id, 1)
    assert "verwijst niet naar het record ervoor" in report.reason


def test_a_record_rehashed_after_a_change_still_breaks_the_chain_at_the_next_one(app, log):
    changed = {c: getattr(log[2], c) for c in (*PUBLIC, *PERSONAL, "personal_salt")}
    changed["description"] = "Niets bekeken"
    changed["personal_digest"] = personal_digest(changed)
    _tamper("UPDATE processing_record SET description = 'Niets bekeken', personal_digest = :digest, hash = :hash "
            "WHERE id = :id", id=log[2].id, digest=changed["personal_digest"],
            hash=record_hash(changed, log[2].prev_hash))
    assert verify_chain(db.session).broken_id == log[3].id


def test_postgresql_refuses_update_and_delete_on_the_log(log):
    if not _postgresql():
        pytest.skip("the append-only trigger is PostgreSQL's; SQLite is the embedded development default")
    for statement in ("UPDATE processing_record SET description = 'x'", "DELETE FROM processing_record",
                      "UPDATE processing_record SET description = 'x' WHERE id = -1"):
        with pytest.raises(DBAPIError, match="processing_record is append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
    assert len(_records()) == 5 and verify_chain(db.session).intact


def test_the_database_refuses_a_second_record_after_the_same_one(log):
    fork = {c.name: getattr(log[-1], c.name) for c in ProcessingRecord.__table__.columns if c.name != "id"}
    fork["hash"] = "f" * 64
    with pytest.raises(IntegrityError):
        db.session.execute(insert(ProcessingRecord.__table__), [fork])
    db.session.rollback()


def test_a_rolled_back_use_case_leaves_no_record(users, person):
    with pytest.raises(RuntimeError):
        with unit_of_work() as session:
            log_processing(session, actor=users["consulent"], person=person, activity="wmo-behandeling",
                           action="lezen", object_type="zaak", object_id=1, description="Teruggedraaid")
            raise RuntimeError("the use case fails")
    _log(users["consulent"], person)
    assert [r.description for r in _records()] == ["Dossier bekeken"]
    assert verify_chain(db.session).intact


def test_transactions_appending_at_once_do_not_fork_the_chain(app, users, person):
    if not _postgresql():
        pytest.skip("SQLite has one writer; a race there is refused by UNIQUE(prev_hash), tested above")
    actor_id, person_id, errors = users["consulent"].id, person.id, []
    start = threading.Barrier(4)

    def append(n):
        try:
            with app.app_context():
                from app.models import User
                actor, subject = db.session.get(User, actor_id), db.session.get(Person, person_id)
                start.wait()
                for i in range(15):
                    with unit_of_work() as session:
                        if i % 3:
                            log_processing(session, actor=actor, person=subject, activity="wmo-behandeling",
                                           action="lezen", object_type="zaak", object_id=n, description=f"{n}/{i}")
                        else:
                            log_list_processing(session, actor=actor, people=[("wmo-behandeling", subject)] * 3,
                                                object_type="taak", description=f"{n}/{i} lijst")
                db.session.remove()
        except Exception as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = verify_chain(db.session)
    assert report.intact and report.checked == 4 * (10 + 5 * 3)


def test_the_migration_chains_existing_records_exactly_as_the_application_does(log):
    """0020_retentie reseals the log in the form the application writes (0012's own form is checked there)."""
    spec = importlib.util.spec_from_file_location("migration_0020", RESEAL)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    chain = __import__("app.services.processing_log_chain", fromlist=["CHAINED"])
    assert (migration.CHAINED, migration.PERSONAL, migration.PUBLIC) == (chain.CHAINED, chain.PERSONAL, chain.PUBLIC)
    for record in log:
        values = {c.name: getattr(record, c.name) for c in ProcessingRecord.__table__.columns}
        assert migration.personal_digest(values, record.personal_salt) == record.personal_digest
        assert migration.new_hash(values, record.personal_digest, record.prev_hash) == record.hash


def test_the_migration_chains_the_records_written_before_it(tmp_path):
    from app.migrate import upgrade
    url = f"sqlite:///{tmp_path / 'before-0011.sqlite'}"
    upgrade(url, "0010_search_indexes")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO person (id, bsn, voornamen, achternaam) VALUES (1, '999993653', 'Jan', 'Jansen')"))
        for n in range(3):
            conn.execute(text(
                "INSERT INTO processing_record (trace_id, span_id, at, actor_role, subject_person_id, subject_pseudonym,"
                " activity_id, action, object_type, description) VALUES (:t, 's', :at, 'consulent', 1, 'p',"
                " (SELECT min(id) FROM processing_activity), 'lezen', 'zaak', :d)"),
                {"t": f"trace{n}", "at": f"2026-01-0{n + 1} 10:00:00.000001", "d": f"Bekeken {n}"})
    upgrade(url)
    from sqlalchemy.orm import Session
    with Session(engine) as session:
        report = verify_chain(session)
        assert report.intact and report.checked == 3
    engine.dispose()


def test_a_list_page_of_fifty_costs_the_log_one_head_lookup_and_one_insert(users):
    people = db.session.query(Person).order_by(Person.id).limit(50).all()
    statements = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split())[:60])

    bind = db.session.get_bind()
    event.listen(bind, "before_cursor_execute", seen)
    try:
        with unit_of_work() as session:
            log_list_processing(session, actor=users["consulent"], people=[("wmo-behandeling", p) for p in people],
                                object_type="taak", description="Werkvoorraad getoond")
    finally:
        event.remove(bind, "before_cursor_execute", seen)
    logged = [s for s in statements if "processing_record" in s or "processing_log_head" in s]
    assert len(logged) == 2, statements
    assert logged[1].startswith("INSERT INTO processing_record")
    assert verify_chain(db.session).checked == len(people)
