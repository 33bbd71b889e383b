"""The engine bench's case plan: which data each user task gets (shared by ours and bare, and by
bench/exchange.py), the inwoners the cases are for, and the percentile the benches report."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.models import Person


def needs_vier_ogen(case_no: int) -> bool:
    return case_no % 5 == 0


def form_data(step: str, case_no: int, products: list[tuple[str, str]]) -> dict:
    """Valid data for the form of user task `step` (see forms/*.json) in case number `case_no`; `products` are
    (productcode, eenheid) pairs: a pgb is reckoned in the product's own eenheid."""
    today = date.today().isoformat()
    afwijzen = needs_vier_ogen(case_no) and case_no % 10 == 0
    duur = needs_vier_ogen(case_no) and not afwijzen
    if step == "triage":
        return {"spoed": False, "samenvatting": "Hulp bij het huishouden na heupoperatie.",
                "vervolg": "onderzoek"}
    if step == "onderzoek_gesprek":
        return {"datum_gesprek": today, "aanwezigen": "inwoner, dochter", "mantelzorger_betrokken": True,
                "clientondersteuning_aangeboden": True, "persoonlijk_plan_ontvangen": False,
                "identiteit_vastgesteld": True, "pgb_uitgelegd": True,
                "bevinding_behoeften": "Kan tijdelijk niet zelf schoonmaken.",
                "bevinding_eigen_kracht": "Koken lukt, zwaar huishouden niet.",
                "bevinding_mantelzorg_netwerk": "Dochter komt twee keer per week.",
                "bevinding_ondersteuning_mantelzorger": "Dochter is overbelast; respijtzorg besproken.",
                "bevinding_algemene_voorzieningen": "Boodschappendienst past, schoonmaak niet.",
                "eigen_bijdrage_besproken": True}
    if step == "onderzoek_verslag":
        return {"verslag": "Maatwerk nodig voor zwaar huishouden.", "advies": "maatwerkvoorziening",
                "verslag_verstrekt_op": today, "persoonlijk_plan": "ziet_af"}
    if step == "aanvraag_registreren":
        productcode, eenheid = products[case_no % len(products)]
        return {"aanvraag_ontvangen_op": today, "productcode": productcode,
                "leveringsvorm": "pgb", "pgb_beheer": True, "pgb_kwaliteit": True,
                "pgb_motivering": "Zij kiest zelf een hulp die zij kent.",
                "pgb_kwaliteit_toelichting": "Een zelfstandige hulp met VOG en referenties.",
                "omvang": 3, "eenheid": eenheid, "frequentie": "per_week",
                "ingangsdatum": (date.today() + timedelta(days=7)).isoformat(),
                "einddatum": (date.today() + timedelta(days=371)).isoformat(),
                "kosten_per_jaar": 15000 if duur else 5070}
    if step == "besluit_voorbereiden":
        return {"besluit": "afwijzen" if afwijzen else "toekennen",
                "motivering": "Voldoet aan de criteria van de verordening.", "grondslag": "art. 2.3.5 Wmo 2015"}
    if step == "vier_ogen_toets":
        return {"toets": "akkoord"}
    raise ValueError(f"bench has no data for user task {step!r}")


def people_of(session, user) -> list[int]:
    """The persons `user` may work for (their gemeenten): a zaak of another gemeente is hidden from them."""
    return list(session.scalars(select(Person.id).where(Person.gemeente_id.in_(user.gemeente_ids))
                                .order_by(Person.id)))


def fresh_people(session, user, count: int) -> list[int]:
    """`count` new inwoners of the user's first gemeente, each with an address (a 301 needs one, TR006) and a BSN of
    its own, so that every case is a toewijzing of its own client (one product per client and period, TR302)."""
    from stdnum.nl import bsn as bsn_check
    taken = set(session.scalars(select(Person.bsn)))
    gemeente_id = min(user.gemeente_ids)
    made, n = [], 100000000
    while len(made) < count:
        n += 1
        candidate = f"{n:09d}"
        if candidate in taken or not bsn_check.is_valid(candidate):
            continue
        person = Person(bsn=candidate, gemeente_id=gemeente_id, voornamen="Bench", achternaam=f"Inwoner {len(made)}",
                        geboortedatum=date(1950, 1, 1), straat="Benchstraat", huisnummer=str(len(made) % 999 + 1),
                        postcode="3441 AB", woonplaats="Woerden", wijk="Centrum")
        session.add(person)
        made.append(person)
    session.commit()
    return [p.id for p in made]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0
