"""The database engine and the request/job-scoped session; nothing here commits."""
import threading

from flask import g, has_app_context
from sqlalchemy import create_engine, event
from sqlalchemy.orm import scoped_session, sessionmaker
from sqlalchemy.pool import StaticPool


def _scope():
    """One session per Flask app context (a request, a job, a CLI command); else per thread."""
    return id(g._get_current_object()) if has_app_context() else threading.get_ident()


session = scoped_session(sessionmaker(expire_on_commit=False), scopefunc=_scope)


def make_engine(url: str):
    """Create the engine; SQLite gets foreign keys on and, in memory, one shared connection."""
    if url.startswith("sqlite"):
        kwargs = {"connect_args": {"check_same_thread": False}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if url not in ("sqlite://", "sqlite:///:memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def bind(url: str):
    """Bind the scoped session to a fresh engine for `url` and return the engine."""
    session.remove()
    engine = make_engine(url)
    session.configure(bind=engine)
    return engine
