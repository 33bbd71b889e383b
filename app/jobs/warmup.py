"""What a worker process does before it takes its first job (worker.py): queue again the berichten a dead
worker left, drop the database connections opened so far, and import what the jobs import and compile the
iWmo/iJw XSDs once, and read the AVG afschrift's fonts, so the first jobs do not pay seconds for it."""
import importlib
import logging
import time

logger = logging.getLogger(__name__)
#: The modules the job functions import lazily (jobs/tasks.py), heaviest first.
JOB_MODULES = ("app.services.exchange.inbound", "app.services.exchange.handlers", "app.services.declaraties",
               "app.services.beschikking_document", "app.services.signals", "app.services.timers")


def warm_up() -> float:
    """Import the job modules and compile every message schema; the seconds it took."""
    from iwmo_messages.schemas import message_schema
    from iwmo_messages.spec import BERICHTCODE

    from ..services import avg_pdf
    started = time.perf_counter()
    for name in JOB_MODULES:
        importlib.import_module(name)
    for standaard, codes in BERICHTCODE.items():
        for nummer in codes:
            message_schema(standaard, nummer)
    avg_pdf.fonts()  # the AVG afschrift's fonts, read once
    seconds = time.perf_counter() - started
    logger.info("Worker warmed up in %.2fs (job modules imported, XSDs compiled, fonts read)", seconds)
    return seconds


def prepare_worker() -> None:
    from .. import db
    from ..services.exchange.recovery import requeue_waiting_berichten
    from .pause_hook import install_if_asked
    install_if_asked()
    requeue_waiting_berichten()  # a restart after a crash: what the dead worker held is handled again
    engine = db.session.get_bind()
    db.session.remove()
    engine.dispose()
    warm_up()
