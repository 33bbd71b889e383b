"""Every route of the app, asked with GET as a role that may use it, and the refusals, redirects and error
pages besides, answers with the security headers: the strict page policy (the sandbox policy for stored
documents and files), no framing, nosniff, same-origin referrers, browser features off, and `no-store` on
everything but the static assets."""
import pytest

from app import db
from app.models import Document, HumanTask, ProcessInstance, Toewijzing
from app.services import bijlagen
from app.simulator.berichten import start_zorg
from case_flow import start_case
from exchange_flow import first_of_last_month, toewijzing_sent
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from portal_data import PDF
from retentie_data import concept_list_with
from app.services.betaalbatches import close_betaalbatch, release_betaalbatch
from contract_data import contract_ids
from beoordeling_data import beoordeling_ids
from bezwaar_data import bezwaar_ids
from kwaliteit_data import klacht_ids
from betaling_data import open_batch
from migratie_flow import migration_ids
from proefrit_data import scenario_ids
from publicatie_flow import verzoek_ids

#: Endpoints that send stored content (a beschikking, a bijlage): they get the sandbox policy. (The portal shows
#: the letter inside a page of its own, portal.document, with the page policy.)
STORED_CONTENT = {"documents.show", "documents.pdf", "portal.document_pdf", "portal.bijlage",
                  "inbox.bijlage", "betalingen.download", "api.pain001", "portal.inzage_json"}
#: Who asks each part of the site: a page session ("web", role) or an API token ("api", role / "aanbieder").
ASKER_BY_PREFIX = (
    ("/mijn", ("web", "inwoner")), ("/werkvoorraad/bezwaren", ("web", "jurist")),
    ("/werkvoorraad", ("web", "consulent")), ("/documenten", ("web", "consulent")),
    ("/aanbieder", ("web", "aanbieder")), ("/auth/profiel", ("web", "consulent")),
    ("/betalingen", ("web", "backoffice")), ("/beheer", ("web", "beheerder")), ("/auth/tweede-factor", ("web", "consulent")),
    ("/privacy", ("web", "privacy")), ("/ontwerpen", ("web", "procesontwerper")), ("/api/v1/betaalbatches", ("api", "backoffice")),
    ("/contracten", ("web", "contractmanager")), ("/api/v1/aanbieders", ("api", "contractmanager")),
    ("/api/v1/aanbieder-registraties", ("api", "contractmanager")), ("/api/v1/contract", ("api", "contractmanager")),
    ("/privacy", ("web", "privacy")), ("/api/v1/betaalbatches", ("api", "backoffice")),
    ("/rapportage/termijnen", ("web", "teamleider")), ("/rapportage", ("web", "management")), ("/api/v1/rapportage", ("api", "management")),
    ("/api/v1/mijn", ("api", "inwoner")), ("/api/v1/aanbieder", ("aanbieder", None)),
    ("/api/v1/openapi.json", ("anonymous", None)), ("/api/v1", ("api", "consulent")),
)


def directives(policy: str) -> dict[str, list[str]]:
    """The policy's directives with their sources; like a browser, the first of a repeated directive counts."""
    found = {}
    for part in (p.split() for p in policy.split(";") if p.strip()):
        found.setdefault(part[0].lower(), part[1:])
    return found


def header_problems(response, endpoint: str | None) -> list[str]:
    """What is missing or too weak in the security headers of `response` (empty when all is well)."""
    headers, problems = response.headers, []
    expected = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
    problems += [f"{name}: {headers.get(name)!r}" for name, value in expected.items() if headers.get(name) != value]
    features = dict(item.strip().split("=", 1) for item in headers.get("Permissions-Policy", "").split(","))
    if {"camera", "microphone", "geolocation", "payment", "usb"} - features.keys() \
            or set(features.values()) != {"()"}:
        problems.append(f"Permissions-Policy: {headers.get('Permissions-Policy')!r}")
    if "Strict-Transport-Security" in headers:
        problems.append("HSTS outside production")
    static = endpoint == "static" and response.status_code < 400
    if static == (headers.get("Cache-Control") == "no-store"):
        problems.append(f"Cache-Control: {headers.get('Cache-Control')!r}")
    policy = directives(headers.get("Content-Security-Policy", ""))
    problems += [f"CSP {p}" for p in (stored_policy_problems(policy) if endpoint in STORED_CONTENT
                                      else page_policy_problems(policy))]
    return problems


def page_policy_problems(policy: dict) -> list[str]:
    wanted = {"default-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"],
              "form-action": ["'self'"], "frame-ancestors": ["'none'"]}
    problems = [f"{name} is {policy.get(name)}" for name, value in wanted.items() if policy.get(name) != value]
    for name, sources in policy.items():
        loose = [s for s in sources if s.startswith("'unsafe-") or s in ("*", "http:", "https:", "blob:")
                 or (s == "data:" and name != "img-src")]
        if loose:
            problems.append(f"{name} allows {loose}")
    return problems


