"""The outbound guarantee, property-based: whatever the register says about a person (names, gender,
address) and whatever the consulent enters in the aanvraag form (product, omvang, eenheid, frequentie,
dates), the 301 the platform builds from it passes the official XSD and every rule the outbox checks —
or the form (or the builder) refuses it first with a Dutch text naming the field. It runs the code the
outbox runs: the form validation of aanvraag_registreren, the beschikking and toewijzing fields of
process_operations and toewijzen, build_301 and the outbox's own check (checked_xml)."""
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings, strategies as st
from stdnum.nl import bsn as stdnum_bsn

from app.domain.forms import load_form, validate as validate_form
from app.models import Aanbieder, Beschikking, Person, Product, Toewijzing
from app.models.person import GESLACHTEN
from app.services.demo_data import PRODUCTEN, WOERDEN
from app.services.exchange.bericht301 import IncompleteData, build_301
from app.services.exchange.outbox import OutboundRuleFault, checked_xml
from app.services.exchange.toewijzen import FIRST_NUMMER, overlapping_product, toewijzing_fields
from app.services.process_operations import beschikking_fields
from iwmo_messages import validate

FORM = load_form(Path(__file__).resolve().parents[2] / "forms", "aanvraag_registreren")
AANBIEDER = Aanbieder(agb_code="42420001", naam="Thuiszorg De Linde")
TODAY = date(2026, 5, 6)
#: Text as a register or a person types it: letters with accents, spaces, hyphens, apostrophes, digits.
NAME_CHARS = st.characters(categories=("Lu", "Ll"), max_codepoint=0x17F) | st.sampled_from(" -'.")
WORDS = st.text(NAME_CHARS | st.sampled_from("0123456789"), min_size=1, max_size=60).filter(str.strip)


def _rarely(draw) -> bool:
    """True in about one draw in eight: the unusual case (no geboortedatum, an einddatum before the start)."""
    return draw(st.integers(0, 7)) == 0


@st.composite
def bsns(draw) -> str:
    """A BSN that passes the elfproef (the register stores no other)."""
    first8 = draw(st.integers(10_000_000, 99_999_999))
    for last in range(10):
        candidate = f"{first8}{last}"
        if stdnum_bsn.is_valid(candidate):
            return candidate
    return "999990019"


@st.composite
def postcodes(draw) -> str:
    """A Dutch postcode as registers and people write it: '3441 BT', '3441bt', '3441BT'."""
    digits = draw(st.integers(1000, 9999))
    letters = draw(st.text(st.sampled_from("ABCEGHJKLMNPRSTVWXZ"), min_size=2, max_size=2))
    letters = letters.lower() if draw(st.booleans()) else letters
    return f"{digits}{draw(st.sampled_from(['', ' ']))}{letters}"


#: A postcode abroad as the persoonsgegevens form stores it (domain.adres.POSTCODE_BUITENLAND): 1 to 8 characters.
POSTCODES_BUITENLAND = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 \-]{0,7}", fullmatch=True).map(
    lambda p: " ".join(p.split()))
#: The land of the address as the form stores it: NULL (Nederland, as the register gives it), NL, or abroad.
LANDEN = st.sampled_from([None, None, "NL", "BE", "DE", "GB", "SR"])

HUISNUMMERS = st.one_of(st.integers(1, 99999).map(str),
                        st.tuples(st.integers(1, 9999), st.sampled_from(["a", "B", "-2", " bis", "-II", "A-1", " hs"]))
                        .map(lambda t: f"{t[0]}{t[1]}"))


#: Telefoonnummers as the persoonsgegevens form stores them (domain.adres.normal_telefoon): 0 and nine digits.
TELEFOONS = st.from_regex(r"0[1-9][0-9]{8}", fullmatch=True)


@st.composite
def persons(draw) -> Person:
    with_address = draw(st.booleans()) or draw(st.booleans())
    land = draw(LANDEN)
    any_postcode = POSTCODES_BUITENLAND if land not in (None, "NL") else postcodes()
    return Person(
        bsn=draw(bsns()), gemeente_id=1, voornamen=draw(st.one_of(st.just(""), WORDS)),
        voorvoegsel=draw(st.sampled_from([None, "de", "van", "van der", "van den", "in 't", "van de", "ter", "d'"])),
        achternaam=draw(WORDS), geboortedatum=None if _rarely(draw) else draw(st.dates(date(1910, 1, 1), TODAY)),
        geslacht=draw(st.sampled_from([None, *GESLACHTEN, "X"])),
        straat=draw(WORDS) if with_address else draw(st.one_of(st.none(), WORDS)),
        huisnummer=draw(HUISNUMMERS) if with_address else draw(st.one_of(st.none(), HUISNUMMERS)),
        postcode=draw(any_postcode) if with_address else draw(st.one_of(st.none(), any_postcode, WORDS)), land=land,
        woonplaats=draw(WORDS) if with_address else draw(st.one_of(st.none(), WORDS)),
        telefoon=draw(st.one_of(st.none(), TELEFOONS)))


