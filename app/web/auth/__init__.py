"""Login (with its second step for staff), logout and the profile page (personal API tokens)."""
from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from . import oidc, own_password, routes, second_factor  # noqa: E402,F401
