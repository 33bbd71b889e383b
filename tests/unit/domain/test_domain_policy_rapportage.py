"""The rapportage in the policy: only the management role reads it and sets the budget, and only for the
gemeenten it works for; any other gemeente is not there (hidden, a 404)."""
from dataclasses import dataclass

import pytest

from app.domain.policy import decide
from test_domain_policy import AANBIEDER, BEOORDELAAR, CONSULENT, INWONER, FakeUser

MANAGEMENT = FakeUser(30, "management")
BEHEERDER = FakeUser(31, "beheerder")


@dataclass
class Gemeente:
    id: int


@pytest.mark.parametrize("action", ["rapportage.bekijken", "budget.beheren"])
@pytest.mark.parametrize("user", [INWONER, AANBIEDER, CONSULENT, BEOORDELAAR, BEHEERDER], ids=lambda u: u.roles)
def test_only_management_reads_the_rapportage_and_sets_the_budget(action, user):
    decision = decide(user, action, Gemeente(1))
    assert not decision and not decision.hidden and "management" in decision.reason


@pytest.mark.parametrize("action", ["rapportage.bekijken", "budget.beheren"])
def test_management_reaches_its_own_gemeenten_together_or_one_by_one_and_no_other(action):
    assert decide(MANAGEMENT, action)
    assert decide(MANAGEMENT, action, Gemeente(1))
    assert decide(MANAGEMENT, action, Gemeente(2)).hidden
    assert not decide(FakeUser(32, "management", gemeente_ids=frozenset()), action)
