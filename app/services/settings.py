"""Read the settings a service needs from the app config, with defaults outside an app context."""
from datetime import date

from flask import current_app, has_app_context

from ..config import Config
from ..engine.limits import Limits


def setting(name: str):
    return current_app.config[name] if has_app_context() else getattr(Config, name)


def extra_holidays() -> tuple[date, ...]:
    return tuple(date.fromisoformat(d) for d in setting("EXTRA_HOLIDAYS"))


def run_limits() -> Limits:
    """The limits of one engine step, from the configuration."""
    return Limits(time=setting("SCRIPT_TIME_LIMIT"), tasks=setting("ENGINE_STEP_TASK_LIMIT"),
                  instances=setting("ENGINE_MAX_INSTANCES"), size=setting("SCRIPT_MAX_SIZE"),
                  memory=setting("SCRIPT_MAX_MEMORY_MB") * 1024 * 1024)
