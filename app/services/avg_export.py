"""Inzage (art. 15 AVG): everything the platform holds about one person — personal data, zaken with their
history, beschikkingen, toewijzingen, declaratie lines, documents and uploads (the files themselves),
berichten, machtigingen given and received, task data and the processing log — as machine-readable JSON
and as a readable PDF. Each part names the table it comes from (avg_parts.py says which rows).

The inwoner (or a gemachtigde who may act for them) downloads their own; the privacy officer makes the same
export for a written request, within the gemeenten they work for, with the reason in the processing log."""
import base64
import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..domain import thema
from ..domain.bsn import InvalidBSN, validate_bsn
from ..domain.deadlines import format_date_nl
from ..domain.input import text_problem
from ..domain.policy import MACHTIGING_SCOPES
from ..domain.verwerkingen import WHAT_BY_ACTION, who
from ..models import Aanbieder, Gemeente, Person, ProcessingActivity, Product, User
from ..models.base import utcnow
from . import avg_parts
from .avg_labels import label, value_text
from .beschikking_document import logo_file
from .errors import InvalidInput, NotFound
from .gemeenten import reach
from .processing_log import log_processing
from .uow import unit_of_work

logger = logging.getLogger(__name__)

FORMATS = {"pdf": "application/pdf", "json": "application/json"}
TZ = ZoneInfo("Europe/Amsterdam")
#: The processing log's description holds 300 characters; the reason goes in it whole.
MAX_REDEN = 200
#: Columns that are text kept as bytes (the iWmo/iJw XML as sent or received).
TEXT_BYTES = {("bericht", "inhoud")}
#: Columns the PDF leaves to the JSON file: technical, unreadable, or shown otherwise.
PDF_SKIP = {"id", "sha256", "trace_id", "span_id", "prefix", "state", "correlations", "correlation_key",
            "lock_version", "inhoud", "pdf", "task_uuid", "instructions"}


@dataclass(frozen=True)
class Onderdeel:
    """One part of the export: the rows of one table about the person."""

    part: avg_parts.Part
    rows: list


@dataclass(frozen=True)
class Afschrift:
    person: Person
    gemeente: Gemeente
    gemaakt_op: datetime
    #: Who asked: 'de inwoner zelf', 'gemachtigde …', or the privacy officer's written request.
    verzoek: str
    onderdelen: list


@dataclass(frozen=True)
class Download:
    data: bytes
    content_type: str
    bestandsnaam: str


def export_own(actor, person: Person, formaat: str, on_behalf_of=None) -> Download:
    """The inwoner's own export (or their gemachtigde's for them), logged as a read of their whole dossier."""
    formaat = _formaat(formaat)
    with unit_of_work() as session:
        verzoek = f"gemachtigde {actor.display_name}" if on_behalf_of is not None else "de inwoner zelf"
        afschrift = collect(session, person, verzoek=f"Gedownload door {verzoek} in Mijn zaken")
        log_processing(session, actor=actor, person=person, activity="dossier-inzage", action="exporteren",
                       object_type="inzage", on_behalf_of=on_behalf_of,
                       description=f"Alle gegevens gedownload ({formaat.upper()}, art. 15 AVG)")
    logger.info("AVG export (%s) of person %s by %s", formaat, person.id, actor.username)
    return render(afschrift, formaat)


def export_for_request(actor, person: Person, formaat: str, reden: str) -> Download:
    """The privacy officer's export for a written request; `reden` ("schriftelijk verzoek van … d.d. …") is
    required and goes into the processing log. Only the zaken of the gemeenten `actor` works for."""
    formaat = _formaat(formaat)
    reden = checked_reden(reden)
    with unit_of_work() as session:
        afschrift = collect(session, person, verzoek=f"Gemaakt door de privacyfunctionaris: {reden}",
                            gemeente_reach=actor, staff_names=True)
        log_processing(session, actor=actor, person=person, activity="avg-inzageverzoek", action="exporteren",
                       object_type="inzage", role="privacy",
                       description=f"Afschrift van alle gegevens gemaakt ({formaat.upper()}) — {reden}")
    logger.info("AVG export (%s) of person %s for a request by %s", formaat, person.id, actor.username)
    return render(afschrift, formaat)


def checked_reden(reden: str) -> str:
    """The privacy officer's reason on one line, or InvalidInput naming the field."""
    reden = " ".join((reden or "").split())
    if not reden:
        raise InvalidInput(errors={"reden": "Vul de reden in, bijvoorbeeld 'schriftelijk verzoek van J. Bakker "
                                            "d.d. 1 december 2026'."})
    if len(reden) > MAX_REDEN:
        raise InvalidInput(errors={"reden": f"De reden is langer dan {MAX_REDEN} tekens. Maak hem korter."})
    if problem := text_problem(reden, "Reden", one_line=True):
        raise InvalidInput(errors={"reden": problem})
    return reden


