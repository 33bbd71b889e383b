"""The demo samenwerkingsverband: two gemeenten (Woerden and Oudewater), one user per role (Woerden; the
beheerder, the privacy officer and management for both) and staff for Oudewater, aanbieders, a product
catalogue, inwoners of both and this year's budgets.

Idempotent: every row is found by its natural key first, so re-running keeps what exists.
For demos and tests only; a production configuration refuses to start with demo accounts.
"""
from datetime import date
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from stdnum.nl import bsn as stdnum_bsn

from ..models import ROLES, Aanbieder, Budget, Gemeente, Machtiging, Person, Product, User
from .accounts import hash_password
from .demo_contracten import load_demo_contracten
from .demo_kaart import load_demo_kaart
from .demo_logo import give_demo_logo
from .uow import unit_of_work

DEMO_PASSWORD = "demo"

AANBIEDERS = [("42420001", "Thuiszorg Het Groene Hart"), ("65656055", "Zorggroep De Linge"),
              ("41234567", "Jeugdhulp Oost-Utrecht")]
#: Valid test IBANs (stdnum checks them) the demo aanbieders are paid to.
AANBIEDER_IBANS = {"42420001": "NL20INGB0001234567", "65656055": "NL44RABO0123456789",
                   "41234567": "NL66ASNB0707070707"}

#: (CBS code, naam, IBAN, BIC, briefadres, telefoon, website, bezwaar_adres, thema). Demo letterheads: the
#: CBS codes are the real ones; addresses, account numbers and colours are for the demo only.
GEMEENTEN = [
    ("0632", "Gemeente Woerden", "NL78BNGH0285008521", "BNGHNL2G", "Postbus 45\n3440 AA Woerden", "14 0348",
     "www.woerden.nl", "Gemeente Woerden, t.a.v. de commissie bezwaarschriften\nPostbus 45\n3440 AA Woerden",
     {"primary": "#00689e"}),
    ("0589", "Gemeente Oudewater", "NL65BNGH0285004002", "BNGHNL2G", "Postbus 100\n3420 DC Oudewater", "14 0348",
     "www.oudewater.nl", "Gemeente Oudewater, t.a.v. de commissie bezwaarschriften\nPostbus 100\n3420 DC Oudewater",
     {"primary": "#8a1538"}),
]
WOERDEN, OUDEWATER = "0632", "0589"

# (domein, productcategorie, productcode, omschrijving, eenheid, tarief per eenheid in the demo contracts)
PRODUCTEN = [
    ("wmo", "01", "01A03", "Hulp bij het huishouden, basis", "04", "32.50"),
    ("wmo", "01", "01A04", "Hulp bij het huishouden, plus", "04", "36.80"),
    ("wmo", "02", "02A01", "Begeleiding individueel", "04", "62.40"),
    ("wmo", "03", "03A01", "Persoonlijke verzorging", "04", "58.10"),
    ("wmo", "07", "07A01", "Dagbesteding, dagdeel", "16", "48.00"),
    ("wmo", "11", "11A01", "Handbewogen rolstoel (bruikleen)", "82", "1150.00"),
    ("wmo", "13", "13A01", "Woningaanpassing (traplift)", "83", "1.00"),
    ("jeugd", "45", "45A03", "Jeugdhulp ambulant, basis", "04", "88.00"),
    ("jeugd", "45", "45A04", "Jeugdhulp ambulant, specialistisch", "04", "112.00"),
    ("jeugd", "41", "41A01", "Jeugdhulp met verblijf, pleegzorg", "14", "58.50"),
    ("jeugd", "46", "46A01", "Dagbehandeling jeugd", "16", "95.00"),
]

