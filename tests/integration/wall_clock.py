"""Run a test hand-computed for one calendar day on that day, whatever the day of the run.

The services take their day from app.config["CLOCK"] (the `clock` fixture), but SpiffWorkflow compares its timers
with the wall clock, and so do date.today() and datetime.now() in the code a test reaches. time-machine moves the
whole process's clock (every thread) to the day the dates were computed for and lets it tick from there, so these
tests run in January as they did in December instead of being skipped. The database's own now() is not moved:
such a test compares the dates the platform computes, not the rows' creation times."""
from contextlib import contextmanager
from datetime import date, datetime, timezone

import time_machine


@contextmanager
def on(day: date, hour_utc: int = 9):
    """The wall clock of this process at `hour_utc` o'clock UTC on `day`, ticking."""
    with time_machine.travel(datetime(day.year, day.month, day.day, hour_utc, tzinfo=timezone.utc), tick=True):
        yield
