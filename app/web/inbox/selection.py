"""Tasks picked from the werkvoorraad list: claim one with its row's button, or claim or hand over the ticked
ones at once; the list comes back with a result per task."""
from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.input import valid_id
from ...services import task_selection
from ...services.lookups import active_user
from ..errors import refuse
from . import bp


@bp.route("/taken/selectie", methods=["POST"])
@login_required
def selection():
    decision = policy.decide(current_user, "werkvoorraad.gebruiken")
    if not decision:
        refuse(decision)
    back = redirect(url_for("inbox.index", **_kept_args()))
    one = request.form.get("oppakken", type=int)  # a row's own "Oppakken" button
    task_ids = [one] if one else [i for i in request.form.getlist("taak", type=int) if valid_id(i)]
    if one and not valid_id(one) or not task_ids:
        flash("Kies eerst een of meer taken: vink ze aan in de lijst.", "error")
        return back
    if len(task_ids) > task_selection.MAX_SELECTED:
        flash(f"Kies hoogstens {task_selection.MAX_SELECTED} taken tegelijk.", "error")
        return back
    if one or request.form.get("actie") == "oppakken":
        outcomes, verb = task_selection.claim_tasks(current_user, task_ids), "Opgepakt"
    elif request.form.get("actie") == "overdragen":
        colleague = request.form.get("collega", type=int)
        if not colleague or not valid_id(colleague):
            flash("Kies de collega aan wie u de gekozen taken wilt overdragen.", "error")
            return back
        outcomes = task_selection.hand_over_tasks(current_user, task_ids, colleague)
        target = active_user(colleague)
        verb = f"Overgedragen aan {target.display_name}" if any(o.done for o in outcomes) else "Overgedragen"
    else:
        flash("Kies of u de gekozen taken wilt oppakken of overdragen.", "error")
        return back
    done = [o.name for o in outcomes if o.done]
    if done:
        flash(f"{verb}: {'; '.join(done)}.", "success")
    for failed in (o for o in outcomes if not o.done):
        flash(f"Niet {verb.split()[0].lower()}: {failed.name}. {failed.reason}", "error")
    return back


#: What the list was showing (sent along as hidden fields "terug_<name>"), so it comes back the same.
KEPT = ("rol", "taak", "domein", "behandeling", "termijn", "wijk", "zoek", "behandelaar", "sorteer", "berichten",
        "pagina")


def _kept_args() -> dict:
    """The list's filters, sort and page as they were."""
    return {name: value for name in KEPT if (value := request.form.get(f"terug_{name}", "")) and len(value) <= 100}
