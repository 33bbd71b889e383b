"""A hand-made history of aanbieder X (42420001) in Woerden for the quality page, with every figure worked out by
hand for 'today' = 1 July 2026 (TODAY) and the period 'last 12 months' (2 July 2025 – 1 July 2026).

Toewijzingen (301 sent → 302 answered; third werkdag; start zorg, days after the toewijzing):
  p1  Mon  2 Mar → Wed  4 Mar: 2 werkdagen, in time (Thu 5 Mar);  start  9 Mar:  7 days
  p2  Mon  9 Mar → Thu 12 Mar: 3 werkdagen, in time (Thu 12 Mar); start 19 Mar: 10 days
  p3  Mon 16 Mar → Fri 20 Mar: 4 werkdagen, LATE (Thu 19 Mar);    start 30 Mar: 14 days, stopped 30 Apr
  p4  Tue 24 Mar → Tue 24 Mar: 0 werkdagen, in time;              start 27 Mar:  3 days
  p5  Wed  1 Apr → Wed  8 Apr: 3 werkdagen over Goede Vrijdag and Tweede Paasdag, in time; start 15 Apr: 14 days
  p7  Mon  4 May → Fri  8 May: 3 werkdagen (5 mei does not count), in time;            start 11 May:  7 days
  p6  Mon 15 Jun → no answer; the term ended Thu 18 Jun: LATE
  p2  Mon 29 Jun → no answer, the term runs to Thu 2 Jul: not counted yet
  p3  Mon  3 Jun 2024 (care 10 Jun 2024 – 31 May 2025): outside the period in every figure

  Answers counted 7 (7 persons); in time 5 of 7 = 71.4%, but the late group is 2 persons: "< 5".
  Median werkdagen of the 6 answers (0, 2, 3, 3, 3, 4) = 3, about 6 persons: shown.
  Median start (3, 7, 7, 10, 14, 14) = 8.5 days, about 6 persons: shown.  Clients in care: p1–p5, p7 = 6.
Declaratieregels in the period (a line waiting for a person and one of Oudewater do not count):
  approved p1 Mar, p2 Apr, p4 Apr, p5 May, p7 May; refused p1 Apr (0611), p3 Apr (0611 9307)
  → 7 lines about 6 persons; refused 2 lines about 2 persons "< 5"; the share reveals 2 persons: "< 5".
Klachten: an open klacht about p1 and a closed signaal about p3, both "< 5".
"""
from datetime import date, datetime, timezone

from app import db
from app.models import Klacht
from app.services.beschikking_document import made_known
from app.services.demo_data import OUDEWATER, WOERDEN
from rapportage_data import AANBIEDER_X, History

TODAY = date(2026, 7, 1)


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def make_kwaliteit_history() -> dict:
    h = History()
    people = h.people[WOERDEN]
    p1, p2, p3, p4, p5, p6, p7 = people[:7]
    rows = [  # person, sent, answered, start, stop, status
        (p1, d(3, 2), d(3, 4), d(3, 9), None, "gestart"),
        (p2, d(3, 9), d(3, 12), d(3, 19), None, "gestart"),
        (p3, d(3, 16), d(3, 20), d(3, 30), d(4, 30), "gestopt"),
        (p4, d(3, 24), d(3, 24), d(3, 27), None, "gestart"),
        (p5, d(4, 1), d(4, 8), d(4, 15), None, "gestart"),
        (p7, d(5, 4), d(5, 8), d(5, 11), None, "gestart"),
        (p6, d(6, 15), None, None, None, "verzonden"),
        (p2, d(6, 29), None, None, None, "verzonden"),
        (p3, d(6, 3, 2024), d(6, 3, 2024), d(6, 10, 2024), d(5, 31, 2025), "gestopt"),
    ]
    made = {}
    for person, sent, answered, start, stop, status in rows:
        zaak = h.zaak(person, "wmo", sent)
        beschikking = h.beschikking(zaak, sent, sent)
        made_known(beschikking, sent)  # sent on paper: no letter for the platform to make
        t = h.toewijzing(zaak, beschikking, AANBIEDER_X, "01A03", sent, answered, sent, None, status, 3, "2")
        t.start_zorg, t.stop_zorg = start, stop
        made.setdefault(person.id, t)
    t = {p: made[p.id] for p in (p1, p2, p3, p4, p5, p7)}
    h.declaratie(WOERDEN, AANBIEDER_X, [(t[p1], p1, d(3, 1), 1000, "goedgekeurd"),
                                        (t[p2], p2, d(4, 1), 1000, "goedgekeurd"),
                                        (t[p4], p4, d(4, 1), 1000, "goedgekeurd"),
                                        (t[p5], p5, d(5, 1), 1000, "goedgekeurd"),
                                        (t[p7], p7, d(5, 1), 1000, "goedgekeurd"),
                                        (t[p1], p1, d(4, 1), 1000, "afgekeurd"),
                                        (t[p3], p3, d(4, 1), 1000, "afgekeurd"),
                                        (t[p4], p4, d(6, 1), 1000, "handmatig")])
    from app.models import Prestatie
    refused = db.session.query(Prestatie).filter_by(status="afgekeurd").order_by(Prestatie.id).all()
    refused[0].retourcodes, refused[1].retourcodes = "0611", "0611 9307"
    b1 = h.people[OUDEWATER][0]
    zaak = h.zaak(b1, "wmo", d(3, 2))
    b = h.beschikking(zaak, d(3, 2), d(3, 2))
    made_known(b, d(3, 2))
    tb = h.toewijzing(zaak, b, AANBIEDER_X, "01A03", d(3, 2), d(3, 3), d(3, 2),
                      None, "gestart", 3, "2")
    h.declaratie(OUDEWATER, AANBIEDER_X, [(tb, b1, d(4, 1), 1000, "afgekeurd")])
    for person, soort, status in ((p1, "klacht", "open"), (p3, "signaal", "afgesloten")):
        tw = t[person]
        db.session.add(Klacht(gemeente_id=tw.gemeente_id, aanbieder_id=tw.aanbieder_id, toewijzing_id=tw.id,
                              zaak_id=tw.zaak_id, person_id=person.id, soort=soort, tekst="Testklacht", bron="consulent",
                              status=status, geregistreerd_op=datetime(2026, 5, 1, 10, tzinfo=timezone.utc)))
    made = {"aanbieder_id": t[p1].aanbieder_id, "gemeente_id": t[p1].gemeente_id}
    db.session.commit()
    return made


def klacht_ids(toewijzing_id: int, tekst: str = "Geheime klachttekst over de zorg") -> dict:
    """A klacht (as a consulent registered it) about this toewijzing, for the route walks."""
    from app.models import Toewijzing
    t = db.session.get(Toewijzing, toewijzing_id)
    klacht = Klacht(gemeente_id=t.gemeente_id, aanbieder_id=t.aanbieder_id, toewijzing_id=t.id, zaak_id=t.zaak_id,
                    person_id=t.zaak.person_id, soort="klacht", tekst=tekst, bron="consulent", status="open")
    db.session.add(klacht)
    db.session.flush()
    made = {"klacht_id": klacht.id}
    db.session.commit()
    return made
