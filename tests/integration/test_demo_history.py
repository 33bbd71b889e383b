"""The demo history (`flask seed`): three years of zaken, terms, beschikkingen, toewijzingen and declaraties for both
demo gemeenten, made once, so that the rapportage shows real figures — many above the small-cell threshold."""
import importlib.util
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from app import db
from app.models import Person, Prestatie, Zaak
from app.services.demo_history import MARK, load_demo_history

TODAY = date(2026, 7, 1)


@pytest.fixture
def history(app):
    made = load_demo_history(TODAY)
    yield made
    db.session.rollback()
    _delete_cases()  # the history's persons are in a table that stays between tests: their zaken go first
    db.session.execute(delete(Person).where(Person.achternaam == "Demo-inwoner"))
    db.session.commit()


def _delete_cases() -> None:
    spec = importlib.util.spec_from_file_location("root_conftest", Path(__file__).parents[1] / "conftest.py")
    root = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(root)
    root._delete_cases()


def test_the_history_is_made_once(history):
    assert history["historische zaken"] > 300 and history["historische declaratieregels"] > 500
    assert load_demo_history(TODAY) == {"historische zaken": 0}
    assert db.session.scalar(select(func.count()).select_from(Zaak).where(Zaak.omschrijving.startswith(MARK))) \
        == history["historische zaken"]
    assert db.session.scalar(select(func.max(Zaak.ontvangen_op))) < TODAY
    assert db.session.scalar(select(func.count()).select_from(Prestatie).where(Prestatie.status == "afgekeurd")) > 0


def test_the_rapportage_of_the_history_shows_figures(history):
    from test_rapportage_kpi import scope_for, values  # the scope of 1 July 2026, like the history

    from app.services.rapportage import instroom, termijnen, uitgaven
    scope = scope_for("management", "0632", per="maand")
    meldingen = instroom.instroom_uitstroom(scope)
    shown = [cells[0] for label, cells in meldingen.rows[:6] if cells[0].shown]
    assert len(shown) == 6 and all(c.value >= 5 for c in shown)  # January to June 2026: about 26 a month
    terms = values(termijnen.termijnen(scope))
    assert terms["Totaal"][2] > 100
    assert uitgaven.uitgaven(scope).rows[-1][1][-1].shown
    from app.web.rapportage.charts import bar_chart  # no page request: that would start the letters' job thread
    assert bar_chart(meldingen, "grafiek").count("<rect") > 12


def test_the_forecast_of_the_history_has_a_backtest_over_a_whole_year(history):
    from test_rapportage_kpi import scope_for

    from app.services.rapportage import prognose
    scope = scope_for("management", "0632", per="maand")
    forecast, backtest = prognose.prognose(scope), prognose.backtest(scope)
    total = backtest.rows[-1][1]
    print([(label, [c.value for c in cells]) for label, cells in forecast.rows])
    print([(label, [c.value for c in cells]) for label, cells in backtest.rows])
    print(backtest.note)
    assert total[0].value >= 12  # the month-ends of 2025 (and December 2024) forecasting a complete year
    assert forecast.rows[-1][1][2].shown and forecast.rows[-1][1][2].value > forecast.rows[-1][1][0].value
    assert total[1].value < total[2].value, backtest.note  # the method beats the seasonal naive on the demo


def test_the_demo_ratings_show_averages_for_two_aanbieders_and_too_few_for_the_third(app, history):
    from app.models import Beoordeling
    from app.services.demo_beoordelingen import load_demo_beoordelingen
    from kaart_data import demo_kaart, entry_named
    demo_kaart()
    made = load_demo_beoordelingen()
    assert made["beoordelingen"] > 20 and load_demo_beoordelingen() == {"beoordelingen": 0}
    assert db.session.scalar(select(func.count()).select_from(Beoordeling).where(Beoordeling.status == "te_beoordelen")) >= 3
    client = app.test_client()
    pages = {name: client.get(f"/sociale-kaart/0632/{entry_named(name).id}").get_data(as_text=True)
             for name in ("Hulp bij het huishouden (demo)", "Dagbesteding De Linge (demo)", "Jeugdhulp thuis (demo)")}
    assert "9 inwoners" in pages["Hulp bij het huishouden (demo)"] and "aggregateRating" in pages["Hulp bij het huishouden (demo)"]
    assert "6 inwoners" in pages["Dagbesteding De Linge (demo)"]
    assert "Nog te weinig beoordelingen" in pages["Jeugdhulp thuis (demo)"]
    oudewater = entry_named("Hulp bij het huishouden (demo)", "0589")
    assert "Nog te weinig beoordelingen" in client.get(f"/sociale-kaart/0589/{oudewater.id}").get_data(as_text=True)


def test_the_history_gives_the_quality_page_real_figures_and_the_demo_klachten(history):
    from app.models import Aanbieder, Gemeente, Klacht
    from app.services import kwaliteit
    from app.services.demo_klachten import CONSULENT_KLACHTEN, load_demo_klachten
    woerden = db.session.scalar(select(Gemeente.id).where(Gemeente.code == "0632"))
    periode = kwaliteit.periode_of("12m", TODAY)
    medians = {}
    for agb in ("42420001", "65656055", "41234567"):
        aanbieder = db.session.scalar(select(Aanbieder.id).where(Aanbieder.agb_code == agb))
        f = kwaliteit.kwaliteit(aanbieder, [woerden], periode, TODAY)
        assert f.in_zorg.shown and f.in_zorg.value >= 5 and f.start_mediaan.shown
        medians[agb] = f.start_mediaan.value
    assert medians["42420001"] < medians["65656055"] < medians["41234567"]  # each aanbieder starts at its own pace
    assert load_demo_klachten()["klachten en signalen"] == len(CONSULENT_KLACHTEN)  # no demo cases: no own klacht
    assert load_demo_klachten() == {"klachten en signalen": 0}
    states = sorted(db.session.scalars(select(Klacht.status)))
    assert states.count("afgesloten") == 2 and states.count("in_behandeling") == 1 and states.count("open") == 3
