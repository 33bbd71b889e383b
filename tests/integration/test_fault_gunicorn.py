"""Fault test: gunicorn workers SIGKILLed at random moments while several threads claim and complete
tasks through the API over real HTTP — afterwards every process instance's stored state and the
human_task table agree, each instance advanced exactly once per completed task, and a completion
retried after a dropped connection works. PostgreSQL + Redis only (.ci/run's second pass)."""
import os
import threading
import time

import pytest
import requests

from app import db
from app.engine import ready_user_task_ids
from app.models import HumanTask, Person, ProcessInstance
from app.services.accounts import create_api_token
from app.services.meldingen import submit_melding
from case_data import form_data
from faults import descendants, fault_rng, gunicorn, kill_tree, needs_postgres_and_redis  # noqa: F401 — fixture

pytestmark = [pytest.mark.faults, needs_postgres_and_redis]
CASES, THREADS, GUNICORN_WORKERS = 16, 4, 2
COMPLETING = threading.Semaphore(0)  # released once per completion request sent: the killer aims at those
STEPS = ("triage", "onderzoek_gesprek", "onderzoek_verslag")  # then aanvraag_registreren waits


class Consulent:
    """One thread's API client: every call is retried after a dropped connection (a killed worker)."""

    def __init__(self, base_url: str, token: str):
        self.base_url, self.headers = base_url, {"Authorization": f"Bearer {token}"}
        self.dropped = self.retried_completions = 0

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        for _ in range(40):
            if path.endswith("/voltooien"):
                COMPLETING.release()
            try:
                return requests.request(method, self.base_url + path, headers=self.headers, timeout=60, **kwargs)
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                # the worker died before or while it answered (a cut-off body): retry, as a client would
                self.dropped += 1
                self.retried_completions += path.endswith("/voltooien")
                time.sleep(0.1)
        raise AssertionError(f"{method} {path}: no answer after 40 tries")

    def open_task(self, zaak_id: int) -> dict:
        tasks = self.call("GET", "/api/v1/taken?rol=consulent&limit=100")
        assert tasks.status_code == 200, tasks.text
        [task] = [t for t in tasks.json()["results"] if t["zaak_id"] == zaak_id]
        return task

    def work(self, zaak_id: int) -> None:
        for step in STEPS:
            task = self.open_task(zaak_id)
            assert task["taak"] == step
            claimed = self.call("POST", f"/api/v1/taken/{task['id']}/claim")
            assert claimed.status_code == 200, claimed.text
            done = self.call("POST", f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": form_data(step)})
            # 409: the first try committed before its worker died; the retry is told so in Dutch
            assert done.status_code == 200 or (done.status_code == 409 and "al afgerond" in done.json()["detail"]), \
                done.text


def test_gunicorn_workers_killed_while_tasks_are_completed_leave_instances_and_the_inbox_in_agreement(
        app, users, fault_rng, tmp_path, database_url):
    people = [p.id for p in db.session.query(Person).filter(Person.gemeente_id.in_(users["consulent"].gemeente_ids))
              .order_by(Person.id).limit(CASES)]  # the inwoners of the consulent's gemeente
    zaken = [submit_melding(users["consulent"], person_id=people[n % len(people)], domein="wmo", omschrijving="x",
                            kanaal="telefoon").id for n in range(CASES)]
    db.session.remove()
    start_versions = {i.id: i.lock_version for i in db.session.query(ProcessInstance)}
    tokens = [create_api_token(users[name], "fault test") for name in ("consulent", "senior") * (THREADS // 2)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEST_")}
    env.update(DATABASE_URL=database_url, CUMULUS_ENV="test")
    env.pop("REDIS_URL", None)  # jobs (none on these steps) would run in the request
    stop_killing, kills, errors = threading.Event(), [], []

    with open(tmp_path / "gunicorn.log", "w+") as log, gunicorn(env, GUNICORN_WORKERS, log) as (arbiter, base_url):
        clients = [Consulent(base_url, token) for token in tokens]

        def work(client, mine):
            try:
                for zaak_id in mine:
                    client.work(zaak_id)
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        def killer():
            """After a random pause, wait for a completion request to go out, let the server work on it a
            random few milliseconds, and kill every worker, so that the one handling it dies mid-request (a kill of
            one chosen at random missed the handler, or came after its answer, often enough to prove nothing)."""
            while not stop_killing.wait(fault_rng.uniform(0.5, 1.5)):
                while COMPLETING.acquire(blocking=False):  # forget the completions sent during the pause
                    pass
                if not COMPLETING.acquire(timeout=2):
                    continue
                time.sleep(fault_rng.uniform(0, 0.02))
                for worker in sorted(descendants(arbiter.pid)):  # the sync workers: they fork nothing
                    kills.extend(kill_tree(worker)[:1])

        threads = [threading.Thread(target=work, args=(c, zaken[n::THREADS])) for n, c in enumerate(clients)]
        chaos = threading.Thread(target=killer)
        chaos.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=240)
        stop_killing.set()
        chaos.join(timeout=30)
        log.seek(0)
        output = log.read()
    assert not errors, f"{errors[0]!r}\n{output[-3000:]}"
    dropped = sum(c.dropped for c in clients)
    retried = sum(c.retried_completions for c in clients)
    assert kills and dropped, f"{len(kills)} kills dropped no request: the test proved nothing"
    print(f"{len(kills)} gunicorn workers killed, {dropped} requests dropped, {retried} completions retried")

    db.session.expire_all()
    instances = db.session.query(ProcessInstance).all()
    assert {i.id for i in instances} == set(start_versions)
    for instance in instances:
        rows = db.session.query(HumanTask).filter_by(instance_id=instance.id).order_by(HumanTask.id).all()
        open_rows = {r.task_uuid for r in rows if r.status == "open"}
        assert ready_user_task_ids(instance) == open_rows, f"instance {instance.id}: engine and inbox disagree"
        assert [(r.spec_name, r.status) for r in rows] == [
            *((step, "completed") for step in STEPS), ("aanvraag_registreren", "open")]
        completed = sum(r.status == "completed" for r in rows)
        assert instance.lock_version == start_versions[instance.id] + completed, \
            f"instance {instance.id} was saved {instance.lock_version - start_versions[instance.id]} times " \
            f"for {completed} completions"
