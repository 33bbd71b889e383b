"""The werkvoorraad's kept counts (werkvoorraad_telling, migration 0058): whoever writes a task — the engine (ORM and
Core), a claim or a hand-over, a bulk UPDATE or DELETE — the counts equal a recount of the open tasks, with the
deadline's Dutch day right on both sides of every change of summer time; the filter counts read from them equal
those counted over the tasks; the tick drops empty rows; the migration fills the table from the open tasks."""
from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import delete, select, text, update

from app import db
from app.migrate import alembic_config, upgrade
from app.models import HumanTask, Person, WerkvoorraadTelling
from app.models.base import utcnow
from app.services import inbox
from app.services.inbox import TaskFilter, facet_counts
from app.services.tasks import claim_task, complete_task, hand_over_task
from app.services.werkvoorraad_telling import remove_empty
from case_data import form_data
from case_flow import start_case
from test_migration_pseudoniem import old_database  # noqa: F401 — the fixture

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _recount() -> Counter:
    """The counts as they should be, computed in Python from the open tasks."""
    expected = Counter()
    for t in db.session.scalars(select(HumanTask).where(HumanTask.status == "open")):
        day = t.due_at.astimezone(AMSTERDAM).date().isoformat() if t.due_at else ""
        expected[(t.gemeente_id, t.lane, t.domein or "", t.spec_name, t.assignee_id or 0, t.wijk or "", day)] += 1
    return expected


def _kept() -> Counter:
    db.session.expire_all()
    return Counter({(r.gemeente_id, r.lane, r.domein, r.spec_name, r.assignee_id, r.wijk, r.dag): r.n
                    for r in db.session.scalars(select(WerkvoorraadTelling)) if r.n})


@pytest.fixture
def open_cases(api_as, app):
    consulent = api_as("consulent")
    people = db.session.query(Person).order_by(Person.id).limit(4).all()
    return [start_case(consulent, p.bsn, "jeugd" if i == 3 else "wmo")["id"] for i, p in enumerate(people)]


