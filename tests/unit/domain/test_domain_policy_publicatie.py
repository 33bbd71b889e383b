"""Vier-ogen on publishing a process model (#10 point 4): a procesontwerper asks; another procesontwerper or a
beheerder decides; the one who asked never approves their own request (separation of duties)."""
from dataclasses import dataclass

import pytest

from app.domain.policy import decide
from test_domain_policy import AANBIEDER, BEOORDELAAR, CONSULENT, INWONER, ONTWERPER, FakeUser

ANDERE_ONTWERPER = FakeUser(19, "procesontwerper")
BEHEERDER = FakeUser(31, "beheerder")
ONTWERPER_EN_BEHEERDER = FakeUser(32, "procesontwerper beheerder")


@dataclass
class Verzoek:
    requested_by_id: int
    id: int = 1


def test_only_a_procesontwerper_asks_to_publish():
    assert decide(ONTWERPER, "publicatie.aanvragen")
    for user in (BEHEERDER, CONSULENT, BEOORDELAAR, INWONER, AANBIEDER):
        decision = decide(user, "publicatie.aanvragen")
        assert not decision and "procesontwerper" in decision.reason


@pytest.mark.parametrize("reviewer", [ANDERE_ONTWERPER, BEHEERDER], ids=lambda u: u.roles)
def test_another_procesontwerper_or_a_beheerder_decides_on_a_request(reviewer):
    assert decide(reviewer, "publicatie.beoordelen", Verzoek(requested_by_id=ONTWERPER.id))


@pytest.mark.parametrize("asker", [ONTWERPER, ONTWERPER_EN_BEHEERDER], ids=lambda u: u.roles)
def test_the_one_who_asked_cannot_approve_even_as_beheerder(asker):
    decision = decide(asker, "publicatie.beoordelen", Verzoek(requested_by_id=asker.id))
    assert not decision and not decision.hidden
    assert "zelf aangevraagd" in decision.reason


@pytest.mark.parametrize("user", [CONSULENT, BEOORDELAAR, INWONER, AANBIEDER], ids=lambda u: u.roles)
def test_other_roles_never_decide_on_a_publication(user):
    assert not decide(user, "publicatie.beoordelen", Verzoek(requested_by_id=ONTWERPER.id))
    assert not decide(user, "publicatie.beoordelen")


def test_only_the_asker_withdraws_a_request():
    verzoek = Verzoek(requested_by_id=ONTWERPER.id)
    assert decide(ONTWERPER, "publicatie.intrekken", verzoek)
    assert not decide(ANDERE_ONTWERPER, "publicatie.intrekken", verzoek)
    assert not decide(BEHEERDER, "publicatie.intrekken", verzoek)
