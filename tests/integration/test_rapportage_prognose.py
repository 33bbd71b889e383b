"""The forecast of year-end spending and its backtest on the rapportage (#11 point 2): on three years of demo
history the page, the API and the CSV/XLSX give the same figures and say honestly how the forecast does against
the seasonal naive; on a history of a few persons every amount is "< 5" and there is no backtest yet."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from app.services.demo_data import OUDEWATER, WOERDEN
from app.services.demo_history import load_demo_history
from rapportage_data import make_history
from test_demo_history import _delete_cases

ARGS = {"gemeente": WOERDEN, "jaar": date.today().year}


@pytest.fixture
def demo_history(app):
    from sqlalchemy import delete

    from app import db
    from app.models import Person
    made = load_demo_history()
    yield made
    db.session.rollback()
    _delete_cases()
    db.session.execute(delete(Person).where(Person.achternaam == "Demo-inwoner"))
    db.session.commit()


def euro(value: float) -> str:
    return "€ " + f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def test_the_api_the_page_and_the_files_give_the_same_forecast(demo_history, client_as, api_as):
    api, web = api_as("management"), client_as("management")
    forecast = api.get("/api/v1/rapportage/prognose", query_string=ARGS).json["tabel"]
    assert [k["naam"] for k in forecast["kolommen"]][2:6] == [
        "Prognose jaareinde", "Ondergrens (80%)", "Bovengrens (80%)", "Seizoensnaïef"]
    total = forecast["rijen"][-1]
    assert total["naam"] == "Totaal" and all(c["afgeschermd"] is None for c in total["cellen"][:6])
    spent, rest, year_end, low, high, _naive = (c["waarde"] for c in total["cellen"][:6])
    assert year_end == pytest.approx(spent + rest, abs=0.02) and rest > 0 and low < high
    backtest = api.get("/api/v1/rapportage/backtest", query_string=ARGS).json["tabel"]
    counted, mape, naive_mape, mase = (c["waarde"] for c in backtest["rijen"][-1]["cellen"][:4])
    assert counted >= 12  # every month-end of last year forecasting it
    said = "De prognose is dus beter" if mape < naive_mape else "De prognose is dus niet beter"
    assert said in backtest["toelichting"] and (mase < 1) == (mape < naive_mape)
    months = api.get("/api/v1/rapportage/backtest_maanden", query_string=ARGS).json["tabel"]
    assert len(months["rijen"]) == counted

    page = web.get("/rapportage/", query_string=ARGS).get_data(as_text=True)
    assert "Prognose van de uitgaven en backtest" in page and said in page and "Zo rekenen wij" in page
    assert euro(year_end) in page
    csv = web.get("/rapportage/export", query_string={**ARGS, "tabel": "prognose", "formaat": "csv"})
    assert f"Totaal;{euro(spent)};{euro(rest)};{euro(year_end)};" in csv.get_data().decode("utf-8-sig")
    xlsx = web.get("/rapportage/export", query_string={**ARGS, "tabel": "backtest", "formaat": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet["A2"].value == "Productcategorie" and sheet["E2"].value == "MASE methode"
    assert [c.value for c in sheet[sheet.max_row - 2]][0] == "Totaal"


def test_a_forecast_about_few_persons_shows_less_than_5_and_no_backtest_yet(api_as):
    make_history()  # Oudewater: one person, € 100 declared in April
    api = api_as("management-oudewater")
    forecast = api.get("/api/v1/rapportage/prognose", query_string={"gemeente": OUDEWATER,
                                                                     "jaar": date.today().year}).json["tabel"]
    amounts = [c for r in forecast["rijen"] for c in r["cellen"][:6]]
    assert amounts and all(c == {"waarde": None, "afgeschermd": "< 5"} for c in amounts)
    backtest = api.get("/api/v1/rapportage/backtest", query_string={"gemeente": OUDEWATER}).json["tabel"]
    assert "te weinig geschiedenis" in backtest["toelichting"]


def test_a_year_that_is_over_or_not_begun_has_no_forecast_but_says_why(client_as):
    make_history()
    web = client_as("management")
    for jaar, said in ((date.today().year - 1, "is al voorbij"), (date.today().year + 1, "is nog niet begonnen")):
        page = web.get("/rapportage/", query_string={"gemeente": WOERDEN, "jaar": jaar})
        assert page.status_code == 200 and said in page.get_data(as_text=True), jaar


def test_the_openapi_document_has_the_forecast_and_the_backtest(client_as):
    document = client_as("management").get("/api/v1/openapi.json").json
    assert {"/rapportage/prognose", "/rapportage/backtest", "/rapportage/backtest_maanden"} <= set(document["paths"])
    assert "factor" in document["components"]["schemas"]["RapportageTabel"]["properties"]["kolommen"]["items"][
        "properties"]["soort"]["enum"]
