"""A granted verzoek om wijziging (317) as the standard wants it honoured (IV093): a new weekly omvang ends
the toewijzing and a new one takes over (OP257, IV066), a new einddatum changes the toewijzing itself
(OP380), and the 317 is answered within 5 werkdagen (OP346)."""
from datetime import date, timedelta

import pytest

from app import db
from app.domain.deadlines import add_working_days
from app.models import Bericht, Toewijzing
from app.simulator.berichten import verzoek_om_wijziging
from exchange_flow import toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from iwmo_messages import validate


@pytest.fixture
def consulent(api_as):
    return api_as("consulent")


def _decide(api, zaak_id: int, **gegevens) -> None:
    [task] = [t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
    assert task["taak"] == "verzoek_beoordelen"
    done = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": gegevens})
    assert done.status_code == 200, done.json


def _the_301(aanbieder):
    [item] = [i for i in aanbieder.outbox("nieuw") if i["bericht"] == "WMO301"]
    result = validate(aanbieder.download(item["id"]).data)
    assert result.valid, result.issues
    return {p.toewijzing_nummer: p for p in result.message.client.toegewezen_producten}


def test_a_vow_raising_the_weekly_volume_ends_the_toewijzing_and_sends_a_new_one(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    old = db.session.query(Toewijzing).one()
    assert old.frequentie == "2"  # per week: a new volume is a new toewijzing (OP257)
    vanaf, einde = date.today() + timedelta(days=14), date.today() + timedelta(days=120)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-OP257", "V317-OP257", date.today(), einddatum=einde,
                                        volume=old.volume + 2, gewenste_ingangsdatum=vanaf))
    _decide(consulent, zaak_id, verzoek_besluit="toekennen")
    ended, new = db.session.query(Toewijzing).order_by(Toewijzing.toewijzingnummer).all()
    assert ended.id == old.id and new.toewijzingnummer != old.toewijzingnummer
    products = _the_301(aanbieder)
    was, now = products[ended.toewijzingnummer], products[new.toewijzingnummer]
    assert (was.einddatum, was.omvang.volume, was.reden_wijziging) == (vanaf - timedelta(days=1), old.volume, "12")
    assert (now.ingangsdatum, now.einddatum, now.omvang.volume, now.omvang.frequentie) == (
        vanaf, einde, old.volume + 2, "2")
    assert now.reden_wijziging is None  # IV099: a new toewijzing has no RedenWijziging
    assert was.referentie_aanbieder == now.referentie_aanbieder == "VOW-OP257"  # IV093


def test_a_vow_changing_the_volume_over_the_whole_period_removes_the_toewijzing_and_replaces_it(app, consulent,
                                                                                               person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    old = db.session.query(Toewijzing).one()
    einde = date.today() + timedelta(days=90)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-HEEL", "V317-HEEL", date.today(), einddatum=einde,
                                        volume=old.volume + 1))
    _decide(consulent, zaak_id, verzoek_besluit="toekennen")
    products = _the_301(aanbieder)
    removed = products[old.toewijzingnummer]
    assert (removed.einddatum, removed.reden_wijziging) == (removed.ingangsdatum, "13")  # counts as never sent
    [now] = [p for n, p in products.items() if n != old.toewijzingnummer]
    assert (now.ingangsdatum, now.einddatum, now.omvang.volume) == (removed.ingangsdatum, einde, old.volume + 1)


def test_a_vow_moving_only_the_einddatum_changes_the_toewijzing_itself(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    old = db.session.query(Toewijzing).one()
    einde = date.today() + timedelta(days=200)
    aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-OP380", "V317-OP380", date.today(), einddatum=einde))
    _decide(consulent, zaak_id, verzoek_besluit="toekennen")
    [same] = db.session.query(Toewijzing).all()
    [product] = _the_301(aanbieder).values()
    assert same.id == old.id and product.toewijzing_nummer == old.toewijzingnummer
    assert (product.einddatum, product.omvang.volume, product.reden_wijziging) == (einde, old.volume, "12")


def test_a_vow_is_to_be_answered_within_5_werkdagen(app, consulent, person):
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    sent = aanbieder.send(verzoek_om_wijziging(xml_301, "VOW-TERM", "V317-TERM", date.today(),
                                               einddatum=date.today() + timedelta(days=60)))
    assert sent.status_code == 202, sent.json
    verzoek = db.session.get(Bericht, sent.json["id"])
    assert verzoek.antwoord_uiterlijk == add_working_days(date.today(), 5)
