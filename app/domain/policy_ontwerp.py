"""Permission rules of process design: who sees the models and their versions, and who makes concepts.
Publishing stays `model.publiceren` in policy.py. `policy.decide` is the one way in."""
from .decisions import ALLOW, Decision, deny
from .decisions import has_role as _has_role


def view_designs(user, _obj=None) -> Decision:
    """Procesontwerpers design; beheerders see the models too (they approve publications later on)."""
    if _has_role(user, "procesontwerper", "beheerder"):
        return ALLOW
    return deny("De procesmodellen zijn voor procesontwerpers en beheerders.")


def make_concepts(user, _obj=None) -> Decision:
    if _has_role(user, "procesontwerper"):
        return ALLOW
    return deny("Alleen een procesontwerper maakt of wijzigt een concept van een procesmodel.")


def migrate_cases(user, obj=None) -> Decision:
    """Moving running cases to a newer version (and reverting that) changes cases: procesontwerpers and beheerders,
    and only for the zaken of their own gemeenten (`decide` hides another gemeente's zaak first)."""
    if _has_role(user, "procesontwerper", "beheerder"):
        return ALLOW
    return deny("Alleen een procesontwerper of beheerder verplaatst lopende zaken naar een nieuwe versie.")
