"""The demo municipality's cases: one in every stage, made through the real services and messages,
and loading them again adds nothing."""
import pytest

from app import db
from app.models import (Bericht, Betaalbatch, Bezwaar, Document, HumanTask, Opschorting, Prestatie, Toewijzing,
                        Verdaging, Zaak)
from app.services.demo_cases import SCENARIOS, load_demo_cases
from app.services.exchange.outbox import outbound_faults
from exchange_flow import inline_jobs, jobs_in_request  # noqa: F401 — fixtures
from iwmo_messages.report import report


@pytest.fixture(autouse=True)
def _as_flask_seed_runs_it(jobs_in_request):
    """`flask seed` runs its jobs inline: each scenario needs the outcome of its berichten before the next step."""


def _open_tasks() -> list[str]:
    return sorted(t.spec_name for t in db.session.query(HumanTask).filter_by(status="open"))


def test_demo_cases_show_every_stage_and_loading_again_adds_nothing(app):
    assert load_demo_cases() == {"zaken": len(SCENARIOS)}
    db.session.expire_all()
    # the spoed case's onderzoek runs beside its tijdelijke voorziening (Wmo 2015 art. 2.3.3)
    assert _open_tasks() == ["besluit_voorbereiden"] * 3 + ["declaratie_beoordelen", "hoorzitting_verslag"] + [
        "onderzoek_gesprek"] * 2 + ["triage", "verzoek_beoordelen", "vier_ogen_toets"]
    # two are picked up in the demo's wijkteam, so that "Mijn team" shows a colleague's work
    claimed = sorted((t.spec_name, t.assignee.username, t.assignee.team)
                     for t in db.session.query(HumanTask).filter(HumanTask.assignee_id.is_not(None)))
    assert claimed == [("besluit_voorbereiden", "consulent", "Wijkteam Woerden"),
                       ("onderzoek_gesprek", "senior", "Wijkteam Woerden")]
    # a bezwaar runs (Awb 7:2): lodged by the demo inwoner, its hoorzitting planned by the jurist
    [bezwaar] = db.session.query(Bezwaar).all()
    assert bezwaar.hoorzitting_op is not None and bezwaar.uitkomst is None and bezwaar.zaak.bezwaar_sinds is not None
    # one waits for the inwoner's information (Awb 4:15), one was extended with a mededeling (Awb 4:14)
    assert db.session.query(Opschorting).filter(Opschorting.ontvangen_op.is_(None)).count() == 1
    assert db.session.query(Verdaging).count() == 1
    assert {d.soort for d in db.session.query(Document)} >= {"informatieverzoek", "verdaging", "recht_op_aanvraag"}
    statuses = sorted(t.status for t in db.session.query(Toewijzing))
    assert statuses == ["geaccepteerd"] + ["gestart"] * 6 + ["verzonden"] * 3  # the spoed one and the bezwaar case's
    assert {b.status for b in db.session.query(Bericht).filter_by(richting="in")} == {"verwerkt"}
    # one line above the controledrempel waits for the backoffice's "Declaratieregels beoordelen"
    assert sorted(p.status for p in db.session.query(Prestatie)) == ["afgekeurd", "goedgekeurd", "handmatig"]
    [batch] = db.session.query(Betaalbatch).all()
    assert batch.status != "open" and len(batch.regels) == 1
    sent = db.session.query(Bericht).filter_by(richting="uit").all()
    assert {b.nummer for b in sent} >= {"301", "306", "318", "325"}
    assert [(b.id, outbound_faults(b.inhoud)) for b in sent if outbound_faults(b.inhoud)] == []  # XSD + every rule
    received = db.session.query(Bericht).filter_by(richting="in").all()  # the simulated aanbieders' messages
    assert [(b.id, report(b.inhoud).faults) for b in received if report(b.inhoud).faults] == []  # XSD + in-message

    counts = (db.session.query(Zaak).count(), db.session.query(Bericht).count())
    assert load_demo_cases() == {"zaken": 0}
    db.session.expire_all()
    assert (db.session.query(Zaak).count(), db.session.query(Bericht).count()) == counts
