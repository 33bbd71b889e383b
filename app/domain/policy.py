"""The one place that answers permission questions: `decide(user, action, obj)`.

Pure functions over loaded objects (no Flask, no database). Each answer carries a Dutch
reason, so a refusal can be shown and logged as it is. Separation of duties (vier-ogen):
whoever prepared a besluit may not approve it.
"""
from dataclasses import dataclass
from typing import Any

STAFF_CASE_ROLES = ("consulent", "beoordelaar", "backoffice")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


@dataclass(frozen=True)
class TaskFacts:
    """What the policy needs to know about a human task besides the row itself."""

    task: Any
    #: Users who completed the task this one must be separate from (vier-ogen).
    excluded_user_ids: frozenset = frozenset()


def _has_role(user, *roles) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.has_role(*roles)


def _submit_melding(user, person) -> Decision:
    if _has_role(user, "consulent", "backoffice"):
        return ALLOW
    if _has_role(user, "inwoner") and person is not None and user.person_id == person.id:
        return ALLOW
    return deny("U kunt alleen voor uzelf een melding doen.")


def _register_melding(user, _obj) -> Decision:
    if _has_role(user, "consulent", "backoffice"):
        return ALLOW
    return deny("Alleen een consulent of de backoffice kan een eerder ontvangen melding registreren.")


def _view_zaak(user, zaak) -> Decision:
    if _has_role(user, *STAFF_CASE_ROLES):
        return ALLOW
    if _has_role(user, "inwoner") and zaak is not None and user.person_id == zaak.person_id:
        return ALLOW
    return deny("U heeft geen toegang tot deze zaak.")


def _view_task(user, facts: TaskFacts) -> Decision:
    if _has_role(user, facts.task.lane):
        return ALLOW
    return deny(f"Deze taak is voor de rol '{facts.task.lane}'.")


def _claim_task(user, facts: TaskFacts) -> Decision:
    decision = _may_work_on(user, facts)
    if decision and facts.task.assignee_id not in (None, user.id):
        return deny("Deze taak is al door een collega opgepakt.")
    return decision


def _release_task(user, facts: TaskFacts) -> Decision:
    if facts.task.status != "open":
        return deny("Deze taak staat niet meer open.")
    if facts.task.assignee_id == user.id or _has_role(user, "beheerder"):
        return ALLOW
    return deny("Alleen wie de taak heeft opgepakt kan hem teruggeven.")


def _complete_task(user, facts: TaskFacts) -> Decision:
    decision = _may_work_on(user, facts)
    if decision and facts.task.assignee_id not in (None, user.id):
        return deny("Deze taak is opgepakt door een collega; alleen die kan hem afronden.")
    return decision


def _may_work_on(user, facts: TaskFacts) -> Decision:
    task = facts.task
    if task.status != "open":
        return deny("Deze taak staat niet meer open.")
    if not _has_role(user, task.lane):
        return deny(f"Deze taak is voor de rol '{task.lane}'.")
    if user.id in facts.excluded_user_ids:
        return deny("Vier-ogenprincipe: u heeft dit besluit zelf voorbereid en mag het daarom niet toetsen.")
    return ALLOW


def _deploy_model(user, _obj) -> Decision:
    if _has_role(user, "procesontwerper"):
        return ALLOW
    return deny("Alleen een procesontwerper kan procesmodellen publiceren.")


def _manage_own_tokens(user, owner) -> Decision:
    if user is not None and owner is not None and user.id == owner.id:
        return ALLOW
    return deny("U kunt alleen uw eigen API-sleutels beheren.")


def _use_inbox(user, _obj) -> Decision:
    if _has_role(user, *STAFF_CASE_ROLES):
        return ALLOW
    return deny("De werkvoorraad is voor medewerkers van de gemeente.")


_RULES = {
    "melding.indienen": _submit_melding,
    "melding.registreren": _register_melding,
    "zaak.bekijken": _view_zaak,
    "taak.bekijken": _view_task,
    "taak.oppakken": _claim_task,
    "taak.teruggeven": _release_task,
    "taak.voltooien": _complete_task,
    "werkvoorraad.gebruiken": _use_inbox,
    "model.publiceren": _deploy_model,
    "api_sleutels.beheren": _manage_own_tokens,
}

ACTIONS = tuple(_RULES)


def decide(user, action: str, obj: Any = None) -> Decision:
    """Answer whether `user` may do `action` on `obj`; unknown actions are refused."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return deny("U bent niet ingelogd.")
    rule = _RULES.get(action)
    if rule is None:
        return deny(f"Onbekende handeling '{action}'.")
    return rule(user, obj)
