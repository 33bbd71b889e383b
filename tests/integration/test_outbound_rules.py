"""The platform sends only messages that pass the standard's own rules: the 301 of a real beschikking
carries the LandCode beside the Postcode (CD005) and an einddatum for a weekly toewijzing (CD076), and
the outbox refuses a 301 that breaks a rule without storing anything."""
from datetime import date

import pytest

from app import db
from app.models import Aanbieder, Bericht, Toewijzing
from app.services.exchange.bericht301 import build_301
from app.services.exchange.outbox import OutboundRuleFault, store_outbound
from app.services.demo_data import WOERDEN
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from exchange_flow import toewijzing_sent
from iwmo_messages import check_rules, validate


@pytest.mark.parametrize("domein", ["wmo", "jeugd"])
def test_the_301_of_a_beschikking_passes_every_in_message_rule(app, api_as, person, domein):
    _zaak_id, _aanbieder, xml = toewijzing_sent(app, api_as("consulent"), person, domein)
    message = validate(xml).message
    assert check_rules(message) == []
    adres = message.client.contactgegevens[0].adres
    assert adres.postcode and adres.land_code == "NL"
    [product] = message.client.toegewezen_producten
    assert product.omvang.frequentie == "2" and product.einddatum is not None


def test_the_outbox_refuses_a_301_that_breaks_a_rule_and_stores_nothing(app, api_as, person):
    zaak_id, _aanbieder, _xml = toewijzing_sent(app, api_as("consulent"), person)
    toewijzing = db.session.query(Toewijzing).filter_by(zaak_id=zaak_id).one()
    toewijzing.einddatum = None  # a weekly toewijzing without its end: CD076
    aanbieder = db.session.get(Aanbieder, toewijzing.aanbieder_id)
    message = build_301(WOERDEN, aanbieder, person, "wmo", [toewijzing], date.today())
    before = db.session.query(Bericht).count()
    with pytest.raises(OutboundRuleFault, match="CD076"):
        store_outbound(db.session, aanbieder.id, message, zaak_id=zaak_id, gemeente_id=toewijzing.gemeente_id)
    db.session.rollback()
    assert db.session.query(Bericht).count() == before
