"""The one place that answers permission questions: `decide(user, action, obj)`.

Pure functions over loaded objects (no Flask, no database). Each answer carries a Dutch
reason, so a refusal can be shown and logged as it is. Separation of duties (vier-ogen):
whoever prepared a besluit may not approve it.

Gemeenten (#13): staff reach only the objects of the gemeenten they work for (`user.gemeente_ids`).
An object of another gemeente is refused as `hidden`: pages and API answer 404, as if it did not exist,
so staff of one gemeente learn nothing about another's inwoners — not even that a zaak exists.

The rules of administration live in policy_beheer.py, those of the exchange and betalingen in
policy_exchange.py, those of contract management in policy_contracten.py, those of the management information in
policy_rapportage.py, the shared answer and checks in decisions.py; `decide` here is the one way in.
"""
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import policy_beheer as beheer
from . import policy_bezwaar as bezwaar
from . import policy_contracten as contracten
from . import policy_dwangsom as dwangsom
from . import policy_exchange as exchange
from . import policy_klachten as klachten
from . import policy_ontwerp as ontwerp
from . import policy_rapportage as rapportage
from . import policy_termijnen as termijnen
from .decisions import ALLOW, HIDDEN, STAFF_CASE_ROLES, Decision, deny, outside_gemeenten  # noqa: F401 — re-exported
from .decisions import has_role as _has_role
from .decisions import staff_reach as _staff_reach

@dataclass(frozen=True)
class TaskFacts:
    """What the policy needs to know about a human task besides the row itself."""

    task: Any
    #: Users who completed the task this one must be separate from (vier-ogen).
    excluded_user_ids: frozenset = frozenset()
    #: For a task in the 'inwoner' lane done by a gemachtigde: the machtiging they act on.
    machtiging: Any = None


def _submit_melding(user, person) -> Decision:
    if _has_role(user, "consulent", "backoffice"):
        return _staff_reach(user, person)
    if _has_role(user, "inwoner") and person is not None and user.person_id == person.id:
        return ALLOW
    return deny("U kunt alleen voor uzelf een melding doen.")


def _register_melding(user, person) -> Decision:
    if _has_role(user, "consulent", "backoffice"):
        return _staff_reach(user, person)
    return deny("Alleen een consulent of de backoffice kan een eerder ontvangen melding registreren.")


@dataclass(frozen=True)
class ZaakFacts:
    """A zaak as staff bound to wijken see it: whether it is their work — in their team's wijken, given to
    them, or opened with a reason today (`need_to_know`)."""

    zaak: Any
    need_to_know: bool = True

    @property
    def gemeente_id(self):
        return self.zaak.gemeente_id


NEED_TO_KNOW = Decision(False, "Deze zaak valt buiten de wijken van uw team en is niet aan u gegeven. U kunt hem "
                               "openen als u zegt waarom; dat ziet de inwoner.", doorbreken=True)


def _view_zaak(user, obj) -> Decision:
    zaak = obj.zaak if isinstance(obj, ZaakFacts) else obj
    if _has_role(user, *STAFF_CASE_ROLES):
        if _staff_reach(user, zaak).hidden:
            return HIDDEN
        return NEED_TO_KNOW if isinstance(obj, ZaakFacts) and not obj.need_to_know else ALLOW
    if _has_role(user, "inwoner") and zaak is not None and user.person_id == zaak.person_id:
        return ALLOW
    return deny("U heeft geen toegang tot deze zaak.")


def _complete_person(user, obj) -> Decision:
    """Completing the inwoner's address from a zaak (what a message needs): a consulent who may open the zaak."""
    decision = _view_zaak(user, obj)
    if not decision or _has_role(user, "consulent"):
        return decision
    return deny("Alleen een consulent kan de persoonsgegevens van de inwoner aanvullen.")


def _break_glass(user, zaak) -> Decision:
    """Opening a zaak outside one's own work, with a reason: any staff member of its gemeente who works
    with zaken."""
    if _has_role(user, *STAFF_CASE_ROLES):
        return _staff_reach(user, zaak)
    return deny("Alleen medewerkers die met zaken werken kunnen een zaak openen.")


