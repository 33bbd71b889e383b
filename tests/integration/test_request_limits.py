"""Request caps: a body over the cap is refused with 413 before it is read, in Dutch, and stores nothing;
the aanbieder's bericht routes and the portal's upload forms take what they are for."""
from app import db
from app.models import Bericht, Zaak

from exchange_flow import aanbieder_client

MB = 1024 * 1024


def test_an_anonymous_login_body_over_the_cap_is_refused_before_it_is_read(app):
    response = app.test_client().post("/auth/inloggen", data={"gebruikersnaam": "x" * (2 * MB), "wachtwoord": "x"})
    assert response.status_code == 413
    assert "groter dan 1 MB" in response.get_data(as_text=True)


def test_an_api_body_over_the_cap_is_a_dutch_problem_and_makes_no_zaak(api_as, person):
    api = api_as("consulent")
    response = api.post("/api/v1/meldingen", json={"inwoner_id": person.id, "domein": "wmo",
                                                    "omschrijving": "x" * (2 * MB), "kanaal": "telefoon"})
    assert response.status_code == 413 and response.mimetype == "application/problem+json"
    assert response.json["title"] == "Verzoek te groot" and "niets opgeslagen" in response.json["detail"]
    assert db.session.query(Zaak).count() == 0


def test_the_aanbieder_api_takes_a_bericht_larger_than_the_general_cap(app):
    aanbieder = aanbieder_client(app, "42420001")
    padded = b"<?xml version='1.0'?><!-- " + b"x" * (3 * MB) + b" --><Bericht/>"
    response = aanbieder.send(padded)
    assert response.status_code != 413
    assert db.session.query(Bericht).filter_by(richting="in").count() == 1


def test_the_aanbieder_api_refuses_a_body_over_the_bericht_cap_and_stores_nothing(app):
    aanbieder = aanbieder_client(app, "42420001")
    response = aanbieder.send(b"<a>" + b"x" * (27 * MB) + b"</a>")
    assert response.status_code == 413 and "groter dan 26 MB" in response.json["detail"]
    assert db.session.query(Bericht).count() == 0
