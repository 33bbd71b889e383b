"""The policy module answers every permission question; here as a matrix of who may do what."""
from dataclasses import dataclass

import pytest

from app.domain.policy import ACTIONS, TaskFacts, decide


@dataclass
class FakeUser:
    """A plain user object with the attributes the policy reads (the policy is pure)."""

    id: int
    roles: str
    person_id: int | None = None
    is_authenticated: bool = True
    is_active: bool = True
    #: Staff work for gemeente 1 (the objects below belong to it) unless a test says otherwise.
    gemeente_ids: frozenset = frozenset({1})

    def has_role(self, *roles):
        return any(r in self.roles.split() for r in roles)


@dataclass
class Row:
    lane: str = "consulent"
    status: str = "open"
    assignee_id: int | None = None
    person_id: int = 7
    id: int = 1
    gemeente_id: int = 1
    aanbieder_id: int | None = None
    nummer: str = "BB-2026-0001"
    gesloten_door_id: int | None = None


INWONER = FakeUser(1, "inwoner", person_id=7)
ANDERE_INWONER = FakeUser(2, "inwoner", person_id=8)
CONSULENT = FakeUser(3, "consulent")
BEOORDELAAR = FakeUser(4, "beoordelaar")
SENIOR = FakeUser(5, "consulent beoordelaar")
AANBIEDER = FakeUser(6, "aanbieder")
ONTWERPER = FakeUser(9, "procesontwerper")


@pytest.mark.parametrize("user, allowed", [
    (INWONER, True), (ANDERE_INWONER, False), (CONSULENT, True), (BEOORDELAAR, True), (AANBIEDER, False)])
def test_who_may_see_a_zaak(user, allowed):
    assert bool(decide(user, "zaak.bekijken", Row())) is allowed


@pytest.mark.parametrize("user, allowed", [
    (INWONER, False), (CONSULENT, True), (SENIOR, True), (BEOORDELAAR, False), (FakeUser(10, "backoffice"), False),
    (AANBIEDER, False)])
def test_only_a_consulent_completes_the_inwoners_address_from_a_zaak(user, allowed):
    assert bool(decide(user, "persoonsgegevens.aanvullen", Row())) is allowed


def test_completing_an_address_asks_need_to_know_and_hides_another_gemeentes_zaak():
    from app.domain.policy import ZaakFacts
    assert decide(CONSULENT, "persoonsgegevens.aanvullen", ZaakFacts(Row(), need_to_know=False)).doorbreken
    assert decide(CONSULENT, "persoonsgegevens.aanvullen", ZaakFacts(Row(gemeente_id=2))).hidden


@pytest.mark.parametrize("user, allowed", [
    (INWONER, False), (CONSULENT, True), (FakeUser(10, "backoffice"), True), (AANBIEDER, False)])
def test_who_may_register_a_melding_received_by_letter_or_phone(user, allowed):
    assert bool(decide(user, "melding.registreren")) is allowed


def test_an_inwoner_may_submit_a_melding_only_for_themselves():
    assert decide(INWONER, "melding.indienen", Row(id=7))
    refused = decide(INWONER, "melding.indienen", Row(id=8))
    assert not refused and "uzelf" in refused.reason


@pytest.mark.parametrize("user, lane, allowed", [
    (CONSULENT, "consulent", True), (CONSULENT, "beoordelaar", False), (BEOORDELAAR, "beoordelaar", True),
    (INWONER, "consulent", False), (SENIOR, "beoordelaar", True)])
def test_a_task_is_for_the_role_of_its_lane(user, lane, allowed):
    assert bool(decide(user, "taak.voltooien", TaskFacts(Row(lane=lane)))) is allowed


def test_who_prepared_a_besluit_may_not_approve_it():
    facts = TaskFacts(Row(lane="beoordelaar"), excluded_user_ids=frozenset({SENIOR.id}))
    refused = decide(SENIOR, "taak.voltooien", facts)
    assert not refused and "Vier-ogen" in refused.reason
    assert decide(BEOORDELAAR, "taak.voltooien", facts)
    assert not decide(SENIOR, "taak.oppakken", facts)


def test_a_task_claimed_by_a_colleague_is_theirs_to_complete():
    facts = TaskFacts(Row(assignee_id=99))
    assert not decide(CONSULENT, "taak.voltooien", facts)
    assert not decide(CONSULENT, "taak.oppakken", facts)
    assert decide(FakeUser(99, "consulent"), "taak.voltooien", facts)


def test_a_finished_task_cannot_be_worked_on():
    assert not decide(CONSULENT, "taak.voltooien", TaskFacts(Row(status="completed")))


def test_only_the_claimer_releases_a_task():
    facts = TaskFacts(Row(assignee_id=CONSULENT.id))
    assert decide(CONSULENT, "taak.teruggeven", facts)
    assert not decide(FakeUser(11, "consulent"), "taak.teruggeven", facts)


def test_tokens_are_managed_by_their_owner_only():
    assert decide(CONSULENT, "api_sleutels.beheren", CONSULENT)
    assert not decide(CONSULENT, "api_sleutels.beheren", BEOORDELAAR)


def test_inwoners_and_gemachtigden_are_not_offered_api_keys():
    for roles in ("inwoner", "gemachtigde", "inwoner gemachtigde"):
        citizen = FakeUser(21, roles, person_id=4)
        decision = decide(citizen, "api_sleutels.beheren", citizen)
        assert not decision and "Mijn zaken" in decision.reason


