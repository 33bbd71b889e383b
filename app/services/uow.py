"""The unit of work: one transaction per use case, committed in exactly one place."""
from contextlib import contextmanager

from sqlalchemy.orm.exc import StaleDataError

from .. import db
from ..engine import ConcurrentChange


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
        session.rollback()
        raise ConcurrentChange() from exc
    except BaseException:
        session.rollback()
        raise
