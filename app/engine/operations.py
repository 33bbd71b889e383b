"""The registry of operations that BPMN service tasks may call — the only code a model can reach.

Operations are plain functions `fn(ctx, task_data, **params) -> JSON-able`, registered by the
service layer at start-up. A model naming an unknown operation fails with a clear message.
An operation may register a `preview` too: the same signature, no side effects, the result a proefrit
(dry_run.py) gives the model instead of running the operation.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from .limits import Limits

OPERATIONS: dict[str, Callable] = {}
#: Operation name → its side-effect-free preview for a proefrit (not every operation has one).
PREVIEWS: dict[str, Callable] = {}


def operation(name: str, preview: Callable | None = None):
    """Register `fn` as the service-task operation `name` (and `preview` as what a proefrit runs instead)."""
    def decorator(fn):
        OPERATIONS[name] = fn
        if preview is not None:
            PREVIEWS[name] = preview
        return fn
    return decorator


@dataclass
class RunContext:
    """What an engine run may use: the open session, the case, who acts, and limits."""

    session: object
    zaak_id: int | None = None
    actor_id: int | None = None
    #: Seconds of expression time per step, when `limits` is not given (kept for older callers).
    time_limit: float = 2.0
    extra_holidays: tuple = field(default_factory=tuple)
    limits: Limits | None = None

    def step_limits(self) -> Limits:
        return self.limits or Limits(time=self.time_limit)
