"""A small hand-made history for the rapportage tests: six zaken of Woerden and one of Oudewater in 2026 with their
termijnen, aanvragen, beschikkingen, toewijzingen (301/302), declaraties, open tasks and budgets. Every figure the
tests expect is worked out by hand in the comments, for 'today' = 1 July 2026 (TODAY).

Rows are written directly (as the services would have left them); the legal deadlines come from
app/domain/deadlines.py like the services compute them (Koningsdag and Tweede Pinksterdag included)."""
import uuid
from datetime import date, datetime, timezone

from sqlalchemy import select

from app import db
from app.domain import deadlines
from app.models import (Aanbieder, Beschikking, Bericht, Budget, Declaratie, Gemeente, HumanTask, Person, Prestatie,
                        ProcessDefinition, ProcessInstance, Product, Termijn, Toewijzing, Zaak)
from app.services.demo_data import OUDEWATER, WOERDEN

TODAY = date(2026, 7, 1)
AANBIEDER_X, AANBIEDER_Y = "42420001", "65656055"


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


class History:
    def __init__(self):
        self.gemeente = {g.code: g for g in db.session.scalars(select(Gemeente))}
        self.people = {code: list(db.session.scalars(select(Person).where(
            Person.gemeente_id == self.gemeente[code].id).order_by(Person.id))) for code in (WOERDEN, OUDEWATER)}
        self.aanbieder = {a.agb_code: a for a in db.session.scalars(select(Aanbieder))}
        self.product = {p.productcode: p for p in db.session.scalars(select(Product))}
        self.definition = db.session.scalar(select(ProcessDefinition).where(ProcessDefinition.key == "wmo"))
        self.n = 0

    def zaak(self, person: Person, domein: str, ontvangen: date, status: str = "lopend") -> Zaak:
        self.n += 1
        zaak = Zaak(zaaknummer=f"Z-R-{self.n:04d}", domein=domein, gemeente_id=person.gemeente_id,
                    person_id=person.id, status=status, omschrijving="Rapportagetest", kanaal="telefoon",
                    ontvangen_op=ontvangen)
        db.session.add(zaak)
        db.session.flush()
        return zaak

    def termijn(self, zaak: Zaak, soort: str, deadline, met: date | None = None) -> Termijn:
        termijn = Termijn(zaak_id=zaak.id, soort=soort, due=deadline.due, article=deadline.article,
                          description=deadline.description_nl, met_at=at(met) if met else None)
        db.session.add(termijn)
        return termijn

    def task(self, zaak: Zaak, spec: str, lane: str, created: date, completed: date | None = None,
             data: dict | None = None) -> HumanTask:
        instance = ProcessInstance(definition_id=self.definition.id, zaak_id=zaak.id, state="{}",
                                   status="running")
        db.session.add(instance)
        db.session.flush()
        task = HumanTask(instance_id=instance.id, zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, domein=zaak.domein,
                         wijk=db.session.get(Person, zaak.person_id).wijk, task_uuid=str(uuid.uuid4()),
                         spec_name=spec, lane=lane, title=spec, status="completed" if completed else "open",
                         created_at=at(created), completed_at=at(completed) if completed else None, data=data)
        db.session.add(task)
        return task

    def beschikking(self, zaak: Zaak, vastgesteld: date, ingang: date, einde: date | None = None) -> Beschikking:
        beschikking = Beschikking(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, besluit="toekennen",
                                  motivering="test", ingangsdatum=ingang, einddatum=einde,
                                  vastgesteld_op=at(vastgesteld))
        db.session.add(beschikking)
        db.session.flush()
        return beschikking

    def toewijzing(self, zaak, beschikking, agb: str, productcode: str, sent: date, answered: date | None,
                   ingang: date, einde: date | None, status: str, volume: int, frequentie: str) -> Toewijzing:
        self.n += 1
        aanbieder = self.aanbieder[agb]
        heen = Bericht(richting="uit", aanbieder_id=aanbieder.id, gemeente_id=zaak.gemeente_id, kanaal="intern",
                       inhoud=b"<301/>", nummer="301", identificatie=f"R301-{self.n}", status="nieuw",
                       zaak_id=zaak.id, ontvangen_op=at(sent))
        db.session.add(heen)
        db.session.flush()
        if answered:
            retour = Bericht(richting="in", aanbieder_id=aanbieder.id, gemeente_id=zaak.gemeente_id, kanaal="api",
                             inhoud=b"<302/>", nummer="302", berichtcode="415", identificatie=f"R302-{self.n}",
                             status="verwerkt", zaak_id=zaak.id, ontvangen_op=at(answered))
            db.session.add(retour)
            db.session.flush()
            heen.status, heen.retour_id = "beantwoord", retour.id
        toewijzing = Toewijzing(toewijzingnummer=900000 + self.n, zaak_id=zaak.id, gemeente_id=zaak.gemeente_id,
                                beschikking_id=beschikking.id, aanbieder_id=aanbieder.id,
                                product_id=self.product[productcode].id, ingangsdatum=ingang, einddatum=einde,
                                volume=volume, eenheid="04", frequentie=frequentie, status=status,
                                toegewezen_op=at(sent), bericht_id=heen.id)
        db.session.add(toewijzing)
        db.session.flush()
        return toewijzing

    def declaratie(self, gemeente_code: str, agb: str, lines) -> None:
        """`lines`: (toewijzing, person, month start, cents, status)."""
        self.n += 1
        first = min(line[2] for line in lines)
        declaratie = Declaratie(aanbieder_id=self.aanbieder[agb].id, gemeente_id=self.gemeente[gemeente_code].id,
                                standaard="iwmo", declaratienummer=f"R{self.n}", identificatie=f"R{self.n}",
                                periode_begin=first, periode_eind=first, dagtekening=first,
                                totaal_ingediend_cent=sum(line[3] for line in lines), status="beantwoord",
                                antwoord_uiterlijk=first)
        db.session.add(declaratie)
        db.session.flush()
        for n, (toewijzing, person, month, cents, status) in enumerate(lines, start=1):
            product = db.session.get(Product, toewijzing.product_id)
            db.session.add(Prestatie(declaratie_id=declaratie.id, volgnummer=n, bsn=person.bsn,
                                     toewijzing_nummer=toewijzing.toewijzingnummer, toewijzing_id=toewijzing.id,
                                     referentienummer=f"R{self.n}-{n}", productcategorie=product.productcategorie,
                                     productcode=product.productcode, periode_begin=month, periode_eind=month,
                                     volume=1, eenheid="04", bedrag_cent=cents, debet_credit="D", status=status))


