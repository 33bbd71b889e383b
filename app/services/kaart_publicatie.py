"""Publishing the open data of a gemeente's sociale kaart. Building the JSON and CSV of thousands of entries
takes longer than a request should, so a job publishes them after every change of the kaart (and `flask seed`
after the demo entries); the export routes serve the published files while the entries still have the
fingerprint they were made from, and otherwise build them from the entries there and then — never stale."""
import hashlib
import json
import logging
from datetime import datetime, timezone

from sqlalchemy import func, select

from .. import db
from ..models import Gemeente, KaartDienst, KaartPublicatie
from . import kaart_open_data as open_data
from .kaart_beoordelingen import fingerprint as ratings_fingerprint
from .kaart_beoordelingen import summaries
from .sociale_kaart import export_rows
from .uow import unit_of_work

logger = logging.getLogger(__name__)


class OpenData:
    """The JSON and CSV files; published ones are read from the database only when asked for (each is megabytes)."""

    def __init__(self, json_data: bytes | None, csv_data: bytes | None, gemaakt_op: datetime, published: bool,
                 stored: KaartPublicatie | None = None):
        self._json, self._csv, self._stored = json_data, csv_data, stored
        #: When the files were made (the published moment, or now when they were built for this request).
        self.gemaakt_op, self.published = gemaakt_op, published

    @property
    def json_data(self) -> bytes:
        return self._stored.json_data if self._stored is not None else self._json

    @property
    def csv_data(self) -> bytes:
        return self._stored.csv_data if self._stored is not None else self._csv


def fingerprint(session, gemeente_id: int) -> str:
    """Count, highest id and latest change of the gemeente's entries, and of the ratings it counts today: any
    added, changed, hidden or deleted entry and any approved (or expired) rating changes it."""
    count, highest, latest = session.execute(select(func.count(KaartDienst.id), func.max(KaartDienst.id),
                                                    func.max(KaartDienst.bijgewerkt_op))
                                             .where(KaartDienst.gemeente_id == gemeente_id)).one()
    entries = f"{count}:{highest or 0}:{latest.isoformat() if hasattr(latest, 'isoformat') else latest or ''}"
    # hashed: the moments alone would not fit the column (and only equality matters)
    return hashlib.sha256(f"{entries}|{ratings_fingerprint(session, gemeente_id)}".encode()).hexdigest()


def build(gemeente: Gemeente, now: datetime | None = None) -> OpenData:
    """The JSON document and the CSV of the gemeente's entries as they are now."""
    now = now or datetime.now(timezone.utc)
    rows, categories, wijken = export_rows(gemeente)
    document = open_data.export_document(gemeente, rows, categories, wijken, now, summaries(gemeente.id, None))
    return OpenData(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                    open_data.export_csv(rows, categories, wijken), now, False)


def open_data_of(gemeente: Gemeente) -> OpenData:
    """The published files if they are still those of the entries, else files built now (nothing is written)."""
    stored = db.session.get(KaartPublicatie, gemeente.id)
    if stored is not None and stored.vingerafdruk == fingerprint(db.session, gemeente.id):
        return OpenData(None, None, stored.gemaakt_op, True, stored)
    return build(gemeente)


def publish(gemeente_id: int) -> bool:
    """Make and store the gemeente's open data; False when the published files are still current."""
    with unit_of_work() as session:
        gemeente = session.get(Gemeente, gemeente_id)
        print_ = fingerprint(session, gemeente_id)
        stored = session.get(KaartPublicatie, gemeente_id, with_for_update=True)
        if stored is not None and stored.vingerafdruk == print_:
            return False
        made = build(gemeente)
        stored = stored or KaartPublicatie(gemeente_id=gemeente_id)
        stored.vingerafdruk, stored.json_data, stored.csv_data, stored.gemaakt_op = \
            print_, made.json_data, made.csv_data, made.gemaakt_op
        session.add(stored)
    logger.info("Open data of the sociale kaart of gemeente %s published (%s)", gemeente_id, print_)
    return True


def queue_publish(gemeente_id: int) -> None:
    """After the commit of a change of the kaart: publish its open data in a job."""
    from ..jobs.queue import enqueue
    from ..jobs.tasks import publish_kaart
    enqueue(publish_kaart, gemeente_id)
