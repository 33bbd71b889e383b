"""Who may work the beslistermijn's clock (#17 points 2 and 3): a consulent asks for information and records its
arrival (opschorting, Awb 4:15); a consulent or beoordelaar extends the term (verdaging, Awb 4:14); a consulent records an
aanvraag made on paper or by phone while the zaak waits for one (art. 2.3.2 lid 9 Wmo 2015). Each must be
able to open the zaak (its gemeente, and their own work or a reason given). Pure; asked through policy.decide."""
from .decisions import deny
from .decisions import has_role as _has_role


def suspend_term(user, facts):
    from .policy import _view_zaak  # policy.py imports this module for its rule table
    decision = _view_zaak(user, facts)
    if not decision or _has_role(user, "consulent"):
        return decision
    return deny("Alleen een consulent kan de inwoner om informatie vragen.")


def extend_term(user, facts):
    from .policy import _view_zaak
    decision = _view_zaak(user, facts)
    if not decision or _has_role(user, "consulent", "beoordelaar"):
        return decision
    return deny("Alleen een consulent of beoordelaar kan de beslistermijn verdagen.")


def record_paper_aanvraag(user, facts):
    """A consulent records an aanvraag the inwoner made by letter or phone while the zaak waits for one."""
    from .policy import _view_zaak
    decision = _view_zaak(user, facts)
    if not decision or _has_role(user, "consulent"):
        return decision
    return deny("Alleen een consulent legt een aanvraag op papier of per telefoon vast.")
