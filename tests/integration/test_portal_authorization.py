"""Every portal page and every API route, asked by inwoner B with the ids of inwoner A's things:
B never gets anything of A — no page, no file, no name, no text, no change."""
import re

import pytest

from app import db
from app.models import Machtiging, PortaalBericht, ProcessingRecord, Zaak
from portal_data import full_dossier, second_inwoner

#: Text of A's that must never reach B.
SECRETS = ("Geheime hulpvraag van A", "Bericht van A", "Antwoord van de consulent aan A", "Beschikking van A",
           "Brief huisarts A", "%PDF")
ALLOWED_REFUSALS = {302, 400, 401, 403, 404, 405}


def _routes(app):
    """(rule, methods) of every portal and API route, and the documents and inbox routes an inwoner could try."""
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(("/mijn", "/api/v1", "/documenten", "/werkvoorraad")):
            yield rule, sorted(rule.methods - {"HEAD", "OPTIONS"})


def _url(rule, ids: dict) -> str:
    """Fill every <id:name> of the rule with A's id of that kind."""
    params = {"zaak_id": ids["zaak_id"], "document_id": ids["document_id"], "bijlage_id": ids["bijlage_id"],
              "machtiging_id": ids["machtiging_id"], "task_id": _task_id(ids), "instance_id": ids["instance_id"],
              "token_id": 1, "bericht_id": ids["bericht_id"], "person_id": ids["person_id"]}
    values = {}
    for arg in rule.arguments:
        values[arg] = params.get(arg, ids.get(arg, 1))
    return rule.build(values, append_unknown=False)[1]


def _task_id(ids):
    from app.models import HumanTask
    task = db.session.query(HumanTask).filter_by(zaak_id=ids["zaak_id"]).first()
    return task.id if task else 1


@pytest.fixture
def inwoner_b():
    return second_inwoner()


@pytest.fixture
def dossier_a(inwoner_b, users):
    return full_dossier(users["inwoner"], users["consulent"], users["gemachtigde"])


def test_inwoner_b_never_sees_or_changes_anything_of_inwoner_a(app, dossier_a, client_as, api_as):
    browser_b, api_b = client_as("inwoner2"), api_as("inwoner2")
    counts_before = _counts(dossier_a)
    checked = 0
    for rule, methods in _routes(app):
        url = _url(rule, dossier_a)
        for method in methods:
            for client in (browser_b, api_b):
                response = getattr(client, method.lower())(url, **_payload(method, rule))
                body = response.get_data(as_text=True) if response.mimetype.startswith(("text", "application/j")) \
                    else response.get_data().decode("latin-1")
                if rule.endpoint in OWN_PDFS and response.status_code == 200 and response.mimetype == "application/pdf":
                    body = _pdf_contents(response.data)  # B's own afschrift: a PDF, so its words and files are read
                leaked = [s for s in SECRETS + (dossier_a["zaaknummer"], "Johanna") if s in body]
                assert not leaked, f"{method} {url} showed B: {leaked}"
                if any(f"/{dossier_a[k]}" in url for k in ("zaak_id", "document_id", "bijlage_id")) \
                        and re.search(r"<id:(zaak_id|document_id|bijlage_id|machtiging_id)>", rule.rule):
                    assert response.status_code in ALLOWED_REFUSALS, f"{method} {url} gave B {response.status_code}"
                checked += 1
    assert checked > 40
    assert _counts(dossier_a) == counts_before, "B changed something of A"


#: Pages that give B a PDF of B's own (the AVG afschrift; its page gives the file once it is made): "%PDF" is no
#: sign of A's documents there, so the PDF's own text is searched.
OWN_PDFS = {"portal.inzage_pdf", "portal.afschrift"}


def _pdf_contents(data: bytes) -> str:
    """The text of every page and the file names of every attachment, of a PDF that is B's own."""
    import io

    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(data))
    files = [name + content.decode("latin-1") for name, contents in reader.attachments.items() for content in contents]
    return " ".join([page.extract_text() for page in reader.pages] + files)


def test_the_enumeration_covers_every_portal_page(app):
    endpoints = {rule.endpoint for rule, _ in _routes(app)}
    for expected in ("portal.index", "portal.zaak", "portal.document_pdf", "portal.bijlage", "portal.berichten",
                     "portal.machtigingen", "portal.revoke", "portal.verwerkingen_lijst", "portal.gegevens",
                     "portal.new_melding", "portal.namens", "portal.add_bijlagen", "portal.share_verhaal", "portal.zorg", "portal.aanvraag",
                     "portal.inzage", "portal.inzage_pdf", "portal.inzage_json", "portal.verbeteren"):
        assert expected in endpoints


def _payload(method: str, rule) -> dict:
    if method == "GET":
        return {}
    if rule.rule.startswith("/api/"):
        return {"json": {"domein": "wmo", "omschrijving": "B probeert iets", "inwoner_id": 1, "tekst": "B probeert iets"}}
    return {"data": {"tekst": "B probeert iets", "machtiging": "1", "naam": "B", "bsn": "999990020", "bevestigd": "ja",
                     "scope": "inzien",
                     "domein": "wmo", "omschrijving": "B probeert iets", "eigen_verhaal": "van B"}}


def _counts(ids: dict) -> tuple:
    """What B could have changed of A: A's zaken, messages, machtigingen (revoked or new)."""
    db.session.expire_all()
    return (db.session.query(Zaak).filter_by(person_id=ids["person_id"]).count(),
            db.session.query(PortaalBericht).filter_by(zaak_id=ids["zaak_id"]).count(),
            db.session.query(Machtiging).filter_by(person_id=ids["person_id"], ingetrokken_op=None).count(),
            db.session.query(ProcessingRecord).filter_by(subject_person_id=ids["person_id"], actor_role="inwoner",
                                                         action="aanmaken").count())
