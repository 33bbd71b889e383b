"""The demo shows #17 point 4: the demo inwoner's zaak past its term, with an ingebrekestelling by letter and a
dwangsom running today, on both zaak pages; loading it again adds nothing."""
from datetime import date

from app import db
from app.domain import dwangsom as rule
from app.models import Ingebrekestelling
from app.services.demo_dwangsom import OMSCHRIJVING, load_demo_dwangsom
from exchange_flow import inline_jobs, jobs_in_request  # noqa: F401 — fixtures


def test_the_demo_has_a_late_zaak_with_a_running_dwangsom(app, client_as, jobs_in_request):
    assert load_demo_dwangsom() == {"zaken met een dwangsom": 1}
    assert load_demo_dwangsom() == {"zaken met een dwangsom": 0}
    [row] = db.session.query(Ingebrekestelling).all()
    assert row.zaak.omschrijving == OMSCHRIJVING
    stand = rule.stand(row.ontvangen_op, date.today())
    assert stand.status == rule.LOOPT and 0 < stand.dagen < rule.MAX_DAGEN
    page = client_as("inwoner").get(f"/mijn/zaken/{row.zaak_id}").get_data(as_text=True)
    assert f'<strong class="cumulus-dwangsom-bedrag">{rule.euro(stand.bedrag)}</strong>' in page
    staff = client_as("consulent").get(f"/werkvoorraad/zaken/{row.zaak_id}").get_data(as_text=True)
    assert "De dwangsom loopt:" in staff