def _view_task(user, facts: TaskFacts) -> Decision:
    if facts.task.lane == "inwoner":
        if _has_role(user, *STAFF_CASE_ROLES) and outside_gemeenten(user, facts.task.gemeente_id):
            return HIDDEN
        return _inwoner_task(user, facts)
    if outside_gemeenten(user, facts.task.gemeente_id):
        return HIDDEN
    if _has_role(user, facts.task.lane):
        return ALLOW
    return deny(f"Deze taak is voor de rol '{facts.task.lane}'.")


def _claim_task(user, facts: TaskFacts) -> Decision:
    decision = _may_work_on(user, facts)
    if decision and facts.task.assignee_id not in (None, user.id):
        return deny("Deze taak is al door een collega opgepakt.")
    return decision


def _release_task(user, facts: TaskFacts) -> Decision:
    if outside_gemeenten(user, facts.task.gemeente_id):
        return HIDDEN
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
    if task.lane != "inwoner" and outside_gemeenten(user, task.gemeente_id):
        return HIDDEN
    if task.status != "open":
        return deny("Deze taak staat niet meer open.")
    if task.lane == "inwoner":
        return _inwoner_task(user, facts)
    if not _has_role(user, task.lane):
        return deny(f"Deze taak is voor de rol '{task.lane}'.")
    if user.id in facts.excluded_user_ids:
        return deny("Vier-ogenprincipe: u heeft dit besluit zelf voorbereid en mag het daarom niet toetsen.")
    return ALLOW


@dataclass(frozen=True)
class HandoverFacts:
    """A task (with its vier-ogen facts) and the colleague it would go to."""

    facts: TaskFacts
    to_user: Any


def _hand_over_task(user, handover: HandoverFacts) -> Decision:
    task, target = handover.facts.task, handover.to_user
    if outside_gemeenten(user, task.gemeente_id):
        return HIDDEN
    if task.status != "open":
        return deny("Deze taak staat niet meer open.")
    if task.assignee_id not in (None, user.id) and not _has_role(user, "beheerder"):
        return deny("Alleen wie de taak heeft opgepakt kan hem overdragen.")
    if not _has_role(user, task.lane, "beheerder"):
        return deny(f"Deze taak is voor de rol '{task.lane}'.")
    if target is None or not getattr(target, "active", False):
        return deny("Kies een collega die nog actief is.")
    if target.id == user.id:
        return deny("U kunt een taak niet aan uzelf overdragen; pak hem op.")
    if not target.has_role(task.lane):
        return deny(f"{target.display_name} heeft niet de rol '{task.lane}' en kan deze taak niet doen.")
    if outside_gemeenten(target, task.gemeente_id):
        return deny(f"{target.display_name} werkt niet voor de gemeente van deze zaak en kan de taak niet doen.")
    if target.id in handover.facts.excluded_user_ids:
        return deny(f"Vier-ogenprincipe: {target.display_name} heeft dit besluit voorbereid en mag het niet toetsen.")
    return ALLOW


def _view_document(user, zaak) -> Decision:
    return _view_zaak(user, zaak)


def _read_dev_mail(user, _obj) -> Decision:
    if _has_role(user, *STAFF_CASE_ROLES, "beheerder"):
        return ALLOW
    return deny("De uitgaande e-mail is alleen voor medewerkers te zien.")


# -- The inwoner portal: one's own dossier, or someone else's through a machtiging ----------------

MACHTIGING_SCOPES = {"inzien": "Meekijken", "namens_handelen": "Meekijken en namens u handelen"}


@dataclass(frozen=True)
class Dossier:
    """Whose dossier a portal user works in: their own (no machtiging) or a machtiginggever's.

    `zaak`, when given, is the zaak asked about; it must belong to that person."""

    person_id: int
    machtiging: Any = None
    zaak: Any = None
    today: date = field(default_factory=date.today)


def machtiging_valid(user, machtiging, person_id: int, today: date, scopes=tuple(MACHTIGING_SCOPES)) -> Decision:
    """A machtiging counts when it is the user's, for this person, started, not ended and not revoked."""
    if machtiging is None or machtiging.gemachtigde_id != user.id or machtiging.person_id != person_id:
        return deny("U heeft geen machtiging voor deze persoon.")
    if machtiging.ingetrokken_op is not None:
        return deny("Deze machtiging is ingetrokken.")
    if today < machtiging.geldig_vanaf:
        return deny("Deze machtiging gaat later in.")
    if machtiging.geldig_tot is not None and today > machtiging.geldig_tot:
        return deny("Deze machtiging is verlopen.")
    if machtiging.scope not in scopes:
        return deny("Met deze machtiging mag u meekijken, maar niet namens deze persoon handelen.")
    return ALLOW


