"""The werkvoorraad's counts kept up to date by the database (#15): the number of open tasks per gemeente, lane,
domein, task type, assignee, wijk and Dutch due day. The werkvoorraad's filter counts read these few thousand rows
instead of every open task of a lane (60,000 index entries, about 20 ms at 100,000 open tasks).

Only triggers on `human_task` write here (migration 0058_werkvoorraad_telling: row triggers on SQLite, statement
triggers with transition tables on PostgreSQL), in the transaction that changes the task, so the counts are exact
whoever writes a task (the engine's ORM and Core writes, a migration of cases, the vernietiging). The tick removes
the rows that count nothing any more (services/werkvoorraad_telling.py). A migration that rebuilds `human_task` on
SQLite (batch mode) drops its triggers and must create them again.

Columns that may be empty on a task are never NULL here, so that one key is one row: no domein and no wijk are '',
no assignee is 0, no deadline is the day ''."""
from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

#: The values of a key column that stand for "none" on the task.
NO_ASSIGNEE = 0
NO_DAY = ""


class WerkvoorraadTelling(Base):
    __tablename__ = "werkvoorraad_telling"

    gemeente_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    lane: Mapped[str] = mapped_column(String(40), primary_key=True)
    domein: Mapped[str] = mapped_column(String(10), primary_key=True)
    spec_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    assignee_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    wijk: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: The Dutch day of the deadline ('YYYY-MM-DD', Europe/Amsterdam), '' for a task without one.
    dag: Mapped[str] = mapped_column(String(10), primary_key=True)
    #: Open tasks with this key (0 until the tick removes the row).
    n: Mapped[int] = mapped_column(Integer, default=0)
