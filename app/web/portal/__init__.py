"""Mijn zaken: the inwoner's own dossier — submit a melding, follow it, read the beschikking."""
from flask import Blueprint

bp = Blueprint("portal", __name__, template_folder="templates")

from . import routes  # noqa: E402,F401
