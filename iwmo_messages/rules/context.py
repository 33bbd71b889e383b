"""What the cross-message rules need to know about earlier messages: a protocol the caller
implements (e.g. on its database) and an in-memory implementation for tests and tools."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


@dataclass(frozen=True, slots=True)
class ToewijzingInfo:
    """The facts of a toewijzing (301 ToegewezenProduct) the receiver's rules compare with."""

    toewijzing_nummer: int
    bsn: str
    categorie: str
    code: str | None
    ingangsdatum: date
    einddatum: date | None = None
    eenheid: str | None = None
    volume: int | None = None
    frequentie: str | None = None
    budget: int | None = None
    #: RedenWijziging of its current version (WMO002), e.g. '13' (verwijderd).
    reden_wijziging: str | None = None

    def actueel(self, today: date) -> bool:
        """Valid on or after `today` (or starting later) and not removed: a toewijzing whose einddatum
        equals its ingangsdatum with RedenWijziging 13 (Verwijderd) or 01 (Administratieve correctie
        (vervallen)) is no current one (TR349, OP087)."""
        if self.einddatum is not None and self.einddatum == self.ingangsdatum and self.reden_wijziging in REMOVED:
            return False
        return self.einddatum is None or self.einddatum >= today


#: RedenWijziging values that remove a toewijzing when its einddatum equals its ingangsdatum.
REMOVED = frozenset({"13", "01"})


class RuleContext(Protocol):
    """State from earlier messages. All lookups are per afzender (AGB code or gemeente), within the
    wettelijk domein (iWmo or iJw) of the message being checked."""

    today: date

    def bericht_seen(self, afzender: str, bericht_code: str, identificatie: str) -> bool: ...
    def toewijzing(self, toewijzing_nummer: int) -> ToewijzingInfo | None: ...
    def declaratie_nummer_seen(self, afzender: str, declaratie_nummer: str) -> bool: ...
    def referentie_nummer_seen(self, afzender: str, referentie_nummer: str) -> bool: ...
    def referentie_aanbieder_seen(self, afzender: str, referentie: str) -> bool: ...
    def client_toewijzingen(self, afzender: str, bsn: str) -> list[ToewijzingInfo]:
        """Every toewijzing (current or not) of the client `bsn` at aanbieder `afzender`."""
    def verzoek_onderhanden(self, afzender: str, bsn: str) -> bool:
        """An earlier verzoek (315/317) of `afzender` for client `bsn` is still being handled: neither a
        319 'Verzoek afgewezen' nor a 301 with its ReferentieAanbieder has been sent (TR374)."""


@dataclass
class MemoryContext:
    """A RuleContext held in memory: sets of (afzender, …) keys and toewijzingen by nummer."""

    today: date = field(default_factory=date.today)
    bericht_ids: set[tuple[str, str, str]] = field(default_factory=set)
    toewijzingen: dict[int, ToewijzingInfo] = field(default_factory=dict)
    declaratie_nummers: set[tuple[str, str]] = field(default_factory=set)
    referentie_nummers: set[tuple[str, str]] = field(default_factory=set)
    referenties_aanbieder: set[tuple[str, str]] = field(default_factory=set)
    #: (afzender, bsn) → the client's toewijzingen at that aanbieder.
    client_toewijzingen_by: dict[tuple[str, str], list[ToewijzingInfo]] = field(default_factory=dict)
    #: (afzender, bsn) of clients with a verzoek still being handled.
    verzoeken_onderhanden: set[tuple[str, str]] = field(default_factory=set)

    def bericht_seen(self, afzender: str, bericht_code: str, identificatie: str) -> bool:
        return (afzender, bericht_code, identificatie) in self.bericht_ids

    def toewijzing(self, toewijzing_nummer: int) -> ToewijzingInfo | None:
        return self.toewijzingen.get(toewijzing_nummer)

    def declaratie_nummer_seen(self, afzender: str, declaratie_nummer: str) -> bool:
        return (afzender, declaratie_nummer) in self.declaratie_nummers

    def referentie_nummer_seen(self, afzender: str, referentie_nummer: str) -> bool:
        return (afzender, referentie_nummer) in self.referentie_nummers

    def referentie_aanbieder_seen(self, afzender: str, referentie: str) -> bool:
        return (afzender, referentie) in self.referenties_aanbieder

    def client_toewijzingen(self, afzender: str, bsn: str) -> list[ToewijzingInfo]:
        return list(self.client_toewijzingen_by.get((afzender, bsn), []))

    def verzoek_onderhanden(self, afzender: str, bsn: str) -> bool:
        return (afzender, bsn) in self.verzoeken_onderhanden
