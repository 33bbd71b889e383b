"""Errors a use case raises for the user, each with a Dutch message (and per-field errors for forms)."""


class ServiceError(Exception):
    """Base class; `str(error)` is the Dutch message."""


class NotFound(ServiceError):
    pass


class Forbidden(ServiceError):
    pass


class Conflict(ServiceError):
    """The object is not in the state the use case needs (e.g. a betaalbatch that is already released)."""


class InvalidInput(ServiceError):
    """Input that cannot be accepted; `errors` maps field names to Dutch messages."""

    def __init__(self, message: str = "Niet alle velden zijn goed ingevuld.", errors: dict | None = None):
        super().__init__(message)
        self.errors = errors or {}
