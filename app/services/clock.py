"""The services' clock: the real UTC time, unless the app's CLOCK setting names another (tests travel in
time with it instead of sleeping)."""
from datetime import datetime

from ..models.base import utcnow
from .settings import setting


def now() -> datetime:
    clock = setting("CLOCK")
    return clock() if clock is not None else utcnow()
