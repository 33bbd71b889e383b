"""The iwmo_messages RuleContext for one aanbieder, backed by the database: its toewijzingen and
the references of its earlier verzoeken, within the wettelijk domein of the message being checked."""
from datetime import date

from sqlalchemy import exists, or_, select

from iwmo_messages import RetourOptions, StopInfo, ToewijzingInfo, make_retour, to_xml

from ...domain.declaratie_check import Toewijzingsfeiten
from ...models import Bericht, Person, Product, Toewijzing, VerzoekReferentie, Zaak
from ..contract_tarieven import tariefperioden
from . import codes
from .handlers import Antwoord


class AanbiederContext:
    """What the cross-message rules ask, for messages of one aanbieder."""

    def __init__(self, session, aanbieder_id: int, bericht_id: int, today: date | None = None,
                 standaard: str | None = None, gemeente_id: int | None = None):
        self.session, self.aanbieder_id, self.bericht_id = session, aanbieder_id, bericht_id
        #: The gemeente the message is for: another gemeente's toewijzingen do not exist for it.
        self.gemeente_id = gemeente_id
        self.today = today or date.today()
        #: The wettelijk domein: 'iwmo' (Wmo) or 'ijw' (Jeugd); None answers for both.
        self.standaard = standaard

    def bericht_seen(self, afzender: str, bericht_code: str, identificatie: str) -> bool:
        return False  # TR056 is settled before the rules run (inbound: 'dubbel', or refused with 9056)

    def toewijzing(self, toewijzing_nummer: int) -> ToewijzingInfo | None:
        found = toewijzingsfeiten(self.session, {toewijzing_nummer}, self.aanbieder_id,
                                  self.gemeente_id).get(toewijzing_nummer)
        return found.info if found else None

    def declaratie_nummer_seen(self, afzender: str, declaratie_nummer: str) -> bool:
        return False  # a 323 is checked with the declaratie's own context

    def referentie_nummer_seen(self, afzender: str, referentie_nummer: str) -> bool:
        return False

    def referentie_aanbieder_seen(self, afzender: str, referentie: str) -> bool:
        query = exists().where(VerzoekReferentie.aanbieder_id == self.aanbieder_id,
                               VerzoekReferentie.referentie == referentie, VerzoekReferentie.bericht_id != self.bericht_id)
        if self.standaard is not None:
            query = query.where(VerzoekReferentie.standaard == self.standaard)
        return self.session.scalar(select(query))

    def client_toewijzingen(self, afzender: str, bsn: str) -> list[ToewijzingInfo]:
        """The client's toewijzingen at this aanbieder, refused ones (302) left out: they never stood."""
        query = (select(Toewijzing, Product).join(Product, Product.id == Toewijzing.product_id)
                 .join(Zaak, Zaak.id == Toewijzing.zaak_id).join(Person, Person.id == Zaak.person_id)
                 .where(Person.bsn == bsn, Toewijzing.aanbieder_id == self.aanbieder_id,
                        Toewijzing.status != "afgewezen"))
        if self.gemeente_id is not None:
            query = query.where(Toewijzing.gemeente_id == self.gemeente_id)
        if self.standaard is not None:
            query = query.where(Zaak.domein == ("jeugd" if self.standaard == "ijw" else "wmo"))
        return [ToewijzingInfo(toewijzing_nummer=t.toewijzingnummer, bsn=bsn, categorie=p.productcategorie,
                               code=p.productcode, ingangsdatum=t.ingangsdatum, einddatum=t.einddatum,
                               reden_wijziging=t.reden_wijziging)
                for t, p in self.session.execute(query)]

    def verzoek_onderhanden(self, afzender: str, bsn: str) -> bool:
        """An earlier sound verzoek of this aanbieder for the client that no 319 or 301 has answered yet."""
        query = (select(VerzoekReferentie.id).join(Bericht, Bericht.id == VerzoekReferentie.bericht_id)
                 .join(Zaak, Zaak.id == Bericht.zaak_id).join(Person, Person.id == Zaak.person_id)
                 .where(VerzoekReferentie.aanbieder_id == self.aanbieder_id, VerzoekReferentie.onderhanden.is_(True),
                        VerzoekReferentie.bericht_id != self.bericht_id, Person.bsn == bsn,
                        or_(Bericht.retourcodes.is_(None), Bericht.retourcodes == "")))
        if self.standaard is not None:
            query = query.where(VerzoekReferentie.standaard == self.standaard)
        return self.session.scalar(select(exists(query)))

    def stops(self, afzender: str, bsn: str, toewijzing_nummer: int) -> list[StopInfo]:
        """TR413–TR415: the stop that stands on this aanbieder's toewijzing (the platform keeps the current
        start and stop of a toewijzing; a stop repeats the start's Begindatum, TR382)."""
        query = (select(Toewijzing).join(Zaak, Zaak.id == Toewijzing.zaak_id).join(Person, Person.id == Zaak.person_id)
                 .where(Toewijzing.toewijzingnummer == toewijzing_nummer, Person.bsn == bsn,
                        Toewijzing.aanbieder_id == self.aanbieder_id, Toewijzing.stop_zorg.is_not(None),
                        Toewijzing.start_zorg.is_not(None)))
        if self.gemeente_id is not None:
            query = query.where(Toewijzing.gemeente_id == self.gemeente_id)
        t = self.session.scalar(query)
        return [] if t is None else [StopInfo(t.start_zorg, t.stop_zorg, t.reden_beeindiging or "")]


