"""Zorg beoordelen in the portal (#12 point 5): beside each toewijzing on 'Mijn zorg', the inwoner (or a
gemachtigde acting for them) rates the aanbieder once, after the care started. The service names every problem
beside its field; a rating waits for the contractmanager before the public kaart counts it."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain.beoordeling import ASPECTEN, TEXT_LONGEST
from ...services import beoordelingen
from ...services.errors import InvalidInput
from . import acting, bp

STERREN = [("1", "1 ster (slecht)"), ("2", "2 sterren"), ("3", "3 sterren"), ("4", "4 sterren"),
           ("5", "5 sterren (heel goed)")]


@bp.route("/zorg/beoordelen", methods=["GET", "POST"])
@login_required
def beoordelen():
    dossier_ = acting.require("dossier.handelen")
    person = acting.person_of(dossier_)
    form, errors = beoordelingen.BeoordelingForm(toewijzing=request.args.get("toewijzing", "")[:12]), {}
    if request.method == "POST":
        form = beoordelingen.BeoordelingForm(toewijzing=request.form.get("toewijzing", "")[:12],
                                             tekst=request.form.get("tekst", "")[:TEXT_LONGEST * 2],
                                             sterren={n: request.form.get(n, "")[:4] for n in ASPECTEN})
        try:
            beoordelingen.submit(current_user, person, form, on_behalf_of=acting.on_behalf_of(dossier_))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("Dank u wel voor uw beoordeling. De gemeente controleert hem eerst; daarna staat hij zonder "
                  "naam op de sociale kaart.", "success")
            return redirect(url_for("portal.zorg"))
    keuzes = beoordelingen.choices_for(current_user, person, on_behalf_of=acting.on_behalf_of(dossier_))
    if not form.toewijzing:
        form.toewijzing = next((str(k.toewijzing.id) for k in keuzes if k.kan), "")
    return render_template("portal/beoordelen.html", form=form, errors=errors, keuzes=keuzes, aspecten=ASPECTEN,
                           sterren=STERREN, tekst_max=TEXT_LONGEST,
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), ("Mijn zorg", url_for("portal.zorg")),
                                        ("Zorg beoordelen", None)]), 400 if errors else 200
