"""Mijn zaken: the inwoner's own dossier — or, with a machtiging, someone else's. Submit a melding, follow
it, read the beschikking, talk with the consulent, share and grant access, see who looked."""
from flask import Blueprint

bp = Blueprint("portal", __name__, template_folder="templates")

from . import (aanvraag, beoordelen, berichten, bezwaar, gegevens, informatie,  # noqa: E402,F401
               ingebrekestelling, inzage, klachten, machtigingen, melding, routes)
