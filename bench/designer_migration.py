"""bench/designer.py's migration part (#10 point 5): N running cases of tests/data/bpmn/migratieproef_v1.bpmn in a
fresh database with the demo data — 9 in 10 waiting at a step that version 2 keeps, 1 in 10 at the step version 2
removed — then the preview of moving them to version 2 (every case checked, nothing changed) and the migration
itself as the job runs it (each case in its own transaction, with its history line, its record to revert it and
its inbox rows synced). Targets: preview of 1,000 cases < 5 s; migration ≥ 100 cases/s. Every state is read from
its row (the in-memory workflow cache is emptied first, as in a worker that did not just run these cases). Beside
the wall-clock figures: the CPU time of this process and (PostgreSQL) of its database backends, and the load
average. On a shared machine the wall-clock times grow with the load; the CPU seconds do not, and
`migration_cases_per_cpu_s` is what the run would do with both processes on a core of their own.

The database is DESIGNER_BENCH_DATABASE_URL (a PostgreSQL database or SQLite file whose name contains 'bench'; it
is emptied), by default a SQLite file in the temporary directory.
"""
from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "bpmn"
KEY = "migratieproef"


def database_url() -> str:
    os.environ.setdefault("DESIGNER_BENCH_DATABASE_URL",
                          f"sqlite:///{Path(tempfile.gettempdir()) / 'designer_bench.sqlite'}")
    from werkvoorraad import bench_url
    return bench_url("DESIGNER_BENCH_DATABASE_URL")


def seed_cases(cases: int) -> None:
    """`cases` zaken of Woerden on version 1; every tenth completed its intake (it waits at the removed gesprek)."""
    from app import db
    from app.engine import RunContext, complete_user_task, deploy_model, start_instance
    from app.models import Gemeente, HumanTask, Person, Zaak
    from app.services.uow import unit_of_work
    with unit_of_work() as session:
        v1, _ = deploy_model(session, (DATA / "migratieproef_v1.bpmn").read_bytes())
        deploy_model(session, (DATA / "migratieproef_v2.bpmn").read_bytes())
        gemeente = session.scalar(select(Gemeente).where(Gemeente.code == "0632"))
        person = session.scalar(select(Person).where(Person.gemeente_id == gemeente.id).order_by(Person.id))
        for n in range(cases):
            zaak = Zaak(gemeente_id=gemeente.id, zaaknummer=f"B-MIG-{n:06d}", domein="wmo", person_id=person.id,
                        omschrijving="bench", kanaal="telefoon", ontvangen_op=date.today())
            session.add(zaak)
            session.flush()
            ctx = RunContext(session=session, zaak_id=zaak.id)
            instance = start_instance(ctx, v1, zaak.id, {})
            if n % 10 == 9:
                [task] = instance.new_tasks
                task.status = "completed"
                complete_user_task(ctx, instance, task.task_uuid, {})
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(HumanTask).where(HumanTask.status == "open")) == cases


def backend_cpu(session) -> dict[int, float]:
    """CPU seconds used so far by each PostgreSQL backend of this database (from /proc: the server runs here);
    empty on SQLite, whose work is done in this process."""
    if session.get_bind().dialect.name != "postgresql":
        return {}
    pids = session.scalars(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).all()
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return used


def run(cases: int) -> dict:
    """Seed, preview and migrate; the figures as a dict for the JSON."""
    from app import db
    from app.models import User
    from app.engine import cache
    from app.services import process_migration
    from werkvoorraad import bench_app
    app = bench_app(database_url(), seed=True)
    app.config["JOBS_INLINE"] = True  # the job runs right after the commit, in this thread: its time is measured
    with app.app_context():
        started = time.perf_counter()
        seed_cases(cases)
        seeded = time.perf_counter() - started
        user = db.session.scalar(select(User).where(User.username == "procesontwerper"))
        cache.clear()  # as in a worker that did not just run these cases: every state is read from its row
        started, cpu = time.perf_counter(), time.process_time()
        preview = process_migration.preview(user, KEY, 1, 2)
        preview_s, preview_cpu = time.perf_counter() - started, time.process_time() - cpu
        preview_load = os.getloadavg()[0]
        movable, refused = len(preview.movable), len(preview.refused)
        db.session.remove()
        user = db.session.scalar(select(User).where(User.username == "procesontwerper"))
        cache.clear()
        server_before = backend_cpu(db.session)
        started, cpu = time.perf_counter(), time.process_time()
        migration = process_migration.start_migration(user, KEY, 1, 2)
        migrate_s, migrate_cpu = time.perf_counter() - started, time.process_time() - cpu
        migrate_load = os.getloadavg()[0]
        server_cpu = sum(used - server_before.get(pid, 0.0) for pid, used in backend_cpu(db.session).items())
        db.session.remove()
        from app.models import ProcessMigration
        done = db.session.get(ProcessMigration, migration.id)
        assert (done.status, done.moved, done.refused) == ("klaar", movable, refused), (done.moved, done.refused)
    return {"cases": cases, "database": app.config["DATABASE_URL"].split(":", 1)[0], "seed_s": round(seeded, 2),
            "preview_s": round(preview_s, 3), "preview_cpu_s_of_this_process": round(preview_cpu, 3),
            "preview_load_average_1m": round(preview_load, 1), "preview_cases_per_s": round(cases / preview_s, 1),
            "movable": movable, "refused": refused, "migration_s": round(migrate_s, 3),
            "migration_cases_per_s": round(cases / migrate_s, 1),
            "moved_per_s": round(movable / migrate_s, 1),
            "migration_cpu_s_of_this_process": round(migrate_cpu, 3),
            "migration_cpu_ms_per_case": round(1000 * migrate_cpu / cases, 2),
            "migration_cpu_s_of_the_database_server": round(server_cpu, 3),
            # what the two would do on an idle machine: the cases per CPU second of this process and its server
            "migration_cases_per_cpu_s": round(cases / (migrate_cpu + server_cpu), 1),
            "migration_load_average_1m": round(migrate_load, 1), "cpus": os.cpu_count(),
            "target_preview_s": 5.0, "preview_within_target": preview_s < 5.0 * cases / 1000,
            "target_migration_cases_per_s": 100, "migration_within_target": cases / migrate_s >= 100,
            "migration_within_target_on_cpu": cases / (migrate_cpu + server_cpu) >= 100}
