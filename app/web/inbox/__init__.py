"""The consulent's werkvoorraad: open tasks per role, the task with its form, the case beside it."""
from flask import Blueprint

bp = Blueprint("inbox", __name__, template_folder="templates")

from . import (aanvraag, berichten, bezwaar, case, dwangsom, klachten, outbox, persoonsgegevens, routes,  # noqa: E402,F401
               selection,
               termijn_klok)
