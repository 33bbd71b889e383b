"""Gemeenten served by one installation (a samenwerkingsverband), and which staff work for which.

Every person, zaak, beschikking, toewijzing, bericht, declaratie, betaalbatch, document and inbox row
carries the `gemeente_id` it belongs to; staff see only the gemeenten in `user_gemeente`.
"""
from sqlalchemy import JSON, Boolean, Column, ForeignKey, LargeBinary, String, Table, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

#: A staff user works for one or more gemeenten (inwoners and aanbieders have none here).
user_gemeente = Table(
    "user_gemeente", Base.metadata,
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    Column("gemeente_id", ForeignKey("gemeente.id"), primary_key=True, index=True),
)


class Gemeente(Base):
    __tablename__ = "gemeente"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: CBS gemeentecode, four digits (e.g. 0632 Woerden): afzender/ontvanger in iWmo/iJw and in the GGk envelope.
    code: Mapped[str] = mapped_column(String(4), unique=True)
    naam: Mapped[str] = mapped_column(String(100))
    #: The account it pays declaraties from (SEPA debtor).
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    #: Letterhead of the beschikking: the return address lines, telephone and website.
    briefadres: Mapped[str] = mapped_column(Text, default="")
    telefoon: Mapped[str | None] = mapped_column(String(30))
    website: Mapped[str | None] = mapped_column(String(200))
    #: Where a bezwaarschrift goes (named in every beschikking).
    bezwaar_adres: Mapped[str] = mapped_column(Text, default="")
    #: The gemeente has a bezwaarcommissie (Awb 7:13) that advises on every bezwaar: the beslissing op bezwaar is
    #: then due in 12 weeks instead of 6 (Awb 7:10 lid 1).
    bezwaarcommissie: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: NL Design System theme tokens for the portal and letters: {"primary": "#…", "primary-text": "#…"}.
    thema: Mapped[dict] = mapped_column(JSON, default=dict)
    #: A logo file in app/static/gemeenten/ (SVG or PNG), or NULL for the name in text (set by SQL; an uploaded
    #: logo below comes first).
    logo: Mapped[str | None] = mapped_column(String(100))
    #: The logo the beheerder uploaded on /beheer/gemeenten (PNG only, checked and scanned), and its SHA-256,
    #: which names the version in the logo's address (a browser keeps a logo until it changes).
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    logo_sha256: Mapped[str | None] = mapped_column(String(64))

    @property
    def cbs_code(self) -> str:
        """The code as CBS writes it: GM0632."""
        return f"GM{self.code}"

    def __repr__(self) -> str:
        return f"<Gemeente {self.code} {self.naam}>"
