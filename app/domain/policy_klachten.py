"""Permission rules of klachten and signalen about aanbieders: a consulent registers one from a zaak they may
open (about an aanbieder of that zaak's toewijzingen), an inwoner or gemachtigde about their own care only, and
the contractmanager of the gemeente follows it up and closes it. `policy.decide` is the one way in."""
from dataclasses import dataclass
from typing import Any

from .decisions import ALLOW, Decision, deny
from .decisions import has_role as _has_role
from .decisions import staff_reach as _staff_reach


@dataclass(frozen=True)
class KlachtBijZaak:
    """A consulent's klacht or signaal from a zaak, about one of its toewijzingen (None: whether they may
    register one at this zaak at all — the form)."""

    zaak: Any
    toewijzing: Any

    @property
    def gemeente_id(self):
        return self.zaak.gemeente_id


@dataclass(frozen=True)
class KlachtOverZorg:
    """An inwoner's (or gemachtigde's) klacht about a toewijzing, in the dossier of `person_id` (the route has
    checked that the user may act in that dossier)."""

    person_id: int
    toewijzing: Any


def register_from_zaak(user, facts: KlachtBijZaak) -> Decision:
    if not _has_role(user, "consulent"):
        return deny("Alleen een consulent registreert een klacht of signaal bij een zaak.")
    reach = _staff_reach(user, facts.zaak)
    if not reach:
        return reach
    if facts.toewijzing is not None and facts.toewijzing.zaak_id != facts.zaak.id:
        return deny("Kies een zorgaanbieder van een toewijzing van deze zaak.")
    return ALLOW


def submit_about_own_care(user, facts: KlachtOverZorg) -> Decision:
    if facts is None or facts.toewijzing is None or facts.toewijzing.zaak is None \
            or facts.toewijzing.zaak.person_id != facts.person_id:
        return deny("U kunt alleen een klacht indienen over uw eigen zorg.")
    return ALLOW


def handle_klachten(user, obj=None) -> Decision:
    """`obj`: None (the list itself) or a klacht (by its gemeente; another gemeente's is HIDDEN)."""
    if not _has_role(user, "contractmanager"):
        return deny("Alleen een contractmanager handelt klachten en signalen over aanbieders af.")
    return ALLOW if obj is None else _staff_reach(user, obj)


#: The actions of this module, by name (policy.py's rules include them).
RULES = {"klacht.registreren": register_from_zaak, "klacht.indienen": submit_about_own_care,
         "klachten.afhandelen": handle_klachten}