def _open_task(zaak_id: int) -> HumanTask:
    return db.session.scalars(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open")).one()


def test_every_way_of_writing_a_task_keeps_the_counts_equal_to_a_recount(users, open_cases):
    assert sum(_kept().values()) == 4 and _kept() == _recount()

    first = _open_task(open_cases[0])
    claim_task(users["consulent"], first.id)  # the assignee changes: the task moves to another row
    assert _kept() == _recount()
    hand_over_task(users["consulent"], first.id, users["senior"].id)
    assert _kept() == _recount()

    second = _open_task(open_cases[1])
    complete_task(users["consulent"], second.id, form_data("triage"))  # closed, and the next step opened
    assert _kept() == _recount()
    assert _open_task(open_cases[1]).spec_name != "triage"

    # a bulk UPDATE (Core, several tasks in one statement) and a bulk DELETE, as the vernietiging does
    db.session.execute(update(HumanTask).where(HumanTask.status == "open", HumanTask.zaak_id.in_(open_cases[2:]))
                       .values(due_at=utcnow() + timedelta(days=3), wijk="Molenvliet"))
    assert _kept() == _recount()
    db.session.execute(delete(HumanTask).where(HumanTask.zaak_id == open_cases[3]))
    assert _kept() == _recount()
    db.session.execute(update(HumanTask).where(HumanTask.zaak_id == open_cases[2]).values(status="cancelled"))
    assert _kept() == _recount()
    db.session.rollback()  # a rolled back change leaves the counts as they were
    assert _kept() == _recount()


def test_the_dutch_day_of_a_deadline_is_right_around_every_change_of_summer_time(open_cases):
    task = _open_task(open_cases[0])
    moments = []
    for year in (2026, 2027, 2030):
        for month in (3, 10):
            last_sunday = max(datetime(year, month, d, tzinfo=timezone.utc) for d in range(25, 32)
                              if datetime(year, month, d).weekday() == 6)
            edge = last_sunday + timedelta(hours=1)  # 01:00 UTC: the clocks change
            moments += [edge + timedelta(minutes=m) for m in range(-26 * 60, 26 * 60 + 1, 30)]
            moments += [edge - timedelta(microseconds=1), edge]
    moments += [datetime(2026, 12, 31, 22, 59, 59, 999999, tzinfo=timezone.utc),
                datetime(2026, 12, 31, 23, 0, tzinfo=timezone.utc), datetime(2026, 6, 30, 21, 59, tzinfo=timezone.utc),
                datetime(2026, 6, 30, 22, 0, tzinfo=timezone.utc)]
    for moment in moments:
        db.session.execute(update(HumanTask).where(HumanTask.id == task.id).values(due_at=moment))
        kept = db.session.scalars(select(WerkvoorraadTelling.dag).where(
            WerkvoorraadTelling.lane == task.lane, WerkvoorraadTelling.spec_name == task.spec_name,
            WerkvoorraadTelling.gemeente_id == task.gemeente_id, WerkvoorraadTelling.n > 0,
            WerkvoorraadTelling.assignee_id == 0, WerkvoorraadTelling.wijk == (task.wijk or ""))).all()
        expected = {t.due_at.astimezone(AMSTERDAM).date().isoformat() if t.due_at else ""
                    for t in db.session.scalars(select(HumanTask).where(
                        HumanTask.status == "open", HumanTask.lane == task.lane, HumanTask.spec_name == task.spec_name,
                        HumanTask.gemeente_id == task.gemeente_id, HumanTask.assignee_id.is_(None),
                        HumanTask.wijk.is_not_distinct_from(task.wijk))).all()}
        assert set(kept) == expected, moment
    db.session.rollback()


def test_the_filter_counts_from_the_kept_counts_equal_those_counted_over_the_tasks(users, open_cases):
    now = utcnow()
    today_start = datetime.combine(now.astimezone(AMSTERDAM).date(), datetime.min.time(), tzinfo=AMSTERDAM)
    # deadlines on either side of each termijn's edge: midnight of today and of the 8th day, Dutch time
    deadlines = [today_start - timedelta(seconds=1), today_start, today_start + timedelta(days=8, seconds=-1),
                 today_start + timedelta(days=8)]
    for zaak_id, due in zip(open_cases, deadlines):
        db.session.execute(update(HumanTask).where(HumanTask.zaak_id == zaak_id).values(due_at=due))
    for user in (users["consulent"], users["beoordelaar"]):
        kept = Counter(tuple(row) for row in inbox._kept_counts(user, now))
        counted = Counter(tuple(row) for row in inbox._task_counts(user, TaskFilter(), now))
        assert kept == counted
    counts = facet_counts(users["consulent"], TaskFilter(), now)
    assert counts["termijn"] == {"te-laat": 1, "deze-week": 2, "later": 1}
    db.session.rollback()


def test_the_tick_drops_the_rows_that_count_nothing(users, open_cases):
    task = _open_task(open_cases[0])
    claim_task(users["consulent"], task.id)
    assert db.session.scalar(select(WerkvoorraadTelling.n).where(WerkvoorraadTelling.n == 0).limit(1)) == 0
    before = _kept()
    assert remove_empty() >= 1
    assert db.session.scalar(select(WerkvoorraadTelling).where(WerkvoorraadTelling.n == 0).limit(1)) is None
    assert _kept() == before == _recount()


NOW = "2026-12-07 10:00:00"


def test_0058_fills_the_counts_from_the_open_tasks_and_a_downgrade_removes_them(old_database):  # noqa: F811
    url = old_database
    upgrade(url, "0057_portaal_bericht_gemeente")
    engine = db.make_engine(url)
    with engine.begin() as conn:
        run = conn.execute
        run(text("INSERT INTO person (id, bsn, voornamen, achternaam, gemeente_id) VALUES (1, '999900006', 'J', 'B', 1)"))
        run(text("INSERT INTO zaak (id, zaaknummer, domein, person_id, status, omschrijving, kanaal, ontvangen_op, "
                 "created_at, gemeente_id) VALUES (1, 'Z-1', 'wmo', 1, 'lopend', 'x', 'brief', '2026-12-01', :now, 1)"),
            {"now": NOW})
        run(text("INSERT INTO process_definition (id, key, version, name, bpmn_xml, sha256, deployed_at) "
                 "VALUES (1, 'wmo', 1, 'Wmo', '<x/>', 'abc', :now)"), {"now": NOW})
        run(text("INSERT INTO process_instance (id, definition_id, zaak_id, state, lock_version, status, created_at, "
                 "updated_at) VALUES (1, 1, 1, '{}', 1, 'running', :now, :now)"), {"now": NOW})
        for i, (status, due) in enumerate((("open", "2026-12-07 22:30:00"), ("open", "2026-12-07 22:30:00"),
                                           ("open", None), ("completed", "2026-12-01 10:00:00"))):
            run(text("INSERT INTO human_task (instance_id, zaak_id, gemeente_id, domein, task_uuid, spec_name, lane, "
                     "title, due_at, status, created_at) VALUES (1, 1, 1, 'wmo', :uuid, 'triage', 'consulent', 'T', "
                     ":due, :status, :now)"), {"uuid": f"u{i}", "due": due, "status": status, "now": NOW})
    upgrade(url, "0058_werkvoorraad_telling")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT lane, domein, assignee_id, wijk, dag, n FROM werkvoorraad_telling "
                                 "ORDER BY dag")).all()
    assert [tuple(r) for r in rows] == [("consulent", "wmo", 0, "", "", 1), ("consulent", "wmo", 0, "", "2026-12-07", 2)]
    with engine.begin() as conn:  # the triggers came with it
        conn.execute(text("UPDATE human_task SET status = 'completed' WHERE task_uuid = 'u0'"))
        assert conn.execute(text("SELECT n FROM werkvoorraad_telling WHERE dag = '2026-12-07'")).scalar_one() == 1

    command.downgrade(alembic_config(url), "0057_portaal_bericht_gemeente")
    engine.dispose()
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE human_task SET status = 'open'"))  # no trigger left to call
        assert conn.execute(text("SELECT count(*) FROM human_task WHERE status = 'open'")).scalar_one() == 4
    engine.dispose()
