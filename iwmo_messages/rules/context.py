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
    #: The AGB code of the aanbieder it was given to (asked by TR332 on the gemeente's own 301).
    aanbieder: str | None = None

    def actueel(self, today: date) -> bool:
        """Valid on or after `today` (or starting later) and not removed: a toewijzing whose einddatum
        equals its ingangsdatum with RedenWijziging 13 (Verwijderd) or 01 (Administratieve correctie
        (vervallen)) is no current one (TR349, OP087)."""
        if self.einddatum is not None and self.einddatum == self.ingangsdatum and self.reden_wijziging in REMOVED:
            return False
        return self.einddatum is None or self.einddatum >= today


#: RedenWijziging values that remove a toewijzing when its einddatum equals its ingangsdatum.
REMOVED = frozenset({"13", "01"})


@dataclass(frozen=True, slots=True)
class StopInfo:
    """An earlier StopProduct (307) on a toewijzing that still stands (not removed with status 3)."""

    begindatum: date
    einddatum: date
    reden_beeindiging: str


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


class OptionalContext(Protocol):
    """Further facts a caller may provide; a rule that asks one of them (`rule(needs=...)`) runs only
    when the context has that method. `aanbieder` is an AGB code, the afzender of a 305–323 or the
    ontvanger of the gemeente's own 301/319."""

    def stops(self, afzender: str, bsn: str, toewijzing_nummer: int) -> list[StopInfo]:
        """The earlier stops of aanbieder `afzender` on this toewijzing that still stand (TR413–TR415)."""
    def laatste_declaratieperiode(self, afzender: str) -> date | None:
        """The Begindatum of the DeclaratiePeriode of the aanbieder's latest earlier declaratie (TR318)."""
    def toegewezen_product(self, toewijzing_nummer: int) -> ToewijzingInfo | None:
        """The gemeente's toewijzing with this nummer, at whichever aanbieder (`aanbieder` filled; TR332)."""
    def referentie_toegewezen(self, aanbieder: str, referentie: str) -> bool:
        """An earlier 301 to `aanbieder` carried this ReferentieAanbieder (TR359)."""
    def eerdere_antwoorden(self, aanbieder: str, referentie: str) -> list[str]:
        """The VerzoekAntwoord of each earlier 319 to `aanbieder` with this ReferentieAanbieder (TR360, TR365)."""
    def honoreert(self, aanbieder: str, toewijzing_nummer: int) -> str | None:
        """The ReferentieAanbieder of the verzoek (315/317) this toewijzing honours when it is sent for the first
        time since; None when it honours none or was sent before (TR379)."""
    def gedeclareerd(self, aanbieder: str, toewijzing_nummer: int) -> bool:
        """Approved, not credited prestaties of `aanbieder` exist on this toewijzing (TR385)."""


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
    # The optional facts (OptionalContext):
    #: (afzender, bsn, toewijzing_nummer) → the stops that stand.
    stops_by: dict[tuple[str, str, int], list[StopInfo]] = field(default_factory=dict)
    #: afzender → Begindatum of its latest earlier DeclaratiePeriode.
    declaratieperioden: dict[str, date] = field(default_factory=dict)
    #: The gemeente's toewijzingen by nummer, at every aanbieder.
    toegewezen_producten: dict[int, ToewijzingInfo] = field(default_factory=dict)
    #: (aanbieder, ReferentieAanbieder) of earlier 301s.
    referenties_toegewezen: set[tuple[str, str]] = field(default_factory=set)
    #: (aanbieder, ReferentieAanbieder) → VerzoekAntwoord of each earlier 319.
    antwoorden: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: (aanbieder, toewijzing_nummer) → the ReferentieAanbieder it honours on its first sending.
    honoreringen: dict[tuple[str, int], str] = field(default_factory=dict)
    #: (aanbieder, toewijzing_nummer) with approved, not credited prestaties.
    gedeclareerde: set[tuple[str, int]] = field(default_factory=set)

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

    def stops(self, afzender: str, bsn: str, toewijzing_nummer: int) -> list[StopInfo]:
        return list(self.stops_by.get((afzender, bsn, toewijzing_nummer), []))

    def laatste_declaratieperiode(self, afzender: str) -> date | None:
        return self.declaratieperioden.get(afzender)

    def toegewezen_product(self, toewijzing_nummer: int) -> ToewijzingInfo | None:
        return self.toegewezen_producten.get(toewijzing_nummer)

    def referentie_toegewezen(self, aanbieder: str, referentie: str) -> bool:
        return (aanbieder, referentie) in self.referenties_toegewezen

    def eerdere_antwoorden(self, aanbieder: str, referentie: str) -> list[str]:
        return list(self.antwoorden.get((aanbieder, referentie), []))

    def honoreert(self, aanbieder: str, toewijzing_nummer: int) -> str | None:
        return self.honoreringen.get((aanbieder, toewijzing_nummer))

    def gedeclareerd(self, aanbieder: str, toewijzing_nummer: int) -> bool:
        return (aanbieder, toewijzing_nummer) in self.gedeclareerde