def make_history() -> dict:
    """The history; returns the zaken by name (z1 … z6 of Woerden, b1 of Oudewater)."""
    h = History()
    a1, a2, a3, a4, a6 = h.people[WOERDEN][:5]  # a6 lives in "Snel en Polanen", the others elsewhere
    b1 = h.people[OUDEWATER][0]
    # z1: onderzoek on time (due 16 Feb), aanvraag 12 Feb, beschikking on time (due 26 Feb) on 20 Feb: 46 days.
    # Voorziening 1 Mar – 31 May (uitstroom in Q2). 301 on Fri 20 Feb, 302 on Tue 24 Feb (≤ Wed 25 Feb: in time).
    z1 = h.zaak(a1, "wmo", date(2026, 1, 5))
    h.termijn(z1, "onderzoek", deadlines.onderzoek_deadline(z1.ontvangen_op), met=date(2026, 2, 10))
    h.task(z1, "aanvraag_registreren", "consulent", date(2026, 2, 10), date(2026, 2, 12),
           {"aanvraag_ontvangen_op": "2026-02-12"})
    h.termijn(z1, "beschikking", deadlines.beschikking_deadline_wmo(date(2026, 2, 12)), met=date(2026, 2, 20))
    b = h.beschikking(z1, date(2026, 2, 20), date(2026, 3, 1), date(2026, 5, 31))
    t1 = h.toewijzing(z1, b, AANBIEDER_X, "01A03", date(2026, 2, 20), date(2026, 2, 24), date(2026, 3, 1),
                      date(2026, 5, 31), "geaccepteerd", 3, "2")
    # z2: melding Mon 16 Mar; 6 weeks end on Koningsdag (Mon 27 Apr) and so run to 28 Apr: met then = on time.
    # Aanvraag 29 Apr, beschikking due 13 May, given 20 May: late; 65 days. Voorziening from 1 Jun, open.
    # 301 on Wed 20 May; Tweede Pinksterdag (25 May) does not count: the third werkdag is Tue 26 May, the 302's day.
    z2 = h.zaak(a2, "wmo", date(2026, 3, 16))
    h.termijn(z2, "onderzoek", deadlines.onderzoek_deadline(z2.ontvangen_op), met=date(2026, 4, 28))
    h.task(z2, "aanvraag_registreren", "consulent", date(2026, 4, 28), date(2026, 4, 29),
           {"aanvraag_ontvangen_op": "2026-04-29"})
    h.termijn(z2, "beschikking", deadlines.beschikking_deadline_wmo(date(2026, 4, 29)), met=date(2026, 5, 20))
    b = h.beschikking(z2, date(2026, 5, 20), date(2026, 6, 1))
    t2 = h.toewijzing(z2, b, AANBIEDER_Y, "02A01", date(2026, 5, 20), date(2026, 5, 26), date(2026, 6, 1),
                      None, "gestart", 2, "2")
    # z3: Jeugd, melding 12 Jan; beslissing due Mon 9 Mar, not given: late, and overdue today.
    z3 = h.zaak(a6, "jeugd", date(2026, 1, 12))
    h.termijn(z3, "beslis", deadlines.beslis_deadline_jeugd(z3.ontvangen_op))
    # z5: melding 4 May, onderzoek due 15 Jun not met: late and overdue; its open task is 58 days old today.
    z5 = h.zaak(a3, "wmo", date(2026, 5, 4))
    h.termijn(z5, "onderzoek", deadlines.onderzoek_deadline(z5.ontvangen_op))
    h.task(z5, "onderzoek_gesprek", "consulent", date(2026, 5, 4))
    # z6: melding 24 Jun, onderzoek due 5 Aug: still running, not counted; its open task is 7 days old.
    z6 = h.zaak(a4, "wmo", date(2026, 6, 24))
    h.termijn(z6, "onderzoek", deadlines.onderzoek_deadline(z6.ontvangen_op))
    h.task(z6, "triage", "consulent", date(2026, 6, 24))
    # Oudewater: one zaak with a beschikking after 36 days and a declaratie of € 100.
    zb = h.zaak(b1, "wmo", date(2026, 2, 2))
    h.termijn(zb, "onderzoek", deadlines.onderzoek_deadline(zb.ontvangen_op), met=date(2026, 3, 1))
    b = h.beschikking(zb, date(2026, 3, 10), date(2026, 3, 15))
    tb = h.toewijzing(zb, b, AANBIEDER_X, "01A03", date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 15), None,
                      "gestart", 1, "2")
    # Declaraties of Woerden: X € 325 (Mar) + € 390 (Apr) approved, € 50 (May) refused; Y € 499,20 (Jun).
    h.declaratie(WOERDEN, AANBIEDER_X, [(t1, a1, date(2026, 3, 1), 32500, "goedgekeurd"),
                                        (t1, a1, date(2026, 4, 1), 39000, "goedgekeurd"),
                                        (t1, a1, date(2026, 5, 1), 5000, "afgekeurd")])
    h.declaratie(WOERDEN, AANBIEDER_Y, [(t2, a2, date(2026, 6, 1), 49920, "goedgekeurd")])
    h.declaratie(OUDEWATER, AANBIEDER_X, [(tb, b1, date(2026, 4, 1), 10000, "goedgekeurd")])
    for cat, cents in (("01", 100000), ("02", 200000)):
        db.session.add(Budget(gemeente_id=h.gemeente[WOERDEN].id, jaar=2026, productcategorie=cat, bedrag_cent=cents))
    db.session.commit()
    return {"z1": z1.id, "z2": z2.id, "z3": z3.id, "z5": z5.id, "z6": z6.id, "b1": zb.id}
