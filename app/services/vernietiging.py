"""Destruction of the zaken of an approved vernietigingslijst (Archiefwet 1995 art. 3; Archiefbesluit 1995
art. 8): each zaak in a transaction of its own, so a crash halfway leaves every zaak either whole or gone — the
line on the list says which ('voorgesteld' or 'vernietigd'), and running the job again goes on where it stopped.

For one zaak, in one transaction:
1. it is judged again (services/retentie.py): a bezwaar or a declaratie that came in after the approval keeps
   it ('overgeslagen', with the reason);
2. every row that hangs off the zaak is deleted — ZAAK_TABLES: its tasks and process, history, termijnen
   (with their opschortingen and verdagingen), ingebrekestellingen with their dwangsom,
   beschikkingen, documents and uploads (the bytes live in these rows), portal messages, toewijzingen, the
   declared lines on them, its iWmo/iJw messages with their retours and repeated copies, and the mails that
   name it;
3. its records in the processing log lose their personal fields (processing_log_chain.erase: the hash chain
   still verifies);
4. when the person has nothing left — no other zaak, no machtiging for someone else, no processing they did
   for another inwoner, no row elsewhere that points at their account — the person goes too (PERSON_TABLES:
   person, account, sessions, keys, machtigingen, profile, mails), every processing record about them is
   erased, and their BSN is cut out of the messages that also name other inwoners (a 323 declaratie and its
   325 answer: their Client element is removed);
5. the management summaries (rapportage/samenvatting.py) are redone for the person (without them if they went),
   and no change mark keeps their BSN;
6. the line keeps only zaaktype, result, Selectielijst category and the year the term started.

tests/integration/test_retentie_vernietiging.py walks Base.metadata: a new table that refers to a zaak or a
person fails there until it is named here (or in KEPT, with the reason)."""
import logging

from lxml import etree
from sqlalchemy import and_, delete, exists, false, func, or_, select, update

from ..models import (Base, Bericht, Bezwaar, Declaratie, Document, HumanTask, Klacht, Machtiging, Person,
                      ProcessingRecord, ProcessInstance, Prestatie, Toewijzing, User, Vernietigingslijst,
                      VernietigingslijstRegel, Zaak)
from ..domain.deadlines import dutch_date
from . import audit
from .clock import now as clock_now
from .processing_log_chain import erase
from .rapportage.samenvatting import redo_person
from .retentie import beoordeel, termijnen
from .uow import unit_of_work

logger = logging.getLogger(__name__)
REDACTED = b"*********"


def _in(column, ids):
    return column.in_(sorted(ids)) if ids else false()


