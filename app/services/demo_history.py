"""A modest demo history for the management information: three years of closed and running zaken of the demo
gemeenten (Woerden about 35 a month, Oudewater a fifth), with their legal deadlines, beschikkingen, toewijzingen
and monthly declaraties, so that every chart of the rapportage shows something.

These are recorded as zaken from before the platform (no process instance, no berichten): the rows the
rapportage reads, made with app/domain/deadlines.py like the real services would. The inwoners are synthetic
("Demo-inwoner"), with test BSNs. Idempotent; `flask seed` loads it, a production configuration refuses that.
"""
import calendar
import random
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, select

from ..domain import deadlines
from ..models import Aanbieder, Beschikking, Declaratie, Gemeente, Person, Prestatie, Product, Termijn, Toewijzing, Zaak
from .beschikking_document import made_known
from .contract_tarieven import tarief_cent_on
from .demo_data import OUDEWATER, WOERDEN, demo_bsns
from .uow import unit_of_work

MARK = "Demo-historie"
MONTHS = 36
#: (gemeente, Wmo meldingen a month, Jeugd meldingen a month, wijken)
VOLUMES = {WOERDEN: (26, 9, ("Centrum", "Molenvliet", "Schilderskwartier", "Snel en Polanen", "Waterrijk")),
           OUDEWATER: (6, 2, ("Binnenstad", "Hekendorp", "Tappersheul"))}
WMO_PRODUCTS = ("01A03", "01A03", "01A04", "02A01", "03A01", "07A01")
JEUGD_PRODUCTS = ("45A03", "45A03", "45A04", "46A01")
AANBIEDER_OF = {"wmo": ("42420001", "65656055"), "jeugd": ("41234567",)}
#: Days between the ingangsdatum and the start of the care (305) the aanbieder reported, per aanbieder: some
#: start at once, some need a week or more. Drawn with a generator of their own, so the rest stays as it was.
START_DELAYS = {"42420001": (0, 0, 1, 2, 3, 5), "65656055": (0, 3, 5, 8, 14, 21), "41234567": (2, 5, 9, 14, 21, 28)}
#: How a Jeugd zaak of the history came in, by person (not from the seeded random stream, so the other figures
#: stay as they were): half through the gemeente, about a third referred by the huisarts, the rest by a medisch
#: specialist or the jeugdarts (iJw verwijzer types 02, 05, 03).
VERWIJZERS = (None,) * 10 + ("02",) * 7 + ("05", "05", "03")
VOORNAMEN = ("Anna", "Bram", "Cor", "Dewi", "Eva", "Finn", "Gijs", "Hanna", "Ilse", "Joost", "Kim", "Lars")


def _at(day: date, hour: int = 11) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.utc)


def load_demo_history(today: date | None = None) -> dict:
    """Create the history if it is not there yet; return what was made."""
    today = today or date.today()
    rng = random.Random(11)
    with unit_of_work() as session:
        if session.scalar(select(func.count()).select_from(Zaak).where(Zaak.omschrijving.startswith(MARK))):
            return {"historische zaken": 0}
        gemeenten = {g.code: g for g in session.scalars(select(Gemeente))}
        products = {p.productcode: p for p in session.scalars(select(Product))}
        aanbieders = {a.agb_code: a for a in session.scalars(select(Aanbieder))}
        next_nummer = (session.scalar(select(func.max(Toewijzing.toewijzingnummer))) or 0) + 1
        bsns = iter(_free_bsns(session, sum(2 * MONTHS * (w + j) for w, j, _ in VOLUMES.values())))
        first_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        for _ in range(MONTHS - 1):
            first_month = (first_month - timedelta(days=1)).replace(day=1)
        made, toewijzingen = 0, []
        for code, (wmo, jeugd, wijken) in VOLUMES.items():
            gemeente = gemeenten[code]
            for m in range(MONTHS):
                month = _add_months(first_month, m)
                season = 1.25 if month.month in (1, 2, 11, 12) else 0.85 if month.month in (7, 8) else 1.0
                trend = 1 + 0.02 * m  # Jeugd rises over the three years
                for domein, n in (("wmo", round(wmo * season)), ("jeugd", round(jeugd * trend))):
                    for _ in range(n):
                        person = _person(session, gemeente, next(bsns), rng.choice(wijken), domein, rng)
                        day = month + timedelta(days=rng.randrange(calendar.monthrange(month.year, month.month)[1]))
                        if day >= today:
                            continue
                        t = _zaak(session, gemeente, person, domein, day, today, rng, products, aanbieders,
                                  next_nummer)
                        made += 1
                        if t is not None:
                            toewijzingen.append(t)
                            next_nummer += 1
        session.flush()
        lines = _declaraties(session, toewijzingen, products, today, rng)
    return {"historische zaken": made, "historische declaratieregels": lines}


