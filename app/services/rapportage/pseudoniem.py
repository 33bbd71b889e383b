"""The pseudonyms under which the rapportage summaries keep a person (RapportagePersoon.persoon, samenvatting.py):
data minimisation (AVG art. 5 lid 1c) and privacy by design (art. 25) — a reporting table holds no BSN or person id.

A pseudonym is HMAC-SHA256 over the source and the person's key (a BSN for 'declaratie', a person id for 'stap'),
keyed with a secret of its own (not the app's SECRET_KEY): 32 random bytes made once and kept in the database
(RapportageSleutel), so every process and every restart makes the same pseudonym for the same person, and the
summaries only count distinct pseudonyms. It is cut to its first 20 hex digits (80 bits, the column's width): among
a million persons the chance that two share one is about 4·10⁻¹³, and a shared one would count them as one.
Without the key no one can go back from a pseudonym to a BSN (the 10⁹ BSNs are few enough to try them all against
a plain hash). The stand records the key's fingerprint: rows made with another key are redone in full."""
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...models import RapportageSleutel

NAME = "persoon"
#: Hex digits kept of the HMAC (RapportagePersoon.persoon is String(20)).
LENGTH = 20


def key(session) -> bytes:
    """The pseudonym key, made on first use. Two processes that make it at once end with the same key: the second
    insert fails on the primary key (on PostgreSQL it waits for the first to commit), and it reads the first's."""
    found = _read(session)
    return found if found is not None else make_key(session)


def make_key(session) -> bytes:
    """Make the key, found missing a moment ago; the key another process made in the meantime stays the key."""
    try:
        with session.begin_nested():
            session.add(RapportageSleutel(naam=NAME, sleutel=secrets.token_bytes(32)))
    except IntegrityError:
        pass  # another process made it first: theirs is the key
    return _read(session)


def _read(session) -> bytes | None:
    return session.scalar(select(RapportageSleutel.sleutel).where(RapportageSleutel.naam == NAME))


def fingerprint(secret: bytes) -> str:
    """What the stand records of the key: tells keys apart, gives nothing of the key away."""
    return hmac.new(secret, b"cumulus rapportage vingerafdruk", hashlib.sha256).hexdigest()[:16]


class Pseudonyms:
    """The pseudonym of each (source, person key) under one key, remembered: a person has many rows."""

    def __init__(self, secret: bytes):
        self.secret, self.known = secret, {}

    def __call__(self, bron: str, persoon: str) -> str:
        found = self.known.get((bron, persoon))
        if found is None:
            found = hmac.digest(self.secret, f"{bron}\x00{persoon}".encode(), "sha256").hex()[:LENGTH]
            self.known[(bron, persoon)] = found
        return found
