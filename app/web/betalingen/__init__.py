"""Betalingen for the backoffice: the betaalbatches with their lines and totals; close, release (vier-ogen)
and download the SEPA pain.001 file."""
from flask import Blueprint

bp = Blueprint("betalingen", __name__, template_folder="templates")

from . import routes  # noqa: E402,F401
