"""Helpers for the exchange tests: a case to a beschikking through the API, and an aanbieder
that talks to /api/v1/aanbieder/berichten with its own token."""
from datetime import date, timedelta

import pytest

from app import db
from app.models import Zaak
from case_data import form_data

PRODUCT = {"wmo": "01A03", "jeugd": "45A03"}
AANBIEDER = {"wmo": "42420001", "jeugd": "41234567"}
ONDERZOEK = {"wmo": ("triage", "onderzoek_gesprek", "onderzoek_verslag"), "jeugd": ("triage", "onderzoek_gesprek_jeugd")}


@pytest.fixture(autouse=True)
def inline_jobs(app):
    """Handle each message in the app's own process (no Redis): on its job thread, which the test client
    waits for after each request, so a test reads the outcome at once; test_exchange_worker.py runs the
    same pipeline through a real rq worker."""
    previous, app.config["REDIS_URL"] = app.config["REDIS_URL"], None
    yield
    app.config["REDIS_URL"] = previous


@pytest.fixture
def jobs_in_request(app, inline_jobs):
    """JOBS_INLINE: each job runs in the request that queued it, right after its commit (no job thread)."""
    app.config["JOBS_INLINE"] = True
    yield
    app.config["JOBS_INLINE"] = False


def first_of_last_month() -> date:
    return (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)


def beschikking(api, bsn: str, domein: str = "wmo", ingangsdatum: date | None = None,
                productcode: str | None = None) -> int:
    """Run a new case through the consulent's tasks to a granted beschikking in natura, from the
    first day of last month unless told otherwise (so last month can be declared); the zaak id."""
    response = api.post("/api/v1/meldingen", json={"bsn": bsn, "domein": domein, "kanaal": "telefoon",
                                                   "omschrijving": "Hulp nodig."})
    assert response.status_code == 201, response.json
    zaak_id = response.json["id"]
    for expected in (*ONDERZOEK[domein], "aanvraag_registreren", "besluit_voorbereiden"):
        [task] = [t for t in api.get("/api/v1/taken?rol=consulent").json["results"] if t["zaak_id"] == zaak_id]
        assert task["taak"] == expected
        data = form_data(task["formulier"], kosten=1000)
        if expected == "aanvraag_registreren":
            data.update(productcode=productcode or PRODUCT[domein], aanbieder=AANBIEDER[domein],
                        ingangsdatum=(ingangsdatum or first_of_last_month()).isoformat())
        done = api.post(f"/api/v1/taken/{task['id']}/voltooien", json={"gegevens": data})
        assert done.status_code == 200, done.json
    assert db.session.get(Zaak, zaak_id).beschikkingen
    return zaak_id


class Aanbieder:
    """An aanbieder's system on the API: fetch the outbox, post messages, read retouren."""

    def __init__(self, client, token: str):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def outbox(self, status: str | None = "nieuw") -> list[dict]:
        response = self.client.get("/api/v1/aanbieder/berichten" + (f"?status={status}" if status else ""),
                                   headers=self.headers)
        assert response.status_code == 200, response.json
        return response.json["results"]

    def download(self, bericht_id: int):
        return self.client.get(f"/api/v1/aanbieder/berichten/{bericht_id}", headers=self.headers)

    def send(self, xml: bytes):
        return self.client.post("/api/v1/aanbieder/berichten", data=xml, headers={
            **self.headers, "Content-Type": "application/xml"})

    def retour(self, bericht_id: int):
        return self.client.get(f"/api/v1/aanbieder/berichten/{bericht_id}/retour", headers=self.headers)


def aanbieder_client(app, agb: str) -> Aanbieder:
    """An aanbieder system with a fresh token bound to `agb` (as `flask aanbieder-token` prints it)."""
    from app.services.exchange.tokens import create_aanbieder_token
    return Aanbieder(app.test_client(), create_aanbieder_token(agb))


def toewijzing_sent(app, api, person, domein: str = "wmo") -> tuple[int, Aanbieder, bytes]:
    """A beschikking whose 301 the aanbieder has fetched: (zaak id, aanbieder, the 301)."""
    zaak_id = beschikking(api, person.bsn, domein)
    aanbieder = aanbieder_client(app, AANBIEDER[domein])
    [item] = aanbieder.outbox("nieuw")
    return zaak_id, aanbieder, aanbieder.download(item["id"]).data
