"""REST API `/api/v1`: meldingen, taken, zaken; JSON with marshmallow schemas and an OpenAPI document."""
from flask import Blueprint

bp = Blueprint("api", __name__)

from . import routes  # noqa: E402,F401
from . import aanbieder_routes  # noqa: E402,F401
from . import portal_routes  # noqa: E402,F401
from . import betaalbatch_routes  # noqa: E402,F401
from . import contract_routes  # noqa: E402,F401
from . import rapportage_routes  # noqa: E402,F401