def stored_policy_problems(policy: dict) -> list[str]:
    problems = [f"{name} is {policy.get(name)}" for name, value in
                {"default-src": ["'none'"], "frame-ancestors": ["'none'"], "sandbox": []}.items()
                if policy.get(name) != value]
    if set(policy) - {"default-src", "style-src", "img-src", "base-uri", "form-action", "frame-ancestors", "sandbox"}:
        problems.append(f"allows more: {sorted(policy)}")
    if policy.get("img-src", ["data:"]) != ["data:"]:  # the letter's logo, embedded: nothing is loaded
        problems.append(f"img-src is {policy['img-src']}")
    return problems


@pytest.fixture
def ids(app, api_as, users, person) -> dict:
    """A zaak of the demo inwoner with a beschikking, a bijlage and a toewijzing whose 305 the demo aanbieder
    sent; and a second zaak with an open task."""
    consulent = api_as("consulent")
    zaak_id, aanbieder, xml_301 = toewijzing_sent(app, consulent, person)
    toewijzing = db.session.query(Toewijzing).filter_by(zaak_id=zaak_id).one()
    sent = aanbieder.send(start_zorg(xml_301, "S305-1", first_of_last_month()))
    assert sent.status_code == 202, sent.json
    zaak = toewijzing.zaak
    bijlage = bijlagen.add_bijlagen(users["inwoner"], zaak, [bijlagen.Upload("brief.pdf", PDF, "Brief")])[0]
    document = db.session.query(Document).filter_by(zaak_id=zaak_id).first()
    other = start_case(consulent, person.bsn)
    task = db.session.query(HumanTask).filter_by(zaak_id=other["id"], status="open").first()
    instance_id = db.session.query(ProcessInstance.id).filter_by(zaak_id=zaak_id).first()[0]
    from app.services import machtigingen
    machtiging = machtigingen.grant(users["inwoner"], person, bsn="999990019", naam="Kees Bakker", scope="inzien",
                                    geldig_vanaf=None, geldig_tot=None)
    return {"zaak_id": zaak_id, "document_id": document.id, "bijlage_id": bijlage.id, "bericht_id": sent.json["id"],
            "task_id": task.id, "instance_id": instance_id, "machtiging_id": machtiging.id, "token_id": 1,
            "aanbieder": aanbieder, "batch_id": _released_batch(users), "gemeente_id": 1,
            "user_id": users["consulent-oudewater"].id, "person_id": person.id,
            "key": "wmo", "version": 1, "concept_id": _concept(users), "form_key": "triage", "decision": "vier_ogen",
            "toewijzing_id": toewijzing.id,
            **concept_list_with(zaak), **contract_ids(), **_afschriften(users, person),
            **beoordeling_ids(person, toewijzing.id), **migration_ids(users), **scenario_ids(users),
            **verzoek_ids(users), **klacht_ids(toewijzing.id), **bezwaar_ids(users["inwoner"], zaak_id)}


def _afschriften(users, person) -> dict:
    """The inwoner's own PDF afschrift and one the privacy officer made for a written request (each only for its
    maker: the portal's and the privacy officer's pages take their own), each fetched once: its page is then a page
    (the first visit gives the PDF itself, under the stored-content policy)."""
    from app.services import avg_afschrift
    own = avg_afschrift.request_own(users["inwoner"], person)
    avg_afschrift.fetch(users["inwoner"], avg_afschrift.get_afschrift(own.id))
    made = avg_afschrift.request_for_request(users["privacy"], person, "schriftelijk verzoek")
    avg_afschrift.fetch(users["privacy"], avg_afschrift.get_afschrift(made.id))
    return {"afschrift_id": own.id, "verzoek_afschrift_id": made.id}


def _concept(users) -> int:
    """A concept of the Wmo model, uploaded by the procesontwerper."""
    from pathlib import Path

    from app.services.process_concepts import upload_concept
    wmo = (Path(__file__).resolve().parents[2] / "bpmn" / "wmo.bpmn").read_bytes()
    return upload_concept(users["procesontwerper"], "wmo.bpmn", wmo + b"\n").id


def _released_batch(users) -> int:
    """A betaalbatch closed by the backoffice and released by a colleague: its pain.001 can be downloaded."""
    batch_id = open_batch(2, nummer="DNHDR")
    close_betaalbatch(users["backoffice"], batch_id=batch_id)
    release_betaalbatch(users["controller"], batch_id)
    return batch_id


@pytest.fixture
def ask(app, client_as, api_as, ids):
    """`ask(url)`: GET `url` as whoever may use that part of the site."""
    clients = {}

    def client_for(url: str):
        kind, role = next((asker for prefix, asker in ASKER_BY_PREFIX if url.startswith(prefix)), ("anonymous", None))
        if (kind, role) not in clients:
            clients[kind, role] = {"web": lambda: client_as(role), "api": lambda: api_as(role),
                                   "aanbieder": lambda: ids["aanbieder"],
                                   "anonymous": app.test_client}[kind]()
        return clients[kind, role]

    def get(url: str):
        client = client_for(url)
        if hasattr(client, "headers"):  # an API token holder
            return client.client.get(url, headers=client.headers)
        return client.get(url)
    return get


