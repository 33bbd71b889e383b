"""Every setting on the beheerder's page reads back what it shows: parse(show(default)) is the default, for each
business rule of app/domain/instellingen.py (a parser that forgets to return its value stores nothing)."""
import pytest

from app.config import Config
from app.domain.instellingen import SETTINGS


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_a_setting_parses_what_it_shows(name):
    spec, default = SETTINGS[name], getattr(Config, name)
    value = spec.parse(spec.show(default))
    assert value is not None
    assert spec.show(value) == spec.show(default)
