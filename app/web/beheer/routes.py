"""Routes of the beheer pages: load, ask the policy (in the service, with the loaded user), call one
service, render. A one-time password is shown once on the page that made it, never in a redirect or flash."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.instellingen import SETTINGS
from ...services import audit, instellingen, second_factor, user_admin
from ...services import doorbraken as doorbraak_service
from ...services.errors import Forbidden, InvalidInput, NotFound
from ..errors import refuse
from . import bp
from ...domain.input import is_digits


@bp.before_request
@login_required
def _only_beheerders():
    decision = policy.decide(current_user, _page_action(request.endpoint or ""))
    if not decision:
        refuse(decision)


def _page_action(endpoint: str) -> str:
    """The policy action a beheer page is for (its 403 names what the user may not do)."""
    if endpoint == "beheer.doorbraken":
        return "doorbraken.bekijken"
    if endpoint.startswith("beheer.retentie_"):
        return "retentie.bekijken"
    if endpoint == "beheer.settings":
        return "instellingen.beheren"
    if endpoint.startswith("beheer.gemeente"):
        return "gemeente.beheren"
    return "gebruikers.beheren"


@bp.route("/instellingen", methods=["GET", "POST"])
def settings():
    values, errors = instellingen.current_values(), {}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in SETTINGS}
        try:
            changed = instellingen.update(current_user, values)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"{len(changed)} instelling{'en' if len(changed) != 1 else ''} gewijzigd; dat geldt meteen."
                  if changed else "Er was niets veranderd.", "success")
            return redirect(url_for("beheer.settings"))
    return render_template("beheer/instellingen.html", specs=SETTINGS, values=values, errors=errors,
                           breadcrumbs=[("Instellingen", None)]), 400 if errors else 200


@bp.route("/doorbraken")
def doorbraken():
    """Who opened a zaak outside their own work, when and why (beheerder and privacy officer)."""
    return render_template("beheer/doorbraken.html", rows=doorbraak_service.doorbraken_for(current_user),
                           breadcrumbs=[("Zaken geopend buiten het eigen werk", None)])


@bp.route("/")
def index():
    zoek = (request.args.get("zoek") or "").strip()[:100]
    return render_template("beheer/index.html", rows=user_admin.staff_list(current_user, zoek), zoek=zoek,
                           breadcrumbs=[("Medewerkers", None)])


@bp.route("/medewerkers/nieuw", methods=["GET", "POST"])
def new_user():
    form, errors = user_admin.StaffForm(), {}
    if request.method == "POST":
        form = _form()
        try:
            user, password = user_admin.create_user(current_user, form)
        except InvalidInput as exc:
            errors = exc.errors or {"naam": str(exc)}
        else:
            return _password_page(user, password, "De medewerker is aangemaakt.")
    return render_template("beheer/gebruiker.html", user=None, form=form, errors=errors,
                           choices=user_admin.choices_for(current_user),
                           breadcrumbs=[("Medewerkers", url_for("beheer.index")), ("Nieuwe medewerker", None)]), \
        400 if errors else 200


@bp.route("/medewerkers/<id:user_id>", methods=["GET", "POST"])
def user(user_id: int):
    found = _load(user_id)
    form, errors = _form_of(found), {}
    if request.method == "POST":
        form = _form()
        try:
            user_admin.update_user(current_user, found.id, form)
        except InvalidInput as exc:
            errors = exc.errors or {"naam": str(exc)}
        else:
            flash("De wijzigingen zijn opgeslagen.", "success")
            return redirect(url_for("beheer.user", user_id=found.id))
    return render_template("beheer/gebruiker.html", user=found, form=form, errors=errors,
                           choices=user_admin.choices_for(current_user),
                           last_login=user_admin.last_login_of(found), tokens=user_admin.active_tokens_of(found),
                           history=audit.records_of(found),
                           breadcrumbs=[("Medewerkers", url_for("beheer.index")), (found.display_name, None)]), \
        400 if errors else 200


@bp.route("/medewerkers/<id:user_id>/blokkeren", methods=["POST"])
def block(user_id: int):
    return _action(user_id, lambda: user_admin.set_active(current_user, user_id, False),
                   "Het account is geblokkeerd; de medewerker is overal uitgelogd.")


@bp.route("/medewerkers/<id:user_id>/activeren", methods=["POST"])
def unblock(user_id: int):
    return _action(user_id, lambda: user_admin.set_active(current_user, user_id, True),
                   "Het account is weer actief.")


@bp.route("/medewerkers/<id:user_id>/sleutels-intrekken", methods=["POST"])
def revoke_tokens(user_id: int):
    found = _load(user_id)
    count = user_admin.revoke_tokens(current_user, found.id)
    flash(f"{count} API-sleutel{'s' if count != 1 else ''} ingetrokken." if count
          else "Deze medewerker had geen werkende API-sleutels.", "success")
    return redirect(url_for("beheer.user", user_id=found.id))


@bp.route("/medewerkers/<id:user_id>/tweede-factor-wissen", methods=["POST"])
def clear_second_factor(user_id: int):
    found = _load(user_id)
    second_factor.clear(current_user, found.id)
    flash(f"De tweede factor van {found.display_name} is gewist; bij de volgende keer inloggen stelt "
          "de medewerker hem opnieuw in.", "success")
    return redirect(url_for("beheer.user", user_id=found.id))


@bp.route("/medewerkers/<id:user_id>/wachtwoord", methods=["POST"])
def reset_password(user_id: int):
    found = _load(user_id)
    user, password = user_admin.reset_password(current_user, found.id)
    return _password_page(user, password, "Er is een nieuw eenmalig wachtwoord gemaakt; het oude werkt niet meer.")


def _load(user_id: int):
    try:
        return user_admin.get_staff_user(current_user, user_id)
    except NotFound:
        refuse(policy.HIDDEN)
    except Forbidden as exc:
        refuse(policy.deny(str(exc)))


def _action(user_id: int, action, message: str):
    found = _load(user_id)
    try:
        action()
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        flash(message, "success")
    return redirect(url_for("beheer.user", user_id=found.id))


def _password_page(user, password: str, message: str):
    response = render_template("beheer/wachtwoord.html", user=user, password=password, message=message,
                               breadcrumbs=[("Medewerkers", url_for("beheer.index")),
                                            (user.display_name, url_for("beheer.user", user_id=user.id)),
                                            ("Eenmalig wachtwoord", None)])
    return response, 200, {"Cache-Control": "no-store"}


def _form() -> user_admin.StaffForm:
    wijken = []
    for value in request.form.getlist("wijken"):
        gemeente_id, _, wijk = value.partition(":")
        if is_digits(gemeente_id) and wijk:
            wijken.append((int(gemeente_id), wijk))
    return user_admin.StaffForm(
        username=request.form.get("gebruikersnaam", ""), display_name=request.form.get("naam", ""),
        email=request.form.get("email", ""), team=request.form.get("team", ""),
        roles=request.form.getlist("rollen"),
        gemeente_ids=[int(v) for v in request.form.getlist("gemeenten") if is_digits(v) and len(v) < 10],
        wijken=wijken)


def _form_of(user) -> user_admin.StaffForm:
    return user_admin.StaffForm(display_name=user.display_name, email=user.email or "", team=user.team or "",
                                roles=user.role_list(), gemeente_ids=sorted(user.gemeente_ids),
                                wijken=[(w.gemeente_id, w.wijk) for w in user.wijken], username=user.username)
