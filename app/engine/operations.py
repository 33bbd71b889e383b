"""The registry of operations that BPMN service tasks may call — the only code a model can reach.

Operations are plain functions `fn(ctx, task_data, **params) -> JSON-able`, registered by the
service layer at start-up. A model naming an unknown operation fails with a clear message.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from .limits import Limits

OPERATIONS: dict[str, Callable] = {}


def operation(name: str):
    """Register `fn` as the service-task operation `name`."""
    def decorator(fn):
        OPERATIONS[name] = fn
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