@pytest.mark.parametrize("action", ACTIONS)
def test_nobody_anonymous_or_deactivated_may_do_anything(action):
    assert not decide(None, action, Row())
    assert not decide(FakeUser(12, "beheerder consulent beoordelaar", is_active=False), action, TaskFacts(Row()))


def test_an_unknown_action_is_refused():
    assert not decide(SENIOR, "zaak.verwijderen", Row())


def test_an_own_dossier_token_reaches_only_the_mijn_endpoints():
    from app.domain.policy import ApiCall
    assert decide(CONSULENT, "api.aanroepen_met_sleutel", ApiCall("volledig", "/api/v1/taken"))
    assert decide(CONSULENT, "api.aanroepen_met_sleutel", ApiCall("eigen-dossier", "/api/v1/mijn/zaken"))
    for path in ("/api/v1/zaken/1", "/api/v1/mijnheer", "/api/v1/taken"):
        assert not decide(CONSULENT, "api.aanroepen_met_sleutel", ApiCall("eigen-dossier", path))
    assert not decide(CONSULENT, "api.aanroepen_met_sleutel", ApiCall("onbekend", "/api/v1/mijn/zaken"))


# -- Gemeenten: staff of one gemeente get nothing of another's, answered as "not found" ----------------

OTHER_GEMEENTE = Row(gemeente_id=2)


@pytest.mark.parametrize("user, action, obj", [
    (CONSULENT, "zaak.bekijken", OTHER_GEMEENTE),
    (CONSULENT, "document.bekijken", OTHER_GEMEENTE),
    (CONSULENT, "berichten.beantwoorden", OTHER_GEMEENTE),
    (CONSULENT, "melding.indienen", OTHER_GEMEENTE),
    (CONSULENT, "melding.registreren", OTHER_GEMEENTE),
    (CONSULENT, "taak.bekijken", TaskFacts(OTHER_GEMEENTE)),
    (CONSULENT, "taak.oppakken", TaskFacts(OTHER_GEMEENTE)),
    (CONSULENT, "taak.voltooien", TaskFacts(OTHER_GEMEENTE)),
    (CONSULENT, "taak.teruggeven", TaskFacts(OTHER_GEMEENTE)),
    (CONSULENT, "proces.hervatten", OTHER_GEMEENTE),
    (FakeUser(10, "backoffice"), "bericht.lezen", OTHER_GEMEENTE),
    (FakeUser(10, "backoffice"), "toewijzing.bekijken", OTHER_GEMEENTE),
    (FakeUser(10, "backoffice"), "betaalbatch.vrijgeven", OTHER_GEMEENTE),
    (FakeUser(10, "backoffice"), "betalingen.bekijken", OTHER_GEMEENTE),
])
def test_staff_get_nothing_of_another_gemeente(user, action, obj):
    decision = decide(user, action, obj)
    assert not decision and decision.hidden
    assert decide(FakeUser(user.id, user.roles, gemeente_ids=frozenset({1, 2})), action, obj).hidden is False


def test_staff_without_a_gemeente_reach_no_object():
    assert decide(FakeUser(3, "consulent", gemeente_ids=frozenset()), "zaak.bekijken", Row()).hidden


def test_an_inwoner_and_an_aanbieder_are_not_judged_by_gemeente():
    inwoner = FakeUser(1, "inwoner", person_id=7, gemeente_ids=frozenset())
    assert decide(inwoner, "zaak.bekijken", OTHER_GEMEENTE)


def test_a_task_goes_only_to_a_colleague_of_its_gemeente():
    from app.domain.policy import HandoverFacts
    colleague = FakeUser(11, "consulent", gemeente_ids=frozenset({2}))
    colleague.active, colleague.display_name = True, "Collega"
    decision = decide(CONSULENT, "taak.overdragen", HandoverFacts(TaskFacts(Row()), colleague))
    assert not decision and "werkt niet voor de gemeente" in decision.reason


# -- AVG rights: the export of all of a person's data (art. 15 AVG) ------------------------------------------

PRIVACY = FakeUser(20, "privacy")


def test_only_the_privacy_officer_of_the_persons_gemeente_exports_for_a_request():
    assert decide(PRIVACY, "privacy.gebruiken") and decide(PRIVACY, "persoon.exporteren", Row())
    other = decide(FakeUser(21, "privacy", gemeente_ids=frozenset({2})), "persoon.exporteren", Row())
    assert not other and other.hidden
    for user in (CONSULENT, FakeUser(22, "beheerder"), INWONER):
        assert not decide(user, "privacy.gebruiken") and not decide(user, "persoon.exporteren", Row())


def test_the_inwoner_and_a_gemachtigde_who_may_act_download_the_dossier():
    from datetime import date

    from app.domain.policy import Dossier
    assert decide(INWONER, "dossier.exporteren", Dossier(person_id=7))
    assert not decide(ANDERE_INWONER, "dossier.exporteren", Dossier(person_id=7))
    zoon = FakeUser(30, "gemachtigde")

    @dataclass
    class M:
        scope: str
        gemachtigde_id: int = 30
        person_id: int = 7
        ingetrokken_op: object = None
        geldig_vanaf: date = date(2020, 1, 1)
        geldig_tot: date | None = None
    assert decide(zoon, "dossier.exporteren", Dossier(person_id=7, machtiging=M("namens_handelen")))
    looking = decide(zoon, "dossier.exporteren", Dossier(person_id=7, machtiging=M("inzien")))
    assert not looking and "niet alle gegevens" in looking.reason
    revoked = decide(zoon, "dossier.exporteren", Dossier(person_id=7, machtiging=M("inzien", ingetrokken_op=1)))
    assert revoked.reason == "Deze machtiging is ingetrokken."