#: What goes with a zaak: table → condition over the ids of `Ids`.
ZAAK_TABLES = {
    # a PDF afschrift of the person holds this zaak too (it would be removed within a day anyway)
    "avg_afschrift": lambda t, s: t.c.person_id == s.person_id,
    # a herindicatie points at the zaak it reviewed and at the zaak it opened: it goes with either
    "herindicatie": lambda t, s: or_(_in(t.c.zaak_id, s.zaken), _in(t.c.nieuwe_zaak_id, s.zaken)),
    # an ingebrekestelling and its dwangsom (Awb 4:17) point at the zaak and at its dwangsom process
    "ingebrekestelling": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "zaak": lambda t, s: _in(t.c.id, s.zaken),
    "termijn": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "zaak_event": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "beschikking": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "document": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "bijlage": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "portaal_bericht": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "gedeeld_verhaal": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "aanvraag_ondertekening": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "zaak_doorbraak": lambda t, s: _in(t.c.zaak_id, s.zaken),
    # a rating of the zaak's care goes with it (a public one counts for 4 years only, shorter than the zaak is kept)
    "beoordeling": lambda t, s: _in(t.c.toewijzing_id, s.toewijzingen),
    "opschorting": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "verdaging": lambda t, s: _in(t.c.zaak_id, s.zaken),
    # a bezwaar and the documents sent with it (the zaak is destroyed only when no bezwaar runs: retentie.py)
    "bezwaar": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "bezwaar_bijlage": lambda t, s: t.c.bezwaar_id.in_(select(Bezwaar.id).where(_in(Bezwaar.zaak_id, s.zaken))),
    "toewijzing": lambda t, s: _in(t.c.id, s.toewijzingen),
    "prestatie": lambda t, s: or_(_in(t.c.toewijzing_id, s.toewijzingen),
                                  and_(t.c.toewijzing_id.is_(None), _in(t.c.toewijzing_nummer, s.nummers))),
    "bericht": lambda t, s: _in(t.c.id, s.berichten),
    "verzoek_referentie": lambda t, s: or_(_in(t.c.bericht_id, s.berichten), _in(t.c.beantwoord_door_id, s.berichten)),
    "klacht": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "klacht_notitie": lambda t, s: t.c.klacht_id.in_(select(Klacht.id).where(_in(Klacht.zaak_id, s.zaken))),
    "process_instance": lambda t, s: _in(t.c.zaak_id, s.zaken),
    # a migration's record of the case holds the state it had before it moved (the run itself names no one)
    "process_migration_case": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "human_task": lambda t, s: _in(t.c.zaak_id, s.zaken),
    "task_draft": lambda t, s: _in(t.c.task_id, s.taken),
    "task_signal": lambda t, s: _in(t.c.task_id, s.taken),
    "message_subscription": lambda t, s: _in(t.c.instance_id, s.processen),
    # mails about the zaak (to the inwoner or to staff) name its zaaknummer
    "outbox_mail": lambda t, s: or_(t.c.subject.contains(s.zaaknummer, autoescape=True),
                                    t.c.body.contains(s.zaaknummer, autoescape=True)),
}
#: What goes with a person who has nothing left.
PERSON_TABLES = {
    "person": lambda t, s: t.c.id == s.person_id,
    "inwoner_profiel": lambda t, s: t.c.person_id == s.person_id,
    "machtiging": lambda t, s: or_(t.c.person_id == s.person_id, _in(t.c.gemachtigde_id, s.accounts)),
    "user_account": lambda t, s: _in(t.c.id, s.accounts),
    "user_gemeente": lambda t, s: _in(t.c.user_id, s.accounts),
    "user_wijk": lambda t, s: _in(t.c.user_id, s.accounts),
    "api_token": lambda t, s: _in(t.c.user_id, s.accounts),
    "web_session": lambda t, s: _in(t.c.user_id, s.accounts),
    "login_attempt": lambda t, s: _in(t.c.username, s.usernames),
    "outbox_mail": lambda t, s: _in(t.c.to_address, s.emails),
    "prestatie": lambda t, s: t.c.bsn == s.bsn,
}
#: Tables about a zaak or person that are not deleted, and what happens to them instead.
KEPT = {
    "processing_record": "the personal fields are erased (processing_log_chain.erase); the chain stays whole",
    "vernietigingslijst_regel": "the line forgets its zaak (zaak_id, einddatum and a reviewer's reason emptied)",
    "declaratie": "the header holds no person; its 325 answer loses the person's Client element",
}


class Ids:
    """The ids one zaak's destruction reaches."""

    def __init__(self, session, zaak: Zaak):
        self.zaken, self.zaaknummer, self.person_id = {zaak.id}, zaak.zaaknummer, zaak.person_id
        self.processen = set(session.scalars(select(ProcessInstance.id).where(ProcessInstance.zaak_id == zaak.id)))
        self.taken = set(session.scalars(select(HumanTask.id).where(HumanTask.zaak_id == zaak.id)))
        rows = session.execute(select(Toewijzing.id, Toewijzing.toewijzingnummer, Toewijzing.bericht_id)
                               .where(Toewijzing.zaak_id == zaak.id)).all()
        self.toewijzingen, self.nummers = {r[0] for r in rows}, {r[1] for r in rows}
        self.berichten = _linked_berichten(session, set(session.scalars(
            select(Bericht.id).where(Bericht.zaak_id == zaak.id))) | {r[2] for r in rows if r[2]})


class PersonIds:
    def __init__(self, session, person: Person):
        accounts = session.execute(select(User.id, User.username, User.email).where(User.person_id == person.id)).all()
        self.person_id, self.bsn = person.id, person.bsn
        self.accounts = {a.id for a in accounts}
        self.usernames = {a.username for a in accounts}
        self.emails = {e for e in [person.email, *(a.email for a in accounts)] if e}


