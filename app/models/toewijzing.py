"""A toewijzing: one granted product of a beschikking, assigned to one aanbieder (301), with its
answer (302) and the start and stop of the care (305/307)."""
from datetime import date, datetime, timedelta

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow


class Toewijzing(Base):
    __tablename__ = "toewijzing"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ToewijzingNummer (LDT_Nummer), unique per gemeente and domein (TR332): we keep it unique.
    toewijzingnummer: Mapped[int] = mapped_column(Integer, unique=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id"), index=True)
    #: The gemeente it belongs to (#13): staff of other gemeenten never see it.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    beschikking_id: Mapped[int | None] = mapped_column(ForeignKey("beschikking.id"))
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    ingangsdatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)
    #: Omvang (volume, eenheid WJ756, frequentie WJ757) or a budget in euro cents: never both.
    volume: Mapped[int | None] = mapped_column(Integer)
    eenheid: Mapped[str | None] = mapped_column(String(2))
    frequentie: Mapped[str | None] = mapped_column(String(1))
    budget: Mapped[int | None] = mapped_column(Integer)
    #: RedenWijziging (WJ759) of the latest 301, e.g. '13' (administratieve correctie).
    reden_wijziging: Mapped[str | None] = mapped_column(String(2))
    #: ReferentieAanbieder of the verzoek (315/317) this toewijzing answers.
    referentie_aanbieder: Mapped[str | None] = mapped_column(String(36))
    #: 'verzonden' (301 out) → 'geaccepteerd' | 'afgewezen' (302); 'gestart' (305) → 'gestopt' (307).
    status: Mapped[str] = mapped_column(String(12), default="verzonden")
    #: When this version was made: the 301's Toewijzingsdatum and -tijd. A changed toewijzing is a new
    #: version with a moment of its own (OP033x1), so the aanbieder can tell which one is current.
    toegewezen_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Retourcodes of a 302 that refused it, space separated.
    retourcodes: Mapped[str | None] = mapped_column(String(200))
    start_zorg: Mapped[date | None] = mapped_column(Date)
    stop_zorg: Mapped[date | None] = mapped_column(Date)
    #: RedenBeeindiging of the 307.
    reden_beeindiging: Mapped[str | None] = mapped_column(String(2))
    #: The 301 that sent its current version (a later 301 may repeat it unchanged, OP087).
    bericht_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))

    zaak = relationship("Zaak")
    aanbieder = relationship("Aanbieder")
    product = relationship("Product")
    bericht = relationship("Bericht")

    def new_version(self, moment: datetime | None = None) -> None:
        """Mark the toewijzing as changed: the next 301 carries it with this moment (OP033x1). A 301 gives
        Toewijzingsdatum and -tijd to the second, so a version made within the same second as the one
        before it gets the next second: the current version is always the one with the latest moment."""
        moment = moment or utcnow()
        previous = self.toegewezen_op
        if previous is not None:
            floor = previous.replace(microsecond=0) + timedelta(seconds=1)
            moment = max(moment, floor)
        self.toegewezen_op = moment

    def __repr__(self) -> str:
        return f"<Toewijzing {self.toewijzingnummer} {self.status}>"
