"""The shape of a permission answer and the checks every rule shares: a Decision with its Dutch reason, and
whether an object lies within the gemeenten a staff member works for. Pure, no Flask, no database."""
from dataclasses import dataclass

#: The roles that work on zaken and have a lane in the werkvoorraad; the jurist handles bezwaren (#17.5).
STAFF_CASE_ROLES = ("consulent", "beoordelaar", "backoffice", "jurist")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    #: A refusal because of the object's state (e.g. a batch already released), not because of who asks:
    #: the API answers it with 409 instead of 403.
    wrong_state: bool = False
    #: The object belongs to a gemeente the user does not work for: answered as "not found" (404).
    hidden: bool = False
    #: A zaak outside the user's own work (need to know): they may open it after giving a reason.
    doorbreken: bool = False

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str, wrong_state: bool = False) -> Decision:
    return Decision(False, reason, wrong_state)


#: The refusal for an object of another gemeente: nothing about it is said.
HIDDEN = Decision(False, "Niet gevonden.", hidden=True)


def outside_gemeenten(user, gemeente_id) -> bool:
    """Whether an object of `gemeente_id` lies outside the gemeenten `user` works for (None: no gemeente yet)."""
    return gemeente_id is not None and gemeente_id not in getattr(user, "gemeente_ids", frozenset())


def staff_reach(user, obj) -> Decision:
    """ALLOW for an object of one of the user's gemeenten (or none given), else HIDDEN."""
    return HIDDEN if obj is not None and outside_gemeenten(user, getattr(obj, "gemeente_id", None)) else ALLOW


def has_role(user, *roles) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.has_role(*roles)
