"""Put jobs on the rq queue (production) or on the in-process worker thread (no REDIS_URL, background.py);
the rq worker that runs them is worker.py."""
import logging
from datetime import timedelta
from functools import lru_cache

from flask import current_app, has_app_context

logger = logging.getLogger(__name__)
QUEUE = "cumulus"
TICK_KEY = "cumulus:tick-scheduled"


def redis_url() -> str | None:
    import os
    return current_app.config.get("REDIS_URL") if has_app_context() else os.environ.get("REDIS_URL")


def rq_queue():
    """The rq queue every job goes on (needs REDIS_URL)."""
    from rq import Queue
    return Queue(QUEUE, connection=_redis(redis_url()))


@lru_cache(maxsize=4)
def _redis(url: str):
    """One client (with its connection pool) per URL: a new connection per job costs ~3 ms."""
    from redis import Redis
    return Redis.from_url(url)


def enqueue(func, *args, **kwargs):
    """Queue `func` on rq; without Redis (the embedded default) on this process's job thread, or, with
    JOBS_INLINE or outside an app, run it now in the caller's thread."""
    if redis_url():
        return rq_queue().enqueue(func, *args, job_timeout=300, **kwargs)
    if not has_app_context() or current_app.config.get("JOBS_INLINE"):
        return func(*args, **kwargs)
    from . import background
    return background.submit(current_app._get_current_object(), func, *args, **kwargs)


def start_job_thread() -> None:
    """Before each request: without Redis, make sure this process runs its job thread, so the lost jobs of a
    crashed process are found again at start-up (see background.py), not only at the next enqueue."""
    if not redis_url() and not current_app.config.get("JOBS_INLINE"):
        from . import background
        background.ensure_started(current_app._get_current_object())


def queued_args(func) -> list[tuple]:
    """The arguments of the jobs of `func` still waiting on the queue (none without Redis)."""
    if not redis_url():
        return []
    name = f"{func.__module__}.{func.__qualname__}"
    return [job.args for job in rq_queue().get_jobs() if job is not None and job.func_name == name]


def schedule_tick(interval_seconds: int = 60) -> None:
    """Schedule the next timer tick unless one is already scheduled (several workers, one tick).

    A Redis key that lives until just before the scheduled tick runs is the claim on it.
    """
    from .tasks import tick_and_reschedule
    queue = rq_queue()
    if queue.connection.set(TICK_KEY, "1", nx=True, ex=max(1, interval_seconds - 1)):
        queue.enqueue_in(timedelta(seconds=interval_seconds), tick_and_reschedule, interval_seconds,
                         job_timeout=300)
