"""Inwoners: the people whose dossier the platform keeps."""
from datetime import date

from sqlalchemy import Date, ForeignKey, String, literal_column
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


#: The whole name in lower case, as searched ("jan de vries"), with `{t}` for an optional "table." prefix.
#: PostgreSQL has a trigram index on exactly this expression: ix_person_search_name, made by migration
#: 0010_search_indexes only (autogenerate cannot compare an expression index with an operator class).
SEARCH_NAME_SQL = "lower({t}voornamen || ' ' || coalesce({t}voorvoegsel || ' ', '') || {t}achternaam)"
#: ix_zaak_zaaknummer_prefix (text_pattern_ops, migration 0022_werkvoorraad) lets PostgreSQL answer a zaaknummer
#: prefix search (LIKE 'Z-2026-1%') from an index whatever the database's collation; SQLite has no such index.
DATABASE_ONLY_INDEXES = {"ix_person_search_name", "ix_zaak_zaaknummer_prefix"}
#: Codelijst COD046 (Geslacht) as the register records it.
GESLACHTEN = {"0": "onbekend", "1": "man", "2": "vrouw", "9": "niet gespecificeerd"}
#: The codes iWmo/iJw 3.2 carry (LDT_Geslacht: 0, 1, 2); any other, 9 included, goes as 0 (onbekend).
MESSAGE_GESLACHTEN = {"0", "1", "2"}
ONBEKEND = "0"


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Burgerservicenummer, checked with the elfproef before it is stored.
    bsn: Mapped[str] = mapped_column(String(9), unique=True)
    #: The gemeente the inwoner lives in (#13): staff of other gemeenten never see the person.
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), index=True)
    voornamen: Mapped[str] = mapped_column(String(200))
    voorvoegsel: Mapped[str | None] = mapped_column(String(20))
    achternaam: Mapped[str] = mapped_column(String(200))
    geboortedatum: Mapped[date | None] = mapped_column(Date)
    #: Geslacht as the register (BRP) records it, in codelijst COD046: 0 onbekend, 1 man, 2 vrouw,
    #: 9 niet gespecificeerd. NULL when the register gave none; a 301 then says 0 (onbekend).
    geslacht: Mapped[str | None] = mapped_column(String(1))
    straat: Mapped[str | None] = mapped_column(String(200))
    huisnummer: Mapped[str | None] = mapped_column(String(20))
    #: '3441 AB' for a Dutch address; a foreign postcode as written there (at most 8 characters, LDT_Postcode).
    postcode: Mapped[str | None] = mapped_column(String(8))
    woonplaats: Mapped[str | None] = mapped_column(String(100))
    #: The land of the address as a LandCode (COD032, e.g. 'BE'); NULL is Nederland. A 301 carries it (CD005).
    land: Mapped[str | None] = mapped_column(String(2))
    wijk: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    #: A Dutch telefoonnummer in digits only ('0612345678', LDT_Telefoonnummer); a 301 carries it with
    #: Landnummer 0031.
    telefoon: Mapped[str | None] = mapped_column(String(15))

    @property
    def geslacht_code(self) -> str:
        """The code for messages: the registered one when iWmo/iJw has it (0, 1, 2), else 0 (onbekend)."""
        return self.geslacht if self.geslacht in MESSAGE_GESLACHTEN else ONBEKEND

    @property
    def land_naam(self) -> str | None:
        """The name of the land of an address abroad (codelijst COD032); None for an address in Nederland."""
        if not self.land or self.land == "NL":
            return None
        from iwmo_messages.landen import landen  # the codelijst is read from the official XSD once
        return landen().get(self.land, self.land)

    @property
    def naam(self) -> str:
        parts = [self.voornamen, self.voorvoegsel, self.achternaam]
        return " ".join(p for p in parts if p)

    def __repr__(self) -> str:
        return f"<Person {self.id}>"


def sort_name(person) -> str:
    """The name as the werkvoorraad sorts it: surname first, without the voorvoegsel, in lower case."""
    return f"{person.achternaam} {person.voornamen}".lower()[:420]


def search_name():
    """SQL expression: a person's whole name in lower case (see SEARCH_NAME_SQL)."""
    return literal_column(SEARCH_NAME_SQL.format(t="person."))
