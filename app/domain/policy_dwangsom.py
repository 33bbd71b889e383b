"""Who may work the ingebrekestelling and dwangsom (#17 point 4, Awb 4:17-4:18): the inwoner, or a gemachtigde who
may act for them, sends an ingebrekestelling in Mijn zaken; a consulent who may open the zaak records one received
by letter and an exception of art. 4:17 lid 6. Pure; asked through policy.decide."""
from .decisions import deny
from .decisions import has_role as _has_role


def send_ingebrekestelling(user, dossier):
    """The portal's form: acting in the dossier the zaak belongs to (`dossier` is a policy.Dossier with the zaak)."""
    from .policy import _act_in_dossier  # policy.py imports this module for its rule table
    return _act_in_dossier(user, dossier)


def record_ingebrekestelling(user, facts):
    from .policy import _view_zaak
    decision = _view_zaak(user, facts)
    if not decision or _has_role(user, "consulent"):
        return decision
    return deny("Alleen een consulent kan een ingebrekestelling of een uitzondering op de dwangsom vastleggen.")


RULES = {"dwangsom.ingebrekestellen": send_ingebrekestelling, "dwangsom.vastleggen": record_ingebrekestelling}
