"""Permission rules of contract management: the contractmanager keeps the aanbieders, contracts and tarieven
of the gemeenten they work for. An aanbieder is shared by the gemeenten it is registered in: staff of those
gemeenten see it, others not (HIDDEN, as if it did not exist). `policy.decide` is the one way in."""
from .decisions import ALLOW, HIDDEN, Decision, deny
from .decisions import has_role as _has_role
from .decisions import staff_reach as _staff_reach


def manage_contracten(user, obj=None) -> Decision:
    """`obj`: None (the pages themselves), an aanbieder (by the gemeenten it is registered in) or a row with a
    gemeente_id (a registration, contract or plafond signal)."""
    if not _has_role(user, "contractmanager"):
        return deny("Alleen een contractmanager beheert aanbieders en contracten.")
    if obj is None:
        return ALLOW
    registered = getattr(obj, "gemeente_ids", None)
    if registered is not None and not hasattr(obj, "gemeente_id"):
        return ALLOW if registered & getattr(user, "gemeente_ids", frozenset()) else HIDDEN
    return _staff_reach(user, obj)


def keep_kaart(user, obj=None) -> Decision:
    """The sociale kaart is kept by the contractmanager of the gemeente an entry belongs to (`obj`: None for
    the pages themselves, else an entry with a gemeente_id; another gemeente's is HIDDEN)."""
    if not _has_role(user, "contractmanager"):
        return deny("Alleen een contractmanager beheert de sociale kaart.")
    return ALLOW if obj is None else _staff_reach(user, obj)


def moderate_beoordeling(user, obj=None) -> Decision:
    """Ratings of a gemeente's aanbieders are moderated by its contractmanager (`obj`: None for the list, else
    a rating with a gemeente_id; another gemeente's is HIDDEN)."""
    if not _has_role(user, "contractmanager"):
        return deny("Alleen een contractmanager controleert beoordelingen.")
    return ALLOW if obj is None else _staff_reach(user, obj)


def answer_beoordeling(user, obj=None) -> Decision:
    """An aanbieder replies publicly to the approved ratings of itself (`obj`: None for the list, else a rating;
    one of another aanbieder is HIDDEN, as if it did not exist)."""
    if not _has_role(user, "aanbieder") or getattr(user, "aanbieder_id", None) is None:
        return deny("Alleen een zorgaanbieder reageert op beoordelingen van zichzelf.")
    if obj is None:
        return ALLOW
    if obj.aanbieder_id != user.aanbieder_id:
        return HIDDEN
    if obj.status != "goedgekeurd":
        return deny("U kunt alleen reageren op een beoordeling die de gemeente heeft geplaatst.", wrong_state=True)
    return ALLOW


#: The actions of this module, by name (policy.py's rules include them).
RULES = {"contracten.beheren": manage_contracten, "kaart.beheren": keep_kaart,
         "beoordeling.modereren": moderate_beoordeling, "beoordeling.beantwoorden": answer_beoordeling}