def _linked_berichten(session, ids: set) -> set:
    """`ids` with every message linked to them: their retours, the messages they answer, repeated copies."""
    while True:
        more = set(session.scalars(select(Bericht.id).where(or_(
            _in(Bericht.retour_id, ids), _in(Bericht.duplicaat_van_id, ids),
            Bericht.id.in_(select(Bericht.retour_id).where(_in(Bericht.id, ids))),
            Bericht.id.in_(select(Bericht.duplicaat_van_id).where(_in(Bericht.id, ids))))))) - ids
        if not more:
            return ids
        ids = ids | more


def vernietig_lijst(lijst_id: int) -> int:
    """Destroy the zaken still 'voorgesteld' on an approved list, one transaction each; the number destroyed."""
    with unit_of_work() as session:
        lijst = session.get(Vernietigingslijst, lijst_id)
        if lijst is None or lijst.status != "goedgekeurd":
            return 0
        regel_ids = [r.id for r in lijst.regels if r.status == "voorgesteld"]
    destroyed = 0
    for regel_id in regel_ids:
        try:
            with unit_of_work() as session:
                destroyed += _vernietig_regel(session, regel_id)
        except Exception:  # this zaak stays whole and 'voorgesteld'; the others go on, the tick tries it again
            logger.exception("Destruction of line %s of vernietigingslijst %s failed", regel_id, lijst_id)
    with unit_of_work() as session:
        lijst = session.get(Vernietigingslijst, lijst_id)
        if lijst.status == "goedgekeurd" and not [r for r in lijst.regels if r.status == "voorgesteld"]:
            lijst.status, lijst.vernietigd_op = "vernietigd", clock_now()
            counts = {r.status: 0 for r in lijst.regels}
            for r in lijst.regels:
                counts[r.status] += 1
            audit.record(session, None, "vernietigingslijst.vernietigen", lijst,
                         {"status": ["goedgekeurd", "vernietigd"], **{k: [None, v] for k, v in counts.items()}},
                         by="vernietiging (taak)")
    logger.info("Vernietigingslijst %s: %s zaken destroyed", lijst_id, destroyed)
    return destroyed


def pending_lijsten() -> list[int]:
    """Approved lists whose destruction has not finished (a job lost with its process): for the tick."""
    with unit_of_work() as session:
        return list(session.scalars(select(Vernietigingslijst.id).where(Vernietigingslijst.status == "goedgekeurd")))


def _vernietig_regel(session, regel_id: int) -> int:
    regel = session.get(VernietigingslijstRegel, regel_id, with_for_update=True)
    if regel is None or regel.status != "voorgesteld" or regel.zaak_id is None:
        return 0
    zaak = session.get(Zaak, regel.zaak_id)
    moment = clock_now()
    judged = beoordeel(session, zaak, dutch_date(moment), termijnen(session, zaak.gemeente_id))
    if not judged.due(dutch_date(moment)):
        regel.status = "overgeslagen"
        regel.reden = judged.bezwaar or "De bewaartermijn bleek bij het vernietigen nog niet verstreken."
        return 0
    destroy_zaak(session, zaak)
    regel.status, regel.vernietigd_op, regel.zaak_id, regel.einddatum = "vernietigd", moment, None, None
    return 1


