"""Read the settings a service needs: a business rule the beheerder changed on the settings page (a row in
`instelling`, read again on every use, so a change holds at once in every process), else the app config,
with the defaults outside an app context."""
from datetime import date

from flask import current_app, has_app_context
from sqlalchemy import select

from .. import db
from ..config import Config
from ..domain.instellingen import SETTINGS, holiday_dates
from ..engine.limits import Limits
from ..models import Instelling


def setting(name: str):
    if not has_app_context():
        return getattr(Config, name)
    if name in SETTINGS:
        with db.session.no_autoflush:
            stored = db.session.scalar(select(Instelling.value).where(Instelling.name == name))
        if stored is not None:
            return stored
    return current_app.config[name]


def extra_holidays() -> tuple[date, ...]:
    return holiday_dates(setting("EXTRA_HOLIDAYS"))


def run_limits() -> Limits:
    """The limits of one engine step, from the configuration."""
    return Limits(time=setting("SCRIPT_TIME_LIMIT"), tasks=setting("ENGINE_STEP_TASK_LIMIT"),
                  instances=setting("ENGINE_MAX_INSTANCES"), size=setting("SCRIPT_MAX_SIZE"),
                  memory=setting("SCRIPT_MAX_MEMORY_MB") * 1024 * 1024)