def find_person(actor, bsn: str) -> Person:
    """The person with this BSN in a gemeente `actor` works for; finding them is logged as a read."""
    try:
        bsn = validate_bsn(bsn or "")
    except InvalidBSN as exc:
        raise InvalidInput(errors={"bsn": f"{exc.message}. Vul de 9 cijfers van het BSN in."}) from None
    with unit_of_work() as session:
        person = session.scalar(select(Person).where(Person.bsn == bsn, reach(actor, Person.gemeente_id)))
        if person is None:
            raise InvalidInput(errors={"bsn": "Er is geen inwoner met dit BSN in de gemeenten waarvoor u werkt."})
        log_processing(session, actor=actor, person=person, activity="avg-inzageverzoek", action="lezen",
                       object_type="persoon", object_id=person.id, role="privacy",
                       description="Gezocht op BSN voor een inzageverzoek")
    return person


def open_person(actor, person: Person) -> Person:
    """Record that the privacy officer sees whose export they are about to make (name, gemeente)."""
    with unit_of_work() as session:
        log_processing(session, actor=actor, person=person, activity="avg-inzageverzoek", action="lezen",
                       object_type="persoon", object_id=person.id, role="privacy",
                       description="Naam getoond voor een inzageverzoek")
    return person


def collect(session, person: Person, *, verzoek: str, gemeente_reach=None, staff_names: bool = False) -> Afschrift:
    """Every part of `person`'s data, read in `session` (the caller logs the read)."""
    person = session.get(Person, person.id)
    scope = avg_parts.scope_of(session, person, gemeente_reach)
    names = _names(session)
    onderdelen = []
    for part in avg_parts.PARTS:
        table = avg_parts.table(part.table)
        query = select(table).where(part.where(table, scope))
        if "id" in table.c:
            query = query.order_by(table.c.id)
        omit = avg_parts.omitted(part)
        rows = [{k: v for k, v in row.items() if k not in omit} for row in session.execute(query).mappings()]
        for row in rows:
            _add_names(table, row, names)
        if part.table == "processing_record":
            _explain_records(session, rows, staff_names)
        if part.table == "machtiging":
            _explain_machtigingen(session, rows)
        onderdelen.append(Onderdeel(part, rows))
    return Afschrift(person=person, gemeente=session.get(Gemeente, person.gemeente_id), gemaakt_op=utcnow(),
                     verzoek=verzoek, onderdelen=onderdelen)


def render(afschrift: Afschrift, formaat: str) -> Download:
    name = bestandsnaam(afschrift, formaat)
    data = as_json(afschrift) if formaat == "json" else as_pdf(afschrift)
    return Download(data, FORMATS[formaat], name)


def bestandsnaam(afschrift: Afschrift, formaat: str) -> str:
    stamp = afschrift.gemaakt_op.astimezone(TZ).strftime("%Y%m%d")
    return f"mijn-gegevens-{afschrift.person.id}-{stamp}.{formaat}"