def _dossier(user, dossier: Dossier, scopes) -> Decision:
    if dossier is None:
        return deny("Aan uw account is geen dossier gekoppeld.")
    if dossier.zaak is not None and dossier.zaak.person_id != dossier.person_id:
        return deny("U heeft geen toegang tot deze zaak.")
    if dossier.machtiging is None:
        if user.person_id is not None and user.person_id == dossier.person_id:
            return ALLOW
        return deny("U heeft geen toegang tot dit dossier.")
    return machtiging_valid(user, dossier.machtiging, dossier.person_id, dossier.today, scopes)


def _see_dossier(user, dossier: Dossier) -> Decision:
    return _dossier(user, dossier, tuple(MACHTIGING_SCOPES))


def _act_in_dossier(user, dossier: Dossier) -> Decision:
    return _dossier(user, dossier, ("namens_handelen",))


def _manage_machtigingen(user, dossier: Dossier) -> Decision:
    """Only the inwoner themselves grants or revokes; a gemachtigde cannot pass a machtiging on."""
    if dossier is not None and dossier.machtiging is None and user.person_id == dossier.person_id:
        return ALLOW
    return deny("Alleen de inwoner zelf kan machtigingen geven en intrekken.")


def _export_dossier(user, dossier: Dossier) -> Decision:
    """Downloading everything (art. 15 AVG) is the inwoner's own right; a gemachtigde who may act for them may too."""
    decision = _dossier(user, dossier, ("namens_handelen",))
    if not decision and dossier is not None and dossier.machtiging is not None \
            and _dossier(user, dossier, tuple(MACHTIGING_SCOPES)):
        return deny("Met deze machtiging mag u meekijken, maar niet alle gegevens van deze persoon downloaden.")
    return decision


def _inwoner_task(user, facts: TaskFacts) -> Decision:
    """A task in the 'inwoner' lane is for the zaak's inwoner, or a gemachtigde who may act for them."""
    person_id = facts.task.zaak.person_id
    if facts.machtiging is None:
        if user.person_id is not None and user.person_id == person_id:
            return ALLOW
        return deny("Deze taak is voor de inwoner zelf.")
    return machtiging_valid(user, facts.machtiging, person_id, date.today(), ("namens_handelen",))


def _answer_berichten(user, zaak) -> Decision:
    if _has_role(user, "consulent"):
        return _staff_reach(user, zaak)
    return deny("Alleen een consulent beantwoordt berichten van inwoners.")


#: Roles of people who use the portal for their own (or a machtiginggever's) dossier only.
CITIZEN_ROLES = frozenset({"inwoner", "gemachtigde"})


def _manage_own_tokens(user, owner) -> Decision:
    """Staff and aanbieders make keys for their own programs; an inwoner or gemachtigde is never offered one
    (the portal is their way in; a key that acts as them is a risk they cannot judge)."""
    if user is None or owner is None or user.id != owner.id:
        return deny("U kunt alleen uw eigen API-sleutels beheren.")
    if set(user.roles.split()) <= CITIZEN_ROLES:
        return deny("API-sleutels zijn er voor medewerkers en zorgaanbieders. Uw zaken regelt u in Mijn zaken.")
    return ALLOW


@dataclass(frozen=True)
class ApiCall:
    """An API call made with a token: how far the token reaches and the path it asks for."""

    scope: str
    path: str


#: The endpoints an "eigen-dossier" token (an inwoner's or gemachtigde's) may call.
OWN_DOSSIER_API_PREFIX = "/api/v1/mijn/"


def _call_api_with_token(_user, call: ApiCall) -> Decision:
    if call.scope == "volledig":
        return ALLOW
    if call.scope == "eigen-dossier" and call.path.startswith(OWN_DOSSIER_API_PREFIX):
        return ALLOW
    return deny("Deze API-sleutel geeft alleen toegang tot uw eigen dossier (de adressen onder /api/v1/mijn/).")


