"""The consulent's werkvoorraad: open tasks per role, the task with its form, the case beside it."""
from flask import Blueprint

bp = Blueprint("inbox", __name__, template_folder="templates")

from . import (berichten, bezwaar, case, klachten, outbox, persoonsgegevens, routes, selection,  # noqa: E402,F401
               termijn_klok)
