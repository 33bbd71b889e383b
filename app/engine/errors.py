"""Engine errors, each carrying a Dutch message a user or procesontwerper can act on."""


class EngineError(Exception):
    """Base class; `str(error)` is a Dutch sentence fit for the screen."""


class InvalidModel(EngineError):
    """An uploaded or shipped BPMN file cannot be deployed."""


class ScriptError(EngineError):
    """An expression or script in a BPMN model failed, was refused by the sandbox or ran too long.

    `instance_id` names the instance whose step failed (None before one exists), so that the
    service can record the incident on it after the step's transaction has rolled back."""

    instance_id: int | None = None


class TaskNotReady(EngineError):
    """The task is not (or no longer) waiting to be done."""


class ConcurrentChange(EngineError):
    """Someone else changed the same case at the same moment; nothing was saved."""

    def __init__(self, message: str = "Iemand anders heeft deze zaak zojuist gewijzigd. "
                                      "Uw wijziging is niet opgeslagen; open de taak opnieuw."):
        super().__init__(message)


class VersionTaken(EngineError):
    """Another transaction deployed the same version number of this process at the same moment; this one is rolled
    back whole (the unique key and version decided)."""

    def __init__(self, key: str, version: int):
        super().__init__(f"Versie {version} van '{key}' is zojuist door een ander gepubliceerd.")
        self.key, self.version = key, version


class NotCorrelated(EngineError):
    """No instance waits for this message (or with these correlation values)."""
