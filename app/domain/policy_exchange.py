"""Permission rules of the exchange with aanbieders (their own berichten and toewijzingen; the backoffice sees
its gemeenten') and of the betalingen (a betaalbatch closed by one, released by a colleague).
`policy.decide` is the one way in."""
from .decisions import ALLOW, HIDDEN, STAFF_CASE_ROLES, Decision, deny
from .decisions import has_role as _has_role
from .decisions import staff_reach as _staff_reach


# -- Aanbieders: only their own berichten and toewijzingen; the backoffice sees all ----------------

def is_aanbieder_of(user, aanbieder_id) -> bool:
    return _has_role(user, "aanbieder") and user.aanbieder_id is not None and user.aanbieder_id == aanbieder_id


def read_bericht(user, bericht) -> Decision:
    if bericht is not None and is_aanbieder_of(user, bericht.aanbieder_id):
        return ALLOW
    if getattr(user, "gemeente_ids", None) and _staff_reach(user, bericht).hidden:
        return HIDDEN  # staff of another gemeente: not even that the bericht exists
    if _has_role(user, "backoffice"):
        return ALLOW
    return deny("Dit bericht is van een andere aanbieder; u kunt alleen uw eigen berichten inzien.")


def send_bericht(user, aanbieder) -> Decision:
    if aanbieder is not None and is_aanbieder_of(user, aanbieder.id):
        return ALLOW
    return deny("Alleen een aanbieder kan berichten insturen, en alleen met de eigen AGB-code.")


def view_toewijzing(user, toewijzing) -> Decision:
    if toewijzing is not None and is_aanbieder_of(user, toewijzing.aanbieder_id):
        return ALLOW
    if _has_role(user, *STAFF_CASE_ROLES):
        return _staff_reach(user, toewijzing)
    return deny("Deze toewijzing is van een andere aanbieder.")


# -- Betalingen: the backoffice closes a betaalbatch, a colleague releases it (vier-ogen) --------------

def use_betalingen(user, batch) -> Decision:
    if _has_role(user, "backoffice"):
        return _staff_reach(user, batch)
    return deny("De betalingen zijn alleen voor de backoffice.")


def close_betaalbatch(user, batch) -> Decision:
    decision = use_betalingen(user, batch)
    if decision and batch is not None and batch.status != "open":
        return deny(f"Betaalbatch {batch.nummer} is al gesloten.", wrong_state=True)
    return decision


def release_betaalbatch(user, batch) -> Decision:
    decision = use_betalingen(user, batch)
    if not decision or batch is None:
        return decision
    if batch.status == "open":
        return deny(f"Betaalbatch {batch.nummer} is nog niet gesloten; sluit hem eerst.", wrong_state=True)
    if batch.status == "vrijgegeven":
        return deny(f"Betaalbatch {batch.nummer} is al vrijgegeven.", wrong_state=True)
    if batch.gesloten_door_id is not None and batch.gesloten_door_id == user.id:
        return deny("Vier-ogenprincipe: u heeft deze betaalbatch zelf gesloten; een collega van de backoffice "
                    "moet hem controleren en vrijgeven.")
    return ALLOW


def download_pain001(user, batch) -> Decision:
    decision = use_betalingen(user, batch)
    if decision and batch is not None and batch.status != "vrijgegeven":
        return deny(f"Het betaalbestand van {batch.nummer} is nog niet vrijgegeven: een tweede medewerker "
                    "moet de betaalbatch eerst controleren en vrijgeven.", wrong_state=True)
    return decision