def destroy_zaak(session, zaak: Zaak) -> bool:
    """Remove the zaak and everything about it for good (see the module docstring); True if the person went too."""
    person, zaaknummer, ids = session.get(Person, zaak.person_id), zaak.zaaknummer, Ids(session, zaak)
    documents = set(session.scalars(select(Document.id).where(Document.zaak_id == zaak.id)))
    regels = Base.metadata.tables["vernietigingslijst_regel"]
    # Lines of earlier lists forget the zaak too, and a reviewer's reason for keeping it then (it may name the person).
    session.execute(update(regels).where(regels.c.zaak_id == zaak.id).values(zaak_id=None, einddatum=None, reden=None))
    _delete(session, ZAAK_TABLES, ids)
    erase(session, and_(ProcessingRecord.subject_person_id == person.id, or_(
        and_(ProcessingRecord.object_type == "zaak", ProcessingRecord.object_id == str(zaak.id)),
        ProcessingRecord.object_id == zaaknummer,
        and_(ProcessingRecord.object_type == "taak", _in(ProcessingRecord.object_id, {str(i) for i in ids.taken})),
        and_(ProcessingRecord.object_type == "document", _in(ProcessingRecord.object_id, {str(i) for i in documents})),
        ProcessingRecord.description.contains(zaaknummer, autoescape=True))))
    person_ids = PersonIds(session, person)
    if not _nothing_left(session, person_ids):
        redo_person(session, person_ids.bsn, person.id)  # the management summaries without this zaak's rows
        logger.info("Zaak %s destroyed; person %s keeps other data", zaak.id, person.id)
        return False
    erase(session, or_(ProcessingRecord.subject_person_id == person.id,
                       _in(ProcessingRecord.actor_user_id, person_ids.accounts),
                       _in(ProcessingRecord.on_behalf_of_user_id, person_ids.accounts)))
    _redact_shared_messages(session, zaak.gemeente_id, person_ids.bsn)
    _delete(session, PERSON_TABLES, person_ids)
    redo_person(session, person_ids.bsn, person.id)  # the management summaries count them no more
    logger.info("Zaak %s and its person destroyed", zaak.id)
    return True


def _delete(session, conditions: dict, ids) -> None:
    """Delete in foreign-key order: rows that point at others first."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name in conditions:
            session.execute(delete(table).where(conditions[table.name](table, ids)))


def _nothing_left(session, p: PersonIds) -> bool:
    """No zaak, no machtiging for another, no processing for another, and no other row points at them."""
    if session.scalar(select(exists().where(Zaak.person_id == p.person_id))):
        return False
    if p.accounts and session.scalar(select(exists().where(
            Machtiging.gemachtigde_id.in_(p.accounts), Machtiging.person_id != p.person_id))):
        return False
    if p.accounts and session.scalar(select(exists().where(
            or_(ProcessingRecord.actor_user_id.in_(p.accounts), ProcessingRecord.on_behalf_of_user_id.in_(p.accounts)),
            or_(ProcessingRecord.subject_person_id.is_(None), ProcessingRecord.subject_person_id != p.person_id)))):
        return False
    for table in Base.metadata.sorted_tables:
        if table.name in PERSON_TABLES or table.name == "processing_record":
            continue
        for column in table.columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                refs = {p.person_id} if target == "person" else p.accounts if target == "user_account" else None
                if refs and session.scalar(select(func.count()).select_from(table).where(column.in_(refs))):
                    return False
    return True


def _redact_shared_messages(session, gemeente_id: int, bsn: str) -> None:
    """Cut the person out of the messages that name other inwoners too (not tied to one zaak)."""
    needle = bsn.encode()
    for bericht in session.scalars(select(Bericht).where(Bericht.zaak_id.is_(None), or_(
            Bericht.gemeente_id == gemeente_id, Bericht.gemeente_id.is_(None)))):
        if needle in bericht.inhoud:
            bericht.inhoud = redact(bericht.inhoud, bsn)
    for declaratie in session.scalars(select(Declaratie).where(Declaratie.gemeente_id == gemeente_id,
                                                               Declaratie.antwoord_xml.contains(bsn, autoescape=True))):
        declaratie.antwoord_xml = redact(declaratie.antwoord_xml.encode("utf-8"), bsn).decode("utf-8")


def redact(xml: bytes, bsn: str) -> bytes:
    """`xml` without the Client element(s) of `bsn` (or, outside one, the element holding it); any other
    occurrence of the number is overwritten."""
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError:
        return xml.replace(bsn.encode(), REDACTED)
    for element in [e for e in root.iter() if isinstance(e.tag, str) and (e.text or "").strip() == bsn]:
        target = next((a for a in element.iterancestors() if etree.QName(a).localname == "Client"), element)
        parent = target.getparent()
        if parent is not None:
            parent.remove(target)
        else:
            target.text = REDACTED.decode()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").replace(bsn.encode(), REDACTED)
