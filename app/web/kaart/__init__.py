"""The public sociale kaart (/sociale-kaart, no login): choose a gemeente, search its entries by need in plain
words, wijk, Wmo/Jeugd and kind; one entry per page with schema.org JSON-LD; the kaart as open data (JSON and
CSV, documented, with a JSON Schema). Public data about services only."""
from flask import Blueprint

bp = Blueprint("kaart", __name__, template_folder="templates")

from . import kwaliteit, routes  # noqa: E402,F401
