"""API tokens bound to an aanbieder's AGB code: a token of the aanbieder's system account."""
import logging

from sqlalchemy import select

from ...models import Aanbieder, User
from ..accounts import create_api_token
from ..errors import NotFound
from ..uow import unit_of_work

logger = logging.getLogger(__name__)


def create_aanbieder_token(agb_code: str, naam: str = "Berichtenverkeer", days: int | None = None) -> str:
    """A new token for the system account of the aanbieder with `agb_code` (made on first use), valid for
    `days` (the default validity when None)."""
    with unit_of_work() as session:
        aanbieder = session.scalar(select(Aanbieder).where(Aanbieder.agb_code == agb_code))
        if aanbieder is None:
            raise NotFound(f"Er is geen aanbieder met AGB-code {agb_code}.")
        username = f"aanbieder-{agb_code}"
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(username=username, display_name=f"{aanbieder.naam} (berichtenverkeer)", roles="aanbieder",
                        aanbieder_id=aanbieder.id)
            session.add(user)
            logger.info("System account %s created for aanbieder %s", username, agb_code)
        session.flush()
        session.expunge(user)
    return create_api_token(user, naam, days)
