"""Whose dossier the portal shows: the inwoner's own, or — after 'namens wie?' — the dossier of a
person who gave the logged-in user a machtiging. Checked with the policy on every request."""
from flask import abort, flash, g, redirect, request, session, url_for
from flask_login import current_user

from ...domain import policy
from ...services import machtigingen
from ...services.lookups import get_person

SESSION_KEY = "namens_machtiging"


def current_dossier() -> policy.Dossier | None:
    """The dossier this request works in; a machtiging that ended or was revoked drops out at once."""
    if "dossier" in g:
        return g.dossier
    dossier = None
    machtiging_id = session.get(SESSION_KEY)
    if machtiging_id is not None:
        machtiging = machtigingen.get(machtiging_id)
        candidate = policy.Dossier(person_id=machtiging.person_id, machtiging=machtiging) if machtiging else None
        if candidate is not None and policy.decide(current_user, "dossier.inzien", candidate):
            dossier = candidate
        else:
            session.pop(SESSION_KEY, None)
    elif current_user.is_authenticated and current_user.person_id:
        dossier = policy.Dossier(person_id=current_user.person_id)
    g.dossier = dossier
    return dossier


def choose(machtiging_id: int | None) -> None:
    """Work in the dossier of the machtiging `machtiging_id`, or (None) in one's own."""
    g.pop("dossier", None)
    if machtiging_id is None:
        session.pop(SESSION_KEY, None)
    else:
        session[SESSION_KEY] = machtiging_id


def require(action: str, zaak=None) -> policy.Dossier:
    """The current dossier if `action` ('dossier.inzien' / 'dossier.handelen') is allowed, for `zaak` too.

    A zaak of someone else is 'not found' (404): the portal never reveals that it exists."""
    dossier = current_dossier()
    if dossier is None and zaak is None and request.method == "GET" and machtigingen.held_by(current_user):
        flash("Kies eerst voor wie u iets wilt doen.", "info")  # a gemachtigde who has not chosen yet
        abort(redirect(url_for("portal.namens")))
    if dossier is None:
        abort(404 if zaak is not None else 403,
              "Aan uw account is geen dossier gekoppeld. Handelt u namens iemand? Kies dan eerst bij 'Namens wie?'.")
    facts = policy.Dossier(person_id=dossier.person_id, machtiging=dossier.machtiging, zaak=zaak)
    decision = policy.decide(current_user, action, facts)
    if not decision:
        abort(404 if zaak is not None and zaak.person_id != dossier.person_id else 403, decision.reason)
    return dossier


def person_of(dossier: policy.Dossier):
    return get_person(dossier.person_id)


def on_behalf_of(dossier: policy.Dossier):
    """For the processing log: the inwoner account that granted the machtiging, None in one's own dossier."""
    return dossier.machtiging.verleend_door if dossier and dossier.machtiging else None
