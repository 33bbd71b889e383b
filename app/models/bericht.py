"""iWmo/iJw messages exchanged with aanbieders (one row per message, in or out), stored raw first."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Bericht(Base):
    """One iWmo/iJw message. Inbound: the bytes as received, before any parsing; its header facts
    are filled in by the job that handles it. Outbound: XSD-valid XML in the aanbieder's outbox."""

    __tablename__ = "bericht"
    #: Inbound idempotency (TR056): one handled message per sender, berichtcode and identificatie.
    #: A repeated copy keeps identificatie NULL and points at the original (duplicaat_van_id).
    __table_args__ = (UniqueConstraint("richting", "aanbieder_id", "berichtcode", "identificatie",
                                       name="uq_bericht_identiteit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 'in' (from the aanbieder) or 'uit' (to the aanbieder).
    richting: Mapped[str] = mapped_column(String(3))
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    #: The gemeente it is from or to (#13). NULL for an inbound message until its header is read (raw first).
    gemeente_id: Mapped[int | None] = mapped_column(ForeignKey("gemeente.id"), index=True)
    #: How it came or goes: 'api', 'ggk', 'web' or 'intern'.
    kanaal: Mapped[str] = mapped_column(String(10))
    #: The raw message (UTF-8 XML), exactly as received or sent.
    inhoud: Mapped[bytes] = mapped_column(LargeBinary)
    #: 'iwmo' or 'ijw'; NULL until an inbound message is parsed.
    standaard: Mapped[str | None] = mapped_column(String(4))
    #: The message number ('301', '302', …) and the Vektis BerichtCode ('414', …).
    nummer: Mapped[str | None] = mapped_column(String(3), index=True)
    berichtcode: Mapped[str | None] = mapped_column(String(3))
    afzender: Mapped[str | None] = mapped_column(String(8))
    ontvanger: Mapped[str | None] = mapped_column(String(8))
    #: BerichtIdentificatie/Identificatie (≤12).
    identificatie: Mapped[str | None] = mapped_column(String(12))
    dagtekening: Mapped[date | None] = mapped_column(Date)
    #: ReferentieAanbieder of a verzoek (315/317; a 315's first product, all are in verzoek_referentie),
    #: or of the verzoek an outbound 319 answers.
    referentie: Mapped[str | None] = mapped_column(String(36))
    #: Inbound: 'ontvangen' → 'verwerkt' | 'afgekeurd' (not XSD-valid: no retour) | 'dubbel'.
    #: Outbound: 'nieuw' → 'opgehaald' → 'beantwoord'.
    status: Mapped[str] = mapped_column(String(12), index=True)
    #: The message that answers this one (the retour of a heen message, the 302 of a 301).
    retour_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))
    #: For a repeated inbound copy: the first one, whose handling and retour count.
    duplicaat_van_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))
    #: Dutch descriptions of what was wrong (XSD issues, rule failures): a list of strings.
    fouten: Mapped[list | None] = mapped_column(JSON)
    #: Retourcodes the answer carried (or the 302 brought), space separated.
    retourcodes: Mapped[str | None] = mapped_column(String(200))
    #: Our own answer term (OP090: retour in 3 werkdagen; 319 in 5; 325 in 10).
    antwoord_uiterlijk: Mapped[date | None] = mapped_column(Date)
    #: UUID of the StUF-GGk Di01 envelope it came in (GGk route).
    envelop_referentie: Mapped[str | None] = mapped_column(String(36))
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id"), index=True)
    ontvangen_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verwerkt_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opgehaald_op: Mapped[datetime | None] = mapped_column(UTCDateTime)

    aanbieder = relationship("Aanbieder")
    gemeente = relationship("Gemeente")
    zaak = relationship("Zaak")
    retour = relationship("Bericht", remote_side=[id], foreign_keys=[retour_id])
    duplicaat_van = relationship("Bericht", remote_side=[id], foreign_keys=[duplicaat_van_id])

    @property
    def naam(self) -> str:
        """The message as the chain names it, e.g. 'WMO301' or 'JW323'."""
        if not self.nummer:
            return "onbekend bericht"
        return ("JW" if self.standaard == "ijw" else "WMO") + self.nummer

    def __repr__(self) -> str:
        return f"<Bericht {self.id} {self.richting} {self.naam} {self.status}>"


class VerzoekReferentie(Base):
    """One ReferentieAanbieder of an inbound verzoek (315/317): a 315 names one per AangevraagdProduct,
    and each is unique for the aanbieder within the wettelijk domein (TR347)."""

    __tablename__ = "verzoek_referentie"
    __table_args__ = (Index("ix_verzoek_referentie_lookup", "aanbieder_id", "standaard", "referentie"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bericht_id: Mapped[int] = mapped_column(ForeignKey("bericht.id"), index=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"))
    #: 'iwmo' or 'ijw': the wettelijk domein the referentie is unique in.
    standaard: Mapped[str] = mapped_column(String(4))
    referentie: Mapped[str] = mapped_column(String(36))
    #: True until the verzoek is answered with a 319 (afgewezen) or a 301 (toegekend): TR374 refuses a
    #: new verzoek for the same client while one is being handled.
    onderhanden: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The 319 or 301 that answered it.
    beantwoord_door_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))

    def __repr__(self) -> str:
        return f"<VerzoekReferentie {self.referentie} of bericht {self.bericht_id}>"
