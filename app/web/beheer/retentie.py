"""Routes of retention (#13 point 7): the bewaartermijnen per gemeente, and the vernietigingslijsten — review,
take a zaak off with a reason, submit, and (a second person) approve or send back; once destroyed, the list is the
vernietigingsverklaring. Load, ask the policy with the loaded object, call one service, render."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import policy
from ...domain import retentie as rules
from ...services import audit, retentie, vernietigingslijsten
from ...services.errors import Conflict, Forbidden, InvalidInput, NotFound
from ...services.gemeenten import get_gemeente
from ..errors import refuse
from . import bp
from ...domain.input import is_digits

LIJSTEN = ("Vernietigingslijsten", "beheer.retentie_lijsten")
#: The menu item these pages fall under.
NAV = "beheer.retentie_lijsten"


@bp.route("/bewaartermijnen", methods=["GET", "POST"])
def retentie_termijnen():
    gemeente = _gemeente(request.values.get("gemeente"))
    errors, values = {}, {}
    if request.method == "POST":
        _require(policy.decide(current_user, "retentie.beheren", gemeente))
        values = {f"{d}-{r}": request.form[f"{d}-{r}"] for d, r in rules.SOORTEN if f"{d}-{r}" in request.form}
        try:
            changed = retentie.update_termijnen(current_user, gemeente, values)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"{len(changed)} bewaartermijn{'en' if len(changed) != 1 else ''} gewijzigd." if changed
                  else "Er was niets veranderd.", "success")
            return redirect(url_for("beheer.retentie_termijnen", gemeente=gemeente.id))
    rows = retentie.termijnen_for(current_user, gemeente)
    history = sorted((record for row in rows for record in audit.records_of(row, limit=20)),
                     key=lambda r: (r.at, r.id), reverse=True)[:20]
    return render_template("beheer/bewaartermijnen.html", gemeente=gemeente, rows=rows, values=values,
                           errors=errors, history=history, gemeenten=_gemeenten(), rules=rules,
                           may_change=policy.decide(current_user, "retentie.beheren", gemeente),
                           nav_current=NAV, breadcrumbs=[(LIJSTEN[0], url_for(LIJSTEN[1])), ("Bewaartermijnen", None)]), \
        400 if errors else 200


@bp.route("/vernietigingslijsten")
def retentie_lijsten():
    return render_template("beheer/vernietigingslijsten.html", lijsten=vernietigingslijsten.lijsten_for(current_user),
                           gemeenten=_gemeenten(), rules=rules,
                           may_select=policy.decide(current_user, "retentie.beheren"),
                           nav_current=NAV, breadcrumbs=[(LIJSTEN[0], None)])


@bp.route("/vernietigingslijsten/selecteren", methods=["POST"])
def retentie_selecteren():
    gemeente = _gemeente(request.form.get("gemeente"))
    _require(policy.decide(current_user, "retentie.beheren", gemeente))
    added = retentie.select_now(current_user, gemeente)
    flash(f"{added} {'zaak' if added == 1 else 'zaken'} toegevoegd aan de conceptlijst van {gemeente.naam}." if added else
          f"Er zijn geen nieuwe zaken van {gemeente.naam} waarvan de bewaartermijn verstreken is.", "success")
    return redirect(url_for("beheer.retentie_lijsten"))


@bp.route("/vernietigingslijsten/<id:lijst_id>")
def retentie_lijst(lijst_id: int):
    return _render(_load(lijst_id))


@bp.route("/vernietigingslijsten/<id:lijst_id>/regels/<id:lijstregel_id>/uitzonderen", methods=["POST"])
def retentie_uitzonderen(lijst_id: int, lijstregel_id: int):
    lijst = _load(lijst_id)
    _require(policy.decide(current_user, "retentie.beheren", lijst))
    try:
        vernietigingslijsten.remove_regel(current_user, lijst.id, lijstregel_id, request.form.get("reden", ""))
    except InvalidInput as exc:
        return _render(lijst, errors={f"reden-{lijstregel_id}": exc.errors.get("reden", str(exc))}, problem=str(exc))
    except (Conflict, Forbidden, NotFound) as exc:
        flash(str(exc), "error")
    else:
        flash("De zaak is van de lijst gehaald; hij wordt niet vernietigd.", "success")
    return redirect(url_for("beheer.retentie_lijst", lijst_id=lijst.id))


@bp.route("/vernietigingslijsten/<id:lijst_id>/indienen", methods=["POST"])
def retentie_indienen(lijst_id: int):
    lijst = _load(lijst_id)
    _require(policy.decide(current_user, "retentie.beheren", lijst))
    return _act(lijst, lambda: vernietigingslijsten.submit(current_user, lijst.id),
                "De lijst is ingediend. Een tweede persoon (een andere beheerder of de privacyfunctionaris) moet hem "
                "nu goedkeuren.")


@bp.route("/vernietigingslijsten/<id:lijst_id>/goedkeuren", methods=["POST"])
def retentie_goedkeuren(lijst_id: int):
    lijst = _load(lijst_id)
    return _act(lijst, lambda: vernietigingslijsten.approve(current_user, lijst.id),
                "De lijst is goedgekeurd. De zaken worden nu vernietigd; daarna staat hier de vernietigingsverklaring.")


@bp.route("/vernietigingslijsten/<id:lijst_id>/terugsturen", methods=["POST"])
def retentie_terugsturen(lijst_id: int):
    lijst = _load(lijst_id)
    try:
        vernietigingslijsten.send_back(current_user, lijst.id, request.form.get("reden", ""))
    except InvalidInput as exc:
        return _render(lijst, errors={"reden-terug": exc.errors.get("reden", str(exc))}, problem=str(exc))
    except (Conflict, Forbidden) as exc:
        flash(str(exc), "error")
    else:
        flash("De lijst is teruggestuurd naar de beheerder.", "success")
    return redirect(url_for("beheer.retentie_lijst", lijst_id=lijst.id))


def _act(lijst, action, message: str):
    try:
        action()
    except (InvalidInput, Conflict, Forbidden) as exc:
        flash(str(exc), "error")
    else:
        flash(message, "success")
    return redirect(url_for("beheer.retentie_lijst", lijst_id=lijst.id))


def _render(lijst, errors: dict | None = None, problem: str | None = None):
    errors = errors or {}
    regels = vernietigingslijsten.regels_of(current_user, lijst)
    verklaring = {}
    for view in regels:
        if view.regel.status == "vernietigd":
            key = (view.regel.domein, view.regel.resultaat, view.regel.categorie)
            jaren = verklaring.setdefault(key, [])
            jaren.append(view.regel.eindjaar)
    return render_template(
        "beheer/vernietigingslijst.html", lijst=lijst, regels=regels, errors=errors, problem=problem, rules=rules,
        verklaring=sorted(verklaring.items()), nav_current=NAV,
        may_manage=policy.decide(current_user, "retentie.beheren", lijst) and lijst.status == "concept",
        may_approve=policy.decide(current_user, "retentie.goedkeuren", lijst),
        approve_refusal=policy.decide(current_user, "retentie.goedkeuren", lijst).reason
        if lijst.status == "ingediend" else None,
        breadcrumbs=[(LIJSTEN[0], url_for(LIJSTEN[1])), (f"Lijst {lijst.id} ({lijst.gemeente.naam})", None)]), \
        400 if errors else 200


def _load(lijst_id: int):
    try:
        return vernietigingslijsten.get_lijst(current_user, lijst_id)
    except NotFound:
        refuse(policy.HIDDEN)
    except (Forbidden, Conflict) as exc:
        refuse(policy.deny(str(exc)))


def _gemeenten():
    return sorted((g for g in (get_gemeente(i) for i in current_user.gemeente_ids) if g), key=lambda g: g.naam)


def _gemeente(raw):
    """The gemeente asked for (one the user works for), or the first of theirs."""
    if raw and is_digits(str(raw)) and len(str(raw)) < 10:
        gemeente = get_gemeente(int(raw))
        if gemeente is None:
            refuse(policy.HIDDEN)
        _require(policy.decide(current_user, "retentie.bekijken", gemeente))
        return gemeente
    own = _gemeenten()
    if not own:
        refuse(policy.deny("U werkt voor geen enkele gemeente."))
    return own[0]


def _require(decision) -> None:
    if not decision:
        refuse(decision)
