"""Inbound berichten handled in batches: `handle_waiting` claims up to `limit` stored berichten that wait
('ontvangen', oldest first) with `FOR UPDATE SKIP LOCKED` — so two workers never take the same one — and
handles them all in ONE transaction, the way `inbound.handle_bericht` handles one: the same checks, effects
and retour, status and retour committed together. One commit, one claim and one chain append of the
processing log serve the whole batch instead of each bericht.

The guarantees stay those of one bericht per transaction: a bericht is 'ontvangen' until the transaction
that handled it commits, so a worker killed anywhere in a batch leaves every bericht of it 'ontvangen' with
none of its effects, to be claimed again (nothing lost, nothing doubled). When one bericht of a batch fails,
the whole batch is rolled back and its berichten are handled again one by one, each in its own transaction
(`handle_bericht`): the failing one is noted on the bericht and left for a retry, the others are handled as
if they had come alone. A bericht that carries a note of an earlier failure is not claimed here; it is
retried on its own (recovery.py), so one broken message cannot roll back batch after batch."""
import logging
import time

from sqlalchemy import select

from ...models import Bericht
from ...models.base import utcnow
from ..uow import unit_of_work
from .inbound import handle_bericht, handle_claimed

logger = logging.getLogger(__name__)
#: Berichten per transaction: large enough to share the commit, small enough that a retour is soon readable.
BATCH = 100
#: A test-only callable (jobs/pause_hook.py) called after each bericht of a batch: (session, done, claimed).
checkpoint = None


def waiting_query(limit: int, skip_ids=()):
    """The inbound berichten waiting for their first handling, oldest first, claimed (skip those another holds)."""
    query = select(Bericht).where(Bericht.richting == "in", Bericht.status == "ontvangen", Bericht.fouten.is_(None))
    if skip_ids:
        query = query.where(Bericht.id.not_in(list(skip_ids)))
    return query.order_by(Bericht.id).limit(limit).with_for_update(skip_locked=True)


def handle_waiting(limit: int = BATCH, skip_ids=()) -> dict[int, str]:
    """Claim and handle up to `limit` waiting berichten in one transaction (one by one if one fails); their
    statuses by id (empty: nothing waited). `skip_ids` are left alone (they failed in this process already)."""
    started = time.perf_counter()
    ids: list[int] = []
    try:
        with unit_of_work() as session:
            berichten = session.scalars(waiting_query(limit, skip_ids)).all()
            ids = [b.id for b in berichten]
            for n, bericht in enumerate(berichten):
                handle_claimed(session, bericht)
                if checkpoint is not None:
                    checkpoint(session, berichten[:n + 1], berichten)
            now = utcnow()  # the retouren become readable together, at this commit
            for bericht in berichten:
                bericht.verwerkt_op = now
            statuses = {b.id: b.status for b in berichten}
    except Exception:
        if not ids:
            raise
        logger.warning("A batch of %s berichten failed; handling them one by one", len(ids), exc_info=True)
        return one_by_one(ids)
    if ids:
        logger.info("Batch of %s berichten handled in %.3fs: %s … %s", len(ids), time.perf_counter() - started,
                    ids[0], ids[-1])
    return statuses


def one_by_one(ids: list[int]) -> dict[int, str]:
    """Each bericht in a transaction of its own; a failing one is noted on it and stays 'ontvangen'."""
    out = {}
    for bericht_id in ids:
        try:
            out[bericht_id] = handle_bericht(bericht_id)
        except Exception:
            out[bericht_id] = "ontvangen"
    return out
