"""A separate Cumulus process on the test database (DATABASE_URL), for the tests of the in-process job thread:

  python app_process.py crash-after-besluit USER_ID TASK_ID DATA_JSON   complete the besluit, SIGKILL before
                                                                         the job thread ran the letter job
  python app_process.py crash-after-signals SMTP_PORT                    mail the deadline signals, SIGKILL
                                                                         before the job thread sent them
  python app_process.py start                                            start, serve one request, wait for
                                                                         the job thread, print its threads
  python app_process.py exit-after-besluit USER_ID TASK_ID DATA_JSON     complete the besluit and exit at once
"""
import json
import os
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _threads() -> list[str]:
    return sorted(t.name.split("_")[0] for t in threading.enumerate() if t.name.startswith("cumulus-jobs"))


def _block_the_job_thread(app):
    """Start the job thread and let its start-up recovery finish, then queue a job that never ends, so
    what is queued after it waits until the process dies."""
    from app.jobs import background
    from app.jobs.queue import enqueue
    background.ensure_started(app)
    assert background.drain(timeout=120)
    enqueue(threading.Event().wait)


def main(command: str, *args: str) -> None:
    from app import create_app, db
    from app.config import TestConfig
    app = create_app(TestConfig, DATABASE_URL=os.environ["DATABASE_URL"], REDIS_URL=None)
    print(json.dumps({"threads_after_create_app": _threads()}), flush=True)
    if command == "start":
        app.test_client().get("/auth/inloggen")
        from app.jobs.background import drain
        assert drain(timeout=120)
        print(json.dumps({"threads_after_first_request": _threads()}), flush=True)
        return
    with app.app_context():
        if command in ("crash-after-besluit", "exit-after-besluit"):
            from app.models import User
            from app.services.tasks import complete_task
            user_id, task_id, data = int(args[0]), int(args[1]), json.loads(args[2])
            if command == "crash-after-besluit":
                _block_the_job_thread(app)
            complete_task(db.session.get(User, user_id), task_id, data)
        elif command == "crash-after-signals":
            from app.services.signals import send_deadline_signals
            app.config.update(MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=int(args[0]), MAIL_SMTP_STARTTLS=False)
            _block_the_job_thread(app)
            send_deadline_signals()
        else:
            raise SystemExit(f"unknown command {command!r}")
    if command.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(*sys.argv[1:])
