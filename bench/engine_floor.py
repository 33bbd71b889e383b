"""The floor under a persisted engine step: what saving a case at every wait costs at the very least.

At every wait state of the bare run: one transaction with SQLAlchemy Core (no ORM) on the bench's
database that reads the case row, writes the serialized state with an optimistic version check and
adds one audit row, then commits. The workflow stays in memory (as with app/engine/cache.py), so
there is no restore. No forms, policy, inbox rows, history or deadlines: those come on top.
"""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert, select, update

from app import db
from app.engine.serializer import dump_state

_meta = MetaData()
_case = Table("bench_floor_case", _meta, Column("id", Integer, primary_key=True), Column("state", Text),
              Column("lock_version", Integer, nullable=False))
_audit = Table("bench_floor_audit", _meta, Column("id", Integer, primary_key=True),
               Column("case_id", Integer, nullable=False), Column("what", String(100)))


@contextmanager
def persisted_floor(url: str):
    """Yield an at_wait hook for bench/engine.py's run_bare; its tables are dropped afterwards."""
    engine = db.make_engine(url)
    _meta.drop_all(engine)
    _meta.create_all(engine)
    versions: dict[int, int] = {}

    def at_wait(workflow, case_no: int):
        with engine.begin() as conn:
            if case_no not in versions:
                conn.execute(insert(_case).values(id=case_no, state="{}", lock_version=0))
                versions[case_no] = 0
            row = conn.execute(select(_case.c.lock_version).where(_case.c.id == case_no)).one()
            done = conn.execute(update(_case).where(_case.c.id == case_no, _case.c.lock_version == row.lock_version)
                                .values(state=dump_state(workflow), lock_version=row.lock_version + 1))
            if done.rowcount != 1:
                raise RuntimeError(f"floor case {case_no}: concurrent write")
            conn.execute(insert(_audit).values(case_id=case_no, what="stap"))
        return workflow

    try:
        yield at_wait
    finally:
        _meta.drop_all(engine)
        engine.dispose()
