"""Job functions run by rq workers (or in-process when there is no Redis)."""
import logging
import os

logger = logging.getLogger(__name__)
_app = None


def _app_context():
    """Jobs run outside a request: build the app once per worker process."""
    global _app
    if _app is None:
        from .. import create_app
        from ..config import TestConfig, config_from_env
        _app = create_app(TestConfig if os.environ.get("CUMULUS_ENV") == "test" else config_from_env())
    return _app.app_context()


def tick() -> int:
    """Fire due timers; the worker schedules this every minute."""
    from ..services.timers import fire_due_timers
    with _app_context():
        return fire_due_timers()


def tick_and_reschedule(interval_seconds: int = 60) -> int:
    """Tick, then put the next tick on the schedule (one pending tick at a time, by job id)."""
    from .queue import schedule_tick
    try:
        return tick()
    finally:
        schedule_tick(interval_seconds)
