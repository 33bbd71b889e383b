"""Permission rules of administration: the beheerder's staff accounts and settings, and the privacy officer's
inzageverzoeken and the list of doorbraken. `policy.decide` is the one way in."""
from .decisions import ALLOW, HIDDEN, Decision, deny
from .decisions import has_role as _has_role
from .decisions import outside_gemeenten as _outside
from .decisions import staff_reach as _staff_reach


def manage_users(user, target) -> Decision:
    """The beheerder manages staff accounts of the gemeenten they work for; a staff member of only other
    gemeenten is not there for them. Inwoner and aanbieder accounts are not managed on these pages."""
    if not _has_role(user, "beheerder"):
        return deny("Alleen een beheerder beheert medewerkers.")
    if target is None:
        return ALLOW
    if target.person_id is not None or target.aanbieder_id is not None or target.is_citizen_only():
        return HIDDEN
    theirs = target.gemeente_ids
    if theirs and not theirs & getattr(user, "gemeente_ids", frozenset()):
        return HIDDEN
    return ALLOW


def manage_settings(user, _obj=None) -> Decision:
    if _has_role(user, "beheerder"):
        return ALLOW
    return deny("Alleen een beheerder wijzigt de instellingen.")


def manage_gemeente(user, gemeente=None) -> Decision:
    """The beheerder keeps the name, letterhead, bezwaar address, account and theme of the gemeenten they work
    for; another gemeente is not there for them (a gemeente row has no gemeente_id: its own id counts)."""
    if not _has_role(user, "beheerder"):
        return deny("Alleen een beheerder wijzigt de gegevens van een gemeente.")
    if gemeente is None:
        return ALLOW
    return HIDDEN if _outside(user, gemeente.id) else ALLOW


def use_privacy(user, _obj) -> Decision:
    if _has_role(user, "privacy"):
        return ALLOW
    return deny("Inzageverzoeken worden afgehandeld door de privacyfunctionaris.")


def export_person(user, person) -> Decision:
    if not _has_role(user, "privacy"):
        return deny("Alleen de privacyfunctionaris maakt een afschrift van alle gegevens van een inwoner.")
    return _staff_reach(user, person)


def fetch_afschrift(user, afschrift) -> Decision:
    """A PDF afschrift (inzage, art. 15 AVG) is for the one who asked for it only; for anyone else it does not
    exist. The privacy officer's also needs the role and the gemeente still."""
    if afschrift is None or getattr(user, "id", None) != afschrift.requested_by_id:
        return HIDDEN
    if afschrift.for_request:
        return export_person(user, afschrift) if _has_role(user, "privacy") else HIDDEN
    return ALLOW


def see_doorbraken(user, _obj=None) -> Decision:
    if _has_role(user, "beheerder", "privacy"):
        return ALLOW
    return deny("Alleen de beheerder en de privacyfunctionaris zien wie zaken buiten het eigen werk opende.")


def _reach(user, obj) -> Decision:
    """Like staff_reach, for an object of a gemeente or a gemeente itself (its bewaartermijnen, its selection)."""
    if getattr(obj, "__tablename__", None) == "gemeente":
        return HIDDEN if _outside(user, obj.id) else ALLOW
    return _staff_reach(user, obj)


def manage_retentie(user, obj=None) -> Decision:
    """The beheerder sets the bewaartermijnen and reviews and submits the vernietigingslijst of the gemeenten
    they work for (another gemeente's list is not there for them)."""
    if not _has_role(user, "beheerder"):
        return deny("Alleen een beheerder beheert de bewaartermijnen en de vernietigingslijsten.")
    return _reach(user, obj)


def see_retentie(user, obj=None) -> Decision:
    """The beheerder and the privacy officer see the vernietigingslijsten and -verklaringen of their gemeenten."""
    if not _has_role(user, "beheerder", "privacy"):
        return deny("Alleen de beheerder en de privacyfunctionaris zien de vernietigingslijsten.")
    return _reach(user, obj)


def approve_vernietiging(user, lijst=None) -> Decision:
    """Vier ogen: a second beheerder or the privacy officer approves a submitted list — never its submitter."""
    if not _has_role(user, "beheerder", "privacy"):
        return deny("Alleen een beheerder of de privacyfunctionaris keurt een vernietigingslijst goed.")
    reach = _staff_reach(user, lijst)
    if not reach or lijst is None:
        return reach
    if lijst.status != "ingediend":
        return deny("Deze vernietigingslijst is niet ingediend; er valt niets goed te keuren.", wrong_state=True)
    if lijst.ingediend_door_id == user.id:
        return deny("U heeft deze vernietigingslijst zelf ingediend. Een tweede persoon (een andere beheerder of "
                    "de privacyfunctionaris) moet hem goedkeuren.")
    return ALLOW
