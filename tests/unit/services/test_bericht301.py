"""What the 301 says about the client, from the register's data: the huisnummer as the BRP splits it,
initials of letters only, gender codes iWmo/iJw has, texts within the standard's lengths."""
from datetime import date

from app.models import Person
from app.services.exchange.bericht301 import _contact, _naam, huis_of, voorletters


def test_a_huisnummer_is_split_into_number_huisletter_and_toevoeging():
    assert (huis_of("12").huisnummer, huis_of("12").huisletter, huis_of("12").huisnummer_toevoeging) == (12, None, None)
    assert (huis_of("12a").huisnummer, huis_of("12a").huisletter) == (12, "a")
    assert huis_of("12-2").huisnummer_toevoeging == "2" and huis_of("12 bis").huisnummer_toevoeging == "bis"
    assert (huis_of("12A-1").huisletter, huis_of("12A-1").huisnummer_toevoeging) == ("A", "1")
    assert huis_of("A1") is None and huis_of(None) is None


def test_initials_are_letters_only_and_at_most_six():
    assert voorletters("Jan-Willem Piet") == "JP"
    assert voorletters("élodie anne") == "ÉA"
    assert voorletters("0 -") is None and voorletters("") is None
    assert voorletters("A B C D E F G H") == "ABCDEF"


def test_gender_9_goes_as_0_and_a_long_street_name_is_cut_to_24():
    person = Person(bsn="999990019", gemeente_id=1, voornamen="Anna", achternaam="Berg", geslacht="9",
                    geboortedatum=date(1958, 12, 1), straat="Burgemeester van Reenensingel-Oost",
                    huisnummer="7 hs", postcode="3443 gh", woonplaats="Woerden")
    assert person.geslacht_code == "0"
    adres = _contact(person).adres
    assert adres.straatnaam == "Burgemeester van Reenens" and len(adres.straatnaam) == 24
    assert (adres.postcode, adres.land_code, adres.huis.huisnummer_toevoeging) == ("3443GH", "NL", "hs")
    assert _naam(person).voorletters == "A"