def _free_bsns(session, count: int) -> list[str]:
    taken = set(session.scalars(select(Person.bsn)))
    return [b for b in demo_bsns(count + len(taken) + 50) if b not in taken][:count]


def _person(session, gemeente, bsn, wijk, domein, rng) -> Person:
    born = date(2010 + rng.randrange(12), 1 + rng.randrange(12), 1) if domein == "jeugd" else \
        date(1935 + rng.randrange(50), 1 + rng.randrange(12), 1)
    person = Person(bsn=bsn, gemeente_id=gemeente.id, voornamen=rng.choice(VOORNAMEN), achternaam="Demo-inwoner",
                    geboortedatum=born, woonplaats=gemeente.naam.removeprefix("Gemeente "), wijk=wijk,
                    geslacht=rng.choice("12"))
    session.add(person)
    session.flush()
    return person


def _zaak(session, gemeente, person, domein, day, today, rng, products, aanbieders, nummer):
    """One zaak with its terms and, when decided, its beschikking and toewijzing (returned)."""
    zaak = Zaak(zaaknummer=f"H-{day.year}-{person.id:06d}", domein=domein, gemeente_id=gemeente.id,
                person_id=person.id, omschrijving=f"{MARK}: {'ondersteuning thuis' if domein == 'wmo' else 'jeugdhulp'}",
                kanaal=rng.choice(("telefoon", "portaal", "portaal", "balie")), ontvangen_op=day, status="lopend",
                created_at=_at(day), verwijzer=VERWIJZERS[person.id % len(VERWIJZERS)] if domein == "jeugd" else None)
    session.add(zaak)
    session.flush()
    late = rng.random() < 0.12
    if domein == "wmo":
        onderzoek = deadlines.onderzoek_deadline(day)
        klaar = onderzoek.due + timedelta(days=rng.randrange(1, 15)) if late else day + timedelta(days=rng.randrange(14, 40))
        if klaar >= today:
            _termijn(session, zaak, "onderzoek", onderzoek, None)
            return None
        _termijn(session, zaak, "onderzoek", onderzoek, klaar)
        besluit = deadlines.beschikking_deadline_wmo(klaar)
        besloten = klaar + timedelta(days=rng.randrange(15, 25) if rng.random() < 0.1 else rng.randrange(3, 13))
        soort = "beschikking"
    else:
        besluit = deadlines.beslis_deadline_jeugd(day)
        besloten = besluit.due + timedelta(days=rng.randrange(1, 20)) if late else day + timedelta(days=rng.randrange(20, 54))
        soort = "beslis"
    if besloten >= today:
        _termijn(session, zaak, soort, besluit, None)
        return None
    _termijn(session, zaak, soort, besluit, besloten)
    code = rng.choice(WMO_PRODUCTS if domein == "wmo" else JEUGD_PRODUCTS)
    toekennen = rng.random() < 0.9
    ingang = besloten + timedelta(days=7)
    einde = _add_months(ingang, rng.choice((3, 6, 12, 12))) - timedelta(days=1)
    beschikking = Beschikking(zaak_id=zaak.id, gemeente_id=gemeente.id, besluit="toekennen" if toekennen else "afwijzen",
                              motivering=MARK, productcode=code if toekennen else None, leveringsvorm="zin",
                              ingangsdatum=ingang if toekennen else None, einddatum=einde if toekennen else None,
                              vastgesteld_op=_at(besloten))
    made_known(beschikking, besloten)  # the letter went out on paper, before the platform: none to make here
    session.add(beschikking)
    session.flush()
    if not toekennen:
        zaak.status, zaak.closed_at = "afgesloten", _at(besloten)
        return None
    if einde < today:
        zaak.status, zaak.closed_at = "afgesloten", _at(einde)
    product = products[code]
    volume = {"04": rng.choice((2, 3, 4)), "16": rng.choice((2, 4)), "14": 7}.get(product.eenheid, 1)
    agb = rng.choice(AANBIEDER_OF[domein])
    start = min(ingang + timedelta(days=random.Random(nummer).choice(START_DELAYS[agb])), einde)
    toewijzing = Toewijzing(
        toewijzingnummer=nummer, zaak_id=zaak.id, gemeente_id=gemeente.id, beschikking_id=beschikking.id,
        aanbieder_id=aanbieders[agb].id, product_id=product.id, ingangsdatum=ingang,
        einddatum=einde, volume=volume, eenheid=product.eenheid, frequentie="2",
        status="gestopt" if einde < today else "gestart", toegewezen_op=_at(besloten), start_zorg=start,
        stop_zorg=einde if einde < today else None)
    session.add(toewijzing)
    return toewijzing


