"""The inwoner portal in headless Chromium: an inwoner does a melding with her eigen verhaal and a
document, machtigt her son and sees who looked; the son (gemachtigde) chooses 'namens wie', writes to the
consulent on her behalf and loses access when she revokes. axe-core finds no serious problems.

Set CUMULUS_E2E_SHOTS=<folder> to also save screenshots of every page (see test_case_walkthrough.py)."""
import pytest
from test_case_walkthrough import checked, log_in, log_out

from app import db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.browser


def test_an_inwoner_does_a_melding_shares_her_story_and_machtigt_her_son(live_server, page, tmp_path):
    from playwright.sync_api import expect

    log_in(page, live_server, "inwoner")
    page.get_by_role("main").get_by_role("link", name="Melding doen").click()
    expect(page.get_by_role("main")).to_contain_text("Rijnstraat 12")  # what the gemeente knows is shown
    checked(page, "p01-melding")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies Wmo of Jeugd.")
    page.get_by_label("Hulp of ondersteuning thuis (Wmo)").check()
    page.get_by_label("Waar heeft u hulp bij nodig?").fill("Ik kan niet meer zelf douchen.")
    page.get_by_label("Telefoonnummer").fill("0348 123 456")
    page.get_by_label("Uw eigen verhaal").fill("Ik woon alleen sinds mijn man overleed. Mijn zoon helpt.")
    page.get_by_label("Deel mijn eigen verhaal met de consulent van deze melding").check()
    brief = tmp_path / "brief huisarts.pdf"
    brief.write_bytes(PDF)
    page.get_by_label("Documenten (niet verplicht)", exact=True).set_input_files(str(brief))
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("Wij hebben uw melding ontvangen")
    expect(page.get_by_role("list", name="Voortgang van uw zaak").get_by_role("listitem").nth(1)).to_contain_text("Onderzoek (nu bezig)")
    expect(page.get_by_role("link", name="brief_huisarts.pdf")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Mijn zoon helpt.")
    checked(page, "p02-zaak")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Delen en machtigen").click()
    page.get_by_label("Naam van de persoon die u machtigt").fill("Kees Bakker")
    page.get_by_label("BSN van de persoon die u machtigt").fill("999990019")
    page.get_by_label("Meekijken en namens u handelen").check()
    page.get_by_role("button", name="Machtiging geven").click()
    expect(page.get_by_role("status").first).to_contain_text("U heeft Kees Bakker gemachtigd")
    expect(page.get_by_role("list", name="Wie mag nu meekijken of handelen?")).to_contain_text("Actief")
    checked(page, "p03-machtigingen")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Melding doen").click()
    expect(page.get_by_label("Telefoonnummer")).to_have_value("0348 123 456")  # asked once
    expect(page.get_by_label("Uw eigen verhaal")).to_have_value("Ik woon alleen sinds mijn man overleed. Mijn zoon helpt.")
    log_out(page)


def test_the_son_acts_namens_his_mother_until_she_revokes(live_server, page, users):
    from playwright.sync_api import expect

    from app.services import machtigingen, meldingen
    mother = users["inwoner"]
    zaak = meldingen.submit_melding(mother, person_id=mother.person_id, domein="wmo", kanaal="portaal",
                                    omschrijving="Ik kan niet meer zelf douchen.")
    machtigingen.grant(mother, mother.person, bsn="999990019", naam="Kees Bakker", scope="namens_handelen",
                       geldig_vanaf=None, geldig_tot=None)
    machtigingen.link_by_bsn(db.session, users["gemachtigde"], "999990019")  # as his DigiD login does
    db.session.commit()

    log_in(page, live_server, "gemachtigde")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Namens wie?").click()
    checked(page, "p04-namens-wie")
    page.get_by_role("button", name="Johanna Maria Bakker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zaken van Johanna Maria Bakker")
    expect(page.get_by_role("status").first).to_contain_text("U handelt namens Johanna Maria Bakker")
    page.get_by_role("link", name=zaak.zaaknummer).click()
    page.get_by_role("link", name="Berichten met de consulent").click()
    page.get_by_label("Uw bericht aan de consulent").fill("Mijn moeder is dinsdag thuis voor het gesprek.")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_role("main")).to_contain_text("Mijn moeder is dinsdag thuis")
    checked(page, "p05-berichten-namens")
    log_out(page)

    log_in(page, live_server, "inwoner")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wie bekeek mijn gegevens").click()
    log = page.get_by_role("list", name="Wie heeft uw gegevens bekeken of veranderd, nieuwste eerst")
    expect(log).to_contain_text("Gemachtigde (demo)")
    expect(log).to_contain_text(f"Bericht in zaak {zaak.zaaknummer} verstuurd")
    checked(page, "p06-wie-bekeek")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Delen en machtigen").click()
    page.get_by_role("link", name="Intrekken voor Kees Bakker").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Weet u zeker dat u de machtiging van Kees Bakker")
    checked(page, "p07-intrekken-bevestigen")
    page.get_by_role("button", name="Ja, intrekken").click()
    expect(page.get_by_role("status").first).to_contain_text("is ingetrokken")
    log_out(page)

    log_in(page, live_server, "gemachtigde")
    response = page.goto(f"{live_server}/mijn/zaken/{zaak.id}")
    assert response.status == 404
    page.goto(f"{live_server}/mijn/namens")
    expect(page.get_by_role("main")).to_contain_text("Niemand heeft u (nog) gemachtigd")