#: (voornamen, voorvoegsel, achternaam, geboortedatum, straat, huisnummer, postcode, wijk, geslacht COD046)
INWONERS = [
    ("Johanna Maria", None, "Bakker", date(1944, 3, 12), "Rijnstraat", "12", "3441 BT", "Centrum", "2"),
    ("Pieter", "de", "Vries", date(1951, 7, 2), "Meulenvelden", "4", "3443 AB", "Molenvliet", "1"),
    ("Fatima", None, "El Amrani", date(1987, 11, 23), "Schilderspad", "31", "3446 CD", "Schilderskwartier", "2"),
    ("Henk", "van", "Dijk", date(1939, 1, 30), "Kerkweg", "88", "3442 AE", "Centrum", "1"),
    ("Sanne", None, "Jansen", date(2012, 5, 14), "Boerendijk", "2", "3444 BA", "Snel en Polanen", "2"),
    ("Mohamed", None, "Yilmaz", date(1963, 9, 8), "Waardsebaan", "15", "3445 KL", "Waterrijk", "1"),
    ("Anna", "van den", "Berg", date(1958, 12, 1), "Oudelandseweg", "7", "3443 GH", "Molenvliet", "2"),
    ("Daan", None, "Visser", date(2016, 2, 19), "Pelikaanweg", "40", "3446 XY", "Schilderskwartier", "1"),
    ("Gerrit", None, "Smit", date(1947, 6, 25), "Emmakade", "3", "3441 AC", "Centrum", "1"),
    ("Lotte", None, "de Boer", date(1995, 8, 11), "Steinhagenseweg", "22", "3446 TR", "Waterrijk", "2"),
]
#: Inwoners of Oudewater (same fields); their BSNs follow those of Woerden's inwoners.
INWONERS_OUDEWATER = [
    ("Willemijn", None, "Verhoef", date(1941, 4, 3), "Kapellestraat", "9", "3421 CA", "Binnenstad", "2"),
    ("Kees", "van der", "Linden", date(1956, 10, 17), "Hoenkoopse Buurtweg", "21", "3421 LZ", "Hekendorp", "1"),
    ("Noor", None, "Hendriks", date(2013, 1, 28), "Tappersheul", "5", "3421 PA", "Tappersheul", "2"),
]
#: Staff of one gemeente only (username, display name, roles, gemeente code).
OUDEWATER_STAFF = [("consulent-oudewater", "Consulent Oudewater (demo)", "consulent", OUDEWATER),
                   ("beoordelaar-oudewater", "Beoordelaar Oudewater (demo)", "beoordelaar", OUDEWATER),
                   ("backoffice-oudewater", "Backoffice Oudewater (demo)", "backoffice", OUDEWATER),
                   ("contractmanager-oudewater", "Contractmanager Oudewater (demo)", "contractmanager", OUDEWATER),
                   ("management-oudewater", "Teamleider Oudewater (demo)", "management", OUDEWATER)]

#: Demo gemeenten with a bezwaarcommissie (Awb 7:13): Woerden; Oudewater's jurist decides in 6 weeks (7:10 lid 1).
BEZWAARCOMMISSIE = (WOERDEN,)


def demo_bsns(count: int) -> list[str]:
    """Test BSNs in the 9999… range that pass the elfproef (999900006 first, as in the iStandaarden examples)."""
    found, n = [], 999900000
    while len(found) < count:
        candidate = str(n)
        if stdnum_bsn.is_valid(candidate):
            found.append(candidate)
        n += 1
    return found


