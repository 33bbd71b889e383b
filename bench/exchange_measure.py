"""What bench/exchange.py measures beside wall time, read from /proc (the machine is shared, so CPU seconds per
bericht say more than a rate): the CPU of given processes and of the PostgreSQL backends of one database, the
batch sizes from the workers' log, and a database copied from a template so every run starts from one setup."""
from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import create_engine, text

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a living process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def backend_pids(database: str) -> list[int]:
    """The PostgreSQL backend processes connected to `database` (their title names it)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            out.append(int(entry.name))
    return out


def postgres_cpu(database: str) -> dict[int, float]:
    return {pid: cpu_seconds(pid) for pid in backend_pids(database)}


def postgres_cpu_spent(before: dict[int, float], database: str) -> float:
    """CPU seconds the backends of `database` spent since `before` (new backends count from zero)."""
    now = postgres_cpu(database)
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in now.items())


def batch_sizes(log_text: str) -> list[int]:
    return [int(n) for n in re.findall(r"Batch of (\d+) berichten handled", log_text)]


def _admin(url: str):
    base, _, _ = url.rpartition("/")
    return create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")


def database_name(url: str) -> str:
    return url.rpartition("/")[2].split("?")[0]


def save_template(url: str) -> str:
    """Copy the database of `url` to `<name>_tpl` (the setup, kept for the next runs); the template's name."""
    name = database_name(url)
    template = f"{name}_tpl"
    engine = _admin(url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}"'))
        conn.execute(text(f'CREATE DATABASE "{template}" TEMPLATE "{name}"'))
    engine.dispose()
    return template


def restore_template(url: str) -> None:
    """Make the database of `url` a fresh copy of its template again (seconds, instead of the setup's minutes)."""
    name = database_name(url)
    engine = _admin(url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{name}_tpl"'))
    engine.dispose()


def has_template(url: str) -> bool:
    engine = _admin(url)
    with engine.connect() as conn:
        found = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": f"{database_name(url)}_tpl"})
    engine.dispose()
    return bool(found)
