"""Completing the inwoner's address from the zaak page, when a message to an aanbieder needs it."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...services import dossier, persoonsgegevens
from ...services.doorbraken import zaak_facts
from ...services.errors import Forbidden, InvalidInput, NotFound
from ..errors import refuse
from . import bp
from .case import _load_zaak

FIELDS = ("land", "straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats", "telefoon")


@bp.route("/zaken/<id:zaak_id>/persoonsgegevens", methods=["GET", "POST"])
@login_required
def persoonsgegevens_aanvullen(zaak_id: int):
    zaak = _load_zaak(zaak_id)
    decision = policy.decide(current_user, "persoonsgegevens.aanvullen", zaak_facts(current_user, zaak))
    if not decision:
        refuse(decision)
    terug = _back_url(request.values.get("terug"), zaak)
    errors, values = {}, persoonsgegevens.form_values(zaak.person)
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in FIELDS}
        try:
            persoonsgegevens.complete_address(current_user, zaak.id, values)
        except NotFound:
            abort(404)
        except Forbidden as exc:
            flash(str(exc), "error")
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"Het adres van {zaak.person.naam} is opgeslagen.", "success")
            return redirect(terug)
    dossier.open_zaak(current_user, zaak, purpose=f"{zaak.domein}-behandeling")  # shown again with errors: a read too
    return render_template("inbox/persoonsgegevens.html", zaak=zaak, values=values, errors=errors, terug=terug,
                           missing=persoonsgegevens.missing_for_messages(zaak.person),
                           landen=persoonsgegevens.land_options(),
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")),
                                        (zaak.zaaknummer, url_for("inbox.zaak", zaak_id=zaak.id)),
                                        ("Adres aanvullen", None)]), 400 if errors else 200


def _back_url(terug: str | None, zaak) -> str:
    """Back to the task that needed the address (only a path of this site), else to the zaak page."""
    if terug and terug.startswith("/") and not terug.startswith("//") and "\\" not in terug:
        return terug
    return url_for("inbox.zaak", zaak_id=zaak.id)

