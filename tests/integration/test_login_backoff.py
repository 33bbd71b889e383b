"""Failed logins slow down without locking anyone out: a growing wait per (username, address), a cap on
failures per address over all usernames (flask-limiter), and an unknown username that costs the same
argon2 verification as a wrong password (counted, not timed)."""
import argon2
import pytest

from app.services import accounts
from app.services.login_backoff import backoff_seconds

OWNER = "10.20.0.7"


def _try(app, username, password, address):
    return app.test_client().post("/auth/inloggen", data={"gebruikersnaam": username, "wachtwoord": password},
                                  environ_base={"REMOTE_ADDR": address})


def test_many_wrong_passwords_elsewhere_never_keep_the_owner_out(app, clock):
    attacker, answers = "10.66.0.1", []
    for _ in range(40):
        answers.append(_try(app, "backoffice", "fout", attacker).status_code)
        clock.advance(seconds=1)
    assert answers[:5] == [400] * 5 and 429 in answers  # the attacker's address is slowed down
    assert _try(app, "backoffice", "demo", OWNER).status_code == 302  # the owner is not


def test_the_wait_doubles_with_every_failure_and_a_success_ends_it(app, clock):
    attacker = "10.66.0.2"
    for _ in range(app.config["LOGIN_FREE_FAILURES"]):
        assert _try(app, "backoffice", "fout", attacker).status_code == 400
    waits = []
    for _ in range(3):
        refused = _try(app, "backoffice", "demo", attacker)  # during the wait even the right password waits
        assert refused.status_code == 429 and "Te veel mislukte pogingen" in refused.get_data(as_text=True)
        waits.append(int(refused.headers["Retry-After"]))
        clock.advance(seconds=waits[-1])
        assert _try(app, "backoffice", "fout", attacker).status_code == 400  # checked again, and wrong
    assert waits == [2, 4, 8]
    clock.advance(seconds=16)
    assert _try(app, "backoffice", "demo", attacker).status_code == 302
    assert _try(app, "backoffice", "fout", attacker).status_code == 400  # counting starts again


def test_the_wait_is_capped(app):
    free = app.config["LOGIN_FREE_FAILURES"]
    assert backoff_seconds(free - 1) == 0
    assert backoff_seconds(free) == app.config["LOGIN_BACKOFF_SECONDS"]
    assert backoff_seconds(free + 1000) == app.config["LOGIN_BACKOFF_MAX_SECONDS"] == 900


def test_one_address_gets_only_so_many_failures_over_all_usernames(app):
    app.config["LOGIN_FAILURES_PER_ADDRESS"] = "4 per 15 minutes"
    try:
        for name in ("consulent", "beoordelaar", "niemand", "backoffice"):
            assert _try(app, name, "fout", "10.44.0.1").status_code == 400
        capped = _try(app, "contractmanager", "demo", "10.44.0.1")
        assert capped.status_code == 429 and "vanaf dit adres" in capped.get_data(as_text=True)
        assert _try(app, "contractmanager", "demo", "10.44.0.2").status_code == 302
    finally:
        app.config["LOGIN_FAILURES_PER_ADDRESS"] = "30 per 15 minutes"


def test_successful_logins_do_not_count_towards_the_address_cap(app):
    app.config["LOGIN_FAILURES_PER_ADDRESS"] = "2 per 15 minutes"
    try:
        for _ in range(5):
            assert _try(app, "consulent", "demo", "10.45.0.1").status_code == 302
    finally:
        app.config["LOGIN_FAILURES_PER_ADDRESS"] = "30 per 15 minutes"


class CountingHasher(argon2.PasswordHasher):
    verified = 0

    def verify(self, hash, password):  # noqa: A002 — argon2's own parameter name
        CountingHasher.verified += 1
        return super().verify(hash, password)


@pytest.fixture
def counted(monkeypatch):
    CountingHasher.verified = 0
    monkeypatch.setattr(accounts, "_hasher", CountingHasher())
    return CountingHasher


@pytest.mark.parametrize("username,password", [("niemand-bekend", "fout"), ("consulent", "fout"),
                                               ("consulent", "demo")])
def test_every_checked_try_costs_exactly_one_argon2_verification(app, counted, username, password):
    _try(app, username, password, "10.50.0.1")
    assert counted.verified == 1


def test_the_dummy_hash_costs_what_a_real_one_costs(users):
    assert argon2.extract_parameters(accounts._dummy_hash()) == \
        argon2.extract_parameters(users["consulent"].password_hash)
