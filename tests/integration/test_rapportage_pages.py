"""The rapportage on the web and the API (#11): only the management role gets in (an inwoner, aanbieder or
consulent gets 403); a manager of one gemeente gets nothing of another (404, as for a gemeente that does not
exist); a count of 3 shows "< 5" on the page, in the CSV, the XLSX and the JSON, and the total does not give it
away; the budget page stores and audits, and refuses a wrong amount naming the field with nothing stored."""
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app import db
from app.models import AuditRecord, Budget, Gemeente
from app.services.demo_data import OUDEWATER, WOERDEN
from rapportage_data import History, make_history

URLS = ["/rapportage/", "/rapportage/budget", "/rapportage/export?tabel=instroom&formaat=csv",
        "/rapportage/export?tabel=budget&formaat=xlsx"]
API = ["/api/v1/rapportage", "/api/v1/rapportage/instroom"]


@pytest.mark.parametrize("username", ["inwoner", "aanbieder", "consulent", "backoffice", "beheerder", "privacy"])
def test_everyone_without_the_management_role_is_refused(client_as, api_as, username):
    web, api = client_as(username), api_as(username)
    for url in URLS:
        assert web.get(url).status_code == 403, url
    for url in API:
        response = api.get(url)
        assert response.status_code == 403, url  # an inwoner's key is refused before: it reaches /mijn/ only


def test_management_lands_on_the_rapportage_and_reads_every_part(client_as, api_as):
    web = client_as("management")
    assert web.get("/").headers["Location"].endswith("/rapportage/")
    page = web.get("/rapportage/").get_data(as_text=True)
    for heading in ("Instroom en uitstroom", "Doorlooptijd melding tot beschikking", "Wettelijke termijnen gehaald",
                    "Werkvoorraad: open taken naar leeftijd", "Toewijzingen per productcategorie en aanbieder",
                    "Antwoordtijd aanbieders op de toewijzing (302)", "Budget en uitputting",
                    "Doorlooptijd per stap van het proces", "Werkvoorraad per medewerker",
                    "Jeugd: instroom per verwijzer", "Escalaties: termijn overschreden",
                    "Dwangsommen bij niet tijdig beslissen"):
        assert heading in page
    assert "Samenwerkingsverband (Gemeente Oudewater, Gemeente Woerden)" in page
    everything = api_as("management").get("/api/v1/rapportage").json
    assert everything["gemeenten"] == [OUDEWATER, WOERDEN]
    assert len([t for g in everything["groepen"] for t in g["tabellen"]]) == 19  # with the dwangsommen (#17.4)


def test_a_manager_of_one_gemeente_gets_nothing_of_the_other(client_as, api_as):
    make_history()
    web, api = client_as("management-oudewater"), api_as("management-oudewater")
    for url, args in (("/rapportage/", {}), ("/rapportage/export", {"tabel": "instroom"}), ("/rapportage/budget", {})):
        assert web.get(url, query_string={**args, "gemeente": WOERDEN}).status_code == 404, url
        assert web.get(url, query_string={**args, "gemeente": "9999"}).status_code == 404, url  # as for none at all
    assert api.get("/api/v1/rapportage", query_string={"gemeente": WOERDEN}).status_code == 404
    before = db.session.scalar(select(func.count()).select_from(Budget))
    refused = web.post("/rapportage/budget", data={"gemeente": WOERDEN, "jaar": "2026", "budget-01": "5"})
    assert refused.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Budget)) == before
    # Their own figures hold only Oudewater's one zaak and its € 100 of declaraties.
    own = api.get("/api/v1/rapportage/instroom", query_string={"jaar": 2026}).json
    assert own["gemeenten"] == [OUDEWATER] and own["bereik"] == "Gemeente Oudewater"
    assert own["tabel"]["rijen"][-1]["cellen"][0] == {"waarde": None, "afgeschermd": "< 5"}
    spending = api.get("/api/v1/rapportage/uitgaven", query_string={"jaar": 2026, "per": "jaar"}).json
    assert [r["naam"] for r in spending["tabel"]["rijen"]] == ["2024", "2025", "2026", "Totaal"]
    assert spending["tabel"]["rijen"][-1]["cellen"][-1]["afgeschermd"] == "< 5"  # one person: not € 100


