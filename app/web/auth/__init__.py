"""Login, logout and the profile page (personal API tokens)."""
from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from . import oidc, routes  # noqa: E402,F401
