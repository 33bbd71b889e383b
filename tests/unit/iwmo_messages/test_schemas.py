"""The shipped XSDs: they compile, the derived WMO retour XSDs are current and accept the
official WMO retour examples, and the generated models match the XSDs."""
from pathlib import Path

import pytest
from lxml import etree

from iwmo_messages.models import _generate
from iwmo_messages.schemas import derive, message_schema, xsd_path
from iwmo_messages.spec import BERICHTCODE

from iwmo_helpers import DATA

NUMMERS = sorted(BERICHTCODE["iwmo"])


@pytest.mark.parametrize("standaard", ["iwmo", "ijw"])
@pytest.mark.parametrize("nummer", NUMMERS)
def test_every_message_has_a_compiling_xsd(standaard, nummer):
    assert isinstance(message_schema(standaard, nummer), etree.XMLSchema)


@pytest.mark.parametrize("nummer", sorted(derive.DERIVED))
def test_derived_wmo_retour_xsd_is_current_and_marked(nummer):
    path = xsd_path("iwmo", nummer)
    assert path.read_bytes() == derive.derive(nummer)
    assert b"DERIVED, NOT OFFICIAL" in path.read_bytes()


@pytest.mark.parametrize("nummer", sorted(derive.DERIVED))
def test_official_wmo_retour_example_is_valid_against_derived_xsd(nummer):
    doc = etree.parse(str(DATA / "iwmo" / f"WMO{nummer}.xml"))
    schema = message_schema("iwmo", nummer)
    assert schema.validate(doc), schema.error_log


def test_derived_xsd_drops_ijw_only_elements():
    assert b"Woonplaatsbeginsel" not in xsd_path("iwmo", "320").read_bytes()
    assert b"Woonplaatsbeginsel" in xsd_path("ijw", "320").read_bytes()
    assert b"GezagsdragerBekend" not in xsd_path("iwmo", "316").read_bytes()


def test_derived_xsd_uses_wmo_code_lists():
    """An iJw ProductCategorie is invalid in the derived WMO325, an iWmo one valid."""
    text = (DATA / "iwmo" / "WMO325.xml").read_bytes()
    schema = message_schema("iwmo", "325")
    assert schema.validate(etree.fromstring(text))
    bad = text.replace(b"<wmo325:ProductCategorie>01<", b"<wmo325:ProductCategorie>45<")
    assert not schema.validate(etree.fromstring(bad))


def test_generated_models_are_current():
    here = Path(_generate.__file__).parent
    for name, src in _generate.generate().items():
        assert (here / name).read_text(encoding="utf-8") == src, f"regenerate models/{name}"
