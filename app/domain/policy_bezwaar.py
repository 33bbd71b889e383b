"""Who may do what with a bezwaar (#17 point 5): the inwoner lodges one in their own dossier, and a gemachtigde who
may act for them (a machtiging to look only is not enough); staff who handle post or bezwaren (backoffice, jurist)
register one received on paper; only the jurist verdaagt the beslissing (Awb 7:10 lid 3). Staff must be able to open
the zaak (its gemeente, their own work or a reason given). Pure; asked through policy.decide."""
from .decisions import deny
from .decisions import has_role as _has_role


def lodge(user, dossier):
    from .policy import _act_in_dossier  # policy.py imports this module for its rule table
    decision = _act_in_dossier(user, dossier)
    if not decision and dossier is not None and dossier.machtiging is not None and dossier.machtiging.scope == "inzien":
        return deny("Met deze machtiging mag u meekijken, maar geen bezwaar maken namens deze persoon.")
    return decision


def register(user, facts):
    from .policy import _view_zaak
    decision = _view_zaak(user, facts)
    if not decision or _has_role(user, "jurist", "backoffice"):
        return decision
    return deny("Alleen een jurist of de backoffice kan een bezwaarschrift registreren dat per post binnenkwam.")


def extend(user, facts):
    from .policy import _view_zaak
    decision = _view_zaak(user, facts)
    if not decision or _has_role(user, "jurist"):
        return decision
    return deny("Alleen een jurist kan de beslissing op bezwaar verdagen.")


#: The actions of this module, by name (policy.py's rules include them).
RULES = {"bezwaar.indienen": lodge, "bezwaar.registreren": register, "bezwaar.verdagen": extend}