def _meldingen(counts: dict[date, int]) -> None:
    """Wmo meldingen of distinct Woerden inwoners on the given days."""
    h = History()
    people = iter(h.people[WOERDEN])
    for day, n in counts.items():
        for _ in range(n):
            h.zaak(next(people), "wmo", day)
    db.session.commit()


ARGS = {"gemeente": WOERDEN, "jaar": 2026, "per": "maand"}


def test_a_count_of_3_shows_less_than_5_and_the_total_does_not_give_it_away(client_as, api_as):
    _meldingen({date(2026, 2, 3): 6, date(2026, 3, 4): 3})
    web = client_as("management")
    page = web.get("/rapportage/", query_string=ARGS).get_data(as_text=True)
    table = page[page.index('id="tabel-instroom"'):]
    table = table[:table.index("</table>")]
    cells = {m.group(1): m.group(2) for m in re.finditer(
        r'<th class="utrecht-table__header-cell" scope="row">([^<]+)</th>\s*<td[^>]*>([^<]*)</td>', table)}
    assert cells["maart 2026"] == "&lt; 5"
    assert cells["februari 2026"] == "afgeschermd"  # else 9 − 6 would give March's 3
    assert cells["Totaal"] == "9"
    csv = web.get("/rapportage/export", query_string={**ARGS, "tabel": "instroom", "formaat": "csv"})
    assert csv.headers["Content-Disposition"] == 'attachment; filename="instroom-0632-2026.csv"'
    lines = csv.get_data().decode("utf-8-sig").splitlines()
    assert lines[0] == "Instroom en uitstroom;Gemeente Woerden"
    assert lines[1] == ("Periode;Wmo: meldingen;Wmo: aanvragen;Wmo: uitstroom;Jeugd: meldingen;Jeugd: aanvragen;"
                        "Jeugd: uitstroom")
    assert lines[2] == "januari 2026;0;0;0;0;0;0"
    assert lines[3] == "februari 2026;afgeschermd;0;0;0;0;0"
    assert lines[4] == "maart 2026;< 5;0;0;0;0;0"
    assert lines[14] == "Totaal;9;0;0;0;0;0"
    sheet = load_workbook(io.BytesIO(web.get("/rapportage/export", query_string={
        **ARGS, "tabel": "instroom", "formaat": "xlsx"}).data)).active
    assert [c.value for c in sheet[4]][:2] == ["februari 2026", "afgeschermd"]
    assert [c.value for c in sheet[5]][:2] == ["maart 2026", "< 5"]
    assert [c.value for c in sheet[15]][:2] == ["Totaal", 9]
    rows = api_as("management").get("/api/v1/rapportage/instroom", query_string=ARGS).json["tabel"]["rijen"]
    assert rows[2]["cellen"][0] == {"waarde": None, "afgeschermd": "< 5"}
    assert rows[1]["cellen"][0] == {"waarde": None, "afgeschermd": "afgeschermd"}
    assert rows[-1]["cellen"][0] == {"waarde": 9, "afgeschermd": None}


def test_no_bsn_or_name_appears_anywhere(client_as, api_as):
    make_history()
    from app.models import Person
    secrets = [s for p in db.session.scalars(select(Person)) for s in (p.bsn, p.achternaam)]
    web = client_as("management")
    bodies = [web.get("/rapportage/", query_string={"jaar": 2026}).get_data(as_text=True),
              api_as("management").get("/api/v1/rapportage", query_string={"jaar": 2026}).get_data(as_text=True)]
    bodies += [web.get("/rapportage/export", query_string={"jaar": 2026, "tabel": key}).get_data().decode("utf-8-sig")
               for key in ("instroom", "uitgaven", "afkeur", "werkvoorraad")]
    assert not [s for s in secrets for body in bodies if s in body]


