"""Test data for the portal tests: a second inwoner with their own account, a zaak with a beschikking
document, a machtiging, a message and an upload — everything one inwoner has that another must not see."""
from app import db
from app.models import Document, Machtiging, Person, PortaalBericht, User, Zaak
from app.services import bijlagen, machtigingen, meldingen, portaal_berichten
from app.services.accounts import hash_password

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
#: The demo gemachtigde's (the son's) BSN: he lives elsewhere, so no person of the demo gemeente has it.
SON_BSN = "999990019"


def second_inwoner() -> User:
    """'inwoner2' (password 'demo'), the account of the second demo person; made once, kept between tests."""
    user = db.session.query(User).filter_by(username="inwoner2").one_or_none()
    if user is None:
        person = db.session.query(Person).order_by(Person.id).offset(1).first()
        user = User(username="inwoner2", display_name=person.naam, roles="inwoner", person_id=person.id,
                    password_hash=hash_password("demo"), is_demo=True)
        db.session.add(user)
        db.session.commit()
    return user


def full_dossier(owner: User, consulent: User, gemachtigde: User) -> dict:
    """A zaak of `owner` with a document, an upload, messages both ways and a machtiging; returns their ids."""
    zaak = meldingen.submit_melding(owner, person_id=owner.person_id, domein="wmo", kanaal="portaal",
                                    omschrijving="Geheime hulpvraag van A: ik kan de trap niet meer op.")
    db.session.add(Document(zaak_id=zaak.id, gemeente_id=zaak.gemeente_id, soort="beschikking", titel="Beschikking A", bestandsnaam="beschikking-a.pdf",
                            html="<p>Beschikking van A</p>", pdf=PDF, sha256="0" * 64))
    db.session.commit()
    document = db.session.query(Document).filter_by(zaak_id=zaak.id).one()
    bijlage = bijlagen.add_bijlagen(owner, zaak, [bijlagen.Upload("brief.pdf", PDF, "Brief huisarts A")])[0]
    portaal_berichten.send(owner, zaak, "Bericht van A aan de consulent", van="inwoner")
    portaal_berichten.send(consulent, zaak, "Antwoord van de consulent aan A", van="gemeente")
    machtiging = machtigingen.grant(owner, db.session.get(Person, owner.person_id), bsn=SON_BSN, naam="Kees Bakker",
                                    scope="namens_handelen", geldig_vanaf=None, geldig_tot=None)
    link_to(gemachtigde)
    bericht = db.session.query(PortaalBericht).filter_by(zaak_id=zaak.id).first()
    return {"zaak_id": zaak.id, "zaaknummer": zaak.zaaknummer, "document_id": document.id, "bijlage_id": bijlage.id,
            "machtiging_id": machtiging.id, "bericht_id": bericht.id, "person_id": owner.person_id,
            "instance_id": _instance_id(zaak)}


def _instance_id(zaak: Zaak) -> int:
    from app.models import ProcessInstance
    return db.session.query(ProcessInstance).filter_by(zaak_id=zaak.id).first().id


def machtiging_of(gemachtigde: User) -> Machtiging:
    return db.session.query(Machtiging).filter_by(gemachtigde_id=gemachtigde.id).order_by(Machtiging.id.desc()).first()


def link_to(gemachtigde: User, bsn: str = SON_BSN) -> None:
    """What the gemachtigde's DigiD login does (services.inwoner_login): machtigingen to `bsn` become theirs."""
    machtigingen.link_by_bsn(db.session, db.session.get(User, gemachtigde.id), bsn)
    db.session.commit()
