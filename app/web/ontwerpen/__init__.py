"""Process design for the procesontwerper: the process models with their versions, running cases and concepts;
download of any version, upload of a .bpmn file as a new concept; the vier-ogen review of publishing (issue #10).
Beheerders may look, and approve what another asked to publish."""
from flask import Blueprint

bp = Blueprint("ontwerpen", __name__, template_folder="templates")

from . import beslistabellen, formulieren, modeler, proefrit, publicatie, routes, versies  # noqa: E402,F401
