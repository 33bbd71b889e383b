"""The iwmo_messages RuleContext for one aanbieder, backed by the database: its toewijzingen and
the references of its earlier verzoeken."""
from datetime import date

from sqlalchemy import exists, select

from iwmo_messages import RetourOptions, ToewijzingInfo, make_retour, to_xml

from ...domain.declaratie_check import Toewijzingsfeiten
from ...domain.sepa import euro_to_cents
from ...models import Bericht, Person, Product, Toewijzing, Zaak
from . import codes
from .handlers import Antwoord


class AanbiederContext:
    """What the cross-message rules ask, for messages of one aanbieder."""

    def __init__(self, session, aanbieder_id: int, bericht_id: int, today: date | None = None):
        self.session, self.aanbieder_id, self.bericht_id = session, aanbieder_id, bericht_id
        self.today = today or date.today()

    def bericht_seen(self, afzender: str, bericht_code: str, identificatie: str) -> bool:
        return False  # TR056 is settled before the rules run (inbound: 'dubbel', or refused with 9056)

    def toewijzing(self, toewijzing_nummer: int) -> ToewijzingInfo | None:
        found = toewijzingsfeiten(self.session, {toewijzing_nummer}, self.aanbieder_id).get(toewijzing_nummer)
        return found.info if found else None

    def declaratie_nummer_seen(self, afzender: str, declaratie_nummer: str) -> bool:
        return False  # a 323 is checked with the declaratie's own context

    def referentie_nummer_seen(self, afzender: str, referentie_nummer: str) -> bool:
        return False

    def referentie_aanbieder_seen(self, afzender: str, referentie: str) -> bool:
        return self.session.scalar(select(exists().where(
            Bericht.richting == "in", Bericht.aanbieder_id == self.aanbieder_id, Bericht.referentie == referentie,
            Bericht.id != self.bericht_id)))


def toewijzingsfeiten(session, nummers: set[int], aanbieder_id: int) -> dict[int, Toewijzingsfeiten]:
    """This aanbieder's toewijzingen with these nummers (another aanbieder's do not exist for it:
    TR338), with the contract tarief of the product in cents."""
    rows = session.execute(
        select(Toewijzing, Product, Person.bsn)
        .join(Product, Product.id == Toewijzing.product_id)
        .join(Zaak, Zaak.id == Toewijzing.zaak_id).join(Person, Person.id == Zaak.person_id)
        .where(Toewijzing.toewijzingnummer.in_(nummers), Toewijzing.aanbieder_id == aanbieder_id,
               Toewijzing.status != "afgewezen"))
    out = {}
    for t, product, bsn in rows:
        info = ToewijzingInfo(
            toewijzing_nummer=t.toewijzingnummer, bsn=bsn, categorie=product.productcategorie,
            code=product.productcode, ingangsdatum=t.ingangsdatum, einddatum=t.einddatum,
            eenheid=t.eenheid if t.budget is None else None, volume=t.volume, frequentie=t.frequentie,
            budget=t.budget)
        tarief = None if product.eenheid == "83" else euro_to_cents(product.tarief)
        out[t.toewijzingnummer] = Toewijzingsfeiten(info, tarief, t.reden_wijziging, t.id)
    return out


def retour_for(message, results, bericht_id: int) -> Antwoord:
    """The retourbericht (306/308/316/318) for `message` with these rule results."""
    options = RetourOptions(f"R{bericht_id:011d}", date.today())
    retour = make_retour(message, results, options)
    return Antwoord(retour, to_xml(retour),
                    " ".join(sorted({r.retourcode for r in results})))


def dutch(retourcodes) -> list[str]:
    return [codes.describe(c) for c in retourcodes]
