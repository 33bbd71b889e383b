"""The in-process job queue of the embedded default (no REDIS_URL): one worker thread per process runs the
jobs, one at a time and in order, each in an app context (and so a database session) of its own, after the
commit that queued them — so a click never waits for a PDF, a mail or the handling of a bericht.

It is a stdlib ThreadPoolExecutor with one thread, made lazily by the first job (or request) of a process —
never in a gunicorn master before it forks; a forked child starts with none. At interpreter exit the thread
finishes what was queued, then stops. Nothing depends on it for correctness: the database is the source of
truth, and work whose job died with its process (a kill before the thread ran it) is found again by
`tasks.recover_lost_jobs`, the first job of every new worker thread and part of every tick.

The thread shares the GIL with the request threads, so the PDF of a letter (~0.1 s of WeasyPrint's Python)
is rendered in a helper process (`render_pdf`, pdf.py); a click meanwhile would otherwise wait for the GIL
after each of its queries."""
import logging
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

from . import pdf

logger = logging.getLogger(__name__)

#: The GIL switch interval once a job thread runs. A request thread gives the GIL up for every query and
#: waits up to the interval to get it back from a job busy in Python (a template, a bericht); Python's
#: default of 5 ms would add that to every query of a click (measured: a 4 ms click of 20 queries took
#: 11 ms beside a PDF rendered on another thread, 7 ms at 0.5 ms).
SWITCH_INTERVAL_SECONDS = 0.0005

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_pending: set[Future] = set()
_helper: subprocess.Popen | None = None  # the PDF helper process; used by the job thread only
_job_thread = threading.local()


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


def render_pdf(html: str, attachments=()) -> bytes:
    """The PDF of `html` (with `attachments` embedded: (file name, description, bytes)): on the job thread from
    the helper process (started at its first letter), waited for without holding the GIL; anywhere else (the rq
    worker, JOBS_INLINE) rendered here."""
    global _helper
    if not getattr(_job_thread, "active", False):
        return pdf.render_pdf(html, attachments)
    if _helper is None or _helper.poll() is not None:
        _helper = subprocess.Popen([sys.executable, "-m", "app.jobs.pdf"], cwd=Path(__file__).resolve().parents[2],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        pdf.write_frame(_helper.stdin, pdf.request_frame(html, attachments))
        answer = pdf.read_frame(_helper.stdout)
    except OSError:
        answer = None
    if answer is None:  # the helper died (killed, out of memory): the next letter starts a new one
        _helper.kill()
        _helper = None
        raise RuntimeError("Het PDF-hulpproces stopte tijdens het maken van de brief")
    if answer[:1] != b"\x00":
        raise RuntimeError(f"De PDF kon niet worden gemaakt: {answer[1:].decode('utf-8', 'replace')}")
    return answer[1:]


def _worker(app) -> ThreadPoolExecutor:
    global _executor
    with _lock:
        started = _executor is None
        if started:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cumulus-jobs")
            sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_SECONDS))
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
    _job_thread.active = True
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
    global _lock, _executor, _pending, _helper
    _lock, _executor, _pending, _helper = threading.Lock(), None, set(), None


os.register_at_fork(after_in_child=_after_fork_in_child)
