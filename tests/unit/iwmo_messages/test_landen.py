"""The landen of an address are the LandCodes the official XSD accepts, with their names."""
from iwmo_messages.landen import is_landcode, landen


def test_the_landen_are_the_enumeration_of_the_basisschema_with_readable_names():
    found = landen()
    assert len(found) == 249 and (found["NL"], found["BE"], found["DE"]) == ("Nederland", "Belgie", "Duitsland")
    assert found["CD"] == "Congo-Kinshasa" and all(len(code) == 2 and code.isupper() for code in found)


def test_a_code_outside_the_enumeration_is_no_landcode():
    assert is_landcode("SR") and not is_landcode("XX") and not is_landcode("nl") and not is_landcode(None)
