"""Mijn gegevens: contact details and eigen verhaal (written once, reused), 'wie heeft mijn gegevens
bekeken' from the processing log, and 'mijn zorg' (toewijzingen and what was declared on them)."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...services import beoordelingen, dossier, eigen_verhaal, mijn_zorg, verwerkingen
from ...domain.verwerkingen import WIE_FILTER
from ...services.errors import InvalidInput
from ..paging import page_arg
from . import acting, bp


@bp.route("/gegevens", methods=["GET", "POST"])
@login_required
def gegevens():
    dossier_ = acting.require("dossier.handelen" if request.method == "POST" else "dossier.inzien")
    person = acting.person_of(dossier_)
    profiel = eigen_verhaal.profile_of(person.id)
    errors = {}
    values = {"telefoon": profiel.telefoon if profiel else "", "eigen_verhaal": profiel.eigen_verhaal if profiel else "",
              "email": person.email or ""}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in ("telefoon", "email", "eigen_verhaal")}
        try:
            eigen_verhaal.save_profile(current_user, person, telefoon=values["telefoon"], email=values["email"],
                                       eigen_verhaal=values["eigen_verhaal"], on_behalf_of=acting.on_behalf_of(dossier_))
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("Uw gegevens zijn opgeslagen. Bij een volgende melding staan ze al ingevuld.", "success")
            return redirect(url_for("portal.gegevens"))
    dossier.open_own_data(current_user, person, what="'Mijn gegevens' bekeken", object_type="profiel",
                          on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/gegevens.html", person=person, profiel=profiel, values=values, errors=errors,
                           account_emails=eigen_verhaal.account_addresses(person.id),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), ("Mijn gegevens", None)]), \
        400 if errors else 200


@bp.route("/wie-bekeek-mijn-gegevens")
@login_required
def verwerkingen_lijst():
    dossier_ = acting.require("dossier.inzien")
    errors, filters = {}, {name: request.args.get(name, "").strip()[:20] for name in ("van", "tot", "wie")}
    van, tot = (_day(filters, name, errors) for name in ("van", "tot"))
    if van and tot and tot < van:
        errors["tot"] = "De datum 'Tot en met' ligt vóór 'Vanaf'. Kies een latere datum."
    wie = filters["wie"] if filters["wie"] in WIE_FILTER else ""
    groups, total = verwerkingen.grouped_for(current_user, acting.person_of(dossier_), van=None if errors else van,
                                             tot=None if errors else tot, wie=wie,
                                             on_behalf_of=acting.on_behalf_of(dossier_))
    page = page_arg(verwerkingen.PAGE_SIZE)
    pages = max((len(groups) + verwerkingen.PAGE_SIZE - 1) // verwerkingen.PAGE_SIZE, 1)
    shown = groups[(page - 1) * verwerkingen.PAGE_SIZE:page * verwerkingen.PAGE_SIZE]
    return render_template("portal/verwerkingen.html", groups=shown, total=total, page=page, pages=pages,
                           filters=filters, errors=errors, wie_keuzes=[(k, v[0]) for k, v in WIE_FILTER.items()],
                           filtered=any(filters.values()),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")),
                                        ("Wie heeft mijn gegevens bekeken", None)]), 400 if errors else 200


def _day(filters: dict, name: str, errors: dict) -> date | None:
    """The date in the filter `name` (jjjj-mm-dd, as a date field sends it), or None; a bad one is an error."""
    try:
        return date.fromisoformat(filters[name]) if filters[name] else None
    except ValueError:
        label = "Vanaf" if name == "van" else "Tot en met"
        errors[name] = f"Vul bij '{label}' een datum in, bijvoorbeeld 1 december 2026 als 2026-12-01."
        return None


@bp.route("/zorg")
@login_required
def zorg():
    dossier_ = acting.require("dossier.inzien")
    rows = mijn_zorg.zorg_of(current_user, acting.person_of(dossier_), on_behalf_of=acting.on_behalf_of(dossier_))
    return render_template("portal/zorg.html", rows=rows, today=date.today(),
                           beoordeeld=beoordelingen.ratings_of([z.toewijzing.id for z in rows]),
                           breadcrumbs=[("Mijn zaken", url_for("portal.index")), ("Mijn zorg", None)])
