"""The BPMN engine: the only package that imports SpiffWorkflow.

Verbs: deploy a model version, start an instance, complete a user task, fire due timers,
deliver a message, move an instance to a newer version (migration.py). Each works inside the
caller's transaction and never commits.
"""
import logging

from .deadline_timers import move_deadline_timers
from .deploy import deploy_model, latest_definition
from .errors import (ConcurrentChange, EngineError, InvalidModel, NotCorrelated, ScriptError, TaskNotReady,
                     VersionTaken)
from .instances import complete_user_task, due_instances, fire_timers, start_instance
from .messages import deliver_message
from .migration import (CaseCheck, Change, MigrationRefused, check_instance, migrate_instance, revert_instance,
                        version_changes)
from .operations import RunContext, operation
from .progress import ElementState, element_names, element_states, ready_user_task_ids
from .specs import parse_model

__all__ = [
    "deploy_model", "latest_definition", "ConcurrentChange", "EngineError", "InvalidModel", "VersionTaken",
    "NotCorrelated", "ScriptError", "TaskNotReady", "complete_user_task", "deliver_message",
    "due_instances", "fire_timers", "start_instance", "RunContext", "operation", "parse_model",
    "ElementState", "element_names", "element_states", "ready_user_task_ids", "move_deadline_timers",
    "CaseCheck", "Change", "MigrationRefused", "check_instance", "migrate_instance", "revert_instance", "version_changes",
]

# SpiffWorkflow logs every task state change at INFO; our own history and logs say what matters.
logging.getLogger("spiff").setLevel(logging.WARNING)
