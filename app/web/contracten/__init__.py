"""Pages of the contractmanager (/contracten): the aanbieders of their gemeenten with their details and
registration, the contracts with products, tarieven (history by date) and plafonds, and the plafond signals
on the start page. Every change is audited; a wrong AGB code, KvK number, IBAN, period or tarief is named
beside its field and what was typed stays on the page."""
from flask import Blueprint

bp = Blueprint("contracten", __name__, template_folder="templates")

from . import beoordeling_routes, kaart_routes, kwaliteit_routes, routes  # noqa: E402,F401
