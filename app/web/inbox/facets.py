"""The werkvoorraad's filter choices: per filter the values with their number of tasks."""
from ...domain.policy import STAFF_CASE_ROLES
from ...services.case_view import task_type_names
from ...services.inbox import MY_WIJKEN, my_team_ids, my_wijken
from ...services.lookups import staff_labels, users_by_id

#: The orders of the list, as the sort choice names them.
SORT_LABELS = {"termijn": "Termijn (eerst afgelopen)", "ontvangen": "Datum ontvangen (oudste eerst)",
               "naam": "Naam van de inwoner (A-Z)"}

LABELS = {
    "domein": {"wmo": "Wmo 2015", "jeugd": "Jeugdwet"},
    "behandeling": {"vrij": "Nog niet opgepakt", "opgepakt": "Opgepakt"},
    "termijn": {"te-laat": "Te laat", "deze-week": "Deze week klaar", "later": "Later", "geen": "Zonder termijn"},
}


def facet_options(counts: dict, flt, user) -> list[dict]:
    """One dict per filter: param name, label, 'all' text, the chosen value and [(value, label, count)]."""
    roles = [r for r in user.role_list() if r in STAFF_CASE_ROLES]
    names = task_type_names()
    return [
        _facet("rol", "Rol", "Al mijn rollen", flt.rol,
               [(r, r.capitalize(), counts["rol"].get(r, 0)) for r in roles]),
        _facet("taak", "Taak", "Alle taken", flt.taak, sorted(
            ((k, names.get(k, k), n) for k, n in counts["taak"].items()), key=lambda o: o[1])),
        _fixed("domein", "Wet", "Wmo en Jeugd", flt.domein, counts),
        _fixed("behandeling", "Status", "Opgepakt of niet", flt.behandeling, counts),
        _fixed("termijn", "Termijn", "Alle termijnen", flt.termijn, counts),
        _facet("behandelaar", "Opgepakt door", "Iedereen", _chosen_assignee(flt, user),
               _assignee_options(counts["behandelaar"], user)),
        _facet("wijk", "Wijk", "Alle wijken", flt.wijk, _wijk_options(counts["wijk"], user)),
    ]


def _wijk_options(by_wijk: dict, user) -> list:
    """Every wijk with tasks; first "Mijn wijken" for a staff member with wijken of their own (on /beheer)."""
    options = sorted((k, k, n) for k, n in by_wijk.items() if k and k != MY_WIJKEN)
    mine = my_wijken(user)
    if mine:
        options.insert(0, (MY_WIJKEN, f"Mijn wijken ({', '.join(mine)})", by_wijk.get(MY_WIJKEN, 0)))
    return options


def _facet(name, label, all_label, chosen, options) -> dict:
    return {"name": name, "label": label, "all": all_label, "chosen": chosen or "", "options": options}


def _fixed(name, label, all_label, chosen, counts) -> dict:
    return _facet(name, label, all_label, chosen,
                  [(k, text, counts[name].get(k, 0)) for k, text in LABELS[name].items()])


def _chosen_assignee(flt, user) -> str:
    if flt.mine:
        return "mij"
    if flt.unassigned:
        return "niemand"
    if flt.team_ids is not None:
        return "team"
    if flt.assignee_id:
        found = users_by_id([flt.assignee_id]).get(flt.assignee_id)
        return found.username if found else ""
    return ""


def _assignee_options(by_id: dict, user) -> list:
    options = [("mij", "Ikzelf", by_id.get(str(user.id), 0)), ("niemand", "Nog niemand", by_id.get("0", 0))]
    if getattr(user, "team", None):  # set per staff member on /beheer
        options.append(("team", f"Mijn team ({user.team})", sum(by_id.get(str(i), 0) for i in my_team_ids(user))))
    others = staff_labels([int(k) for k in by_id if k not in ("0", str(user.id))])
    options += sorted(((username, name, by_id[str(i)]) for i, (username, name) in others.items()),
                      key=lambda o: o[1])
    return options