def _url(rule, ids: dict) -> str:
    if rule.endpoint == "static":
        return "/static/css/cumulus.css"
    return rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1]


def test_every_get_route_answers_its_right_user_with_the_security_headers(app, ask, ids):
    problems, answered = {}, {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        url = _url(rule, ids)
        response = ask(url)
        answered[rule.endpoint] = response.status_code
        if found := header_problems(response, rule.endpoint):
            problems[url] = found
    assert problems == {}
    assert {endpoint: status for endpoint, status in answered.items() if status >= 400} == {}
    assert len(answered) > 40


def test_a_post_only_route_asked_with_get_gets_405_with_the_headers(app, ask, ids):
    problems, checked = {}, 0
    with_get = {rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    for rule in app.url_map.iter_rules():
        if rule.rule in with_get:
            continue
        url = _url(rule, ids)
        response = ask(url)
        assert response.status_code == 405, url
        if found := header_problems(response, rule.endpoint):
            problems[url] = found
        checked += 1
    assert problems == {} and checked > 10


@pytest.mark.parametrize("who, url, status", [
    (None, "/bestaat-niet", 404),
    ("consulent", "/bestaat-niet", 404),
    ("consulent", "/werkvoorraad/zaken/999999", 404),
    ("inwoner", "/werkvoorraad/", 403),
    ("inwoner", "/aanbieder/", 403),
    (None, "/werkvoorraad/", 302),
    (None, "/mijn/", 302),
    (None, "/", 302),
    (None, "/api/v1/taken", 401),
    (None, "/api/v1/zaken/999999", 401),
    (None, "/werkvoorraad", 308),
    (None, "/static/bestaat-niet.css", 404),
])
def test_refusals_redirects_and_error_pages_carry_the_headers(app, client_as, who, url, status):
    client = client_as(who) if who else app.test_client()
    response = client.get(url)
    assert response.status_code == status
    endpoint = "static" if url.startswith("/static/") else None
    assert header_problems(response, endpoint) == []


def test_a_failed_login_and_a_form_with_errors_carry_the_headers(app, client_as):
    wrong = app.test_client().post("/auth/inloggen", data={"gebruikersnaam": "consulent", "wachtwoord": "fout"})
    empty = client_as("inwoner").post("/mijn/melding", data={"domein": "", "omschrijving": ""})
    assert wrong.status_code >= 400 and empty.status_code == 400
    assert header_problems(wrong, None) == [] and header_problems(empty, None) == []


def test_static_assets_stay_cacheable_and_pages_do_not(app, client_as):
    asset = app.test_client().get("/static/js/process-diagram.js")
    page = client_as("consulent").get("/werkvoorraad/")
    assert asset.status_code == 200 and "no-store" not in asset.headers.get("Cache-Control", "")
    assert page.headers["Cache-Control"] == "no-store"


def test_a_stored_document_is_sandboxed_and_the_pages_around_it_are_not(app, client_as, ids):
    consulent = client_as("consulent")
    document = consulent.get(f"/documenten/{ids['document_id']}")
    case = consulent.get(f"/werkvoorraad/zaken/{ids['zaak_id']}")
    assert document.status_code == 200 and "<style>" in document.get_data(as_text=True)
    assert "sandbox" in directives(document.headers["Content-Security-Policy"])
    assert directives(document.headers["Content-Security-Policy"])["style-src"] == ["'unsafe-inline'"]
    assert directives(case.headers["Content-Security-Policy"])["style-src"] == ["'self'"]


def test_the_check_itself_notices_weak_headers(app, client_as):
    """The walk above could pass on headers it does not look at; here it must complain."""
    response = client_as("consulent").get("/werkvoorraad/")
    response.headers["Content-Security-Policy"] = response.headers["Content-Security-Policy"].replace(
        "script-src 'self'", "script-src 'self' 'unsafe-inline'")
    response.headers["Cache-Control"] = "private, max-age=60"
    response.headers["Permissions-Policy"] = "camera=(self)"
    del response.headers["X-Frame-Options"]
    problems = header_problems(response, "inbox.index")
    assert len(problems) == 4, problems
    assert header_problems(response, "documents.show")  # a page's policy is not a document's


def test_the_diagram_page_runs_scripts_from_this_origin_only(ids, client_as):
    """The case view is the page that runs bpmn-js (tests/e2e/test_content_security_policy.py draws it)."""
    case = client_as("consulent").get(f"/werkvoorraad/zaken/{ids['zaak_id']}")
    policy = directives(case.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"] and "bpmn-navigated-viewer" in case.get_data(as_text=True)
