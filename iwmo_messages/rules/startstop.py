"""Rules for start zorg (305) and stop zorg (307), checked by the receiving gemeente."""
from __future__ import annotations

from .base import CROSS_MESSAGE, IN_MESSAGE, rule


def _products(msg):
    if msg.NUMMER == "305":
        return [(f"Client/StartProduct[{i}]", p) for i, p in enumerate(msg.client.start_producten, 1)]
    return [(f"Client/StopProduct[{i}]", p) for i, p in enumerate(msg.client.stop_producten, 1)]


@rule("CS058", "0001", IN_MESSAGE, ("305", "307"))
def cs058_status_aanlevering(msg, ctx, today):
    """StatusAanlevering is 1 (eerste aanlevering) or 3 (verwijderen)."""
    for path, p in _products(msg):
        if p.status_aanlevering not in ("1", "3"):
            yield p, f"{path}/StatusAanlevering", (
                f"StatusAanlevering {p.status_aanlevering} is niet toegestaan; gebruik 1 of 3")


@rule("TR019", "9019", CROSS_MESSAGE, ("305", "307"), needs_context=True)
def tr019_relates_to_toewijzing(msg, ctx, today):
    """A start or stop refers by ToewijzingNummer to a toewijzing of this client."""
    for path, p in _products(msg):
        t = None if p.toewijzing_nummer is None else ctx.toewijzing(p.toewijzing_nummer)
        if t is None or t.bsn != msg.client.bsn:
            yield p, f"{path}/ToewijzingNummer", f"Er is geen toewijzing {p.toewijzing_nummer} voor deze cliënt"