def as_json(afschrift: Afschrift) -> bytes:
    """The export as JSON: per part the table it comes from, the columns left out and why, and every row."""
    document = {
        "afschrift": {"soort": "Inzage in persoonsgegevens (artikel 15 AVG)", "verzoek": afschrift.verzoek,
                      "gemaakt_op": afschrift.gemaakt_op.isoformat(), "persoon": afschrift.person.naam,
                      "gemeente": afschrift.gemeente.naam},
        "onderdelen": [{"tabel": o.part.table, "titel": o.part.titel, "uitleg": o.part.uitleg,
                        "weggelaten_kolommen": avg_parts.omitted(o.part), "aantal": len(o.rows),
                        "rijen": [{k: _json_value(o.part.table, k, v) for k, v in row.items()} for row in o.rows]}
                       for o in afschrift.onderdelen],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def as_pdf(afschrift: Afschrift) -> bytes:
    """The export as a readable PDF in Dutch (avg_pdf.py lays it out, ~0.5 s for 50 zaken); documents and uploads
    are embedded in it as files. Made by a background job after the click (avg_afschrift.py)."""
    from . import avg_pdf  # ReportLab and pypdf load in the job (a worker warms them up), not with every page
    return avg_pdf.render(*pdf_parts(afschrift))


def pdf_parts(afschrift: Afschrift) -> tuple:
    """What the PDF shows: (avg_pdf.Cover, [avg_pdf.Section], [(file name, description, bytes)])."""
    from . import avg_pdf
    gemeente = afschrift.gemeente
    sections, files = [], []
    for o in afschrift.onderdelen:
        attached = [f for row in o.rows if (f := _file(o.part.table, row))]
        files += attached
        legend, rows = _columns(o.part, o.rows) if o.part.pdf else (None, None)
        if legend is None:
            rows = [_readable(o.part, row) for row in o.rows] if o.part.pdf != () else []
        sections.append(avg_pdf.Section(titel=o.part.titel, table=o.part.table, uitleg=o.part.uitleg,
                                        count=len(o.rows), omit=avg_parts.omitted(o.part), legend=legend, rows=rows,
                                        files=[(f["naam"], f["titel"]) for f in attached]))
    cover = avg_pdf.Cover(titel=f"Uw gegevens bij {gemeente.naam}", gemeente=gemeente.naam,
                          persoon=afschrift.person.naam, datum=_moment(afschrift.gemaakt_op), verzoek=afschrift.verzoek,
                          kleur=thema.primary(gemeente.thema), logo=gemeente.logo_png if gemeente.logo_sha256 else logo_file(gemeente))
    return cover, sections, [(f["naam"], f["titel"], f["data"]) for f in files]


def _formaat(formaat: str) -> str:
    if formaat not in FORMATS:
        raise NotFound("Dit formaat bestaat niet; kies PDF of JSON.")
    return formaat


def _names(session) -> dict:
    return {"aanbieder": dict(session.execute(select(Aanbieder.id, Aanbieder.naam)).all()),
            "product": dict(session.execute(select(Product.id, Product.omschrijving)).all())}


def _add_names(table, row: dict, names: dict) -> None:
    """Beside an aanbieder_id or product_id the name it stands for, so the reader needs no code list."""
    for column in table.c:
        for fk in column.foreign_keys:
            target = fk.column.table.name
            if target in names and row.get(column.name) is not None:
                row[f"{column.name.removesuffix('_id')}_naam"] = names[target].get(row[column.name])


def _explain_records(session, rows: list, staff_names: bool) -> None:
    """Each processing-log record in plain words: who (role and organisation), why and on what grounds."""
    activities = {a.id: a for a in session.scalars(select(ProcessingActivity))}
    actor_ids = {r["actor_user_id"] for r in rows if r["actor_user_id"]}
    actors = {u.id: u for u in session.scalars(select(User).where(User.id.in_(actor_ids)))} if actor_ids else {}
    aanbieders = dict(session.execute(select(Aanbieder.id, Aanbieder.naam)).all())
    for row in rows:
        actor = actors.get(row["actor_user_id"])
        row["wie"] = who(row["actor_role"], getattr(actor, "display_name", None),
                         aanbieders.get(getattr(actor, "aanbieder_id", None)))
        if staff_names and actor is not None:
            row["medewerker"] = actor.display_name
        row["handeling"] = WHAT_BY_ACTION.get(row["action"], row["action"])
        activity = activities.get(row["activity_id"])
        row["waarom"], row["grondslag"] = (activity.naam, activity.grondslag) if activity else (None, None)


def _explain_machtigingen(session, rows: list) -> None:
    """Who each machtiging is between: the gemachtigde (the inwoner chose them) and the machtiginggever."""
    accounts = dict(session.execute(select(User.id, User.display_name).where(
        User.id.in_({r["gemachtigde_id"] for r in rows}))).all()) if rows else {}
    people = {p.id: p.naam for p in session.scalars(select(Person).where(Person.id.in_({r["person_id"] for r in rows})))}
    for row in rows:
        row["gemachtigde"] = row.get("gemachtigde_naam") or accounts.get(row["gemachtigde_id"])
        row["machtiginggever"] = people.get(row["person_id"])
        row["wat_mag"] = MACHTIGING_SCOPES.get(row["scope"], row["scope"])


def _json_value(table: str, column: str, value):
    if isinstance(value, bytes):
        if (table, column) in TEXT_BYTES:
            return value.decode("utf-8", "replace")
        return {"base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _columns(part: avg_parts.Part, rows: list) -> tuple[list[str], list[str]]:
    """A part with its columns named (the long ones: history, tasks, the processing log): the labels once, each
    row as its values in that order ('–' for none): hundreds of rows read easier without a label per value."""
    columns = [c for c in part.pdf if any(row.get(c) not in (None, "") for row in rows)]
    values = [" · ".join(_shown(part.table, c, row[c]) if row.get(c) not in (None, "") else "–" for c in columns)
              for row in rows]
    return [label(part.table, c) for c in columns], values


def _readable(part: avg_parts.Part, row: dict) -> list[tuple[str, str]]:
    """(Dutch label, text) of the columns a person can read; ids and technical values stay in the JSON."""
    columns = part.pdf if part.pdf is not None else [c for c in row if c not in PDF_SKIP and not c.endswith("_id")]
    return [(label(part.table, c), _shown(part.table, c, row[c])) for c in columns
            if row.get(c) is not None and row.get(c) != ""]


def _shown(table: str, column: str, value) -> str:
    return value_text(table, column, value) if isinstance(value, str) else _text(value)


def _text(value) -> str:
    """A value as a reader reads it: dates in Dutch, ja/nee, and what was filled in (a form's data) as
    'name: value' pairs rather than JSON."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return format_date_nl(value)
    if isinstance(value, dict):
        return "; ".join(f"{str(k).replace('_', ' ')}: {_text(v) if v not in (None, '') else '–'}"
                         for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _moment(value: datetime) -> str:
    local = value.astimezone(TZ)
    return f"{format_date_nl(local.date())} {local:%H:%M}"


def _file(table: str, row: dict) -> dict | None:
    """A document's or upload's bytes, to embed in the PDF under its own name."""
    data = row.get("pdf") if table == "document" else row.get("inhoud") if table == "bijlage" else None
    if not data:
        return None
    return {"naam": row["bestandsnaam"], "titel": row.get("titel") or row.get("omschrijving") or row["bestandsnaam"],
            "data": data}
