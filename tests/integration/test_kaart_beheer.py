"""The keeper of the sociale kaart (the contractmanager, /contracten/kaart): only they reach the pages; a new
entry is on the public kaart at once and audited; maatwerk only from an aanbieder with a contract, in its
contracted categories; HTML in a text, an unknown wijk or category and a last-checked date in the future are
each named in Dutch beside the field, what was typed stays and nothing is stored."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app import db
from app.models import Aanbieder, AuditRecord, KaartDienst
from app.services.demo_data import WOERDEN
from contract_data import gemeente_id
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture: jobs on the app's thread, awaited per request
from kaart_data import demo_kaart, entry_named

TODAY = date.today().isoformat()


def _form(**changes) -> dict:
    form = {"gemeente": str(gemeente_id(WOERDEN)), "soort": "initiatief", "domein": "wmo",
            "organisatie": "Stichting Soep (demo)", "naam": "Soep op woensdag", "beschrijving": "Samen soep eten.",
            "doelgroep": "Iedereen uit de wijk.", "aanmelden": "Loop binnen om 12 uur.", "categorieen": ["09"],
            "wijken": ["Centrum"], "straat": "Kerkweg", "huisnummer": "1", "postcode": "3442ae", "plaats": "Woerden",
            "locatie_wijk": "Centrum", "kosten": "Gratis", "gecontroleerd_op": TODAY}
    return form | changes


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(KaartDienst))


@pytest.mark.parametrize("who, status", [("consulent", 403), ("inwoner", 403), ("management", 403),
                                         (None, 302), ("contractmanager", 200)])
def test_only_the_contractmanager_keeps_the_kaart(app, client_as, who, status):
    client = client_as(who) if who else app.test_client()
    assert client.get("/contracten/kaart/").status_code == status
    assert client.post("/contracten/kaart/nieuw", data=_form()).status_code in (status, 302 if status == 200 else status)


def test_a_new_entry_is_on_the_public_kaart_and_audited(app, client_as):
    response = client_as("contractmanager").post("/contracten/kaart/nieuw", data=_form())
    assert response.status_code == 302
    entry = db.session.scalar(select(KaartDienst).where(KaartDienst.naam == "Soep op woensdag"))
    assert entry.locatie.postcode == "3442 AE" and entry.wijk_namen == ["Centrum"] and not entry.beschikking_nodig
    public = app.test_client().get(f"/sociale-kaart/{WOERDEN}/?wijk=Centrum&behoefte=overdag").get_data(as_text=True)
    assert "Soep op woensdag" in public
    [record] = db.session.scalars(select(AuditRecord).where(AuditRecord.object_type == "kaart_dienst",
                                                            AuditRecord.object_id == entry.id)).all()
    assert record.action == "kaart.aanmaken" and record.actor_naam and record.changes["naam"] == [None, "Soep op woensdag"]


def test_marking_an_entry_checked_is_a_change_in_its_history(client_as, app):
    demo_kaart()
    manager = client_as("contractmanager")
    entry = entry_named("Repair Café (demo)")
    page = manager.get(f"/contracten/kaart/{entry.id}").get_data(as_text=True)
    assert "Repair Café (demo)" in page
    from app.services.kaart_beheer import form_of
    form = {k: v for k, v in vars(form_of(entry)).items()} | {"gecontroleerd_op": TODAY}
    form["beschikking_nodig"] = ""
    assert manager.post(f"/contracten/kaart/{entry.id}", data=form).status_code == 302
    db.session.expire_all()
    assert entry_named("Repair Café (demo)").gecontroleerd_op == date.today()
    history = manager.get(f"/contracten/kaart/{entry.id}").get_data(as_text=True)
    assert "Vermelding gewijzigd" in history and "gecontroleerd_op" in history


def test_html_an_unknown_wijk_or_category_and_a_future_date_are_named_beside_their_fields(client_as):
    before = _count()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client_as("contractmanager").post("/contracten/kaart/nieuw", data=_form(
        beschrijving="Soep <script>alert(1)</script>", wijken=["Centrum", "Atlantis"], categorieen=["09", "77"],
        locatie_wijk="Nergenshuizen", gecontroleerd_op=tomorrow))
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and _count() == before
    for fid, text in (("beschrijving", "bevat HTML"), ("wijken", "Deze wijk kennen we niet in Gemeente Woerden: Atlantis"),
                      ("categorieen", "Deze categorie kennen we niet: 77"), ("locatie_wijk", "Deze wijk kennen we niet"),
                      ("gecontroleerd_op", "De controledatum ligt in de toekomst")):
        assert f'id="field-{fid}-error"' in body and text in body, fid
    assert "Soep &lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in body  # what was typed stays, as text
    assert f'value="{tomorrow}"' in body


def test_maatwerk_comes_only_from_a_contracted_aanbieder_in_its_contracted_categories(client_as):
    manager = client_as("contractmanager")
    groene_hart = db.session.scalar(select(Aanbieder).where(Aanbieder.agb_code == "42420001"))
    before = _count()
    nobody = manager.post("/contracten/kaart/nieuw", data=_form(soort="maatwerk", aanbieder_id=""))
    assert nobody.status_code == 400 and "lopend contract" in nobody.get_data(as_text=True)
    uncontracted = manager.post("/contracten/kaart/nieuw", data=_form(
        soort="maatwerk", aanbieder_id=str(groene_hart.id), categorieen=["01", "16"]))
    assert uncontracted.status_code == 400 and "heeft geen contract voor: Opvang" in uncontracted.get_data(as_text=True)
    assert _count() == before
    made = manager.post("/contracten/kaart/nieuw", data=_form(
        soort="maatwerk", aanbieder_id=str(groene_hart.id), categorieen=["01"], naam="Huishoudelijke hulp plus"))
    assert made.status_code == 302
    entry = db.session.scalar(select(KaartDienst).where(KaartDienst.naam == "Huishoudelijke hulp plus"))
    assert entry.organisatie.aanbieder_id == groene_hart.id and entry.beschikking_nodig  # maatwerk: always


def test_another_gemeentes_entry_is_not_there_for_the_keeper(client_as):
    demo_kaart()
    theirs = entry_named("Buurthuis De Brug (demo)", "0589")
    ours = entry_named("Buurthuis De Brug (demo)", WOERDEN)
    oudewater = client_as("contractmanager-oudewater")  # works for Oudewater only
    assert oudewater.get(f"/contracten/kaart/{theirs.id}").status_code == 200
    assert oudewater.get(f"/contracten/kaart/{ours.id}").status_code == 404
    assert oudewater.post(f"/contracten/kaart/{ours.id}", data=_form()).status_code == 404
    listed = oudewater.get("/contracten/kaart/").get_data(as_text=True)
    assert f"/contracten/kaart/{theirs.id}\"" in listed and f"/contracten/kaart/{ours.id}\"" not in listed


def test_a_change_publishes_the_open_data_and_the_export_is_never_older_than_the_entries(app, client_as):
    from app.models import Gemeente, KaartPublicatie
    from app.services import kaart_publicatie
    assert client_as("contractmanager").post("/contracten/kaart/nieuw", data=_form()).status_code == 302
    gemeente = db.session.get(Gemeente, gemeente_id(WOERDEN))
    published = db.session.get(KaartPublicatie, gemeente.id)  # by the job queued after the commit
    assert published is not None and kaart_publicatie.open_data_of(gemeente).published
    assert "Soep op woensdag" in published.json_data.decode()
    entry = entry_named("Soep op woensdag")
    entry.beschrijving = "Samen soep en brood eten."  # changed some other way: no job published it
    db.session.commit()
    served = app.test_client().get(f"/sociale-kaart/open-data/{WOERDEN}.json")
    assert "Samen soep en brood eten." in served.get_data(as_text=True)
    assert served.headers["Link"] == '</sociale-kaart/open-data/schema.json>; rel="describedby"'
