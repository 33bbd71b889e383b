"""Read the settings a service needs: a business rule the beheerder changed on the settings page (a row in
`instelling`, read again in every transaction, so a change holds at once in every process), else the app
config, with the defaults outside an app context.

Within one transaction a setting is read once (a batch of berichten, an engine step asked the same ones again
and again: #15); a transaction that changes an instelling reads them afresh after its flush."""
from datetime import date

from flask import current_app, has_app_context
from sqlalchemy import select

from .. import db
from ..config import Config
from ..domain.instellingen import SETTINGS, holiday_dates
from ..engine.limits import Limits
from ..models import Instelling
from .transaction_memo import forget_on_flush, memo

forget_on_flush("instellingen", Instelling)


def setting(name: str):
    if not has_app_context():
        return getattr(Config, name)
    if name in SETTINGS:
        read = memo(db.session, "instellingen")  # name → stored value or None
        if name not in read:
            with db.session.no_autoflush:
                read[name] = db.session.scalar(select(Instelling.value).where(Instelling.name == name))
        if read[name] is not None:
            return read[name]
    return current_app.config[name]


def extra_holidays() -> tuple[date, ...]:
    return holiday_dates(setting("EXTRA_HOLIDAYS"))


def run_limits() -> Limits:
    """The limits of one engine step, from the configuration."""
    return Limits(time=setting("SCRIPT_TIME_LIMIT"), tasks=setting("ENGINE_STEP_TASK_LIMIT"),
                  instances=setting("ENGINE_MAX_INSTANCES"), size=setting("SCRIPT_MAX_SIZE"),
                  memory=setting("SCRIPT_MAX_MEMORY_MB") * 1024 * 1024)
