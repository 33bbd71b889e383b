"""'Mijn toewijzingen' of an aanbieder with many clients: pages of 50, newest first, a search by toewijzingnummer
or achternaam, only the rows shown in the processing log — and the maanddeclaratie offers every declarable
toewijzing, not the first 200 (an aanbieder with 230 clients could not declare for 30 of them)."""
import re
from datetime import timedelta

import pytest

from app import db
from app.models import ProcessingRecord, Toewijzing
from app.services.exchange.aanbieder import PAGE_SIZE
from exchange_flow import beschikking
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture


@pytest.fixture
def made(api_as, person) -> Toewijzing:
    """The toewijzing of a beschikking the exchange sent as a real 301."""
    beschikking(api_as("consulent"), person.bsn)
    return db.session.query(Toewijzing).one()


def _many(made: Toewijzing, n: int, status: str = "gestart") -> list[int]:
    """n more toewijzingen like `made` (its zaak, 301 and aanbieder), each a minute later than the one before."""
    start = made.toegewezen_op + timedelta(minutes=1)
    rows = [Toewijzing(toewijzingnummer=800000 + i, zaak_id=made.zaak_id, gemeente_id=made.gemeente_id,
                       aanbieder_id=made.aanbieder_id, product_id=made.product_id, ingangsdatum=made.ingangsdatum,
                       einddatum=made.einddatum, status=status, bericht_id=made.bericht_id, volume=made.volume,
                       eenheid=made.eenheid, frequentie=made.frequentie, toegewezen_op=start + timedelta(minutes=i))
            for i in range(n)]
    db.session.add_all(rows)
    db.session.commit()
    return [t.toewijzingnummer for t in rows]


def _nummers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"Toewijzing (\d+) bekijken", html)]


def test_the_list_pages_by_50_newest_first_and_logs_only_what_it_shows(client_as, made):
    nummers = _many(made, 119)  # and the one made: 120
    web = client_as("aanbieder")
    before = db.session.query(ProcessingRecord).filter_by(object_type="toewijzing").count()
    first = web.get("/aanbieder/toewijzingen").get_data(as_text=True)
    shown = _nummers(first)
    assert len(shown) == PAGE_SIZE == 50 and shown[0] == nummers[-1] and shown == sorted(shown, reverse=True)
    assert "Pagina 1 van 3" in first and "Volgende pagina" in first and "Vorige pagina" not in first
    logged = db.session.query(ProcessingRecord).filter_by(object_type="toewijzing").count() - before
    assert logged == 50
    last = web.get("/aanbieder/toewijzingen?pagina=3").get_data(as_text=True)
    assert _nummers(last)[-1] == made.toewijzingnummer and len(_nummers(last)) == 20 and "Volgende pagina" not in last
    assert _nummers(web.get("/aanbieder/toewijzingen?pagina=99").get_data(as_text=True)) == _nummers(last)


def test_a_search_finds_a_toewijzingnummer_or_an_achternaam(client_as, made, person):
    nummers = _many(made, 59)
    web = client_as("aanbieder")
    found = web.get(f"/aanbieder/toewijzingen?zoek={nummers[7]}").get_data(as_text=True)
    assert _nummers(found) == [nummers[7]] and "1 toewijzing aan" in found
    by_name = web.get(f"/aanbieder/toewijzingen?zoek={person.achternaam[:3].lower()}").get_data(as_text=True)
    assert len(_nummers(by_name)) == 50 and "pagina 1 van 2" in by_name
    none = web.get("/aanbieder/toewijzingen?zoek=%25_").get_data(as_text=True)  # LIKE's wildcards are text here
    assert _nummers(none) == [] and "Geen toewijzing gevonden bij" in none
    for odd in ("99999999999999999999", "%C2%B2"):  # too big for the number column; a digit that is no number
        answer = web.get(f"/aanbieder/toewijzingen?zoek={odd}")
        assert answer.status_code == 200 and "Geen toewijzing gevonden bij" in answer.get_data(as_text=True)


def test_the_maanddeclaratie_offers_every_declarable_toewijzing(client_as, made):
    _many(made, 229)
    page = client_as("aanbieder").get(f"/aanbieder/declareren?voor={made.gemeente_id}-wmo").get_data(as_text=True)
    lines = set(re.findall(r'name="(?:volume|tarief)_(\d+)"', page))
    assert made.status == "verzonden" and len(lines) == 229  # every declarable one; the unanswered 301 not