def test_wrong_filters_are_named_in_dutch(client_as, api_as):
    response = client_as("management").get("/rapportage/", query_string={"jaar": "1999", "per": "week"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Kies bij &#39;Jaar&#39; een jaar van 2015" in page and "Kies bij &#39;Periode&#39; per maand" in page
    problem = api_as("management").get("/api/v1/rapportage", query_string={"categorie": "abc"})
    assert problem.status_code == 422
    assert {p["name"] for p in problem.json["invalid_params"]} == {"categorie"}
    assert client_as("management").get("/rapportage/export?tabel=bestaatniet").status_code == 404
    assert client_as("management").get("/rapportage/export?tabel=instroom&formaat=pdf").status_code == 404


def test_the_controller_sets_the_budget_audited_and_a_wrong_amount_stores_nothing(client_as):
    web = client_as("management")
    woerden = db.session.scalar(select(Gemeente).where(Gemeente.code == WOERDEN))
    wrong = web.post("/rapportage/budget", data={"gemeente": WOERDEN, "jaar": "2026", "budget-01": "1.250.000",
                                                  "budget-02": "twaalf"})
    assert wrong.status_code == 400
    assert "Vul een bedrag in euro in" in wrong.get_data(as_text=True)
    assert 'id="field-budget-02"' in wrong.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Budget).where(Budget.gemeente_id == woerden.id)) == 0
    saved = web.post("/rapportage/budget", data={"gemeente": WOERDEN, "jaar": "2026", "budget-01": "1.250.000",
                                                  "budget-02": "80000,50"})
    assert saved.status_code == 302
    stored = {b.productcategorie: b.bedrag_cent for b in db.session.scalars(
        select(Budget).where(Budget.gemeente_id == woerden.id, Budget.jaar == 2026))}
    assert stored == {"01": 125_000_000, "02": 8_000_050}
    audit = db.session.scalars(select(AuditRecord).where(AuditRecord.action == "budget.wijzigen")).all()
    assert {tuple(r.changes.values())[0][1] for r in audit} == {"1250000.00", "80000.50"}
    assert {r.actor_naam for r in audit} == {"Teamleider en controller (demo)"}
    page = web.get("/rapportage/budget", query_string={"gemeente": WOERDEN, "jaar": 2026}).get_data(as_text=True)
    assert 'value="1.250.000,00"' in page
    table = client_as("management").get("/rapportage/", query_string={"gemeente": WOERDEN, "jaar": 2026})
    assert "€ 1.250.000,00" in table.get_data(as_text=True)


def test_the_openapi_document_describes_the_rapportage(client_as):
    document = client_as("management").get("/api/v1/openapi.json").json
    assert {"/rapportage", "/rapportage/instroom", "/rapportage/budget"} <= set(document["paths"])
    assert "instroom" in document["components"]["schemas"]["RapportageTabel"]["properties"]["sleutel"]["enum"]


def test_a_filter_of_unicode_digits_is_refused_in_dutch_not_a_server_error(api_as, client_as):
    """'²' is str.isdigit() but no number (found by the API fuzz test): the filter is refused like any other."""
    for url in ("/api/v1/rapportage/antwoordtijd?aanbieder=%C2%B2", "/api/v1/rapportage?gemeente=%C2%B2%C2%B2%C2%B2%C2%B2",
                "/api/v1/rapportage/instroom?categorie=%D9%A1%D9%A2"):
        response = api_as("management").get(url)
        assert response.status_code == 422, (url, response.status_code)
    assert client_as("management").get("/rapportage/?jaar=%C2%B2%C2%B2%C2%B2%C2%B2").status_code in (200, 400)