def _resume_process(user, zaak) -> Decision:
    """After a model error the staff who work on cases retry the step (procesontwerpers fix the model)."""
    if _has_role(user, *STAFF_CASE_ROLES, "procesontwerper"):
        return _staff_reach(user, zaak)
    return deny("Alleen medewerkers van de gemeente kunnen een vastgelopen proces opnieuw proberen.")


def _use_inbox(user, _obj) -> Decision:
    if _has_role(user, *STAFF_CASE_ROLES):
        return ALLOW
    return deny("De werkvoorraad is voor medewerkers van de gemeente.")


_RULES = {
    "bericht.lezen": exchange.read_bericht,
    "gebruikers.beheren": beheer.manage_users,
    "instellingen.beheren": beheer.manage_settings,
    "gemeente.beheren": beheer.manage_gemeente,
    "bericht.insturen": exchange.send_bericht,
    "toewijzing.bekijken": exchange.view_toewijzing,
    "melding.indienen": _submit_melding,
    "melding.registreren": _register_melding,
    "zaak.bekijken": _view_zaak,
    "zaak.doorbreken": _break_glass,
    "persoonsgegevens.aanvullen": _complete_person,
    "termijn.opschorten": termijnen.suspend_term, "termijn.verdagen": termijnen.extend_term,
    "aanvraag.op_papier": termijnen.record_paper_aanvraag,
    "doorbraken.bekijken": beheer.see_doorbraken,
    "retentie.beheren": beheer.manage_retentie,
    "retentie.bekijken": beheer.see_retentie,
    "retentie.goedkeuren": beheer.approve_vernietiging,
    "taak.bekijken": _view_task,
    "taak.oppakken": _claim_task,
    "taak.teruggeven": _release_task,
    "taak.voltooien": _complete_task,
    "taak.concept_opslaan": _complete_task,
    "taak.overdragen": _hand_over_task,
    "document.bekijken": _view_document,
    "ontwikkeling.mail_lezen": _read_dev_mail,
    "werkvoorraad.gebruiken": _use_inbox,
    "proces.hervatten": _resume_process,
    "ontwerpen.bekijken": ontwerp.view_designs,
    "ontwerpen.wijzigen": ontwerp.make_concepts,
    "ontwerpen.migreren": ontwerp.migrate_cases,
    "api_sleutels.beheren": _manage_own_tokens,
    "api.aanroepen_met_sleutel": _call_api_with_token,
    "dossier.inzien": _see_dossier,
    "dossier.handelen": _act_in_dossier,
    "machtigingen.beheren": _manage_machtigingen,
    "dossier.exporteren": _export_dossier,
    "privacy.gebruiken": beheer.use_privacy,
    "persoon.exporteren": beheer.export_person,
    "afschrift.ophalen": beheer.fetch_afschrift,
    "berichten.beantwoorden": _answer_berichten,
    "betalingen.bekijken": exchange.use_betalingen,
    "betaalbatch.sluiten": exchange.close_betaalbatch,
    "betaalbatch.vrijgeven": exchange.release_betaalbatch,
    "betaalbatch.downloaden": exchange.download_pain001,
    **contracten.RULES, **klachten.RULES, **rapportage.RULES, **ontwerp.RULES, **dwangsom.RULES,
    **bezwaar.RULES,
}

ACTIONS = tuple(_RULES)


def decide(user, action: str, obj: Any = None) -> Decision:
    """Answer whether `user` may do `action` on `obj`; unknown actions are refused."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return deny("U bent niet ingelogd.")
    rule = _RULES.get(action)
    if rule is None:
        return deny(f"Onbekende handeling '{action}'.")
    if _of_another_gemeente(user, obj):
        return HIDDEN
    return rule(user, obj)


def _of_another_gemeente(user, obj) -> bool:
    """Staff (who work for one or more gemeenten) asking about an object of a gemeente they do not work for:
    whatever they ask, the answer is that it is not there — before any rule that would name a reason.
    An account with a person of its own (an inwoner who is also staff) is left to the rules themselves."""
    if not getattr(user, "gemeente_ids", None) or getattr(user, "person_id", None) is not None:
        return False
    task = getattr(getattr(obj, "facts", None), "task", None) or getattr(obj, "task", None)
    return outside_gemeenten(user, getattr(task or obj, "gemeente_id", None))
