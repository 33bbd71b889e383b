"""Which rows of which table are about one person: the parts of the AVG export (art. 15 AVG), each a
table with a condition over the person's `Scope`. A new table that refers to a person or a zaak must be
added here — tests/integration/test_avg_export.py walks the metadata and fails until it is."""
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import Table, false, select, true

from ..models import Base, Bericht, Bezwaar, Declaratie, HumanTask, Person, Prestatie, ProcessInstance, User, Zaak
from .gemeenten import reach


@dataclass(frozen=True)
class Scope:
    """The ids that lead to a person's rows: their accounts, zaken, tasks, processes and declaratie lines."""

    person_id: int
    bsn: str
    emails: tuple
    account_ids: tuple
    usernames: tuple
    zaak_ids: tuple
    task_ids: tuple
    instance_ids: tuple
    bericht_ids: tuple
    declaratie_ids: tuple


@dataclass(frozen=True)
class Part:
    table: str
    titel: str
    #: What these rows are, for the reader of the PDF.
    uitleg: str
    where: Callable[[Table, Scope], object]
    #: Columns left out of the export, with the reason (named in the export itself).
    omit: dict = field(default_factory=dict)
    #: The columns the readable PDF shows, in this order; None: every readable one; (): none (technical rows,
    #: the PDF gives their number and the JSON holds them).
    pdf: tuple | None = None


def _in(column, ids) -> object:
    return column.in_(ids) if ids else false()


def _by_zaak(t, s):
    return _in(t.c.zaak_id, s.zaak_ids)


HASH = "een technische controlewaarde, geen gegeven over u"
MACHTIGING_PDF = ("machtiginggever", "gemachtigde", "wat_mag", "geldig_vanaf", "geldig_tot", "verleend_op",
                  "ingetrokken_op")
