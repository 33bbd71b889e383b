"""Use case: an inwoner logs in through OpenID Connect (DigiD via a broker). The BSN claim is mapped to a
known person; their inwoner account is found or made on first login. Someone an inwoner machtigde by BSN gets a
gemachtigde account at their first login, and every machtiging given to their BSN is linked to it."""
import logging
import secrets

from sqlalchemy import select

from ..domain.bsn import InvalidBSN, validate_bsn
from ..models import LoginAttempt, Person, User
from . import machtigingen
from .errors import InvalidInput
from .uow import unit_of_work

logger = logging.getLogger(__name__)


def login_with_bsn(claims: dict, bsn_claim: str, remote_addr: str | None = None) -> User:
    """The inwoner account for the BSN in the verified ID-token `claims`, or InvalidInput in Dutch."""
    try:
        bsn = validate_bsn(str(claims.get(bsn_claim) or ""))
    except InvalidBSN:
        raise InvalidInput("De inlogdienst gaf geen geldig BSN door. Probeer het opnieuw of neem contact op "
                           "met de gemeente.") from None
    user = None
    with unit_of_work() as session:
        person = session.scalar(select(Person).where(Person.bsn == bsn))
        if person is not None:
            user = session.scalar(select(User).where(User.person_id == person.id, User.roles.contains("inwoner"))
                                  .order_by(User.id).limit(1))
            if user is None:
                user = User(username=f"inwoner-{person.id}", display_name=person.naam, roles="inwoner",
                            person_id=person.id)
                session.add(user)
                session.flush()
        else:  # not an inwoner here, but someone an inwoner machtigde by BSN: a gemachtigde account
            user = machtigingen.account_for_bsn(session, bsn)
            machtiging = machtigingen.pending_for_bsn(session, bsn) if user is None else None
            if machtiging is not None:
                user = User(username=f"digid-{secrets.token_hex(6)}", display_name=machtiging.naam,
                            roles="gemachtigde")
                session.add(user)
                session.flush()
        if user is not None:
            machtigingen.link_by_bsn(session, user, bsn)
        session.add(LoginAttempt(username=f"oidc:{claims.get('sub', '')}"[:80], remote_addr=remote_addr,
                                 success=user is not None))
    if user is None:
        logger.info("OIDC login refused: no person for the BSN (sub %s)", claims.get("sub"))
        raise InvalidInput("Wij kennen u (nog) niet als inwoner van deze gemeente. Neem contact op met de gemeente.")
    if not user.active:
        raise InvalidInput("Uw account is geblokkeerd. Neem contact op met de gemeente.")
    logger.info("User %s logged in with OpenID Connect", user.username)
    return user
