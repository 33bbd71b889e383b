"""The handler registry: one function per inbound message number, `handler(session, bericht,
message) -> Antwoord | None`, registered with `@handles("305")`. Each runs inside the transaction
of `inbound.handle_bericht` and never commits."""
from dataclasses import dataclass

from iwmo_messages import Message

HANDLERS: dict = {}


@dataclass
class Antwoord:
    """The retourbericht (or 325) to put in the aanbieder's outbox."""

    message: Message | None
    xml: bytes
    retourcodes: str = ""


def handles(*nummers: str):
    def register(fn):
        for nummer in nummers:
            HANDLERS[nummer] = fn
        return fn
    return register


from . import declaratie, levering, retour_antwoord, retour_toewijzing, verzoek  # noqa: E402,F401 — registers them