def load_demo_data() -> dict:
    """Create what is missing of the demo data; return counts of what was created."""
    created = {"gemeenten": 0, "gebruikers": 0, "aanbieders": 0, "producten": 0, "inwoners": 0}
    with unit_of_work() as session:
        gemeenten = _demo_gemeenten(session, created)
        for agb, naam in AANBIEDERS:
            aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == agb))
            if aanbieder is None:
                aanbieder = Aanbieder(agb_code=agb, naam=naam)
                session.add(aanbieder)
                created["aanbieders"] += 1
            aanbieder.iban = aanbieder.iban or AANBIEDER_IBANS.get(agb)
        for domein, cat, code, oms, eenheid, tarief in PRODUCTEN:
            if session.scalar(select(Product).where(Product.domein == domein, Product.productcode == code)) is None:
                session.add(Product(domein=domein, productcategorie=cat, productcode=code, omschrijving=oms,
                                    eenheid=eenheid))
                created["producten"] += 1
        people = []
        residents = [(row, WOERDEN) for row in INWONERS] + [(row, OUDEWATER) for row in INWONERS_OUDEWATER]
        for bsn, (row, code) in zip(demo_bsns(len(residents)), residents):
            voornamen, voorvoegsel, achternaam, geboren, straat, nr, postcode, wijk, geslacht = row
            person = session.scalar(select(Person).where(Person.bsn == bsn))
            if person is None:
                person = Person(bsn=bsn, gemeente_id=gemeenten[code].id, voornamen=voornamen, voorvoegsel=voorvoegsel,
                                achternaam=achternaam, geboortedatum=geboren, straat=straat, huisnummer=nr,
                                postcode=postcode, woonplaats=gemeenten[code].naam.removeprefix("Gemeente "),
                                wijk=wijk, geslacht=geslacht)
                session.add(person)
                created["inwoners"] += 1
            person.geslacht = person.geslacht or geslacht  # an inwoner seeded before the register gave it
            people.append(person)
        session.flush()
        first_aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == AANBIEDERS[0][0]))
        password_hash = None
        for role in ROLES:
            if session.scalar(select(User).where(User.username == role)) is None:
                password_hash = password_hash or hash_password(DEMO_PASSWORD)
                session.add(User(username=role, display_name=_display_name(role, people), roles=role,
                                 password_hash=password_hash, is_demo=True, email=f"{role}@gemeente.example",
                                 person_id=people[0].id if role == "inwoner" else None,
                                 aanbieder_id=first_aanbieder.id if role == "aanbieder" else None))
                created["gebruikers"] += 1
        # Someone with both roles shows the vier-ogen rule: they may not check their own besluit.
        if session.scalar(select(User).where(User.username == "senior")) is None:
            session.add(User(username="senior", display_name="Senior consulent (demo)", roles="consulent beoordelaar",
                             email="senior@gemeente.example",
                             password_hash=password_hash or hash_password(DEMO_PASSWORD), is_demo=True))
            created["gebruikers"] += 1
        # A second backoffice colleague: a betaalbatch closed by one is released by the other (vier-ogen).
        if session.scalar(select(User).where(User.username == "controller")) is None:
            session.add(User(username="controller", display_name="Controller betalingen (demo)", roles="backoffice",
                             email="controller@gemeente.example",
                             password_hash=password_hash or hash_password(DEMO_PASSWORD), is_demo=True))
            created["gebruikers"] += 1
        # A teamleider who also works with zaken: the figures of the rapportage open onto the zaken behind them.
        if session.scalar(select(User).where(User.username == "teamleider")) is None:
            session.add(User(username="teamleider", display_name="Teamleider wijkteam (demo)",
                             roles="management consulent", email="teamleider@gemeente.example",
                             password_hash=password_hash or hash_password(DEMO_PASSWORD), is_demo=True))
            created["gebruikers"] += 1
        for username, display_name, roles, code in OUDEWATER_STAFF:
            if session.scalar(select(User).where(User.username == username)) is None:
                session.add(User(username=username, display_name=display_name, roles=roles,
                                 email=f"{username}@gemeente.example", gemeenten=[gemeenten[code]],
                                 password_hash=password_hash or hash_password(DEMO_PASSWORD), is_demo=True))
                created["gebruikers"] += 1
        session.flush()
        _demo_gemeenten_of_staff(session, gemeenten)
        created["contracten"] = load_demo_contracten(
            session, gemeenten, {code: Decimal(tarief) for _, _, code, _, _, tarief in PRODUCTEN})
        created["kaartvermeldingen"] = load_demo_kaart(session, gemeenten)
        _demo_machtiging(session)
        _demo_budgets(session, gemeenten)
    return created


