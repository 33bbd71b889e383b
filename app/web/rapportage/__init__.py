"""Management information for teamleiders, beleidsmedewerkers and controllers (#11): the dashboard with its
charts and tables, CSV/XLSX export of every table, and the budget page of the controller."""
from flask import Blueprint

bp = Blueprint("rapportage", __name__, template_folder="templates")

from . import routes  # noqa: E402,F401
from . import doorklik  # noqa: E402,F401
