"""A test-only hook: with CUMULUS_ENV=test and CUMULUS_PAUSE_FILE set, a worker pauses right
before committing the handling of an inbound bericht — after its effects are flushed — so a test
can kill the process mid-message at a known point. It writes `<file>.paused` (the bericht id and the
pid of the process handling it, the worker itself: it runs its jobs without forking) and waits for `<file>`.
With CUMULUS_PAUSE_MID_BATCH set as well it pauses instead in the middle of a batch (services/exchange/batch.py):
after the first bericht of a batch of several is handled and flushed, the others not yet; `<file>.paused` then
holds the ids handled, the ids of the whole batch (comma-separated) and the pid."""
import os
import time
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session


def install_if_asked() -> None:
    path = os.environ.get("CUMULUS_PAUSE_FILE")
    if not path or os.environ.get("CUMULUS_ENV") != "test":
        return
    release = Path(path)
    if os.environ.get("CUMULUS_PAUSE_MID_BATCH"):
        _pause_mid_batch(path, release)
        return

    @event.listens_for(Session, "before_commit")
    def pause_mid_message(session):
        from ..models import Bericht
        handled = [o for o in session.identity_map.values()
                   if isinstance(o, Bericht) and o.richting == "in" and o.status != "ontvangen" and o in session.dirty]
        if not handled:
            return
        session.flush()
        Path(f"{path}.paused").write_text(f"{handled[0].id} {os.getpid()}")
        while not release.exists():
            time.sleep(0.05)


def _pause_mid_batch(path: str, release: Path) -> None:
    from ..services.exchange import batch

    def pause(session, done, claimed):
        if len(done) != 1 or len(claimed) < 2:
            return
        session.flush()
        ids = ",".join(str(b.id) for b in done), ",".join(str(b.id) for b in claimed)
        Path(f"{path}.paused").write_text(f"{ids[0]} {ids[1]} {os.getpid()}")
        while not release.exists():
            time.sleep(0.05)

    batch.checkpoint = pause