def _demo_gemeenten(session, created: dict) -> dict[str, Gemeente]:
    """The demo gemeenten by CBS code; a database migrated from one gemeente keeps it and gets its details."""
    out = {}
    for code, naam, iban, bic, briefadres, telefoon, website, bezwaar, thema in GEMEENTEN:
        gemeente = session.scalar(select(Gemeente).where(Gemeente.code == code))
        if gemeente is None:
            gemeente = Gemeente(code=code, naam=naam, iban=iban, bic=bic)
            session.add(gemeente)
            created["gemeenten"] += 1
        gemeente.briefadres = gemeente.briefadres or briefadres
        gemeente.bezwaar_adres = gemeente.bezwaar_adres or bezwaar
        gemeente.telefoon, gemeente.website = gemeente.telefoon or telefoon, gemeente.website or website
        gemeente.thema = gemeente.thema or thema
        gemeente.bezwaarcommissie = gemeente.bezwaarcommissie or code in BEZWAARCOMMISSIE
        if code == WOERDEN:  # Oudewater has none: the beheerder can upload one on /beheer/gemeenten
            give_demo_logo(gemeente, naam.removeprefix("Gemeente "))
        out[code] = gemeente
    session.flush()
    return out


def _demo_gemeenten_of_staff(session, gemeenten: dict[str, Gemeente]) -> None:
    """Demo staff without a gemeente work for Woerden; the beheerder, the privacy officer and management (who sees
    the samenwerkingsverband as a whole and each gemeente) work for both. The consulenten get their wijkteam."""
    staff = session.scalars(select(User).where(User.is_demo.is_(True), User.person_id.is_(None),
                                               User.aanbieder_id.is_(None)))
    for user in staff:
        if user.is_citizen_only() or user.has_role("aanbieder"):
            continue
        if user.username in ("beheerder", "privacy", "management"):
            user.gemeenten = list(gemeenten.values())
        elif not user.gemeenten:
            user.gemeenten = [gemeenten[WOERDEN]]
        if user.team is None and user.username in DEMO_TEAMS:
            user.team = DEMO_TEAMS[user.username]


#: The demo's wijkteams, so that the werkvoorraad's "Mijn team" shows the work of colleagues.
DEMO_TEAMS = {"consulent": "Wijkteam Woerden", "senior": "Wijkteam Woerden", "teamleider": "Wijkteam Woerden",
              "consulent-oudewater": "Wijkteam Oudewater"}


#: Demo budgets of this year per productcategorie, in euro, for a gemeente of about 50,000 inhabitants (Woerden);
#: Oudewater (about 10,000) gets a fifth. Made up for the demo, in the range such gemeenten publish.
DEMO_BUDGET_EURO = {"01": 2_400_000, "02": 3_100_000, "03": 900_000, "07": 1_200_000, "11": 450_000,
                    "13": 600_000, "41": 1_800_000, "45": 3_600_000, "46": 1_100_000}


def _demo_budgets(session, gemeenten: dict[str, Gemeente]) -> None:
    """This year's demo budget for each gemeente, where none was entered yet."""
    jaar = date.today().year
    for code, gemeente in gemeenten.items():
        if session.scalar(select(Budget.id).where(Budget.gemeente_id == gemeente.id, Budget.jaar == jaar)):
            continue
        share = 1 if code == WOERDEN else Fraction(1, 5)
        for cat, euro in DEMO_BUDGET_EURO.items():
            session.add(Budget(gemeente_id=gemeente.id, jaar=jaar, productcategorie=cat,
                               bedrag_cent=int(euro * share) * 100))


def _demo_machtiging(session) -> None:
    """The demo gemachtigde (a son) may act for the demo inwoner (his mother) until she revokes it."""
    inwoner = session.scalar(select(User).where(User.username == "inwoner"))
    gemachtigde = session.scalar(select(User).where(User.username == "gemachtigde"))
    if session.scalar(select(Machtiging).where(Machtiging.gemachtigde_id == gemachtigde.id)) is None:
        session.add(Machtiging(person_id=inwoner.person_id, gemachtigde_id=gemachtigde.id, scope="namens_handelen",
                               geldig_vanaf=date.today(), verleend_door_id=inwoner.id))


def _display_name(role: str, people: list[Person]) -> str:
    if role == "inwoner":
        return people[0].naam
    if role == "privacy":
        return "Privacyfunctionaris (demo)"
    if role == "management":
        return "Teamleider en controller (demo)"
    if role == "jurist":
        return "Jurist bezwaarschriften (demo)"
    return f"{role.capitalize()} (demo)"
