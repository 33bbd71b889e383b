"""Benchmark: N Wmo cases from melding to beschikking through the service layer, with persistence,
compared with the same BPMN run bare in SpiffWorkflow in memory. Prints one JSON object on stdout.

Usage: python bench/engine.py [--cases N] [--breakdown] [--think] [--profile]
--profile samples our run with py-spy (bench/spy.py) and adds its top frames within complete_task.
The JSON gives the targets of issue 15 beside the figures, CPU time per call and the load average.

Database: PostgreSQL when DATABASE_URL is set (postgresql+psycopg://…; its name must contain
'bench' or 'perf', because every table is dropped first), otherwise a fresh SQLite file in a temp
directory. Jobs: with REDIS_URL set, follow-up jobs (the beschikking letter) are queued on rq as in
production and the queue is emptied afterwards; without it (the embedded default) they run on the
process's job thread (app/jobs/background.py) beside the timed calls, and the bench waits for it at the
end (untimed) and counts the letters; JOBS_INLINE=1 runs them inside the timed calls, as before.
--think waits for the job thread between cases (untimed), as a consulent turning to the next case would;
without it the clicks run back to back beside a backlog of letters (they share the GIL with it).

Ours: per case `meldingen.submit_melding`, then every open HumanTask of the zaak in order through
`tasks.complete_task` with valid form data (triage → onderzoek_gesprek → onderzoek_verslag →
aanvraag_registreren → besluit_voorbereiden → [vier_ogen_toets] → beschikking_vaststellen).
1 case in 5 needs the vier-ogen toets (alternately an afwijzing and kosten above the drempel).
The session is removed between calls, as between two web requests. Only service calls are timed.

Bare: the same model parsed once; per case a BpmnWorkflow with the same start data, the same user
tasks completed with the same data, do_engine_steps; service tasks answered by a trivial
in-memory call_service. No database, no serialization, no sandbox. ratio = ours / bare per case.
For scale it is run twice more: with our spec-less dump_state/load_state at every wait (no DB),
and with the least a persisted step needs (bench/engine_floor.py: one Core transaction per wait
that reads the row, writes the state and one audit row) — the floor under any persisted design.

--breakdown wraps the main steps of complete_task with timers (adds a little overhead) and adds
`breakdown_ms_per_completion`; the `sql` entry overlaps the others (queries run inside them).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, text  # noqa: E402

from app import create_app, db  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from app.models import Base, HumanTask, ProcessInstance, Product, User  # noqa: E402
from engine_breakdown import Breakdown, ms  # noqa: E402
from engine_floor import persisted_floor  # noqa: E402
from engine_plan import form_data, fresh_people, needs_vier_ogen, people_of, percentile  # noqa: E402,F401
from spy import load, sampling  # noqa: E402


#: Issue 15: complete_task p95 under 15 ms, and ours at most 1.5 times the persisted floor, in both modes.
TARGET_P95_MS = 15
TARGET_RATIO = 1.5


# ----------------------------------------------------------------------------------------------
# Ours: through the service layer, with persistence
# ----------------------------------------------------------------------------------------------

def database_url() -> tuple[str, str]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='cumulus-bench-')) / 'bench.sqlite'}", "sqlite"
    name = url.rsplit("/", 1)[-1]
    if "bench" not in name and "perf" not in name:
        sys.exit("DATABASE_URL: the database name must contain 'bench' or 'perf' (all its tables are dropped)")
    return url, url.split(":", 1)[0].split("+", 1)[0]


def fresh_app(url: str):
    """A migrated, seeded database with the models deployed, as tests/conftest.py does it."""
    engine = db.make_engine(url)
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    upgrade(url)
    app = create_app(TestConfig, DATABASE_URL=url, REDIS_URL=os.environ.get("REDIS_URL") or None)
    logging.getLogger().setLevel(logging.WARNING)
    with app.app_context():
        from app.services import demo_data, deployment
        demo_data.load_demo_data()
        deployment.deploy_directory(app.config["BPMN_DIR"])
    return app


def run_ours(app, cases: int, breakdown: "Breakdown | None", think: bool = False) -> dict:
    from app.services.meldingen import submit_melding
    from app.services.errors import InvalidInput
    from app.services.tasks import complete_task

    with app.app_context():
        session = db.session
        users = {u.username: u for u in session.scalars(select(User))}
        by_lane = {"consulent": users["consulent"], "beoordelaar": users["beoordelaar"]}
        people = people_of(session, by_lane["consulent"])
        products = [tuple(row) for row in session.execute(
            select(Product.productcode, Product.eenheid).where(Product.domein == "wmo").order_by(Product.productcode))]
        session.remove()

        submit_s, complete_s, complete_cpu, case_s, steps = [], [], [], [], defaultdict(int)
        cpu_started = time.process_time()
        for case_no in range(cases):
            started = time.perf_counter()
            zaak = submit_melding(by_lane["consulent"], person_id=people[case_no % len(people)], domein="wmo",
                                  omschrijving="Ik kan mijn huis niet meer schoonhouden.", kanaal="telefoon")
            submit_s.append(time.perf_counter() - started)
            spent = submit_s[-1]
            session.remove()
            while (task := session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak.id,
                                                                  HumanTask.status == "open")
                                          .order_by(HumanTask.id).limit(1))) is not None:
                data = form_data(task.spec_name, case_no, products)
                actor, task_id = by_lane[task.lane], task.id
                session.remove()
                if breakdown:
                    breakdown.active = True
                started, cpu = time.perf_counter(), time.process_time()
                try:
                    complete_task(actor, task_id, data)
                except InvalidInput as refused:  # the bench's form data no longer fits the form: say what
                    raise SystemExit(f"bench/engine.py: {task.spec_name} refused its form data: {refused.errors}")
                complete_s.append(time.perf_counter() - started)
                complete_cpu.append(time.process_time() - cpu)
                if breakdown:
                    breakdown.active = False
                spent += complete_s[-1]
                steps[task.spec_name] += 1
                session.remove()
            case_s.append(spent)
            if think and not app.config.get("REDIS_URL"):
                from app.jobs.background import drain
                drain(timeout=600)
        cpu_s = time.process_time() - cpu_started  # includes the bench's own lookups between calls

        sizes = [len(s.encode("utf-8")) for s in session.scalars(select(ProcessInstance.state))]
        unfinished = session.scalar(select(text("count(*)")).select_from(ProcessInstance)
                                    .where(ProcessInstance.status != "completed"))
        session.remove()
    return {"case_s": case_s, "cpu_s": cpu_s, "submit_s": submit_s, "complete_s": complete_s,
            "complete_cpu_s": complete_cpu, "steps": dict(steps),
            "state_bytes": sizes, "unfinished": unfinished}


def empty_job_queue(app) -> int | str:
    """Drop the jobs the run queued on rq (no worker runs them): how many; without Redis wait for the
    job thread and say how long that took and how many letters exist."""
    if not app.config.get("REDIS_URL"):
        if app.config.get("JOBS_INLINE"):
            return "inline (JOBS_INLINE)"
        from app.jobs.background import drain
        from app.models import Beschikking, Document
        started = time.perf_counter()
        drain(timeout=3600)
        waited = time.perf_counter() - started
        with app.app_context():
            letters = db.session.scalar(select(text("count(*)")).select_from(Document))
            beschikkingen = db.session.scalar(select(text("count(*)")).select_from(Beschikking))
        return f"in-process job thread ({letters} letters for {beschikkingen} beschikkingen; waited {waited:.1f}s after the run)"
    from redis import Redis
    from rq import Queue
    from app.jobs.queue import QUEUE
    queue = Queue(QUEUE, connection=Redis.from_url(app.config["REDIS_URL"]))
    count = queue.count
    queue.empty()
    return count


# ----------------------------------------------------------------------------------------------
# Bare: the same BPMN in SpiffWorkflow, in memory
# ----------------------------------------------------------------------------------------------

def bare_model():
    """The Wmo model parsed once with its DMN tables, and a script engine whose service tasks answer from memory."""
    from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
    from SpiffWorkflow.spiff.parser import SpiffBpmnParser

    class InMemoryServices(TaskDataEnvironment):
        def call_service(self, context, operation_name=None, operation_params=None, **_kwargs):
            if operation_name == "bereken_termijn":
                return json.dumps(f"{date.today() + timedelta(days=14)}T23:59:59+00:00")
            return json.dumps({"beschikking_id": 1})

    parser = SpiffBpmnParser()
    parser.add_bpmn_file(str(ROOT / "bpmn" / "wmo.bpmn"))
    parser.add_dmn_files([str(path) for path in sorted((ROOT / "bpmn").glob("*.dmn"))])  # the vier-ogen table
    return parser.get_spec("wmo"), parser.get_subprocess_specs("wmo"), PythonScriptEngine(environment=InMemoryServices())


def state_roundtrip(spec, subprocess_specs, engine):
    """An at_wait hook: save and restore the state with our spec-less serializer (no database)."""
    from app.engine.serializer import dump_state, load_state

    def at_wait(workflow, case_no):
        workflow = load_state(dump_state(workflow), spec, subprocess_specs)
        workflow.script_engine = engine
        return workflow
    return at_wait


def run_bare(cases: int, products: list[tuple[str, str]], model, at_wait=None) -> dict:
    """at_wait(workflow, case_no) -> workflow: called at every wait state (e.g. a round trip)."""
    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.util.task import TaskState

    spec, subprocess_specs, engine = model
    at_wait = at_wait or (lambda workflow, _case_no: workflow)
    today = date.today()
    start_data = {"zaak_id": 1, "zaaknummer": f"Z-{today.year}-000001", "domein": "wmo",
                  "ontvangen_op": today.isoformat(), "vier_ogen_drempel": TestConfig.VIER_OGEN_DREMPEL,
                  "toets": None, "onderzoek_deadline": f"{today + timedelta(weeks=6)}T23:59:59+00:00"}

    case_s, completions, cpu_started = [], 0, time.process_time()
    for case_no in range(cases):
        started = time.perf_counter()
        workflow = BpmnWorkflow(spec, subprocess_specs, script_engine=engine)
        workflow.get_next_task(state=TaskState.READY).data.update(start_data)
        workflow.do_engine_steps()
        workflow = at_wait(workflow, case_no)
        while ready := workflow.get_tasks(state=TaskState.READY, manual=True):
            task = ready[0]
            task.set_data(**form_data(task.task_spec.bpmn_id, case_no, products))
            task.run()
            workflow.do_engine_steps()
            workflow = at_wait(workflow, case_no)
            completions += 1
        case_s.append(time.perf_counter() - started)
        if not workflow.is_completed():
            raise RuntimeError(f"bare case {case_no} did not complete")
    return {"case_s": case_s, "cpu_s": time.process_time() - cpu_started, "completions": completions}


# ----------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--breakdown", action="store_true", help="time the steps inside complete_task")
    parser.add_argument("--think", action="store_true", help="wait for the in-process job thread between cases")
    parser.add_argument("--profile", action="store_true", help="sample our run with py-spy, add the top frames")
    args = parser.parse_args()

    url, dialect = database_url()
    app = fresh_app(url)
    breakdown = Breakdown() if args.breakdown else None
    if breakdown:
        with app.app_context():
            breakdown.install()
    load_before = load()
    with (sampling("complete_task") if args.profile else nullcontext({})) as profile:
        ours = run_ours(app, args.cases, breakdown, think=args.think)
    load_after = load()
    jobs_queued = empty_job_queue(app)
    with app.app_context():
        products = [tuple(row) for row in db.session.execute(
            select(Product.productcode, Product.eenheid).where(Product.domein == "wmo").order_by(Product.productcode))]
    model = bare_model()
    bare = run_bare(args.cases, products, model)
    bare_roundtrip = run_bare(args.cases, products, model, state_roundtrip(*model))
    with persisted_floor(url) as at_wait:
        floor = run_bare(args.cases, products, model, at_wait)

    ours_per_case = statistics.mean(ours["case_s"])
    bare_per_case = statistics.mean(bare["case_s"])
    floor_per_case = statistics.mean(floor["case_s"])
    completions = len(ours["complete_s"])
    p95 = ms(percentile(ours["complete_s"], 95))
    result = {
        "database": dialect,
        "cases": args.cases,
        "vier_ogen_cases": sum(needs_vier_ogen(i) for i in range(args.cases)),
        "unfinished_cases": ours["unfinished"],
        "cases_per_s": round(1 / ours_per_case, 1),
        "ms_per_case": ms(ours_per_case),
        "task_completions": completions,
        "task_completions_by_step": ours["steps"],
        "complete_task_ms": {"p50": ms(percentile(ours["complete_s"], 50)), "p95": p95,
                             "mean": ms(statistics.mean(ours["complete_s"])),
                             "target_p95": TARGET_P95_MS, "met": p95 < TARGET_P95_MS},
        # CPU of this process per call (time.process_time): what the call costs whatever the machine's load
        "complete_task_cpu_ms": {"p50": ms(percentile(ours["complete_cpu_s"], 50)),
                                 "p95": ms(percentile(ours["complete_cpu_s"], 95)),
                                 "mean": ms(statistics.mean(ours["complete_cpu_s"]))},
        "submit_melding_ms": {"p50": ms(percentile(ours["submit_s"], 50)),
                              "p95": ms(percentile(ours["submit_s"], 95)),
                              "mean": ms(statistics.mean(ours["submit_s"]))},
        "state_bytes": {"mean": round(statistics.mean(ours["state_bytes"])), "max": max(ours["state_bytes"])},
        "bare_spiffworkflow": {"cases_per_s": round(1 / bare_per_case, 1), "ms_per_case": ms(bare_per_case),
                               "task_completions": bare["completions"]},
        "ratio_ours_to_bare": round(ours_per_case / bare_per_case, 2),
        # For scale: bare plus app.engine.serializer dump_state/load_state at every wait (no DB)
        "bare_with_state_roundtrip": {"ms_per_case": ms(statistics.mean(bare_roundtrip["case_s"])),
                                     "ratio_ours_to_it": round(ours_per_case / statistics.mean(
                                         bare_roundtrip["case_s"]), 2)},
        # For the floor: bare plus, at every wait, one transaction with SQLAlchemy Core on the same
        # database (read the row, write the state, one audit row, commit; see engine_floor.py)
        "bare_with_minimal_persistence": {"ms_per_case": ms(floor_per_case),
                                          "ratio_to_bare": round(floor_per_case / bare_per_case, 2),
                                          "ratio_ours_to_it": round(ours_per_case / floor_per_case, 2),
                                          "target_ratio": TARGET_RATIO,
                                          "met": ours_per_case / floor_per_case <= TARGET_RATIO,
                                          "cpu_ms_per_case": ms(floor["cpu_s"] / args.cases),
                                          "cpu_ratio_ours_to_it": round(ours["cpu_s"] / floor["cpu_s"], 2)},
        # CPU seconds of this process: steadier than wall time on a busy machine, but blind to fsync waits
        "cpu_ms_per_case": {"ours": ms(ours["cpu_s"] / args.cases), "bare": ms(bare["cpu_s"] / args.cases),
                            "ratio": round(ours["cpu_s"] / bare["cpu_s"], 2)},
        "think_between_cases": args.think,
        # os.getloadavg() (1, 5, 15 min) before and after our run: the machine has 2 cores
        "load_average": {"before": load_before, "after": load_after},
        "jobs": f"queued on rq ({jobs_queued}, emptied)" if isinstance(jobs_queued, int) else jobs_queued,
    }
    if breakdown:
        result["breakdown_ms_per_completion"] = breakdown.report(completions)
    if args.profile:
        result["py_spy"] = profile
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
