"""The dashboard's figures per scope, computed once and read again (app/models/rapportage_cijfers.py).

Computing every table of a gemeente of 100,000 zaken costs seconds; the page, its exports and the API read the
figures of their scope as last computed, if they are at most RAPPORTAGE_CIJFERS_SECONDEN old, and compute (and
keep) them otherwise. The tick computes again, every minute, the scopes that someone looked at in the last
RAPPORTAGE_CIJFERS_WARM_MINUTEN, so that a manager who keeps working in the dashboard never waits for it; it
forgets the scopes nobody looked at for a day. With RAPPORTAGE_CIJFERS_SECONDEN 0 every read computes.

A scope is its gemeenten, its filters, the wijken those come to, and the day: a user sees only figures of a scope
the policy allowed them (the route built it from their own gemeenten), and two users with the same scope share
the row. What is kept is what anyone with the role may see: small cells are kept hidden, without their value."""
import hashlib
import json
import logging
import time as clock
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone

from flask import current_app
from sqlalchemy import delete, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ... import db
from ...models import RapportageCijfers
from ..uow import unit_of_work
from . import dashboard as computed
from .scope import Filters, Scope, periods
from .tables import Cell, Column, Table

logger = logging.getLogger(__name__)
#: A view writes when it was looked at no more often than this (the tick reads it).
SEEN_EVERY = timedelta(minutes=5)
#: Figures nobody looked at for this long are deleted by the tick.
KEPT = timedelta(days=1)


def dashboard(scope: Scope, now: datetime | None = None) -> tuple[list[tuple[str, str, list[Table]]], datetime | None]:
    """(group key, heading, tables) for the whole page, and when they were computed (None: just now, not kept)."""
    now = now or datetime.now(timezone.utc)
    if not _max_age():
        return computed.dashboard(scope), None
    row = db.session.scalar(select(RapportageCijfers).where(RapportageCijfers.sleutel == scope_key(scope)))
    if row is not None and now - row.berekend_op <= timedelta(seconds=_max_age()):
        groups, berekend = groups_from_records(row.tabellen), row.berekend_op
        if now - row.bekeken_op >= SEEN_EVERY:
            with unit_of_work():
                row.bekeken_op = now
        return groups, berekend
    groups = _compute_and_keep(scope, now, seen=True)
    return groups, now


def table(scope: Scope, key: str, now: datetime | None = None) -> tuple[Table | None, datetime | None]:
    """One table by its key (as dashboard.TABLES has them), from the scope's figures, and when they were computed
    (None: just now, not kept); (None, None) for an unknown key."""
    if key not in computed.TABLES:
        return None, None
    if not _max_age():
        return computed.table(scope, key), None
    groups, berekend = dashboard(scope, now)
    return next(t for _k, _h, tables in groups for t in tables if t.key == key), berekend


def refresh_viewed(now: datetime | None = None) -> dict:
    """The tick: compute again the figures of today that someone looked at lately and that are older than half
    their allowed age, each scope in its own transaction; delete the figures nobody looked at for a day or of a
    day gone by. {'berekend': n, 'verwijderd': n, 'seconden': s}."""
    now, started = now or datetime.now(timezone.utc), clock.perf_counter()
    if not _max_age():
        return {"berekend": 0, "verwijderd": 0, "seconden": 0.0}
    today = date.today()
    with unit_of_work() as session:
        removed = session.execute(delete(RapportageCijfers).where(or_(
            RapportageCijfers.bekeken_op < now - KEPT, RapportageCijfers.peildatum < today))).rowcount
    warm = now - timedelta(minutes=current_app.config.get("RAPPORTAGE_CIJFERS_WARM_MINUTEN", 30))
    due = now - timedelta(seconds=_max_age() / 2)
    bereiken = list(db.session.scalars(select(RapportageCijfers.bereik).where(
        RapportageCijfers.peildatum == today, RapportageCijfers.bekeken_op >= warm,
        RapportageCijfers.berekend_op <= due).order_by(RapportageCijfers.bekeken_op.desc())))
    db.session.rollback()  # end the read: each scope below is a transaction of its own
    done = 0
    for bereik in bereiken:
        try:
            _compute_and_keep(scope_from(bereik, today), datetime.now(timezone.utc), seen=False)
            done += 1
        except Exception:  # one scope that fails (rolled back) does not keep the others from being current
            logger.exception("Rapportagecijfers van %s niet opnieuw berekend", bereik.get("label"))
    return {"berekend": done, "verwijderd": removed, "seconden": round(clock.perf_counter() - started, 2)}


