"""Beheer for the application manager (beheerder): staff users with their roles, gemeenten, team and
wijken; password reset, blocking and API tokens — every change audited."""
from flask import Blueprint

bp = Blueprint("beheer", __name__, template_folder="templates")

from . import routes  # noqa: E402,F401
