"""The aanbieder simulator against a really running Cumulus over HTTP: it answers the 301, starts
zorg, declares, and its refusals, change requests and faulty messages land as the API promises."""
from datetime import date

import pytest

from app import db
from app.models import Bericht, Declaratie, Toewijzing
from app.services.exchange.tokens import create_aanbieder_token
from app.simulator.aanbieder import Gedrag, SimulatedAanbieder
from app.simulator.cli import demo_tarieven
from app.simulator.client import AanbiederApi
from exchange_flow import AANBIEDER, beschikking
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from live_server import serving


@pytest.fixture
def base_url(app):
    with serving(app) as url:
        yield url


def _simulator(base_url, domein: str, gedrag: Gedrag) -> SimulatedAanbieder:
    agb = AANBIEDER[domein]
    return SimulatedAanbieder(AanbiederApi(base_url, create_aanbieder_token(agb)), agb, demo_tarieven(), gedrag,
                              seed=1, wait_seconds=5)


def _sent(verslag) -> dict[str, str]:
    return {v.bericht: v.retour for v in verslag.verzonden}


@pytest.mark.parametrize("domein,prefix", [("wmo", "WMO"), ("jeugd", "JW")])
def test_the_simulator_carries_a_toewijzing_to_a_declaratie(app, api_as, person, base_url, domein, prefix):
    beschikking(api_as("consulent"), person.bsn, domein)
    verslag = _simulator(base_url, domein, Gedrag(0, 0, 0)).run(today=date.today())
    assert verslag.ontvangen == [f"{prefix}301"]
    assert _sent(verslag) == {f"{prefix}302": "aangenomen", f"{prefix}305": f"{prefix}306 ontvangen",
                              f"{prefix}323": f"{prefix}325 ontvangen"}
    db.session.expire_all()
    assert db.session.query(Toewijzing).one().status == "gestart"
    assert db.session.query(Declaratie).count() == 1
    again = _simulator(base_url, domein, Gedrag(0, 0, 0)).run(today=date.today())
    assert again.ontvangen == [] and again.verzonden == []  # the retouren were fetched as answers


def test_a_refusing_faulty_simulator_refuses_and_its_broken_message_is_refused(app, api_as, person, base_url):
    beschikking(api_as("consulent"), person.bsn)
    verslag = _simulator(base_url, "wmo", Gedrag(weigeren=1, wijzigen=0, foutief=1)).run(today=date.today())
    assert [(v.bericht, v.retour) for v in verslag.verzonden] == [("foutief bericht", "afgekeurd"),
                                                                   ("WMO302", "aangenomen")]
    db.session.expire_all()
    assert db.session.query(Toewijzing).one().status == "afgewezen"
    assert db.session.query(Bericht).filter_by(richting="in", status="afgekeurd").count() == 1


def test_a_simulator_asking_for_a_change_sends_a_317_that_waits_for_a_consulent(app, api_as, person, base_url):
    beschikking(api_as("consulent"), person.bsn)
    verslag = _simulator(base_url, "wmo", Gedrag(weigeren=0, wijzigen=1, foutief=0)).run(today=date.today())
    assert "WMO317" in _sent(verslag)
    tasks = api_as("consulent").get("/api/v1/taken?rol=consulent").json["results"]
    assert [t["taak"] for t in tasks] == ["verzoek_beoordelen"]


def test_a_simulator_answers_the_319_on_its_refused_verzoek_with_a_320(app, api_as, person, base_url):
    consulent = api_as("consulent")
    beschikking(consulent, person.bsn)
    simulator = _simulator(base_url, "wmo", Gedrag(weigeren=0, wijzigen=1, foutief=0))
    simulator.run(today=date.today())
    [task] = consulent.get("/api/v1/taken?rol=consulent").json["results"]
    assert consulent.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": {
        "verzoek_besluit": "afwijzen", "verzoek_reden_afwijzing": "2"}}).status_code == 200
    verslag = simulator.run(today=date.today())
    assert "WMO319" in verslag.ontvangen and _sent(verslag)["WMO320"] == "aangenomen"
    db.session.expire_all()
    assert db.session.query(Bericht).filter_by(richting="uit", nummer="319").one().status == "beantwoord"
