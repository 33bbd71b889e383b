"""Aanbieders see and answer only their own berichten and toewijzingen; the backoffice sees all."""
from dataclasses import dataclass

import pytest

from app.domain.policy import decide


@dataclass
class User:
    id: int
    roles: str
    aanbieder_id: int | None = None
    is_authenticated: bool = True
    is_active: bool = True

    def has_role(self, *roles):
        return any(r in self.roles.split() for r in roles)


@dataclass
class Owned:
    """A bericht or toewijzing of aanbieder `aanbieder_id` (or, as `id`, an aanbieder itself)."""

    aanbieder_id: int
    id: int = 0


THUISZORG = User(1, "aanbieder", aanbieder_id=10)
JEUGDHULP = User(2, "aanbieder", aanbieder_id=20)
ZONDER_AANBIEDER = User(3, "aanbieder")
BACKOFFICE = User(4, "backoffice")
CONSULENT = User(5, "consulent")


@pytest.mark.parametrize("user, allowed", [(THUISZORG, True), (JEUGDHULP, False), (ZONDER_AANBIEDER, False),
                                           (BACKOFFICE, True), (CONSULENT, False)])
def test_a_bericht_is_read_by_its_own_aanbieder_and_the_backoffice_only(user, allowed):
    decision = decide(user, "bericht.lezen", Owned(aanbieder_id=10))
    assert bool(decision) is allowed
    if not allowed:
        assert "andere aanbieder" in decision.reason


@pytest.mark.parametrize("user, allowed", [(THUISZORG, True), (JEUGDHULP, False), (BACKOFFICE, False)])
def test_only_the_aanbieder_itself_sends_berichten_in_its_name(user, allowed):
    assert bool(decide(user, "bericht.insturen", Owned(aanbieder_id=0, id=10))) is allowed


@pytest.mark.parametrize("user, allowed", [(THUISZORG, True), (JEUGDHULP, False), (CONSULENT, True)])
def test_a_toewijzing_is_seen_by_its_aanbieder_and_gemeente_staff(user, allowed):
    assert bool(decide(user, "toewijzing.bekijken", Owned(aanbieder_id=10))) is allowed
