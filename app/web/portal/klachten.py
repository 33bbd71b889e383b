"""Klachten and signalen in the portal: the inwoner (or a gemachtigde who may act for them) submits one about
their own care — an aanbieder of their own toewijzing only — and follows its state."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain.klachten import SOORT_UITLEG, STATUS_INWONER
from ...services import klachten as service
from ...services.errors import InvalidInput
from . import acting, bp
from ...domain.input import is_digits


@bp.route("/klachten", methods=["GET", "POST"])
@login_required
def klachten():
    dossier_ = acting.require("dossier.handelen" if request.method == "POST" else "dossier.inzien")
    values, errors = {"toewijzing": request.args.get("toewijzing", ""), "soort": "", "tekst": ""}, {}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in ("toewijzing", "soort", "tekst")}
        try:
            service.submit_by_inwoner(current_user, dossier_.person_id, _int(values["toewijzing"]), values["soort"],
                                      values["tekst"], on_behalf_of=acting.on_behalf_of(dossier_))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("Dank u wel. De gemeente heeft het ontvangen en gaat ernaar kijken. Hieronder ziet u hoe ver het is.",
                  "success")
            return redirect(url_for("portal.klachten", _anchor="mijn-klachten"))
    person = acting.person_of(dossier_)
    rows = service.klachten_of_person(current_user, person, on_behalf_of=acting.on_behalf_of(dossier_))
    toewijzingen = service.toewijzingen_of_person(person.id)
    return render_template("portal/klachten.html", rows=rows, values=values, errors=errors,
                           options=[(t.id, f"{t.aanbieder.naam}: {t.product.omschrijving}") for t in toewijzingen],
                           uitleg=SOORT_UITLEG, standen=STATUS_INWONER,
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), ("Klachten over uw zorg", None)]), \
        400 if errors else 200


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and is_digits(value) and len(value) < 10 else None
