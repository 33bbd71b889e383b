"""/beheer/gemeenten (#13 point 1): the beheerder of a gemeente changes its letterhead, bezwaar address, theme
colour and logo on a page; the next beschikking, its portal pages and its theme stylesheet show them at once;
bad input is refused in Dutch beside the field with nothing changed; every change is audited old → new; a
beheerder of one gemeente does not find the other's page."""
import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from app import db
from app.models import AuditRecord, Document, Gemeente, Person, User
from app.services.accounts import hash_password
from app.services.demo_data import OUDEWATER, WOERDEN
from exchange_flow import beschikking
from exchange_flow import inline_jobs  # noqa: F401 — autouse fixture
from test_upload_scanning import clamd, scanner_down  # noqa: F401 — fixtures

COLUMNS = ("naam", "iban", "bic", "briefadres", "telefoon", "website", "bezwaar_adres", "bezwaarcommissie", "thema",
           "logo", "logo_png", "logo_sha256")


def _gemeente(code: str) -> Gemeente:
    return db.session.scalar(select(Gemeente).where(Gemeente.code == code))


@pytest.fixture(autouse=True)
def _gemeenten_as_they_were(app):
    """Gemeenten outlive a test (the suite keeps them): put back what a test changed."""
    kept = {g.id: {c: getattr(g, c) for c in COLUMNS} for g in db.session.scalars(select(Gemeente))}
    yield
    db.session.rollback()
    db.session.expire_all()
    for gemeente in db.session.scalars(select(Gemeente)):
        for column, value in kept[gemeente.id].items():
            setattr(gemeente, column, value)
    db.session.commit()


def _beheerder_of(code: str) -> str:
    """A beheerder who works for this one gemeente only (the demo's works for both)."""
    username = f"beheerder-{code}"
    if db.session.scalar(select(User).where(User.username == username)) is None:
        db.session.add(User(username=username, display_name=f"Beheerder {code}", roles="beheerder",
                            password_hash=hash_password("demo"), gemeenten=[_gemeente(code)]))
        db.session.commit()
    return username


def _inwoner_of(code: str) -> tuple[str, Person]:
    person = db.session.scalar(select(Person).where(Person.gemeente_id == _gemeente(code).id).order_by(Person.id))
    username = f"inwoner-{code}"
    if db.session.scalar(select(User).where(User.username == username)) is None:
        db.session.add(User(username=username, display_name="Inwoner", roles="inwoner", person_id=person.id,
                            password_hash=hash_password("demo")))
        db.session.commit()
    return username, person


