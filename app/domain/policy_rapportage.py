"""Permission rules of the management information (#11): who reads the rapportage and who sets the budget.
`policy.decide` is the one way in. The object asked about is a gemeente (or None: the user's own gemeenten
together, the samenwerkingsverband); a gemeente the user does not work for is not there for them."""
from .decisions import ALLOW, HIDDEN, STAFF_CASE_ROLES, Decision, deny, outside_gemeenten
from .decisions import has_role as _has_role


def _own(user, gemeente) -> Decision:
    if gemeente is not None and outside_gemeenten(user, gemeente.id):
        return HIDDEN
    if not getattr(user, "gemeente_ids", None):
        return deny("U werkt voor geen enkele gemeente; vraag de beheerder u een gemeente te geven.")
    return ALLOW


def view_rapportage(user, gemeente=None) -> Decision:
    """Teamleiders, beleidsmedewerkers and controllers (the `management` role) read the figures of their gemeenten."""
    if not _has_role(user, "management"):
        return deny("De managementinformatie is voor teamleiders, beleidsmedewerkers en controllers "
                    "(de rol management).")
    return _own(user, gemeente)


def manage_budget(user, gemeente=None) -> Decision:
    """The controller (in the `management` role) enters the budget of a gemeente they work for."""
    if not _has_role(user, "management"):
        return deny("Alleen een controller (de rol management) stelt het budget in.")
    return _own(user, gemeente)


def open_zaken_behind_figures(user, gemeente=None) -> Decision:
    """The zaken behind a figure (the drill-down) are for a manager who also works with zaken: each zaak is then
    asked again (`zaak.bekijken`), and the list is a read of each inwoner in it."""
    decision = view_rapportage(user, gemeente)
    if not decision:
        return decision
    if not _has_role(user, *STAFF_CASE_ROLES):
        return deny("De zaken achter de cijfers zijn alleen te zien voor wie ook met zaken werkt (consulent, "
                    "beoordelaar of backoffice). De cijfers zelf blijven voor u zichtbaar.")
    return ALLOW


#: The actions of this module, by name (policy.py's rules include them).
RULES = {"rapportage.bekijken": view_rapportage, "rapportage.doorklikken": open_zaken_behind_figures,
         "budget.beheren": manage_budget}
