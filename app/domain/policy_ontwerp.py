"""Permission rules of process design: who sees the models and their versions, who makes concepts, and the
vier-ogen rule of publishing (#10 point 4): a procesontwerper asks, a different procesontwerper or a beheerder
decides — never the one who asked (separation of duties). `policy.decide` is the one way in."""
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


def request_publication(user, _concept=None) -> Decision:
    if _has_role(user, "procesontwerper"):
        return ALLOW
    return deny("Alleen een procesontwerper vraagt aan om een concept te publiceren.")


def review_publication(user, verzoek=None) -> Decision:
    """Approve or refuse a request to publish: a procesontwerper or beheerder who did not ask for it.
    Without a request: whether the user reviews requests at all (the list of open requests)."""
    if not _has_role(user, "procesontwerper", "beheerder"):
        return deny("Alleen een procesontwerper of beheerder beoordeelt een aanvraag om te publiceren.")
    if verzoek is not None and getattr(verzoek, "requested_by_id", None) == getattr(user, "id", None):
        return deny("U heeft deze publicatie zelf aangevraagd. Een andere procesontwerper of een beheerder "
                    "beoordeelt haar (vier ogen).")
    return ALLOW


def withdraw_publication(user, verzoek=None) -> Decision:
    """Only the one who asked withdraws a request (editing the concept withdraws it too)."""
    if verzoek is not None and getattr(verzoek, "requested_by_id", None) == getattr(user, "id", None):
        return ALLOW
    return deny("Alleen wie de publicatie aanvroeg, kan de aanvraag intrekken.")


def edit_forms(user, concept=None) -> Decision:
    """Forms are edited with a concept (#10 point 6), by those who edit concepts, while the concept is open."""
    if not _has_role(user, "procesontwerper"):
        return deny("Alleen een procesontwerper wijzigt of maakt een formulier.")
    if concept is not None and getattr(concept, "status", "concept") != "concept":
        return deny(f"Concept {concept.id} is al {concept.status}; de formulieren ervan liggen vast. Maak een nieuw "
                    "concept om een formulier te wijzigen.")
    return ALLOW


RULES = {
    "formulier.wijzigen": edit_forms,
    "publicatie.aanvragen": request_publication,
    "publicatie.beoordelen": review_publication,
    "publicatie.intrekken": withdraw_publication,
}