def _csrf(client, url: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _png(width=300, height=80, colour="#8a1538") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def _form(gemeente: Gemeente, **changes) -> dict:
    data = {"naam": gemeente.naam, "iban": gemeente.iban, "bic": gemeente.bic or "", "briefadres": gemeente.briefadres,
            "telefoon": gemeente.telefoon or "", "website": gemeente.website or "",
            "bezwaar_adres": gemeente.bezwaar_adres, "kleur": (gemeente.thema or {}).get("primary", ""),
            "bezwaarcommissie": "1" if gemeente.bezwaarcommissie else ""}
    data.update(changes)
    return data


def _post(client, gemeente: Gemeente, logo: tuple[str, bytes] | None = None, **changes):
    url = f"/beheer/gemeenten/{gemeente.id}"
    data = {"csrf_token": _csrf(client, url), **_form(gemeente, **changes)}
    if logo is not None:
        data["logo"] = (io.BytesIO(logo[1]), logo[0])
    return client.post(url, data=data, content_type="multipart/form-data")


def _row(code: str) -> dict:
    db.session.expire_all()
    gemeente = _gemeente(code)
    return {c: getattr(gemeente, c) for c in COLUMNS}


def test_the_list_shows_the_own_gemeenten_and_what_they_lack(app, client_as):
    page = client_as(_beheerder_of(OUDEWATER)).get("/beheer/gemeenten").get_data(as_text=True)
    assert "Gemeente Oudewater" in page and "0589" in page and "GM0589" in page
    assert "Gemeente Woerden" not in page
    assert "Huiskleur of logo ontbreekt" in page  # the demo has a colour, but no logo
    both = client_as("beheerder").get("/beheer/gemeenten").get_data(as_text=True)
    assert "Gemeente Woerden" in both and "Gemeente Oudewater" in both
    assert 'href="/beheer/gemeenten"' in both  # in the beheer navigation


def test_a_new_letterhead_and_bezwaar_address_are_in_the_next_beschikking(app, client_as, api_as):
    oudewater = _gemeente(OUDEWATER)
    response = _post(client_as(_beheerder_of(OUDEWATER)), oudewater,
                     briefadres="Postbus 200\r\n3420 DE Oudewater", telefoon="0348 123 456", website="www.oudewater.nl/zorg",
                     bezwaar_adres="Bezwaarcommissie Oudewater\nPostbus 201\n3420 DF Oudewater")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _row(OUDEWATER)["briefadres"] == "Postbus 200\n3420 DE Oudewater"
    person = db.session.scalar(select(Person).where(Person.gemeente_id == oudewater.id).order_by(Person.id))
    zaak_id = beschikking(api_as("consulent-oudewater"), person.bsn)
    letter = db.session.scalar(select(Document.html).where(Document.zaak_id == zaak_id,
                                                           Document.soort == "beschikking"))
    assert "Postbus 200, 3420 DE Oudewater" in letter and "telefoon 0348 123 456" in letter
    assert "www.oudewater.nl/zorg" in letter
    assert "Bezwaarcommissie Oudewater, Postbus 201, 3420 DF Oudewater" in letter
    [record] = db.session.scalars(select(AuditRecord).where(AuditRecord.object_type == "gemeente",
                                                            AuditRecord.object_id == oudewater.id,
                                                            AuditRecord.action == "gemeente.wijzigen"))
    assert record.actor_naam == f"Beheerder {OUDEWATER}"
    assert record.changes["Telefoon"] == ["14 0348", "0348 123 456"]
    assert record.changes["Briefadres"] == ["Postbus 100\n3420 DC Oudewater", "Postbus 200\n3420 DE Oudewater"]
    assert set(record.changes) == {"Briefadres", "Telefoon", "Website", "Bezwaaradres"}


def test_a_theme_colour_and_logo_reach_the_portal_and_the_letter(app, client_as, api_as):
    oudewater = _gemeente(OUDEWATER)
    beheerder = client_as(_beheerder_of(OUDEWATER))
    logo = _png() + b"trailing bytes stay out"
    assert _post(beheerder, oudewater, logo=("wapen.png", logo), kleur="#1F4E79").status_code == 302
    row = _row(OUDEWATER)
    assert row["thema"] == {"primary": "#1f4e79"}
    [record] = db.session.scalars(select(AuditRecord).where(AuditRecord.object_type == "gemeente",
                                                            AuditRecord.object_id == oudewater.id))
    assert record.changes == {"Huiskleur": ["#8a1538", "#1f4e79"],
                              "Logo": [None, f"PNG van 300 × 80 pixels (kenmerk {row['logo_sha256'][:8]})"]}
    assert row["logo_png"].startswith(b"\x89PNG") and b"trailing" not in row["logo_png"]  # written anew
    css = client_as("consulent-oudewater").get(f"/thema/{oudewater.id}.css").get_data(as_text=True)
    assert "--basis-color-accent-1-color-default: #1f4e79;" in css

    username, person = _inwoner_of(OUDEWATER)
    portal = client_as(username).get("/portaal/")
    page = portal.get_data(as_text=True)
    assert f'href="/thema/{oudewater.id}.css"' in page
    assert "img-src 'self'" in portal.headers["Content-Security-Policy"]  # the logo comes from this origin
    [src] = re.findall(r'<img class="cumulus-brand__logo" src="([^"]+)" alt="Logo gemeente Oudewater">', page)
    served = client_as(username).get(src)
    assert served.status_code == 200 and served.mimetype == "image/png" and served.data == row["logo_png"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    woerden = client_as("consulent").get("/werkvoorraad/").get_data(as_text=True)
    assert "Logo gemeente Oudewater" not in woerden and f"/thema/{oudewater.id}.css" not in woerden

    zaak_id = beschikking(api_as("consulent-oudewater"), person.bsn)
    letter = db.session.scalar(select(Document.html).where(Document.zaak_id == zaak_id,
                                                           Document.soort == "beschikking"))
    assert "#1f4e79" in letter and 'src="data:image/png;base64,' in letter

    assert _post(beheerder, _gemeente(OUDEWATER), logo_weg="1").status_code == 302
    assert _row(OUDEWATER)["logo_sha256"] is None
    assert "cumulus-brand__logo" not in client_as(username).get("/portaal/").get_data(as_text=True)


@pytest.mark.parametrize("changes, field, message", [
    ({"iban": "NL00BNGH0285004002"}, "iban", "declaraties betaalt"),
    ({"kleur": "rood"}, "kleur", "#rrggbb"),
    ({"kleur": "#ffcc00"}, "kleur", "te licht"),
    ({"naam": ""}, "naam", "Vul de naam van de gemeente in"),
    ({"website": "javascript:alert(1)"}, "website", "bijvoorbeeld www.woerden.nl"),
    ({"logo": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')}, "logo",
     "Een SVG-logo wordt niet aangenomen"),
    ({"logo": ("logo.png", b"%PDF-1.7 not an image")}, "logo", "is geen PNG-afbeelding (het is een PDF)"),
    ({"logo": ("logo.png", b"\x89PNG\r\n\x1a\n broken")}, "logo", "beschadigd"),
    ({"logo": ("groot.png", bytes(600 * 1024))}, "logo", "groter dan 512 KB"),
    ({"logo": ("breed.png", None)}, "logo", "tussen 16 en 2000 pixels"),
], ids=["iban", "kleur", "contrast", "naam", "website", "svg", "pdf", "kapot", "te-groot", "te-breed"])
def test_bad_input_is_refused_beside_its_field_and_nothing_changes(app, client_as, changes, field, message):
    before = _row(OUDEWATER)
    logo = changes.pop("logo", None)
    if logo is not None and logo[1] is None:
        logo = (logo[0], _png(width=2400, height=60))
    # a good change in the same form is not stored either: nothing half-saved
    response = _post(client_as(_beheerder_of(OUDEWATER)), _gemeente(OUDEWATER), logo=logo,
                     telefoon="0348 999 999", **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(rf'id="field-{field}-error">(.*?)</p>', page, re.S)
    assert error and message in error.group(1), page[:3000]
    assert f'href="#field-{field}"' in page  # in the summary at the top, linked to the field
    assert _row(OUDEWATER) == before
    assert db.session.scalar(select(AuditRecord.id).where(AuditRecord.object_type == "gemeente",
                                                          AuditRecord.action == "gemeente.wijzigen")) is None


def test_a_logo_with_a_virus_in_it_is_refused(app, client_as, clamd):
    """A real PNG that carries the EICAR test string in a text chunk passes the type check; the real clamd
    (started by scripts/clamd.sh) finds it."""
    from PIL.PngImagePlugin import PngInfo
    from test_upload_scanning import EICAR
    info, out = PngInfo(), io.BytesIO()
    info.add_text("Comment", EICAR.decode())
    Image.new("RGB", (300, 80), "#8a1538").save(out, format="PNG", pnginfo=info)
    before = _row(OUDEWATER)
    response = _post(client_as(_beheerder_of(OUDEWATER)), _gemeente(OUDEWATER), logo=("logo.png", out.getvalue()))
    assert response.status_code == 400 and "bevat een virus" in response.get_data(as_text=True)
    assert _row(OUDEWATER) == before


def test_without_a_scanner_in_production_a_logo_is_refused(app, client_as, scanner_down):
    before = _row(OUDEWATER)
    response = _post(client_as(_beheerder_of(OUDEWATER)), _gemeente(OUDEWATER), logo=("logo.png", _png()),
                     telefoon="0348 999 999")
    assert response.status_code == 400 and "virusscanner is op dit moment niet bereikbaar" in response.get_data(as_text=True)
    assert _row(OUDEWATER) == before


def test_a_beheerder_of_woerden_does_not_find_oudewaters_page(app, client_as):
    client = client_as(_beheerder_of(WOERDEN))
    oudewater, before = _gemeente(OUDEWATER), _row(OUDEWATER)
    assert client.get(f"/beheer/gemeenten/{_gemeente(WOERDEN).id}").status_code == 200
    assert client.get(f"/beheer/gemeenten/{oudewater.id}").status_code == 404
    assert client.get("/beheer/gemeenten/2147483000").status_code == 404
    response = client.post(f"/beheer/gemeenten/{oudewater.id}", data={
        "csrf_token": _csrf(client, "/beheer/gemeenten"), **_form(oudewater, naam="Overgenomen")})
    assert response.status_code == 404 and "Oudewater" not in response.get_data(as_text=True)
    assert _row(OUDEWATER) == before
    assert client_as("consulent").get(f"/beheer/gemeenten/{_gemeente(WOERDEN).id}").status_code == 403


def test_the_command_line_checks_a_new_gemeente_the_same_way_and_audits_it(app):
    runner = app.test_cli_runner()
    try:
        refused = runner.invoke(args=["gemeente-toevoegen", "0384", "--naam", "Gemeente Diemen", "--iban",
                                      "NL00ABNA0417164300", "--kleur", "#ffcc00"])
        assert refused.exit_code != 0 and "te licht" in refused.output and "declaraties betaalt" in refused.output
        assert db.session.scalar(select(Gemeente.id).where(Gemeente.code == "0384")) is None
        added = runner.invoke(args=["gemeente-toevoegen", "0384", "--naam", "Gemeente Diemen", "--iban",
                                    "NL91ABNA0417164300", "--kleur", "#00689E"])
        assert added.exit_code == 0, added.output
        diemen = _gemeente("0384")
        [record] = db.session.scalars(select(AuditRecord).where(AuditRecord.object_type == "gemeente",
                                                                AuditRecord.object_id == diemen.id))
        assert (record.action, record.actor_naam) == ("gemeente.toevoegen", "opdrachtregel")
        assert record.changes["CBS-code"] == [None, "0384"] and record.changes["Huiskleur"] == [None, "#00689e"]
    finally:
        db.session.rollback()
        db.session.execute(Gemeente.__table__.delete().where(Gemeente.code == "0384"))
        db.session.commit()
