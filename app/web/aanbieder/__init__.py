"""Pages for aanbieders: their outbox (toewijzingen, retourberichten, antwoorden), uploading a
message, its status and retour, and their toewijzingen. The API offers the same to systems."""
from flask import Blueprint

bp = Blueprint("aanbieder", __name__, template_folder="templates")

from . import beoordelingen, formulieren, routes  # noqa: E402,F401


@bp.context_processor
def _words():
    from ...domain.codelijsten import omvang_tekst
    from ..filters import bericht_status
    return {"status_tekst": bericht_status, "omvang_tekst": omvang_tekst,
            "status_badge": lambda s: {"nieuw": "deze-week", "afgekeurd": "te-laat", "ontvangen": "bezig"}.get(s, "op-tijd")}
