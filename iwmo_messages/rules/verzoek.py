"""Rules for the verzoek om toewijzing (315) and verzoek om wijziging (317)."""
from __future__ import annotations

from .base import CROSS_MESSAGE, IN_MESSAGE, rule


@rule("TR347", "9347", CROSS_MESSAGE, ("315", "317"), needs_context=True)
def tr347_referentie_aanbieder_unique(msg, ctx, today):
    """ReferentieAanbieder is unique per aanbieder."""
    afzender = msg.header.afzender
    if msg.NUMMER == "317":
        items = [("Client/Verzoek", msg.client.verzoek)]
    else:
        items = [(f"Client/AangevraagdProduct[{i}]", p)
                 for i, p in enumerate(msg.client.aangevraagde_producten, 1)]
    for path, part in items:
        if ctx.referentie_aanbieder_seen(afzender, part.referentie_aanbieder):
            yield part, f"{path}/ReferentieAanbieder", (
                f"ReferentieAanbieder {part.referentie_aanbieder!r} was used before")


@rule("TR380", "0001", IN_MESSAGE, ("317",))
def tr380_nieuw_product_starts_after_dagtekening(msg, ctx, today):
    """A NieuwProduct's GewensteIngangsdatum lies after the Dagtekening."""
    d = msg.header.bericht_identificatie.dagtekening
    for i, p in enumerate(msg.client.verzoek.nieuwe_producten, 1):
        if p.gewenste_ingangsdatum <= d:
            yield p, f"Client/Verzoek/NieuwProduct[{i}]/GewensteIngangsdatum", (
                f"GewensteIngangsdatum {p.gewenste_ingangsdatum} is not after Dagtekening {d}")
