"""Benchmark: N Wmo cases from melding to beschikking through the service layer, with persistence,
compared with the same BPMN run bare in SpiffWorkflow in memory. Prints one JSON object on stdout.

Usage: python bench/engine.py [--cases N] [--breakdown]
Profile: python -m pyinstrument bench/engine.py --cases 200 >/dev/null

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
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, text  # noqa: E402

from app import create_app, db  # noqa: E402
from app.config import TestConfig  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from app.models import Base, HumanTask, Person, ProcessInstance, Product, User  # noqa: E402
from engine_breakdown import Breakdown, ms  # noqa: E402
from engine_floor import persisted_floor  # noqa: E402


# ----------------------------------------------------------------------------------------------
# The case plan: which data each user task gets (shared by ours and bare)
# ----------------------------------------------------------------------------------------------

def needs_vier_ogen(case_no: int) -> bool:
    return case_no % 5 == 0


def form_data(step: str, case_no: int, products: list[tuple[str, str]]) -> dict:
    """Valid data for the form of user task `step` (see forms/*.json) in case number `case_no`; `products` are
    (productcode, eenheid) pairs: a pgb is reckoned in the product's own eenheid."""
    today = date.today().isoformat()
    afwijzen = needs_vier_ogen(case_no) and case_no % 10 == 0
    duur = needs_vier_ogen(case_no) and not afwijzen
    if step == "triage":
        return {"spoed": False, "samenvatting": "Hulp bij het huishouden na heupoperatie.",
                "vervolg": "onderzoek"}
    if step == "onderzoek_gesprek":
        return {"datum_gesprek": today, "aanwezigen": "inwoner, dochter", "mantelzorger_betrokken": True,
                "clientondersteuning_aangeboden": True, "persoonlijk_plan_ontvangen": False,
                "identiteit_vastgesteld": True, "pgb_uitgelegd": True,
                "bevinding_behoeften": "Kan tijdelijk niet zelf schoonmaken.",
                "bevinding_eigen_kracht": "Koken lukt, zwaar huishouden niet.",
                "bevinding_mantelzorg_netwerk": "Dochter komt twee keer per week.",
                "bevinding_ondersteuning_mantelzorger": "Dochter is overbelast; respijtzorg besproken.",
                "bevinding_algemene_voorzieningen": "Boodschappendienst past, schoonmaak niet.",
                "eigen_bijdrage_besproken": True}
    if step == "onderzoek_verslag":
        return {"verslag": "Maatwerk nodig voor zwaar huishouden.", "advies": "maatwerkvoorziening",
                "verslag_verstrekt_op": today, "persoonlijk_plan": "ziet_af"}
    if step == "aanvraag_registreren":
        productcode, eenheid = products[case_no % len(products)]
        return {"aanvraag_ontvangen_op": today, "productcode": productcode,
                "leveringsvorm": "pgb", "pgb_beheer": True, "pgb_kwaliteit": True,
                "pgb_motivering": "Zij kiest zelf een hulp die zij kent.",
                "pgb_kwaliteit_toelichting": "Een zelfstandige hulp met VOG en referenties.",
                "omvang": 3, "eenheid": eenheid, "frequentie": "per_week",
                "ingangsdatum": (date.today() + timedelta(days=7)).isoformat(),
                "einddatum": (date.today() + timedelta(days=371)).isoformat(),
                "kosten_per_jaar": 15000 if duur else 5070}
    if step == "besluit_voorbereiden":
        return {"besluit": "afwijzen" if afwijzen else "toekennen",
                "motivering": "Voldoet aan de criteria van de verordening.", "grondslag": "art. 2.3.5 Wmo 2015"}
    if step == "vier_ogen_toets":
        return {"toets": "akkoord"}
    raise ValueError(f"bench has no data for user task {step!r}")


def people_of(session, user) -> list[int]:
    """The persons `user` may work for (their gemeenten): a zaak of another gemeente is hidden from them."""
    return list(session.scalars(select(Person.id).where(Person.gemeente_id.in_(user.gemeente_ids))
                                .order_by(Person.id)))


def fresh_people(session, user, count: int) -> list[int]:
    """`count` new inwoners of the user's first gemeente, each with an address (a 301 needs one, TR006) and a BSN of
    its own, so that every case is a toewijzing of its own client (one product per client and period, TR302)."""
    from stdnum.nl import bsn as bsn_check
    taken = set(session.scalars(select(Person.bsn)))
    gemeente_id = min(user.gemeente_ids)
    made, n = [], 100000000
    while len(made) < count:
        n += 1
        candidate = f"{n:09d}"
        if candidate in taken or not bsn_check.is_valid(candidate):
            continue
        person = Person(bsn=candidate, gemeente_id=gemeente_id, voornamen="Bench", achternaam=f"Inwoner {len(made)}",
                        geboortedatum=date(1950, 1, 1), straat="Benchstraat", huisnummer=str(len(made) % 999 + 1),
                        postcode="3441 AB", woonplaats="Woerden", wijk="Centrum")
        session.add(person)
        made.append(person)
    session.commit()
    return [p.id for p in made]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


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

        submit_s, complete_s, case_s, steps = [], [], [], defaultdict(int)
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
                started = time.perf_counter()
                try:
                    complete_task(actor, task_id, data)
                except InvalidInput as refused:  # the bench's form data no longer fits the form: say what
                    raise SystemExit(f"bench/engine.py: {task.spec_name} refused its form data: {refused.errors}")
                complete_s.append(time.perf_counter() - started)
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
    return {"case_s": case_s, "cpu_s": cpu_s, "submit_s": submit_s, "complete_s": complete_s, "steps": dict(steps),
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
    """The Wmo model parsed once, and a script engine whose service tasks answer from memory."""
    from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
    from SpiffWorkflow.spiff.parser import SpiffBpmnParser

    class InMemoryServices(TaskDataEnvironment):
        def call_service(self, context, operation_name=None, operation_params=None, **_kwargs):
            if operation_name == "bereken_termijn":
                return json.dumps(f"{date.today() + timedelta(days=14)}T23:59:59+00:00")
            return json.dumps({"beschikking_id": 1})

    parser = SpiffBpmnParser()
    parser.add_bpmn_file(str(ROOT / "bpmn" / "wmo.bpmn"))
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
    args = parser.parse_args()

    url, dialect = database_url()
    app = fresh_app(url)
    breakdown = Breakdown() if args.breakdown else None
    if breakdown:
        with app.app_context():
            breakdown.install()
    ours = run_ours(app, args.cases, breakdown, think=args.think)
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
    completions = len(ours["complete_s"])
    result = {
        "database": dialect,
        "cases": args.cases,
        "vier_ogen_cases": sum(needs_vier_ogen(i) for i in range(args.cases)),
        "unfinished_cases": ours["unfinished"],
        "cases_per_s": round(1 / ours_per_case, 1),
        "ms_per_case": ms(ours_per_case),
        "task_completions": completions,
        "task_completions_by_step": ours["steps"],
        "complete_task_ms": {"p50": ms(percentile(ours["complete_s"], 50)),
                             "p95": ms(percentile(ours["complete_s"], 95)),
                             "mean": ms(statistics.mean(ours["complete_s"]))},
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
        "bare_with_minimal_persistence": {"ms_per_case": ms(statistics.mean(floor["case_s"])),
                                          "ratio_to_bare": round(statistics.mean(floor["case_s"]) / bare_per_case, 2),
                                          "ratio_ours_to_it": round(ours_per_case / statistics.mean(floor["case_s"]), 2)},
        # CPU seconds of this process: steadier than wall time on a busy machine, but blind to fsync waits
        "cpu_ms_per_case": {"ours": ms(ours["cpu_s"] / args.cases), "bare": ms(bare["cpu_s"] / args.cases),
                            "ratio": round(ours["cpu_s"] / bare["cpu_s"], 2)},
        "target_ratio": 3,
        "target_complete_task_p95_ms": 15,
        "think_between_cases": args.think,
        "jobs": f"queued on rq ({jobs_queued}, emptied)" if isinstance(jobs_queued, int) else jobs_queued,
    }
    if breakdown:
        result["breakdown_ms_per_completion"] = breakdown.report(completions)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