def toewijzingsfeiten(session, nummers: set[int], aanbieder_id: int,
                      gemeente_id: int | None = None) -> dict[int, Toewijzingsfeiten]:
    """This aanbieder's toewijzingen with these nummers from gemeente `gemeente_id` (another aanbieder's or
    another gemeente's do not exist for it: TR338), with the contract tarieven of the product by date, in cents."""
    query = (select(Toewijzing, Product, Person.bsn)
             .join(Product, Product.id == Toewijzing.product_id)
             .join(Zaak, Zaak.id == Toewijzing.zaak_id).join(Person, Person.id == Zaak.person_id)
             .where(Toewijzing.toewijzingnummer.in_(nummers), Toewijzing.aanbieder_id == aanbieder_id,
                    Toewijzing.status != "afgewezen"))
    if gemeente_id is not None:
        query = query.where(Toewijzing.gemeente_id == gemeente_id)
    rows = session.execute(query)
    out, perioden = {}, {}
    for t, product, bsn in rows:
        info = ToewijzingInfo(
            toewijzing_nummer=t.toewijzingnummer, bsn=bsn, categorie=product.productcategorie,
            code=product.productcode, ingangsdatum=t.ingangsdatum, einddatum=t.einddatum,
            eenheid=t.eenheid if t.budget is None else None, volume=t.volume, frequentie=t.frequentie,
            budget=t.budget)
        key = (t.gemeente_id, t.aanbieder_id, t.product_id)
        if key not in perioden:
            perioden[key] = None if product.eenheid == "83" else tariefperioden(session, *key)
        out[t.toewijzingnummer] = Toewijzingsfeiten(info, None, t.reden_wijziging, t.id, tarieven=perioden[key])
    return out


def retour_for(message, results, bericht_id: int) -> Antwoord:
    """The retourbericht (306/308/316/318) for `message` with these rule results."""
    options = RetourOptions(f"R{bericht_id:011d}", date.today())
    retour = make_retour(message, results, options)
    return Antwoord(retour, to_xml(retour, validate=False),  # the outbox checks it (XSD and rules) before it is stored
                    " ".join(sorted({r.retourcode for r in results})))


def dutch(retourcodes) -> list[str]:
    return [codes.describe(c) for c in retourcodes]
