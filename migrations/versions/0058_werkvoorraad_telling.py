"""The werkvoorraad's counts kept by the database (#15): `werkvoorraad_telling` holds the number of open tasks per
gemeente, lane, domein, task type, assignee, wijk and Dutch due day, kept exact by triggers on `human_task` in the
transaction that changes a task; the filter counts read it instead of every open task of a lane (a grouped
index-only scan of 60,000 entries took about 20 ms at 100,000 open tasks). Filled here from the open tasks.

PostgreSQL: one statement trigger per event with transition tables, so a statement that writes many tasks (a seed,
a migration of cases) changes each count once, in key order. SQLite: row triggers; SQLite has no time zones, so
the Dutch day of a UTC time is computed with the EU rule (summer time from the last Sunday of March to the last
Sunday of October, 01:00 UTC), as Europe/Amsterdam has had it since 1996.

Revision ID: 0058_werkvoorraad_telling
Revises: 0057_portaal_bericht_gemeente
"""
import sqlalchemy as sa
from alembic import op

revision = "0058_werkvoorraad_telling"
down_revision = "0057_portaal_bericht_gemeente"
branch_labels = None
depends_on = None

KEY = ("gemeente_id", "lane", "domein", "spec_name", "assignee_id", "wijk", "dag")
COLUMNS = ", ".join(KEY)


def _pg_key(row: str) -> list[str]:
    """The key of a task row `row` as SQL expressions, in the order of KEY."""
    day = f"to_char(({row}.due_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD')"
    return [f"{row}.gemeente_id", f"{row}.lane", f"coalesce({row}.domein, '')", f"{row}.spec_name",
            f"coalesce({row}.assignee_id, 0)", f"coalesce({row}.wijk, '')", f"coalesce({day}, '')"]


def _sqlite_key(row: str) -> list[str]:
    """The same on SQLite, where due_at is text ('YYYY-MM-DD HH:MM:SS.ffffff', UTC). The day is taken of the whole
    seconds: SQLite's date functions round to milliseconds, and 23:59:59.9999995 would become the next day."""
    def summer_edge(month: str) -> str:  # the last Sunday of the month, 01:00 UTC
        return f"datetime(strftime('%Y', {row}.due_at) || '-{month}-31', '-6 days', 'weekday 0', '+1 hour')"
    summer = f"{row}.due_at >= {summer_edge('03')} AND {row}.due_at < {summer_edge('10')}"
    day = (f"CASE WHEN {row}.due_at IS NULL THEN '' "
           f"ELSE date(substr({row}.due_at, 1, 19), CASE WHEN {summer} THEN '+2 hours' ELSE '+1 hours' END) END")
    return [f"{row}.gemeente_id", f"{row}.lane", f"coalesce({row}.domein, '')", f"{row}.spec_name",
            f"coalesce({row}.assignee_id, 0)", f"coalesce({row}.wijk, '')", day]


def _sqlite_match(row: str) -> str:
    """SQL: the counts row of task row `row`."""
    return " AND ".join(f"{column} = {value}" for column, value in zip(KEY, _sqlite_key(row)))


GROUPED = "GROUP BY 1, 2, 3, 4, 5, 6, 7"
ORDERED = "ORDER BY 1, 2, 3, 4, 5, 6, 7"  # rows are locked in key order: two writers never wait for each other in a ring


def _pg_delta(select: str) -> str:
    """SQL: add the (key, delta) rows of `select` to the counts."""
    return (f"INSERT INTO werkvoorraad_telling AS t ({COLUMNS}, n) {select} "
            f"ON CONFLICT ({COLUMNS}) DO UPDATE SET n = t.n + excluded.n;")


def _pg_rows(table: str, delta: str) -> str:
    return f"SELECT {', '.join(_pg_key('r'))}, {delta} FROM {table} r WHERE r.status = 'open'"


PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION werkvoorraad_telling_bij() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {_pg_delta(f"{_pg_rows('nieuw', 'count(*)')} {GROUPED} {ORDERED}")}
  ELSIF TG_OP = 'DELETE' THEN
    {_pg_delta(f"{_pg_rows('oud', '-count(*)')} {GROUPED} {ORDERED}")}
  ELSE
    {_pg_delta(f"SELECT k1, k2, k3, k4, k5, k6, k7, sum(d) FROM ({_pg_rows('oud', '-1')} UNION ALL "
               f"{_pg_rows('nieuw', '1')}) AS delta(k1, k2, k3, k4, k5, k6, k7, d) "
               f"{GROUPED} HAVING sum(d) <> 0 {ORDERED}")}
  END IF;
  RETURN NULL;
END $$
"""

PG_TRIGGERS = (
    "CREATE TRIGGER human_task_telling_insert AFTER INSERT ON human_task REFERENCING NEW TABLE AS nieuw "
    "FOR EACH STATEMENT EXECUTE FUNCTION werkvoorraad_telling_bij()",
    "CREATE TRIGGER human_task_telling_update AFTER UPDATE ON human_task REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw "
    "FOR EACH STATEMENT EXECUTE FUNCTION werkvoorraad_telling_bij()",
    "CREATE TRIGGER human_task_telling_delete AFTER DELETE ON human_task REFERENCING OLD TABLE AS oud "
    "FOR EACH STATEMENT EXECUTE FUNCTION werkvoorraad_telling_bij()",
)

UPSERT = f"ON CONFLICT ({COLUMNS}) DO UPDATE SET n = n + excluded.n"
SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER human_task_telling_insert AFTER INSERT ON human_task WHEN NEW.status = 'open' BEGIN
          INSERT INTO werkvoorraad_telling ({COLUMNS}, n) SELECT {', '.join(_sqlite_key('NEW'))}, 1 WHERE true {UPSERT};
        END""",
    f"""CREATE TRIGGER human_task_telling_update
        AFTER UPDATE OF status, gemeente_id, lane, domein, spec_name, assignee_id, wijk, due_at ON human_task
        WHEN OLD.status = 'open' OR NEW.status = 'open' BEGIN
          UPDATE werkvoorraad_telling SET n = n - 1 WHERE OLD.status = 'open' AND {_sqlite_match('OLD')};
          INSERT INTO werkvoorraad_telling ({COLUMNS}, n) SELECT {', '.join(_sqlite_key('NEW'))}, 1 WHERE NEW.status = 'open' {UPSERT};
        END""",
    f"""CREATE TRIGGER human_task_telling_delete AFTER DELETE ON human_task WHEN OLD.status = 'open' BEGIN
          UPDATE werkvoorraad_telling SET n = n - 1 WHERE {_sqlite_match('OLD')};
        END""",
)


def upgrade() -> None:
    op.create_table(
        "werkvoorraad_telling",
        sa.Column("gemeente_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("lane", sa.String(length=40), nullable=False),
        sa.Column("domein", sa.String(length=10), nullable=False),
        sa.Column("spec_name", sa.String(length=100), nullable=False),
        sa.Column("assignee_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("wijk", sa.String(length=100), nullable=False),
        sa.Column("dag", sa.String(length=10), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*KEY, name=op.f("pk_werkvoorraad_telling")),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    key = ", ".join(_pg_key("human_task") if postgresql else _sqlite_key("human_task"))
    op.execute(f"INSERT INTO werkvoorraad_telling ({COLUMNS}, n) SELECT {key}, count(*) FROM human_task "
               f"WHERE human_task.status = 'open' {GROUPED}")
    if postgresql:
        op.execute(PG_FUNCTION)
    for trigger in PG_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(trigger)


def downgrade() -> None:
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS human_task_telling_{event}"
                   + (" ON human_task" if op.get_bind().dialect.name == "postgresql" else ""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS werkvoorraad_telling_bij()")
    op.drop_table("werkvoorraad_telling")
