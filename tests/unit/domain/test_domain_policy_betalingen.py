"""Betaalbatches in the policy: only the backoffice; the one who closed a batch may not release it (vier-ogen);
the file only after release; a refusal for the batch's state is marked as such (the API answers 409)."""
from dataclasses import dataclass

import pytest

from app.domain.policy import decide
from test_domain_policy import CONSULENT, FakeUser

BACKOFFICE, COLLEGA = FakeUser(21, "backoffice"), FakeUser(22, "backoffice")


@dataclass
class Batch:
    status: str = "open"
    gesloten_door_id: int | None = None
    nummer: str = "BB-2026-0001"


@pytest.mark.parametrize("action", ["betalingen.bekijken", "betaalbatch.sluiten", "betaalbatch.vrijgeven",
                                    "betaalbatch.downloaden"])
def test_only_the_backoffice_works_with_betaalbatches(action):
    decision = decide(CONSULENT, action, Batch("vrijgegeven" if action.endswith("downloaden") else "gesloten"))
    assert not decision and not decision.wrong_state and "backoffice" in decision.reason


def test_whoever_closed_a_batch_cannot_release_it_but_a_colleague_can():
    closed = Batch("gesloten", gesloten_door_id=BACKOFFICE.id)
    refused = decide(BACKOFFICE, "betaalbatch.vrijgeven", closed)
    assert not refused and not refused.wrong_state and refused.reason.startswith("Vier-ogenprincipe")
    assert decide(COLLEGA, "betaalbatch.vrijgeven", closed)
    assert decide(BACKOFFICE, "betaalbatch.vrijgeven", Batch("gesloten", gesloten_door_id=None))  # closed by the CLI


@pytest.mark.parametrize(("action", "status", "allowed"), [
    ("betaalbatch.sluiten", "open", True), ("betaalbatch.sluiten", "gesloten", False),
    ("betaalbatch.vrijgeven", "open", False), ("betaalbatch.vrijgeven", "vrijgegeven", False),
    ("betaalbatch.downloaden", "open", False), ("betaalbatch.downloaden", "gesloten", False),
    ("betaalbatch.downloaden", "vrijgegeven", True)])
def test_each_step_needs_the_batch_in_its_state(action, status, allowed):
    decision = decide(COLLEGA, action, Batch(status, gesloten_door_id=BACKOFFICE.id))
    assert bool(decision) is allowed
    assert decision.wrong_state is not allowed
