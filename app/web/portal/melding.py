"""Melding doen in the portal: prefilled with what the gemeente knows and what the inwoner wrote before."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain.deadlines import format_date_nl
from ...engine import EngineError
from ...services import dossier, eigen_verhaal, kaart_voorkeur, portal_melding
from ...services.errors import InvalidInput
from . import acting, bp
from ..request_limits import body_limit
from .uploads import UPLOAD_FORM_BODY, uploads_from

DOMEIN_KEUZES = [("wmo", "Hulp of ondersteuning thuis (Wmo)"), ("jeugd", "Hulp voor een kind of jongere (Jeugdwet)")]


@bp.route("/melding", methods=["GET", "POST"])
@body_limit(UPLOAD_FORM_BODY)
@login_required
def new_melding():
    dossier_ = acting.require("dossier.handelen")
    person = acting.person_of(dossier_)
    profiel = eigen_verhaal.profile_of(person.id)
    errors, model_failed = {}, False
    values = {"telefoon": profiel.telefoon if profiel else "", "eigen_verhaal": profiel.eigen_verhaal if profiel else "",
              "verhaal_delen": True, "voorkeur": request.args.get("voorkeur", "")[:12],
              "domein": request.args.get("domein", "")[:10]}  # from the kaart's "Ik wil hulp van deze aanbieder"
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in ("domein", "omschrijving", "telefoon", "eigen_verhaal",
                                                               "voorkeur")}
        values["verhaal_delen"] = request.form.get("verhaal_delen") == "1"
        uploads = uploads_from(request)
        try:
            zaak = portal_melding.submit(current_user, person, domein=values["domein"],
                                         omschrijving=values["omschrijving"], telefoon=values["telefoon"],
                                         verhaal=values["eigen_verhaal"], verhaal_delen=values["verhaal_delen"],
                                         uploads=uploads, on_behalf_of=acting.on_behalf_of(dossier_),
                                         voorkeur=values["voorkeur"])
        except InvalidInput as exc:
            errors = exc.errors
            # a browser never fills a file field again: say which files must be chosen once more
            values["niet_verstuurd"] = [u.filename for u in uploads] if "bijlagen" not in errors else []
        except EngineError:  # the model's first step failed: nothing was saved (the log has the cause)
            model_failed = True
            flash("Uw melding kon nu niet worden verwerkt door een storing bij de gemeente. Er is niets "
                  "opgeslagen; probeer het later opnieuw of bel de gemeente.", "error")
        else:
            wiens = f"de melding van {person.naam}" if dossier_.machtiging else "uw melding"
            flash(f"Wij hebben {wiens} ontvangen op {format_date_nl(zaak.ontvangen_op)}. "
                  f"Het zaaknummer is {zaak.zaaknummer}. Een consulent neemt contact op.", "success")
            return redirect(url_for("portal.zaak", zaak_id=zaak.id))
    dossier.open_own_data(current_user, person, what="Formulier 'melding doen' getoond, ingevuld met de eigen gegevens",
                          object_type="profiel", on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/melding.html", errors=errors, values=values, keuzes=DOMEIN_KEUZES, person=person,
                           aanbieders=kaart_voorkeur.choices(person.gemeente_id),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), ("Melding doen", None)]), \
        400 if errors else 422 if model_failed else 200
