"""Use case: the beheerder changes the business rules on the settings page. Every field is checked
(each problem named in Dutch, nothing stored then), the changed ones are stored in one transaction and
audited old → new; they hold at once for every process (app/services/settings.py reads them on each use)."""
import logging

from sqlalchemy import select

from ..domain import policy
from ..domain.instellingen import SETTINGS
from ..models import Instelling
from ..models.base import utcnow
from . import audit
from .errors import Forbidden, InvalidInput
from .settings import setting
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def current_values() -> dict[str, str]:
    """Each setting as the page shows it."""
    return {name: spec.show(setting(name)) for name, spec in SETTINGS.items()}


def update(actor, raw: dict[str, str]) -> list[str]:
    """Store the settings in `raw` that changed; the names of those that did."""
    decision = policy.decide(actor, "instellingen.beheren")
    if not decision:
        raise Forbidden(decision.reason)
    values, errors = {}, {}
    for name, spec in SETTINGS.items():
        if name not in raw:
            continue
        try:
            values[name] = spec.parse(raw[name])
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        raise InvalidInput("De instellingen zijn niet opgeslagen.", errors=errors)
    changed = []
    with unit_of_work() as session:
        for name, value in values.items():
            old = setting(name)
            if SETTINGS[name].show(old) == SETTINGS[name].show(value):
                continue
            row = session.scalar(select(Instelling).where(Instelling.name == name))
            if row is None:
                row = Instelling(name=name, value=value)
                session.add(row)
            row.value, row.changed_at, row.changed_by_id = value, utcnow(), actor.id
            session.flush()
            audit.record(session, actor, "instelling.wijzigen", row,
                         {SETTINGS[name].label: [SETTINGS[name].show(old), SETTINGS[name].show(value)]})
            changed.append(name)
    logger.info("Settings changed by %s: %s", actor.username, ", ".join(changed) or "none")
    return changed

