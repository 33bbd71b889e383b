"""Klachten and signalen on the staff side: a consulent registers one from the zaak page, about the aanbieder of
one of the zaak's toewijzingen, and sees those registered about the zaak."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain.klachten import SOORT_UITLEG, SOORTEN, STATUSSEN
from ...domain.policy import decide, deny
from ...domain.policy_klachten import KlachtBijZaak
from ...services import dossier
from ...services import klachten as service
from ...services.errors import Forbidden, InvalidInput
from ..errors import refuse
from . import bp
from ...domain.input import is_digits
from .case import _load_zaak


@bp.route("/zaken/<id:zaak_id>/klachten", methods=["GET", "POST"])
@login_required
def klachten(zaak_id: int):
    zaak = _load_zaak(zaak_id)
    decision = decide(current_user, "klacht.registreren", KlachtBijZaak(zaak, None))
    if not decision:
        refuse(decision)
    values, errors = {"toewijzing": request.args.get("toewijzing", ""), "soort": "klacht", "tekst": ""}, {}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in ("toewijzing", "soort", "tekst")}
        try:
            found = service.register_by_consulent(current_user, zaak, _int(values["toewijzing"]), values["soort"],
                                                  values["tekst"])
        except InvalidInput as exc:
            errors = exc.errors
        except Forbidden as exc:
            refuse(deny(str(exc)))
        else:
            flash(f"{SOORTEN[found.soort]} {found.kenmerk} over {found.aanbieder.naam} is geregistreerd. De "
                  "contractmanager volgt het op.", "success")
            return redirect(url_for("inbox.klachten", zaak_id=zaak.id))
    dossier.open_zaak(current_user, zaak, purpose=f"{zaak.domein}-behandeling")
    toewijzingen = service.toewijzingen_of_zaak(zaak)
    return render_template("inbox/klachten.html", zaak=zaak, values=values, errors=errors,
                           toewijzingen=toewijzingen, toewijzing_options=_options(toewijzingen), rows=service.klachten_of_zaak(zaak), soorten=SOORTEN,
                           uitleg=SOORT_UITLEG, statussen=STATUSSEN,
                           breadcrumbs=[("Werkvoorraad", url_for("inbox.index")),
                                        (zaak.zaaknummer, url_for("inbox.zaak", zaak_id=zaak.id)),
                                        ("Klacht of signaal", None)]), 400 if errors else 200


def _options(toewijzingen) -> list[tuple[int, str]]:
    return [(t.id, f"{t.aanbieder.naam} — {t.product.omschrijving} (toewijzing {t.toewijzingnummer})")
            for t in toewijzingen]


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and is_digits(value) and len(value) < 10 else None
