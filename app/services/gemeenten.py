"""The gemeenten of the installation: finding one by its CBS code, and limiting a staff user's queries to
the gemeenten they work for (the policy decides on one loaded object; lists and counts use `reach`)."""
from sqlalchemy import false, select

from .. import db
from ..models import Gemeente, User
from ..models.gemeente import user_gemeente
from .transaction_memo import forget_on_flush, memo

forget_on_flush("gemeente_by_code", Gemeente)


def reach(user, column):
    """SQL condition: `column` (a gemeente_id) is one of the gemeenten `user` works for."""
    ids = sorted(getattr(user, "gemeente_ids", ()))
    return column.in_(ids) if ids else false()


def works_for(gemeente_id: int):
    """SQL condition on User: the user works for this gemeente."""
    return User.id.in_(select(user_gemeente.c.user_id).where(user_gemeente.c.gemeente_id == gemeente_id))


def by_code(session, code: str | None) -> Gemeente | None:
    """The gemeente with this CBS code (four digits), or None when the installation does not serve it; looked up
    once per transaction (a batch of berichten names the same gemeente in each)."""
    if not code:
        return None
    known = memo(session, "gemeente_by_code")
    if code not in known:
        known[code] = session.scalar(select(Gemeente).where(Gemeente.code == code))
    return known[code]


def all_gemeenten() -> list[Gemeente]:
    return list(db.session.scalars(select(Gemeente).order_by(Gemeente.naam)))


def get_gemeente(gemeente_id: int) -> Gemeente | None:
    return db.session.get(Gemeente, gemeente_id)
