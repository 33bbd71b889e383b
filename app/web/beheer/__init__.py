"""Beheer for the application manager (beheerder): staff users with their roles, gemeenten, team and
wijken; password reset, blocking and API tokens — every change audited; retention: bewaartermijnen and
vernietigingslijsten (retentie.py); and the gemeenten with their letterhead and theme (gemeenten.py)."""
from flask import Blueprint

bp = Blueprint("beheer", __name__, template_folder="templates")

from . import gemeenten, retentie, routes  # noqa: E402,F401