def scope_key(scope: Scope) -> str:
    """SHA-256 of what makes the figures: gemeenten, filters, the wijken they come to, the day."""
    return hashlib.sha256(json.dumps(
        {**_bereik(scope), "dag": scope.today.isoformat()}, sort_keys=True).encode()).hexdigest()


def _bereik(scope: Scope) -> dict:
    return {"gemeenten": list(scope.gemeente_ids), "label": scope.label, "filters": asdict(scope.filters),
            "wijken": sorted(scope.wijken) if scope.wijken is not None else None}


def scope_from(bereik: dict, today: date) -> Scope:
    """The scope a kept row was computed for, made again for `today`."""
    filters = Filters(**bereik["filters"])
    wijken = frozenset(bereik["wijken"]) if bereik["wijken"] is not None else None
    return Scope(tuple(bereik["gemeenten"]), bereik["label"], filters, periods(filters.jaar, filters.per), wijken,
                 today)


def _compute_and_keep(scope: Scope, now: datetime, seen: bool) -> list:
    """Compute every table and keep them under the scope's key (one transaction). Of two computations of the
    same scope at once, the one that started last is kept, whichever ends last; neither is refused."""
    started = clock.perf_counter()
    groups = computed.dashboard(scope)
    values = {"sleutel": scope_key(scope), "bereik": _bereik(scope), "peildatum": scope.today,
              "tabellen": records_of(groups), "berekend_op": now,
              "duur_ms": int(1000 * (clock.perf_counter() - started))}
    with unit_of_work() as session:
        insert = (postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert)(
            RapportageCijfers).values(**values, bekeken_op=now)
        updated = ("tabellen", "berekend_op", "duur_ms") + (("bekeken_op",) if seen else ())
        session.execute(insert.on_conflict_do_update(
            index_elements=[RapportageCijfers.sleutel], set_={name: insert.excluded[name] for name in updated},
            where=RapportageCijfers.berekend_op <= insert.excluded.berekend_op))
    return groups


def _max_age() -> float:
    return float(current_app.config.get("RAPPORTAGE_CIJFERS_SECONDEN", 0))


def max_age_text() -> str:
    """How old the figures shown may be, in Dutch: 'anderhalve minuut', '2 minuten', '45 seconden'."""
    seconds = round(_max_age())
    if seconds == 90:
        return "anderhalve minuut"
    if seconds % 60 == 0:
        return "1 minuut" if seconds == 60 else f"{seconds // 60} minuten"
    return f"{seconds} seconden"


def records_of(groups) -> list:
    return [[key, heading, [table_record(t) for t in tables]] for key, heading, tables in groups]


def groups_from_records(records: list) -> list[tuple[str, str, list[Table]]]:
    return [(key, heading, [table_from_record(t) for t in tables]) for key, heading, tables in records]


def table_record(table: Table) -> dict:
    """A protected table as JSON: a hidden cell keeps its status, not its value; persons are not kept."""
    return {"key": table.key, "title": table.title, "row_label": table.row_label,
            "columns": [asdict(c) for c in table.columns],
            "rows": [[label, [[c.public_value, c.status] for c in cells]] for label, cells in table.rows],
            "total_row": table.total_row, "total_col": table.total_col, "note": table.note, "chart": table.chart,
            "extra": table.extra}


def table_from_record(record: dict) -> Table:
    columns = [Column(**{**c, "derived_from": tuple(c["derived_from"])}) for c in record["columns"]]
    rows = [(label, [Cell(value, None, status) for value, status in cells]) for label, cells in record["rows"]]
    return Table(record["key"], record["title"], record["row_label"], columns, rows, record["total_row"],
                 record["total_col"], record["note"], record["chart"], record["extra"])
