"""A second stop on one levering, as iwmo_messages' TR413–TR415 judge it with the stop the platform
keeps on the toewijzing: after a temporary stop (reden 20) one final stop may follow, not before the
first one's Einddatum; after a final stop none."""
from datetime import date, timedelta

import pytest

from app import db
from app.models import Toewijzing
from app.simulator.berichten import start_zorg, stop_zorg
from exchange_flow import first_of_last_month, toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import validate

TIJDELIJK, VERHUIZING = "20", "31"


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _codes(aanbieder, sent) -> list[str]:
    retour = validate(aanbieder.retour(sent.json["id"]).data)
    assert retour.valid and retour.nummer == "308"
    return retour.message.client.stop_producten[0].retour_codes if retour.message.client else []


def test_a_temporary_stop_may_be_followed_by_one_final_stop_and_nothing_after_it(app, consulent, person):
    _, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    begin, today = first_of_last_month(), date.today()
    aanbieder.send(start_zorg(xml_301, "S305-1", begin))
    assert _codes(aanbieder, aanbieder.send(stop_zorg(xml_301, "T307-1", begin, today - timedelta(days=5),
                                                      TIJDELIJK))) == []
    again = aanbieder.send(stop_zorg(xml_301, "T307-2", begin, today - timedelta(days=4), TIJDELIJK))
    assert _codes(aanbieder, again) == ["9413"]
    earlier = aanbieder.send(stop_zorg(xml_301, "T307-3", begin, today - timedelta(days=10), VERHUIZING))
    assert _codes(aanbieder, earlier) == ["9414"]
    assert _codes(aanbieder, aanbieder.send(stop_zorg(xml_301, "T307-4", begin, today, VERHUIZING))) == []
    toewijzing = db.session.query(Toewijzing).one()
    assert (toewijzing.stop_zorg, toewijzing.reden_beeindiging) == (today, VERHUIZING)
    assert _codes(aanbieder, aanbieder.send(stop_zorg(xml_301, "T307-5", begin, today, VERHUIZING))) == ["9415"]