PARTS = (
    Part("person", "Persoonsgegevens", "Uw naam, adres en andere gegevens zoals de gemeente ze heeft vastgelegd.",
         lambda t, s: t.c.id == s.person_id),
    Part("inwoner_profiel", "Uw eigen verhaal en contactgegevens", "Wat u zelf in 'Mijn gegevens' heeft ingevuld.",
         lambda t, s: t.c.person_id == s.person_id),
    Part("user_account", "Uw account", "Het account waarmee u inlogt in Mijn zaken.",
         lambda t, s: _in(t.c.id, s.account_ids), omit={"password_hash": "uw wachtwoord wordt alleen versleuteld "
                                                                         "bewaard en kan niemand lezen"}),
    Part("api_token", "Uw API-sleutels", "Sleutels waarmee een programma namens u uw dossier kan opvragen.",
         lambda t, s: _in(t.c.user_id, s.account_ids), omit={"token_hash": HASH}),
    Part("web_session", "Uw inlogsessies", "Wanneer u ingelogd was (zolang de sessie loopt).",
         lambda t, s: _in(t.c.user_id, s.account_ids), omit={"token_hash": HASH}),
    Part("login_attempt", "Inlogpogingen", "Wanneer met uw gebruikersnaam is ingelogd of dat is geprobeerd.",
         lambda t, s: _in(t.c.username, s.usernames)),
    Part("machtiging", "Machtigingen die u gaf", "Wie uw dossier mag inzien of namens u mag handelen.",
         lambda t, s: t.c.person_id == s.person_id, pdf=MACHTIGING_PDF),
    Part("machtiging", "Machtigingen die u kreeg", "Voor wie u mag meekijken of handelen.",
         lambda t, s: _in(t.c.gemachtigde_id, s.account_ids), pdf=MACHTIGING_PDF),
    Part("zaak", "Zaken", "Uw meldingen en aanvragen bij de gemeente.", lambda t, s: _in(t.c.id, s.zaak_ids)),
    Part("termijn", "Termijnen", "De wettelijke termijnen van uw zaken.", _by_zaak,
         pdf=("description", "due", "article", "met_at")),
    Part("opschorting", "Verzoeken om informatie", "Wat de gemeente u vroeg te sturen, tot wanneer, wanneer het "
         "binnen was, en hoe lang de termijn voor het besluit daardoor stilstond (art. 4:15 Awb).", _by_zaak,
         pdf=("omschrijving", "gevraagd_op", "termijn_tot", "ontvangen_op")),
    Part("verdaging", "Verdagingen", "Wanneer de gemeente de termijn voor het besluit verlengde, tot wanneer en "
         "waarom (art. 4:14 Awb).", _by_zaak, pdf=("medegedeeld_op", "oude_datum", "nieuwe_datum", "reden")),
    Part("ingebrekestelling", "Ingebrekestellingen en dwangsommen", "Wanneer u de gemeente in gebreke stelde omdat "
         "het besluit te laat was, tot wanneer de gemeente nog kon beslissen, vanaf wanneer de dwangsom liep en welk "
         "bedrag de gemeente vaststelde (art. 4:17 en 4:18 Awb).", _by_zaak,
         pdf=("ontvangen_op", "ontvangen_via", "hersteltermijn_tot", "eerste_dag", "uitzondering",
              "uitzondering_reden", "laatste_dag", "vastgesteld_bedrag", "vastgesteld_op", "vaststelling_toelichting")),
    Part("bezwaar", "Bezwaren", "Uw bezwaren tegen besluiten van de gemeente: wanneer ze binnenkwamen, uw gronden, "
         "de hoorzitting, het advies van de bezwaarcommissie en de beslissing op bezwaar (art. 6:4 en 7:2-7:12 Awb).",
         _by_zaak, pdf=("ontvangen_op", "kanaal", "gronden", "termijnoverschrijding", "verschoonbaar", "beslistermijn",
                        "verdaagd_tot", "verdaging_reden", "hoorzitting_op", "hoorzitting_verslag", "advies",
                        "uitkomst", "motivering", "bekendgemaakt_op", "beroep_tot")),
    Part("bezwaar_bijlage", "Documenten bij uw bezwaren", "Welke van uw documenten bij een bezwaar horen (de "
         "documenten zelf staan bij 'Documenten die u meestuurde').",
         lambda t, s: t.c.bezwaar_id.in_(select(Bezwaar.id).where(_in(Bezwaar.zaak_id, s.zaak_ids))), pdf=()),
    Part("zaak_event", "Geschiedenis van uw zaken", "Wat er in uw zaken is gebeurd, en wanneer.", _by_zaak,
         pdf=("at", "summary")),
    Part("beschikking", "Beschikkingen", "De besluiten op uw aanvragen.", _by_zaak),
    Part("document", "Documenten", "Brieven van de gemeente, zoals de beschikking. Het bestand zit bij deze export.",
         _by_zaak, omit={"html": "dezelfde inhoud als het PDF-bestand"}),
    Part("bijlage", "Documenten die u meestuurde", "Bestanden die u (of uw gemachtigde) uploadde. Het bestand zit "
         "bij deze export.", _by_zaak),
    Part("portaal_bericht", "Berichten", "Berichten tussen u en de gemeente in Mijn zaken.", _by_zaak),
    Part("gedeeld_verhaal", "Gedeeld eigen verhaal", "Uw eigen verhaal zoals u het deelde met de consulent.", _by_zaak),
    Part("aanvraag_ondertekening", "Ondertekende aanvragen", "Uw handtekening onder het verslag van het gesprek.",
         _by_zaak),
    Part("toewijzing", "Toewijzingen", "Welke zorgaanbieder de toegekende zorg levert.", _by_zaak),
    Part("bericht", "Berichten met zorgaanbieders", "De berichten (iWmo/iJw) die de gemeente en de zorgaanbieder "
         "over uw zorg uitwisselden, met hun inhoud.", _by_zaak),
    Part("verzoek_referentie", "Verzoeken van zorgaanbieders", "Kenmerken van verzoeken om toewijzing of wijziging.",
         lambda t, s: _in(t.c.bericht_id, s.bericht_ids), pdf=()),
    Part("declaratie", "Declaraties", "Declaraties van zorgaanbieders waarop zorg voor u staat (alleen de "
         "kopgegevens: de declaratie noemt ook andere inwoners).", lambda t, s: _in(t.c.id, s.declaratie_ids),
         omit={"antwoord_xml": "het antwoord op de declaratie noemt ook andere inwoners"}),
    Part("prestatie", "Gedeclareerde zorg", "Wat zorgaanbieders voor u declareerden, en het oordeel daarover.",
         lambda t, s: (t.c.bsn == s.bsn) & _in(t.c.declaratie_id, s.declaratie_ids)),
    Part("process_instance", "Processen", "Het werkproces van elke zaak, met de gegevens die erin zijn vastgelegd.",
         _by_zaak, pdf=()),
    Part("process_migration_case", "Verplaatsingen naar een nieuwe procesversie", "Wanneer het werkproces van "
         "een zaak naar een nieuwe versie van het procesmodel is verplaatst (of waarom niet), met de toestand van "
         "daarvoor.", _by_zaak, pdf=("outcome", "reasons", "at", "reverted_at")),
    Part("human_task", "Taken", "De stappen van uw zaken en wat daarbij is ingevuld.", _by_zaak,
         pdf=("title", "status", "created_at", "due_at", "completed_at", "data")),
    Part("task_draft", "Tussentijds opgeslagen taken", "Wat een medewerker al invulde maar nog niet afrondde.",
         lambda t, s: _in(t.c.task_id, s.task_ids)),
    Part("task_signal", "Herinneringen bij taken", "Herinneringen aan medewerkers over termijnen van uw zaken.",
         lambda t, s: _in(t.c.task_id, s.task_ids), pdf=()),
    Part("message_subscription", "Wachtende berichten", "Berichten waarop een proces van uw zaak wacht.",
         lambda t, s: _in(t.c.instance_id, s.instance_ids), pdf=()),
    Part("outbox_mail", "E-mails aan u", "E-mails die de gemeente u stuurde (ze zeggen alleen dát er iets klaarstaat).",
         lambda t, s: _in(t.c.to_address, s.emails)),
    Part("zaak_doorbraak", "Zaken geopend buiten het eigen werk", "Wanneer een medewerker uw zaak opende die niet "
         "bij zijn wijk of werk hoorde, en de reden die hij daarvoor gaf.", _by_zaak, pdf=("at", "reden")),
    Part("vernietigingslijst_regel", "Bewaartermijn van uw zaken", "Of een zaak na afloop van de bewaartermijn is "
         "voorgesteld om te vernietigen (Archiefwet), en de reden als hij langer bewaard blijft.", _by_zaak,
         pdf=("categorie", "jaren", "einddatum", "status", "reden")),
    Part("avg_afschrift", "Afschriften van uw gegevens", "De PDF-afschriften van deze gegevens die zijn "
         "aangevraagd. Ze worden na korte tijd verwijderd.", lambda t, s: t.c.person_id == s.person_id,
         omit={"pdf": "het afschrift zelf: dezelfde gegevens als deze export"},
         pdf=("requested_at", "status", "ready_at", "downloaded_at", "expires_at")),
    Part("klacht", "Klachten en signalen over uw zorg", "Klachten over een zorgaanbieder die u of uw consulent "
         "doorgaf, hoe ver de gemeente ermee is en waarom hij is afgesloten.",
         lambda t, s: (t.c.person_id == s.person_id) | _in(t.c.zaak_id, s.zaak_ids),
         pdf=("geregistreerd_op", "soort", "tekst", "status", "afgesloten_op", "afsluitreden")),
    Part("beoordeling", "Uw beoordelingen van zorgaanbieders", "De sterren en de tekst die u over uw zorgaanbieder "
         "gaf, of de gemeente ze op de sociale kaart plaatste, en het antwoord van de aanbieder.",
         lambda t, s: t.c.person_id == s.person_id,
         pdf=("ingediend_op", "bejegening", "deskundigheid", "afspraken", "tekst", "status", "afwijsreden", "reactie")),
    Part("herindicatie", "Herindicaties", "Wanneer de gemeente met u bekeek of uw voorziening nog past, en wat eruit "
         "kwam.", lambda t, s: _in(t.c.zaak_id, s.zaak_ids) | _in(t.c.nieuwe_zaak_id, s.zaak_ids),
         pdf=("peildatum", "soort", "uitkomst", "reden", "afgerond_op")),
    Part("processing_record", "Wie uw gegevens bekeek of wijzigde", "Elke keer dat iemand uw gegevens bekeek of "
         "wijzigde: wie, wat, waarom en wanneer (het verwerkingenlogboek).",
         lambda t, s: t.c.subject_person_id == s.person_id,
         omit={"prev_hash": HASH, "hash": HASH, "subject_pseudonym": HASH, "personal_digest": HASH,
               "personal_salt": HASH},
         pdf=("at", "wie", "medewerker", "description", "handeling", "waarom")),
)

