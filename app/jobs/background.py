"""The in-process job queue of the embedded default (no REDIS_URL): one worker thread per process runs the
jobs, one at a time and in order, each in an app context (and so a database session) of its own, after the
commit that queued them — so a click never waits for a PDF, a mail or the handling of a bericht.

It is a stdlib ThreadPoolExecutor with one thread, made lazily by the first job (or request) of a process —
never in a gunicorn master before it forks; a forked child starts with none. At interpreter exit the thread
finishes what was queued, then stops. Nothing depends on it for correctness: the database is the source of
truth, and work whose job died with its process (a kill before the thread ran it) is found again by
`tasks.recover_lost_jobs`, the first job of every new worker thread and part of every tick."""
import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_pending: set[Future] = set()


def submit(app, func, *args, **kwargs) -> Future:
    """Queue `func(*args, **kwargs)` for the worker thread of this process; the Future of its result."""
    future = _worker(app).submit(_run, app, func, args, kwargs)
    with _lock:
        _pending.add(future)
    future.add_done_callback(_forget)
    return future


def ensure_started(app) -> None:
    """Start the worker thread of this process (and with it the recovery of lost jobs) if it is not running."""
    if _executor is None:  # read without the lock: the common case, every request, costs nothing
        _worker(app)


def drain(timeout: float = 60) -> bool:
    """Wait until every queued job, and every job those queued, has run; False if `timeout` passed first."""
    deadline = time.monotonic() + timeout
    while True:
        with _lock:
            pending = set(_pending)
        if not pending:
            return True
        _, not_done = wait(pending, timeout=max(0.0, deadline - time.monotonic()))
        if not_done:
            return False


def _worker(app) -> ThreadPoolExecutor:
    global _executor
    with _lock:
        started = _executor is None
        if started:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cumulus-jobs")
        executor = _executor
    if started:
        from .tasks import recover_lost_jobs
        logger.info("In-process job worker started in process %s", os.getpid())
        future = executor.submit(_run, app, recover_lost_jobs, (), {})  # a restart after a crash: see the docstring
        with _lock:
            _pending.add(future)
        future.add_done_callback(_forget)
    return executor


def _run(app, func, args: tuple, kwargs: dict):
    with app.app_context():
        try:
            return func(*args, **kwargs)
        except Exception:  # the work stays undone in the database; the tick or the next start does it again
            logger.exception("In-process job %s%r failed", getattr(func, "__name__", func), args)
            raise


def _forget(future: Future) -> None:
    with _lock:
        _pending.discard(future)


def _after_fork_in_child() -> None:
    """A forked child (a gunicorn worker) has no worker thread: it makes its own when it first needs one."""
    global _lock, _executor, _pending
    _lock, _executor, _pending = threading.Lock(), None, set()


os.register_at_fork(after_in_child=_after_fork_in_child)
