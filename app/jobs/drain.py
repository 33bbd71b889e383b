"""With Redis, inbound berichten are handled by drain jobs rather than a job each: a stored bericht asks for
a drain (`queue_handling`), and a drain job handles what waits, batch after batch (services/exchange/batch.py),
so the rq overhead and the commit are shared by the berichten that arrived together.

At most one drain waits on the queue: a Redis key (FLAG) says one is pending. A running drain deletes the key
before it claims a batch, so a bericht committed after that claim asks for (and gets) a new drain; one committed
before it is in the claim. A full batch asks for another drain before the next, so a second worker can help
with a backlog. A drain lost with its worker leaves its berichten 'ontvangen' (their batch never committed):
the next arrival, a starting worker or the tick queues a drain again (services/exchange/recovery.py).
Without Redis (the embedded default) each bericht keeps its own job on the process's job thread."""
import time

FLAG = "cumulus:berichten-drain"
#: A pending drain whose job never ran (its enqueuer died between the key and the job) blocks no longer.
FLAG_SECONDS = 30
#: A drain gives its worker back after this long (other jobs wait too) and queues the next drain.
DRAIN_SECONDS = 20.0


def queue_handling(bericht_id: int) -> None:
    """After the raw bericht was committed: see that a job will handle it."""
    from .queue import enqueue, redis_url
    from .tasks import handle_bericht_job
    if not redis_url():
        enqueue(handle_bericht_job, bericht_id)
        return
    request_drain()


def request_drain(force: bool = False) -> bool:
    """Queue a drain unless one is pending (`force`: queue one anyway); whether one was queued."""
    from .queue import rq_queue
    from .tasks import handle_waiting_berichten_job
    queue = rq_queue()
    if queue.connection.set(FLAG, "1", nx=True, ex=FLAG_SECONDS) or force:
        queue.enqueue(handle_waiting_berichten_job, job_timeout=300, result_ttl=60)
        return True
    return False


def drain(limit: int | None = None) -> int:
    """Handle waiting berichten batch by batch until a batch is not full (or DRAIN_SECONDS passed); how many."""
    from ..services.exchange.batch import BATCH, handle_waiting
    from .queue import rq_queue
    limit = limit or BATCH
    connection, started = rq_queue().connection, time.monotonic()
    failed: set[int] = set()
    handled = 0
    while True:
        connection.delete(FLAG)  # from here on, a new arrival queues a drain of its own
        statuses = handle_waiting(limit, failed)
        failed |= {bericht_id for bericht_id, status in statuses.items() if status == "ontvangen"}
        handled += len(statuses)
        if len(statuses) < limit:
            return handled
        if time.monotonic() - started > DRAIN_SECONDS:
            request_drain(force=True)
            return handled
        request_drain()  # more may wait: another worker may take the next batch beside this one
