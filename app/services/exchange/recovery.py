"""Berichten whose job was lost (a worker killed mid-message, a Redis flushed) are queued again.

An inbound bericht stays 'ontvangen' until the transaction that handles it commits, so a bericht
still 'ontvangen' after a grace period has no job that will finish it; rq itself only moves such
an abandoned job from its StartedJobRegistry to the FailedJobRegistry. Handling is idempotent
(row lock + status check), so queueing a bericht whose job is merely slow does no harm."""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from ... import db
from ...models import Bericht
from ...models.base import utcnow

logger = logging.getLogger(__name__)


def requeue_waiting_berichten(grace_seconds: float | None = None) -> list[int]:
    """Queue handling again for every inbound bericht 'ontvangen' longer than the grace period
    (BERICHT_HERSTEL_SECONDEN unless given): with Redis one drain for those never tried (jobs/drain.py), and
    a job of its own for each whose handling failed before (so that it cannot fail a whole batch again)."""
    from ...jobs.drain import request_drain
    from ...jobs.queue import enqueue, queued_args, redis_url
    from ...jobs.tasks import handle_bericht_job, handle_waiting_berichten_job
    if grace_seconds is None:
        grace_seconds = current_app.config["BERICHT_HERSTEL_SECONDEN"]
    cutoff = utcnow() - timedelta(seconds=grace_seconds)
    waiting = db.session.execute(select(Bericht.id, Bericht.fouten.is_not(None)).where(
        Bericht.richting == "in", Bericht.status == "ontvangen", Bericht.ontvangen_op <= cutoff)
        .order_by(Bericht.id)).all()
    db.session.rollback()  # read-only: end the transaction before the jobs run (inline without Redis)
    with_redis = bool(redis_url())
    drained = [bericht_id for bericht_id, failed in waiting if not failed and with_redis]
    alone = [bericht_id for bericht_id, failed in waiting if failed or not with_redis]
    if drained and queued_args(handle_waiting_berichten_job):
        drained = []  # a drain still waits on the queue: a backlog, not a loss
    still_queued = {args[0] for args in queued_args(handle_bericht_job) if args}
    alone = [bericht_id for bericht_id in alone if bericht_id not in still_queued]
    if drained:
        request_drain(force=True)
    for bericht_id in alone:
        enqueue(handle_bericht_job, bericht_id)
    ids = sorted(drained + alone)
    if ids:
        logger.warning("%s inbound bericht(en) waited longer than %ss for their job; queued again: %s", len(ids),
                       grace_seconds, ids)
    return ids
