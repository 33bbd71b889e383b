"""Read the inbox filters from a query string (the werkvoorraad page and GET /api/v1/taken share them)."""
from collections.abc import Mapping

from ..domain.input import text_problem
from ..services.inbox import BEHANDELING, SORTS, TERMIJNEN, TaskFilter, my_team_ids
from ..services.lookups import user_by_name

DOMEINEN = ("wmo", "jeugd")
MAX_SEARCH = 100


def parse_filter(args: Mapping, user) -> tuple[TaskFilter, dict[str, str]]:
    """The TaskFilter the arguments ask for, and a Dutch message per argument that could not be used."""
    errors: dict[str, str] = {}
    args = _safe_args(args, errors)
    flt = TaskFilter(rol=_text(args, "rol"), taak=_text(args, "taak"), wijk=_text(args, "wijk"))
    flt.domein = _choice(args, "domein", DOMEINEN, errors, "Kies wmo of jeugd.")
    flt.behandeling = _choice(args, "behandeling", BEHANDELING, errors, "Kies vrij of opgepakt.")
    flt.termijn = _choice(args, "termijn", TERMIJNEN, errors, "Kies te-laat, deze-week, later of geen.")
    flt.sorteer = _choice(args, "sorteer", tuple(SORTS), errors, "Sorteer op termijn, ontvangen of naam.") or "termijn"
    flt.nieuw_bericht = _choice(args, "berichten", ("nieuw",), errors, "Kies 'nieuw' om alleen zaken met een nieuw "
                                                                         "bericht te zien.") == "nieuw"
    zoek = " ".join((args.get("zoek") or "").split())
    if len(zoek) > MAX_SEARCH:
        errors["zoek"] = f"Zoek met hoogstens {MAX_SEARCH} tekens."
    elif zoek:
        flt.zoek = zoek
    behandelaar = _text(args, "behandelaar")
    if behandelaar == "mij" or args.get("mijn") == "1":
        flt.mine = True
    elif behandelaar == "niemand":
        flt.unassigned = True
    elif behandelaar == "team":
        flt.team_ids = my_team_ids(user)
    elif behandelaar:
        colleague = user_by_name(behandelaar)
        if colleague is None:
            errors["behandelaar"] = f"Er is geen medewerker '{behandelaar}'."
        else:
            flt.assignee_id = colleague.id
    if flt.rol and not user.has_role(flt.rol):
        errors["rol"] = f"U heeft de rol '{flt.rol}' niet."
        flt.rol = None
    return flt, errors


def filter_args(flt: TaskFilter, user) -> dict[str, str]:
    """The query arguments that give `flt` back (for paging links)."""
    args = {"rol": flt.rol, "taak": flt.taak, "domein": flt.domein, "behandeling": flt.behandeling,
            "termijn": flt.termijn, "wijk": flt.wijk, "zoek": flt.zoek,
            "sorteer": flt.sorteer if flt.sorteer != "termijn" else None, "berichten": "nieuw" if flt.nieuw_bericht else None}
    if flt.mine:
        args["behandelaar"] = "mij"
    elif flt.unassigned:
        args["behandelaar"] = "niemand"
    elif flt.team_ids is not None:
        args["behandelaar"] = "team"
    elif flt.assignee_id:
        args["behandelaar"] = _username(flt.assignee_id, user)
    return {k: v for k, v in args.items() if v}


def _username(user_id: int, user) -> str:
    from ..services.lookups import users_by_id
    found = users_by_id([user_id]).get(user_id)
    return found.username if found else ""


def _safe_args(args: Mapping, errors: dict) -> dict[str, str]:
    """The filter arguments without those holding a control character; each of those gets its message."""
    safe = {}
    for name in ("rol", "taak", "wijk", "domein", "behandeling", "termijn", "zoek", "behandelaar", "mijn", "sorteer",
                 "berichten"):
        value = args.get(name)
        problem = text_problem(value, name)
        if problem:
            errors[name] = problem
        elif value is not None:
            safe[name] = value
    return safe


def _text(args: Mapping, name: str) -> str | None:
    value = (args.get(name) or "").strip()
    return value[:100] or None


def _choice(args: Mapping, name: str, allowed: tuple, errors: dict, message: str) -> str | None:
    value = _text(args, name)
    if value and value not in allowed:
        errors[name] = message
        return None
    return value
