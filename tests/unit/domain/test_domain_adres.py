"""A Dutch address as a consulent types it: each wrong part gets its own Dutch message; a right one is
stored as the register and the messages read it."""
import pytest

from app.domain.adres import check_address, huisnummer_text
from app.services.exchange.bericht301 import huis_of

GOOD = {"straat": " Kerkstraat ", "huisnummer": "3", "huisletter": "a", "toevoeging": "2", "postcode": "3441ab",
        "woonplaats": "Woerden"}


def test_a_right_address_is_cleaned_and_its_postcode_written_as_1234_AB():
    clean, errors = check_address(GOOD)
    assert errors == {}
    assert clean["straat"] == "Kerkstraat" and clean["postcode"] == "3441 AB"


@pytest.mark.parametrize("field, value, text", [
    ("postcode", "344 AB", "Nederlandse postcode"), ("postcode", "0441AB", "Nederlandse postcode"),
    ("postcode", "", "Nederlandse postcode"), ("huisnummer", "3a", "getal van 1 tot 99999"),
    ("huisnummer", "0", "getal van 1 tot 99999"), ("huisnummer", "123456", "getal van 1 tot 99999"),
    ("huisletter", "ab", "één letter"), ("toevoeging", "12345", "hoogstens 4"), ("toevoeging", "-", "hoogstens 4"),
    ("straat", "", "Vul de straat in"), ("woonplaats", " ", "Vul de woonplaats in"),
    ("straat", "Kerk\x00straat", "niet is toegestaan"), ("telefoon", "06-1234567", "tien cijfers"),
    ("telefoon", "+44 20 7946 0958", "tien cijfers"), ("telefoon", "bel mij", "tien cijfers")])
def test_each_wrong_part_is_named_in_dutch(field, value, text):
    _, errors = check_address({**GOOD, field: value})
    assert list(errors) == [field] and text in errors[field]


@pytest.mark.parametrize("nummer, letter, toevoeging", [
    ("3", None, None), ("12", "a", None), ("12", None, "2"), ("12", "A", "bis"), ("7", None, "A1"),
    ("99999", "z", "IV")])
def test_the_stored_huisnummer_reads_back_as_the_same_huis_in_a_message(nummer, letter, toevoeging):
    huis = huis_of(huisnummer_text(nummer, letter, toevoeging))
    assert (huis.huisnummer, huis.huisletter, huis.huisnummer_toevoeging) == (int(nummer), letter, toevoeging)


@pytest.mark.parametrize("typed", ["06-12 34 56 78", "+31 (0)6 12345678", "0031612345678", "(06) 12345678"])
def test_a_dutch_telefoonnummer_is_stored_in_digits_as_a_message_carries_it(typed):
    clean, errors = check_address({**GOOD, "telefoon": typed})
    assert errors == {} and clean["telefoon"] == "0612345678"


def test_an_address_abroad_keeps_its_land_and_its_postcode_as_written_there():
    clean, errors = check_address({**GOOD, "land": "be", "postcode": "1000", "woonplaats": "Brussel"}, ("NL", "BE"))
    assert errors == {} and (clean["land"], clean["postcode"]) == ("BE", "1000")
    clean, errors = check_address({**GOOD, "land": "GB", "postcode": "SW1A 1AA"}, ("NL", "GB"))
    assert errors == {} and clean["postcode"] == "SW1A 1AA"


def test_without_a_land_the_address_is_dutch_and_a_land_outside_the_list_is_refused():
    clean, errors = check_address({**GOOD, "postcode": "1000"}, ("NL", "BE"))
    assert clean["land"] == "NL" and "Nederlandse postcode" in errors["postcode"]
    _, errors = check_address({**GOOD, "land": "XX"}, ("NL", "BE"))
    assert list(errors) == ["land"] and "Kies het land" in errors["land"]
    _, errors = check_address({**GOOD, "land": "BE", "postcode": "123456789"}, ("NL", "BE"))
    assert list(errors) == ["postcode"] and "hoogstens 8" in errors["postcode"]