def _termijn(session, zaak, soort, deadline, met: date | None) -> None:
    session.add(Termijn(zaak_id=zaak.id, soort=soort, due=deadline.due, article=deadline.article,
                        description=deadline.description_nl, met_at=_at(met) if met else None))


def _declaraties(session, toewijzingen, products, today, rng) -> int:
    """One declaratie per aanbieder, gemeente and month of care, each line volume × weeks × tarief."""
    by_id = {p.id: p for p in products.values()}
    persons = {p.id: p.bsn for p in session.scalars(select(Person).where(
        Person.id.in_(select(Zaak.person_id).where(Zaak.omschrijving.startswith(MARK)))))}
    zaak_person = dict(session.execute(select(Zaak.id, Zaak.person_id).where(Zaak.omschrijving.startswith(MARK))).all())
    by_key: dict[tuple, list] = {}
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    for t in toewijzingen:
        month = t.ingangsdatum.replace(day=1)
        while month <= last_month and month <= (t.einddatum or last_month):
            by_key.setdefault((t.gemeente_id, t.aanbieder_id, month), []).append(t)
            month = _add_months(month, 1)
    lines, tarieven = 0, {}
    for n, ((gemeente_id, aanbieder_id, month), items) in enumerate(sorted(by_key.items(), key=lambda kv: kv[0])):
        end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        declaratie = Declaratie(aanbieder_id=aanbieder_id, gemeente_id=gemeente_id, standaard="iwmo",
                                declaratienummer=f"H{n:07d}", identificatie=f"H{n:07d}", periode_begin=month,
                                periode_eind=end, dagtekening=end + timedelta(days=3), totaal_ingediend_cent=0,
                                status="beantwoord", ontvangen_op=_at(end + timedelta(days=3)),
                                antwoord_uiterlijk=end + timedelta(days=17), beantwoord_op=_at(end + timedelta(days=5)))
        session.add(declaratie)
        session.flush()
        total = approved = 0
        for v, t in enumerate(items, start=1):
            product = by_id[t.product_id]
            key = (t.gemeente_id, t.aanbieder_id, t.product_id, month)  # one lookup per product and month
            if key not in tarieven:
                tarieven[key] = tarief_cent_on(session, *key)
            tarief_cent = tarieven[key]
            if tarief_cent is None:  # no contract tarief in force that month: nothing to declare
                continue
            volume = t.volume * 4
            cents = tarief_cent * volume
            refused = rng.random() < 0.04
            session.add(Prestatie(declaratie_id=declaratie.id, volgnummer=v, bsn=persons[zaak_person[t.zaak_id]],
                                  toewijzing_nummer=t.toewijzingnummer, toewijzing_id=t.id, referentienummer=f"H{n}-{v}",
                                  productcategorie=product.productcategorie, productcode=product.productcode,
                                  periode_begin=month, periode_eind=end, volume=volume, eenheid=product.eenheid,
                                  tarief_cent=tarief_cent, bedrag_cent=cents, debet_credit="D",
                                  status="afgekeurd" if refused else "goedgekeurd",
                                  retourcodes="0611" if refused else None,
                                  reden="Demo: het tarief komt niet overeen met het contract" if refused else None))
            total += cents
            approved += 0 if refused else cents
            lines += 1
        declaratie.totaal_ingediend_cent, declaratie.totaal_toegekend_cent = total, approved
    return lines


def _add_months(day: date, n: int) -> date:
    month = day.month - 1 + n
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
