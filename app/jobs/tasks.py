"""Job functions run by rq workers (or by the in-process worker thread when there is no Redis)."""
import logging
import os

logger = logging.getLogger(__name__)
_app = None


def _app_context():
    """Jobs run outside a request: build the app once per worker process (inline: the running app)."""
    global _app
    from flask import current_app, has_app_context
    if has_app_context():  # no Redis: the job runs in the app's process (background.py), in a context of its own
        return current_app._get_current_object().app_context()
    if _app is None:
        from .. import create_app
        from ..config import TestConfig, config_from_env
        _app = create_app(TestConfig if os.environ.get("CUMULUS_ENV") == "test" else config_from_env())
    return _app.app_context()


def tick() -> int:
    """Fire due timers, send deadline signals, start the herindicaties and dwangsom beschikkingen that are due,
    select the zaken due for destruction (once a day per gemeente), remove the AVG afschriften whose time is up and
    redo what lost jobs left undone, bring the rapportage summaries up to date and drop the werkvoorraad's empty
    counts; every minute."""
    from ..services.avg_afschrift import remove_expired
    from ..services.dwangsom_vaststelling import plan_vaststellingen
    from ..services.herindicatie import plan_herindicaties
    from ..services.retentie import propose_due
    from ..services.signals import send_deadline_signals
    from ..services.timers import fire_due_timers
    from ..services.werkvoorraad_telling import remove_empty
    with _app_context():
        fired = fire_due_timers()
        send_deadline_signals()
        plan_herindicaties()
        plan_vaststellingen()
        propose_due()
        remove_expired()
        recover_lost_jobs()
        refresh_rapportage()
        remove_empty()
        return fired


def refresh_rapportage() -> dict:
    """Redo the rapportage summaries of what changed since the last tick (services/rapportage/samenvatting.py),
    then the dashboard figures someone looked at lately, from them (services/rapportage/cijfers.py)."""
    from ..services.rapportage.cijfers import refresh_viewed
    from ..services.rapportage.samenvatting import refresh
    with _app_context():
        done = refresh()
        done["cijfers"] = refresh_viewed()
        return done


def recover_lost_jobs() -> dict[str, int]:
    """Redo the work whose job was lost with its process: letters of beschikkingen that have none, PDFs of letters
    that have none yet, mails
    still waiting for the SMTP server, inbound berichten still 'ontvangen' after their grace period and migrations of
    running cases that a lost job left unfinished."""
    from ..services.beschikking_document import make_missing_documents
    from ..services.brief_pdf import make_missing_pdfs
    from ..services.exchange.recovery import requeue_waiting_berichten
    from ..services.mail import deliver_waiting_mail
    from ..services.process_migration import run_migration, unfinished_migrations
    from ..services.vernietiging import pending_lijsten, vernietig_lijst as destroy
    with _app_context():
        return {"brieven": make_missing_documents(), "pdfs": make_missing_pdfs(), "mails": deliver_waiting_mail(),
                "berichten": len(requeue_waiting_berichten()),
                "vernietigd": sum(destroy(lijst_id) for lijst_id in pending_lijsten()),
                "verplaatst": sum(run_migration(m).moved for m in unfinished_migrations())}


def vernietig_lijst(lijst_id: int) -> int:
    """Destroy the zaken of an approved vernietigingslijst, one transaction each (services/vernietiging.py)."""
    from ..services.vernietiging import vernietig_lijst as destroy
    with _app_context():
        return destroy(lijst_id)


def deliver_mail(mail_id: int) -> bool:
    """Hand one mail written by a committed use case to the SMTP server."""
    from ..services.mail import deliver_mail as deliver
    with _app_context():
        return deliver(mail_id)


def make_beschikking_document(beschikking_id: int) -> None:
    """Write the letter (HTML and PDF) of a beschikking that was just vastgesteld."""
    from ..services.beschikking_document import create_beschikking_document
    with _app_context():
        create_beschikking_document(beschikking_id)


def make_letter_pdf(document_id: int) -> bool:
    """Make the PDF of a letter whose HTML a committed use case kept with its zaak."""
    from ..services.brief_pdf import make_pdf
    with _app_context():
        return make_pdf(document_id)


def make_afschrift(afschrift_id: int) -> str:
    """Render the PDF afschrift (inzage, art. 15 AVG) that was just requested (services/avg_afschrift.py)."""
    from ..services.avg_afschrift import make
    with _app_context():
        return make(afschrift_id)


def tick_and_reschedule(interval_seconds: int = 60) -> int:
    """Tick, then put the next tick on the schedule (one pending tick at a time, by job id)."""
    from .queue import schedule_tick
    try:
        return tick()
    finally:
        schedule_tick(interval_seconds)


def handle_bericht_job(bericht_id: int) -> str:
    """Handle one stored inbound iWmo/iJw message (services/exchange/inbound.py); safe to run again."""
    from flask import has_app_context

    from ..services.exchange.inbound import handle_bericht
    if has_app_context():  # no Redis: in the app's process, right after the raw message was committed
        try:
            return handle_bericht(bericht_id)
        except Exception:  # recorded on the bericht, which stays 'ontvangen' for a retry
            return "ontvangen"
    with _app_context():
        return handle_bericht(bericht_id)


def handle_waiting_berichten_job() -> int:
    """Handle the inbound berichten that wait, in batches (jobs/drain.py); how many were handled."""
    from .drain import drain
    with _app_context():
        return drain()


def publish_kaart(gemeente_id: int) -> bool:
    """Publish the open data of a gemeente's sociale kaart after a change of it."""
    from ..services.kaart_publicatie import publish
    with _app_context():
        return publish(gemeente_id)


def migrate_cases(migration_id: int) -> int:
    """Move the cases of a started migration to the newer version, each in its own transaction."""
    from ..services.process_migration import run_migration
    with _app_context():
        return run_migration(migration_id).moved
