"""Where the time of one complete_task goes: timers around the main steps, and a count of SQL statements.

Used by bench/engine.py --breakdown. It replaces module attributes with timed wrappers, so it adds a
little overhead; the `sql_overlapping` entry overlaps the others (queries run inside them).
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from functools import wraps

from sqlalchemy import event

from app import db


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


# ----------------------------------------------------------------------------------------------

class Breakdown:
    """Accumulates time spent in wrapped functions while a complete_task call is being timed."""

    # label: the module attributes it may be found under (app/ is refactored; missing ones are skipped)
    TARGETS = {
        "policy_task_facts": ["app.services.tasks.task_facts"],
        "form_load": ["app.services.tasks.form_of"],
        "form_choices_sql": ["app.services.tasks.choices_for"],
        "form_validate": ["app.services.tasks.validate"],
        "open_workflow_total": ["app.engine.instances.open_workflow"],
        "deserialize": ["app.engine.runtime.load_state"],
        "do_engine_steps": ["app.engine.instances.run_steps"],
        "serialize": ["app.engine.runtime.dump_state"],
        "next_timer": ["app.engine.runtime.next_timer"],
        "sync_human_tasks": ["app.engine.runtime.sync_human_tasks"],
        "sync_subscriptions": ["app.engine.runtime.sync_subscriptions"],
        "history": ["app.services.tasks.add_event", "app.services.tasks.add_task_events"],
        "processing_log": ["app.services.tasks.log_processing"],
    }

    def __init__(self):
        self.active = False
        self.totals: dict[str, float] = defaultdict(float)
        self.sql_count = 0

    def install(self) -> None:
        import importlib
        from sqlalchemy.orm import Session
        for label, paths in self.TARGETS.items():
            for path in paths:
                module = importlib.import_module(path.rsplit(".", 1)[0])
                attr = path.rsplit(".", 1)[1]
                if hasattr(module, attr):
                    setattr(module, attr, self._timed(getattr(module, attr), label))
                else:
                    print(f"breakdown: {path} not found, not timed", file=sys.stderr)
        Session.commit = self._timed(Session.commit, "commit_incl_flush")
        event.listen(db.session.get_bind(), "before_cursor_execute", self._sql_start)
        event.listen(db.session.get_bind(), "after_cursor_execute", self._sql_end)

    def _timed(self, fn, label):
        @wraps(fn)
        def wrapper(*args, **kwargs):
            if not self.active:
                return fn(*args, **kwargs)
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.totals[label] += time.perf_counter() - started
        return wrapper

    def _sql_start(self, conn, *_args):
        conn.info["bench_started"] = time.perf_counter()

    def _sql_end(self, conn, *_args):
        if self.active:
            self.totals["sql_overlapping"] += time.perf_counter() - conn.info.pop("bench_started")
            self.sql_count += 1

    def report(self, completions: int) -> dict:
        result = {label: ms(total / completions) for label, total in sorted(self.totals.items())}
        result["sql_statements_per_completion"] = round(self.sql_count / completions, 1)
        return result
