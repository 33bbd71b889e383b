"""The keeper hides a kaart entry (gone from the public kaart, its search and its open data, kept for the keeper,
shown again later) and deletes one after a confirmation; each is audited. Only the gemeente's contractmanager."""
from sqlalchemy import func, select

from app import db
from app.models import AuditRecord, KaartDienst, KaartLocatie
from app.services.demo_data import WOERDEN
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture: jobs on the app's thread, awaited per request
from kaart_data import demo_kaart, entry_named

NAME = "Buurthuis De Brug (demo)"


def _public(app, entry_id: int):
    client = app.test_client()
    return (client.get(f"/sociale-kaart/{WOERDEN}/{entry_id}").status_code,
            NAME in client.get(f"/sociale-kaart/{WOERDEN}/").get_data(as_text=True)
            + client.get(f"/sociale-kaart/{WOERDEN}/?pagina=2").get_data(as_text=True),
            NAME in client.get(f"/sociale-kaart/open-data/{WOERDEN}.json").get_data(as_text=True),
            NAME in client.get(f"/sociale-kaart/open-data/{WOERDEN}.csv").get_data(as_text=True))


def _actions(entry_id: int) -> list[str]:
    return list(db.session.scalars(select(AuditRecord.action).where(AuditRecord.object_type == "kaart_dienst",
                                                                    AuditRecord.object_id == entry_id)
                                   .order_by(AuditRecord.id)))


def test_a_hidden_entry_is_off_the_public_kaart_and_its_open_data_until_shown_again(app, client_as):
    demo_kaart()
    entry = entry_named(NAME)
    assert _public(app, entry.id) == (200, True, True, True)
    keeper = client_as("contractmanager")
    assert keeper.post(f"/contracten/kaart/{entry.id}/zichtbaarheid", data={"tonen": "0"}).status_code == 302
    assert _public(app, entry.id) == (404, False, False, False)
    page = keeper.get(f"/contracten/kaart/{entry.id}").get_data(as_text=True)
    assert "Verborgen" in page and "Weer tonen aan inwoners" in page
    assert "Verborgen" in keeper.get("/contracten/kaart/").get_data(as_text=True)
    keeper.post(f"/contracten/kaart/{entry.id}/zichtbaarheid", data={"tonen": "1"})
    assert _public(app, entry.id) == (200, True, True, True)
    assert _actions(entry.id) == ["kaart.verbergen", "kaart.tonen"]


def test_an_entry_is_deleted_only_after_confirmation_and_the_audit_keeps_what_it_was(app, client_as):
    demo_kaart()
    entry = entry_named(NAME)
    entry_id, locatie_id = entry.id, entry.locatie_id
    keeper = client_as("contractmanager")
    question = keeper.get(f"/contracten/kaart/{entry_id}/verwijderen").get_data(as_text=True)
    assert f"{NAME} verwijderen?" in question and "U kunt dit niet ongedaan maken" in question
    refused = keeper.post(f"/contracten/kaart/{entry_id}/verwijderen", data={})
    assert refused.status_code == 400 and "Vink aan dat u de vermelding echt wilt verwijderen" in refused.get_data(as_text=True)
    assert db.session.get(KaartDienst, entry_id) is not None
    assert keeper.post(f"/contracten/kaart/{entry_id}/verwijderen", data={"bevestigd": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(KaartDienst, entry_id) is None and db.session.get(KaartLocatie, locatie_id) is None
    assert _public(app, entry_id) == (404, False, False, False)
    [record] = db.session.scalars(select(AuditRecord).where(AuditRecord.object_type == "kaart_dienst",
                                                            AuditRecord.object_id == entry_id)).all()
    assert record.action == "kaart.verwijderen" and record.changes["naam"] == [NAME, None] and record.actor_naam


def test_only_the_gemeentes_contractmanager_hides_or_deletes(app, client_as):
    demo_kaart()
    entry = entry_named(NAME)
    count = db.session.scalar(select(func.count()).select_from(KaartDienst))
    for who, status in (("contractmanager-oudewater", 404), ("consulent", 403), ("inwoner", 403)):
        client = client_as(who)
        assert client.post(f"/contracten/kaart/{entry.id}/zichtbaarheid", data={"tonen": "0"}).status_code == status
        assert client.post(f"/contracten/kaart/{entry.id}/verwijderen", data={"bevestigd": "1"}).status_code == status
    assert app.test_client().post(f"/contracten/kaart/{entry.id}/verwijderen", data={"bevestigd": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(KaartDienst)) == count
    assert db.session.get(KaartDienst, entry.id).gepubliceerd
