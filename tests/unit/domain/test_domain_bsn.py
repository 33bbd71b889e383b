"""BSN validation via stdnum with Dutch messages for the UI."""

import pytest

from app.domain.bsn import InvalidBSN, is_valid_bsn, validate_bsn


@pytest.mark.parametrize(("value", "normalised"), [
    ("999900006", "999900006"),
    ("111222333", "111222333"),
    ("999993653", "999993653"),
    ("9999.00.006", "999900006"),
    (" 999 900 006 ", "999900006"),
    ("999-900-006", "999900006"),
])
def test_valid_bsn_is_normalised_to_nine_digits(value, normalised):
    assert validate_bsn(value) == normalised
    assert is_valid_bsn(value)


@pytest.mark.parametrize("value", ["999900007", "123456789", "000000000"])
def test_nine_digits_failing_the_elfproef_get_the_elfproef_message(value):
    with pytest.raises(InvalidBSN) as excinfo:
        validate_bsn(value)
    assert excinfo.value.message == "Dit is geen geldig BSN (elfproef)"
    assert not is_valid_bsn(value)


@pytest.mark.parametrize("value", ["", "12345", "99990000", "1234567890", "99990000a", None])
def test_wrong_length_or_non_digits_get_the_length_message(value):
    with pytest.raises(InvalidBSN, match="Het BSN moet uit 9 cijfers bestaan"):
        validate_bsn(value)
    assert not is_valid_bsn(value)


def test_invalid_bsn_is_a_value_error():
    with pytest.raises(ValueError):
        validate_bsn("999900007")
