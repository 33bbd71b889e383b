"""Values read once per transaction: a setting or a gemeente that a batch of berichten or an engine step asks
for again and again (#15). A memo lives in session.info until the transaction's commit or rollback, and is
forgotten sooner when a flush writes a row of the kind it holds (`forget_on_flush`), so that the transaction
that changes the row reads it afresh."""
from sqlalchemy import event
from sqlalchemy.orm import Session

_PREFIX = "cumulus_memo:"
#: memo name → the model whose flushed changes make it stale
_WATCHED: dict[str, type] = {}


def memo(session, name: str) -> dict:
    """The dict of this transaction under `name` (empty at first)."""
    return session.info.setdefault(_PREFIX + name, {})


def forget_on_flush(name: str, model: type) -> None:
    """Forget the memo `name` after any flush that writes a `model` row."""
    _WATCHED[name] = model


@event.listens_for(Session, "after_flush")
def _forget_changed(session: Session, _context) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    for name, model in _WATCHED.items():
        if any(isinstance(obj, model) for obj in changed):
            session.info.pop(_PREFIX + name, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_all(session: Session) -> None:
    for key in [k for k in session.info if isinstance(k, str) and k.startswith(_PREFIX)]:
        del session.info[key]
