"""Routes of the gemeenten of the installation (#13 point 1): a list with what their letters and portal still lack,
and a page per gemeente where the beheerder who works for it changes its name, account, letterhead, bezwaar
address, theme colour and logo. Load, ask the policy with the loaded gemeente, call one service, render."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain import logo as logo_rules
from ...domain import policy
from ...services import audit, gemeente_beheer
from ...services.errors import Forbidden, InvalidInput, NotFound
from ..errors import refuse
from . import bp

LIJST = ("Gemeenten", "beheer.gemeenten")


@bp.route("/gemeenten")
def gemeenten():
    return render_template("beheer/gemeenten.html", rows=gemeente_beheer.gemeenten_for(current_user),
                           breadcrumbs=[(LIJST[0], None)])


@bp.route("/gemeenten/<id:gemeente_id>", methods=["GET", "POST"])
def gemeente(gemeente_id: int):
    found = _load(gemeente_id)
    form, errors = gemeente_beheer.GemeenteForm.of(found), {}
    if request.method == "POST":
        form = _form()
        upload = request.files.get("logo")
        logo = (upload.filename or "logo", upload.read(logo_rules.MAX_BYTES + 1)) if upload and upload.filename else None
        try:
            changed = gemeente_beheer.update_gemeente(current_user, found.id, form, logo=logo,
                                                      logo_weg=request.form.get("logo_weg") == "1")
        except InvalidInput as exc:
            errors = exc.errors or {"naam": str(exc)}
        except (Forbidden, NotFound):
            refuse(policy.HIDDEN)
        else:
            names = ", ".join(c if c.isupper() else c.lower() for c in changed)  # IBAN and BIC stay in capitals
            flash(f"Opgeslagen: {names}. De volgende brief en de pagina's van de gemeente gebruiken het meteen."
                  if changed else "Er was niets veranderd.", "success")
            return redirect(url_for("beheer.gemeente", gemeente_id=found.id))
    return render_template("beheer/gemeente.html", gemeente=found, form=form, errors=errors,
                           history=audit.records_of(found, limit=20), nav_current=LIJST[1],
                           breadcrumbs=[(LIJST[0], url_for(LIJST[1])), (found.naam, None)]), 400 if errors else 200


def _load(gemeente_id: int):
    try:
        return gemeente_beheer.get_gemeente(current_user, gemeente_id)
    except NotFound:
        refuse(policy.HIDDEN)


def _form() -> gemeente_beheer.GemeenteForm:
    text = {name: request.form.get(name, "")[:1000] for name in (
        "naam", "iban", "bic", "briefadres", "telefoon", "website", "bezwaar_adres", "kleur")}
    return gemeente_beheer.GemeenteForm(**text, bezwaarcommissie=request.form.get("bezwaarcommissie") == "1")