@st.composite
def aanvragen(draw, domein: str) -> tuple[dict, Product]:
    """(the aanvraag form as a consulent fills it in for zorg in natura, its product) in `domein`."""
    _domein, categorie, code, _oms, eenheid, _tarief = draw(st.sampled_from([p for p in PRODUCTEN if p[0] == domein]))
    ingang = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
    data = {
        "aanvraag_ontvangen_op": (ingang - timedelta(days=draw(st.integers(0, 60)))).isoformat(),
        "productcode": code, "leveringsvorm": "zin", "aanbieder": AANBIEDER.agb_code,
        "omvang": draw(st.one_of(st.integers(1, 40), st.integers(0, 99_999_999),
                                 st.floats(0, 1000, allow_nan=False).map(lambda f: round(f, 2)))),
        "eenheid": draw(st.sampled_from([eenheid, "04", "16", "14", "82", "83"])),
        "frequentie": draw(st.sampled_from(["per_week", "per_maand", "totaal_binnen_geldigheidsduur"])),
        "ingangsdatum": ingang.isoformat(), "kosten_per_jaar": draw(st.integers(0, 100_000)),
    }
    einde = None if _rarely(draw) else ingang + timedelta(days=draw(st.integers(-30 if _rarely(draw) else 0, 3 * 365)))
    if einde is not None:
        data["einddatum"] = einde.isoformat()
    return data, Product(domein=domein, productcategorie=categorie, productcode=code, omschrijving=_oms,
                         eenheid=eenheid)


@st.composite
def beschikkingen(draw) -> tuple[str, list]:
    """(domein, 1 to 3 aanvragen for one client in that domein): one 301 carries all their toewijzingen."""
    domein = draw(st.sampled_from(["wmo", "jeugd"]))
    return domein, draw(st.lists(aanvragen(domein), min_size=1, max_size=3))


def _toewijzing(nummer: int, data: dict, product: Product) -> Toewijzing:
    beschikking = Beschikking(besluit="toekennen", **beschikking_fields(data))
    return Toewijzing(toewijzingnummer=nummer, product=product, status="verzonden",
                      toegewezen_op=datetime(2026, 5, 6, 9, 30, tzinfo=timezone.utc),
                      **toewijzing_fields(beschikking, TODAY))


#: Bounded for CI: 150 examples of a few ms each; no example may take 2 s (hypothesis fails it).
@settings(max_examples=150, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
@given(persons(), beschikkingen())
def test_every_301_the_platform_builds_from_its_own_data_passes_the_xsd_and_the_rules(person, aanvragen):
    domein, forms = aanvragen
    toewijzingen = []
    for data, product in forms:
        errors = validate_form(FORM, data, {"producten": [product.productcode], "aanbieders": [AANBIEDER.agb_code]})
        if errors:  # the form refuses it, in Dutch, naming the field: no beschikking, no toewijzing
            assert all(field in FORM["properties"] for field in errors), errors
            event(f"an aanvraag refused by the form: {sorted(errors)}")
            continue
        toewijzingen.append(_toewijzing(FIRST_NUMMER + len(toewijzingen), data, product))
    if not toewijzingen:
        return
    if overlapping_product(toewijzingen) is not None:  # send_301 refuses it (TR302) before building
        event("refused by the service: one product twice in one period (TR302)")
        return
    try:
        message = build_301(WOERDEN, AANBIEDER, person, domein, toewijzingen, TODAY)
    except IncompleteData as exc:  # what the register lacks for a 301, said in Dutch before anything is made
        assert exc.field in ("geboortedatum", "postcode", "adres") and person.naam in str(exc), exc
        event(f"refused by the builder: {exc.field}")
        return
    try:
        xml = checked_xml(message)
    except OutboundRuleFault as exc:
        raise AssertionError(f"the platform built a faulty 301 from {person.__dict__} and {forms}: {exc}") from None
    assert len(validate(xml).message.client.toegewezen_producten) == len(toewijzingen)
    event(f"301 with {len(toewijzingen)} toewijzing(en) built and checked")
