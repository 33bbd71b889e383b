"""Choosing (#12 point 6): in the portal melding the inwoner may prefer an aanbieder of the sociale kaart (its
contracted maatwerk for the chosen law); the kaart's "Ik wil hulp van deze aanbieder aanvragen" preselects it;
the consulent sees the preference on the zaak and beside the task. A choice off the kaart is named beside the field."""
from sqlalchemy import select

from app import db
from app.models import HumanTask, Zaak
from app.services.demo_data import WOERDEN
from beoordeling_data import aanbieder
from kaart_data import demo_kaart, entry_named


def _melding(client, **extra):
    data = {"domein": "wmo", "omschrijving": "Ik kan niet meer zelf stofzuigen.", **extra}
    return client.post("/mijn/melding", data=data, content_type="multipart/form-data")


def test_the_preference_chosen_from_the_kaart_reaches_the_consulent(app, client_as):
    demo_kaart()
    entry = entry_named("Hulp bij het huishouden (demo)")
    public = app.test_client().get(f"/sociale-kaart/{WOERDEN}/{entry.id}").get_data(as_text=True)
    link = f"/mijn/melding?voorkeur={entry.organisatie.aanbieder_id}&amp;domein=wmo"
    assert "Ik wil hulp van deze aanbieder aanvragen" in public and link in public
    inwoner = client_as("inwoner")
    form = inwoner.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert f'<option value="{entry.organisatie.aanbieder_id}" selected' in form
    assert _melding(inwoner, voorkeur=str(entry.organisatie.aanbieder_id)).status_code == 302
    zaak = db.session.scalar(select(Zaak))
    assert zaak.voorkeur_aanbieder_id == aanbieder("42420001").id
    consulent = client_as("consulent")
    naam = aanbieder("42420001").naam
    zaak_page = consulent.get(f"/werkvoorraad/zaken/{zaak.id}").get_data(as_text=True)
    assert "Voorkeur zorgaanbieder" in zaak_page and naam in zaak_page
    task = db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak.id))
    task_page = consulent.get(f"/werkvoorraad/taken/{task.id}").get_data(as_text=True)
    assert "Voorkeur zorgaanbieder" in task_page and naam in task_page


def test_no_preference_is_fine_and_one_off_the_kaart_is_named_beside_the_field(client_as):
    demo_kaart()
    inwoner = client_as("inwoner")
    jeugd_only = aanbieder("41234567")
    wrong = _melding(inwoner, voorkeur=str(jeugd_only.id))
    body = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and 'id="field-voorkeur-error"' in body and "biedt geen hulp voor Wmo" in body
    unknown = _melding(inwoner, voorkeur="987654")
    assert unknown.status_code == 400 and "staat niet op de sociale kaart van uw gemeente" in unknown.get_data(as_text=True)
    assert db.session.scalar(select(Zaak)) is None
    assert _melding(inwoner).status_code == 302
    assert db.session.scalar(select(Zaak)).voorkeur_aanbieder_id is None
