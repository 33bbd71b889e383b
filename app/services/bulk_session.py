"""Many small units of work in a row on one database connection, for a job that commits once per item (the bulk
move of running cases): the session of this app context is bound to one connection for the block, so an item's
transaction takes no connection from the pool (no check-out, no liveness ping), and the commits of the block do
not wait for their write to reach the disk — PostgreSQL's `synchronous_commit` off, SQLite's `synchronous`
NORMAL (in WAL mode). A crash (of the database server or the machine; not of this process) may then lose the
last few commits of the block, each whole: the job must be able to run the rest again. The connection's settings
are put back before it returns to the pool."""
import logging
from contextlib import contextmanager

from .. import db

logger = logging.getLogger(__name__)

_FAST = {"postgresql": ("SET synchronous_commit TO OFF", "RESET synchronous_commit"),
         "sqlite": ("PRAGMA synchronous = NORMAL", "PRAGMA synchronous = {}")}


@contextmanager
def one_connection():
    """Bind the scoped session to one connection while the block runs; each unit_of_work in it still commits."""
    engine = db.session.get_bind()
    db.session.remove()
    connection = engine.connect()
    dialect = connection.dialect.name
    fast, reset = _FAST.get(dialect, (None, None))
    if dialect == "sqlite":
        reset = reset.format(int(connection.exec_driver_sql("PRAGMA synchronous").scalar()))
        connection.rollback()
    if fast:
        connection.exec_driver_sql(fast)
        connection.commit()
    db.session.registry.set(db.session.session_factory(bind=connection))
    try:
        yield
    finally:
        db.session.remove()
        try:
            if reset:
                connection.rollback()
                connection.exec_driver_sql(reset)
                connection.commit()
        except Exception:  # a broken connection must not go back to the pool with the block's settings
            logger.exception("Could not reset the connection of a bulk run; it is discarded")
            connection.invalidate()
        connection.close()
