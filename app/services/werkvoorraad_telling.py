"""The werkvoorraad's kept counts (models/werkvoorraad_telling.py): triggers on `human_task` keep them; the tick
removes the rows that count nothing any more, so that a lane's counts stay a few thousand rows while days pass."""
import logging

from sqlalchemy import delete

from ..models import WerkvoorraadTelling
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def remove_empty() -> int:
    """Remove the counts of zero (the tick, every minute); the number removed. A task written meanwhile waits for
    its row or makes it again: the database checks the count once more before it removes a row."""
    with unit_of_work() as session:
        removed = session.execute(delete(WerkvoorraadTelling).where(WerkvoorraadTelling.n == 0)).rowcount
    if removed:
        logger.info("Removed %s empty werkvoorraad counts", removed)
    return removed
