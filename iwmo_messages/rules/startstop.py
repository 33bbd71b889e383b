"""Rules for start zorg (305) and stop zorg (307), checked by the receiving gemeente: the toewijzing a
start or stop refers to (TR019) and a stop against the earlier stops on that toewijzing (TR413–TR415,
when the context gives them: `stops()`)."""
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


#: RedenBeeindiging 20 (WMO588/JZ588): "Levering is tijdelijk beeindigd"; a final stop may follow it.
REDEN_20 = "20"
NIEUW_OF_GEWIJZIGD = ("1", "2")


def _stops(msg, ctx):
    """(path, StopProduct, the earlier stops with its Bsn, ToewijzingNummer and Begindatum) for each StopProduct
    with StatusAanlevering 1 or 2 that has such earlier stops."""
    afzender, bsn = msg.header.afzender, msg.client.bsn
    for path, p in _products(msg):
        if p.status_aanlevering in NIEUW_OF_GEWIJZIGD and p.toewijzing_nummer is not None:
            earlier = [s for s in ctx.stops(afzender, bsn, p.toewijzing_nummer) if s.begindatum == p.begindatum]
            if earlier:
                yield path, p, earlier


@rule("TR413", "9413", CROSS_MESSAGE, ("307",), needs=("stops",))
def tr413_reden_20_niet_twee_keer(msg, ctx, today):
    """Als er al een StopProduct voor hetzelfde Bsn, ToewijzingNummer, Begindatum en met RedenBeeindiging
    waarde 20 is, dan moet RedenBeeindiging <> aan waarde 20 zijn, indien StatusAanlevering waarde 1 of 2
    heeft."""
    for path, p, earlier in _stops(msg, ctx):
        if p.reden_beeindiging == REDEN_20 and any(s.reden_beeindiging == REDEN_20 for s in earlier):
            yield p, f"{path}/RedenBeeindiging", "Er is voor deze levering al een stop met reden 20"


@rule("TR414", "9414", CROSS_MESSAGE, ("307",), needs=("stops",))
def tr414_einddatum_niet_voor_eerdere_stop(msg, ctx, today):
    """Als er al een StopProduct voor hetzelfde Bsn, ToewijzingNummer en Begindatum is, dan moet Einddatum >=
    zijn aan Einddatum uit actuele StopProduct."""
    for path, p, earlier in _stops(msg, ctx):
        actueel = max(s.einddatum for s in earlier)
        if p.einddatum < actueel:
            yield p, f"{path}/Einddatum", f"Einddatum {p.einddatum} ligt vóór die van de eerdere stop ({actueel})"


@rule("TR415", "9415", CROSS_MESSAGE, ("307",), needs=("stops",))
def tr415_na_een_definitieve_stop_geen_stop(msg, ctx, today):
    """Er mag geen StopProduct zijn met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde
    20, indien StatusAanlevering waarde 1 of 2 heeft."""
    for path, p, earlier in _stops(msg, ctx):
        final = next((s for s in earlier if s.reden_beeindiging != REDEN_20), None)
        if final is not None:
            yield p, f"{path}/StatusAanlevering", (
                f"De levering is al gestopt op {final.einddatum} (reden {final.reden_beeindiging})")
