"""The privacy officer's pages: find an inwoner by BSN and make the AVG export (art. 15 AVG) for their
written request, with the reason in the processing log."""
from flask import Blueprint

bp = Blueprint("privacy", __name__, template_folder="templates")

from . import routes  # noqa: E402,F401