TABLES = frozenset(part.table for part in PARTS)
#: Columns by name that never leave, in any table: hashes and (encrypted) secrets are no data about the person,
#: and a secret in an export would weaken the account it protects.
SECRET_SUFFIXES = ("_hash", "_secret")
SECRET = "een geheim of een controlewaarde van het systeem, geen gegeven over u"


def omitted(part: Part) -> dict:
    """The columns of `part` left out of the export, each with its reason (the part's own and every secret)."""
    secrets = {c.name: SECRET for c in table(part.table).c if c.name.endswith(SECRET_SUFFIXES)}
    return secrets | part.omit


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def scope_of(session, person: Person, gemeente_reach=None) -> Scope:
    """The ids leading to `person`'s rows. With `gemeente_reach` (a staff user) only the zaken and declaraties of
    the gemeenten that user works for."""
    accounts = session.execute(select(User.id, User.username, User.email).where(User.person_id == person.id)).all()
    zaak_where = reach(gemeente_reach, Zaak.gemeente_id) if gemeente_reach is not None else true()
    zaak_ids = tuple(session.scalars(select(Zaak.id).where(Zaak.person_id == person.id, zaak_where).order_by(Zaak.id)))
    decl_where = reach(gemeente_reach, Declaratie.gemeente_id) if gemeente_reach is not None else true()
    return Scope(
        person_id=person.id, bsn=person.bsn,
        emails=tuple(sorted({e for e in [person.email, *(a.email for a in accounts)] if e})),
        account_ids=tuple(a.id for a in accounts), usernames=tuple(a.username for a in accounts), zaak_ids=zaak_ids,
        task_ids=tuple(session.scalars(select(HumanTask.id).where(_in(HumanTask.zaak_id, zaak_ids)))),
        instance_ids=tuple(session.scalars(select(ProcessInstance.id).where(_in(ProcessInstance.zaak_id, zaak_ids)))),
        bericht_ids=tuple(session.scalars(select(Bericht.id).where(_in(Bericht.zaak_id, zaak_ids)))),
        declaratie_ids=tuple(session.scalars(select(Prestatie.declaratie_id).join(Prestatie.declaratie).where(
            Prestatie.bsn == person.bsn, decl_where).distinct())),
    )
