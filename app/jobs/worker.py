"""The rq worker process (`flask worker`): it runs the jobs itself, one after another, instead of forking a work
horse per job (rq's default Worker costs ~0.1-0.2 s per job in the fork and in building the app again in the
horse). The app, the compiled XSDs and the database pool are made once per process; each job gets an app
context, and so a database session, of its own, which ends with the job.

A worker killed mid-job loses nothing: the job's transaction never committed, and what it left undone is found
again — berichten by services/exchange/recovery.py when a worker starts and by the tick, letters and mails by
the tick (jobs/tasks.py recover_lost_jobs). Run more processes for more throughput (Procfile, README)."""
from flask import current_app
from rq import SimpleWorker

from .queue import redis_url, rq_queue, schedule_tick


class AppWorker(SimpleWorker):
    """rq's SimpleWorker with every job inside a fresh app context of the app that started it."""

    def __init__(self, *args, app, **kwargs):
        super().__init__(*args, **kwargs)
        self.app = app

    def execute_job(self, job, queue):
        with self.app.app_context():
            return super().execute_job(job, queue)


def run_worker(burst: bool = False) -> None:
    """Work the queue until stopped (or, with `burst`, until it is empty); schedules the timer tick."""
    if not redis_url():
        raise SystemExit("REDIS_URL is niet ingesteld; zonder Redis draaien taken in het webproces "
                         "en vuurt `flask --app wsgi tick` de termijnen af.")
    from .warmup import prepare_worker
    queue = rq_queue()
    schedule_tick()
    prepare_worker()
    AppWorker([queue], connection=queue.connection, app=current_app._get_current_object()).work(
        burst=burst, with_scheduler=True)
