"""The unit of work: one transaction per use case, committed in exactly one place."""
import logging
from contextlib import contextmanager

from sqlalchemy.orm.exc import StaleDataError

from .. import db
from ..engine import ConcurrentChange

logger = logging.getLogger(__name__)


@contextmanager
def unit_of_work():
    """Yield the session; commit when the block ends cleanly, roll back on any error.

    A concurrent save of the same process instance (optimistic lock) becomes ConcurrentChange.
    """
    session = db.session()
    try:
        yield session
        session.commit()
    except StaleDataError as exc:
        session.info.pop(_AFTER_COMMIT, None)
        session.rollback()
        raise ConcurrentChange() from exc
    except BaseException:
        session.info.pop(_AFTER_COMMIT, None)
        session.rollback()
        raise
    _run_after_commit(session)


def after_commit(session, func, *args) -> None:
    """Call `func(*args)` once this unit of work has committed (e.g. queue a job); never on a rollback."""
    session.info.setdefault(_AFTER_COMMIT, []).append((func, args))


_AFTER_COMMIT = "cumulus_after_commit"


def _run_after_commit(session) -> None:
    """The committed work stands whatever a follow-up does; a failed one is logged (the tick retries it)."""
    for func, args in session.info.pop(_AFTER_COMMIT, []):
        try:
            func(*args)
        except Exception:
            logger.exception("After-commit call %s%r failed", getattr(func, "__name__", func), args)
