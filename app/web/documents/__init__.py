"""Documents of a zaak (the beschikking letter) for staff and for the inwoner: HTML to read, PDF to keep."""
from flask import Blueprint

bp = Blueprint("documents", __name__)

from . import routes  # noqa: E402,F401
