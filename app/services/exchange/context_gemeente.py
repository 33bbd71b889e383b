"""The iwmo_messages RuleContext for a message the gemeente sends itself (301, 319), backed by the
database: what the gemeente sent and received before, so that iwmo_messages' rules on its own
messages (TR332, TR355, TR359, TR360, TR365, TR379, TR385, TR056) run as an aanbieder's system runs
them. The `aanbieder` of each question is the message's Ontvanger (an AGB code)."""
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from iwmo_messages import ToewijzingInfo, parse

from ...models import Aanbieder, Bericht, Declaratie, Person, Prestatie, Product, Toewijzing, VerzoekReferentie, Zaak


class GemeenteContext:
    """What the rules on the gemeente's own 301/319 ask, for gemeente `gemeente_id` in one wettelijk domein."""

    def __init__(self, session, gemeente_id: int, standaard: str | None = None, today: date | None = None):
        self.session, self.gemeente_id, self.standaard = session, gemeente_id, standaard
        self.today = today or date.today()

    # The protocol's own questions (RuleContext).

    def bericht_seen(self, afzender: str, bericht_code: str, identificatie: str) -> bool:
        """TR056: the gemeente used this BerichtIdentificatie for this berichtsoort before."""
        return self.session.scalar(select(exists().where(
            Bericht.richting == "uit", Bericht.gemeente_id == self.gemeente_id, Bericht.afzender == afzender,
            Bericht.berichtcode == bericht_code, Bericht.identificatie == identificatie)))

    def toewijzing(self, toewijzing_nummer: int) -> ToewijzingInfo | None:
        return self.toegewezen_product(toewijzing_nummer)

    def declaratie_nummer_seen(self, afzender: str, declaratie_nummer: str) -> bool:
        return False  # asked of a 323 only

    def referentie_nummer_seen(self, afzender: str, referentie_nummer: str) -> bool:
        return False  # asked of a 323 only

    def referentie_aanbieder_seen(self, afzender: str, referentie: str) -> bool:
        """TR355: aanbieder `afzender` used this ReferentieAanbieder in a 315/317 to this gemeente."""
        query = (select(VerzoekReferentie.id).join(Aanbieder, Aanbieder.id == VerzoekReferentie.aanbieder_id)
                 .join(Bericht, Bericht.id == VerzoekReferentie.bericht_id)
                 .where(Aanbieder.agb_code == afzender, VerzoekReferentie.referentie == referentie,
                        Bericht.gemeente_id == self.gemeente_id))
        if self.standaard is not None:
            query = query.where(VerzoekReferentie.standaard == self.standaard)
        return self.session.scalar(select(exists(query)))

    def client_toewijzingen(self, afzender: str, bsn: str) -> list[ToewijzingInfo]:
        return []  # asked of a 317 only

    def verzoek_onderhanden(self, afzender: str, bsn: str) -> bool:
        return False  # asked of a 315/317 only

    # The optional facts (iwmo_messages.OptionalContext) on what the gemeente sent.

    def toegewezen_product(self, toewijzing_nummer: int) -> ToewijzingInfo | None:
        """TR332: the gemeente's toewijzing with this nummer, at whichever aanbieder."""
        query = (select(Toewijzing, Product, Person.bsn, Aanbieder.agb_code)
                 .join(Product, Product.id == Toewijzing.product_id)
                 .join(Aanbieder, Aanbieder.id == Toewijzing.aanbieder_id)
                 .join(Zaak, Zaak.id == Toewijzing.zaak_id).join(Person, Person.id == Zaak.person_id)
                 .where(Toewijzing.toewijzingnummer == toewijzing_nummer, Toewijzing.gemeente_id == self.gemeente_id))
        row = self.session.execute(query).first()
        if row is None:
            return None
        t, product, bsn, agb = row
        return ToewijzingInfo(toewijzing_nummer=t.toewijzingnummer, bsn=bsn, categorie=product.productcategorie,
                              code=product.productcode, ingangsdatum=t.ingangsdatum, einddatum=t.einddatum,
                              eenheid=t.eenheid, volume=t.volume, frequentie=t.frequentie, budget=t.budget,
                              reden_wijziging=t.reden_wijziging, aanbieder=agb)

    def referentie_toegewezen(self, aanbieder: str, referentie: str) -> bool:
        """TR359: a toewijzing carrying this ReferentieAanbieder went to the aanbieder in a 301."""
        return self.session.scalar(select(exists().where(
            Toewijzing.aanbieder_id == Aanbieder.id, Aanbieder.agb_code == aanbieder,
            Toewijzing.gemeente_id == self.gemeente_id, Toewijzing.referentie_aanbieder == referentie,
            Toewijzing.bericht_id.is_not(None))))

    def eerdere_antwoorden(self, aanbieder: str, referentie: str) -> list[str]:
        """TR360, TR365: the VerzoekAntwoord of each 319 the gemeente sent the aanbieder on this referentie."""
        query = (select(Bericht.inhoud).join(Aanbieder, Aanbieder.id == Bericht.aanbieder_id)
                 .where(Bericht.richting == "uit", Bericht.nummer == "319", Bericht.gemeente_id == self.gemeente_id,
                        Aanbieder.agb_code == aanbieder, Bericht.referentie == referentie)
                 .order_by(Bericht.id))
        return [parse(inhoud).antwoord.verzoek_antwoord for inhoud in self.session.scalars(query)]

    def honoreert(self, aanbieder: str, toewijzing_nummer: int) -> str | None:
        """TR379: the ReferentieAanbieder of the verzoek a toewijzing honours while that verzoek is still being
        answered (the 301 that answers it is the first to carry the toewijzing since); None after that."""
        t = self.session.scalar(select(Toewijzing).join(Aanbieder, Aanbieder.id == Toewijzing.aanbieder_id).where(
            Toewijzing.toewijzingnummer == toewijzing_nummer, Toewijzing.gemeente_id == self.gemeente_id,
            Aanbieder.agb_code == aanbieder))
        if t is None or not t.referentie_aanbieder:
            return None
        open_verzoek = exists().where(VerzoekReferentie.aanbieder_id == t.aanbieder_id,
                                      VerzoekReferentie.referentie == t.referentie_aanbieder,
                                      VerzoekReferentie.onderhanden.is_(True))
        return t.referentie_aanbieder if self.session.scalar(select(open_verzoek)) else None

    def gedeclareerd(self, aanbieder: str, toewijzing_nummer: int) -> bool:
        """TR385: an approved debet prestatie of the aanbieder on this toewijzing that no approved credit undid."""
        credit = aliased(Prestatie)
        undone = exists().where(credit.toewijzing_nummer == Prestatie.toewijzing_nummer, credit.debet_credit == "C",
                                credit.status == "goedgekeurd",
                                credit.vorig_referentienummer == Prestatie.referentienummer)
        query = (select(Prestatie.id).join(Declaratie, Declaratie.id == Prestatie.declaratie_id)
                 .join(Aanbieder, Aanbieder.id == Declaratie.aanbieder_id)
                 .where(Aanbieder.agb_code == aanbieder, Declaratie.gemeente_id == self.gemeente_id,
                        Prestatie.toewijzing_nummer == toewijzing_nummer, Prestatie.debet_credit == "D",
                        Prestatie.status == "goedgekeurd", ~undone))
        return self.session.scalar(select(exists(query)))
