"""Routes of the keeper of the sociale kaart (the contractmanager, /contracten/kaart): the entries of their
gemeenten, a new one, one to change or mark checked. Load, ask the policy (in the service), one service, render."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...domain.sociale_kaart import SOORTEN
from ...services import kaart_beheer as service
from ...services import kaart_zichtbaarheid as zichtbaarheid
from ...services.errors import InvalidInput
from . import bp
from .routes import _int, _load

HOME = ("Sociale kaart", "contracten.kaart")
LISTS = ("categorieen", "wijken")
ACTION_LABELS = {"kaart.aanmaken": "Vermelding aangemaakt", "kaart.wijzigen": "Vermelding gewijzigd",
                 "kaart.verbergen": "Vermelding verborgen", "kaart.tonen": "Vermelding weer getoond"}


@bp.route("/kaart/")
def kaart():
    """The entries of the keeper's gemeenten, the longest unchecked first."""
    return render_template("contracten/kaart.html", entries=service.entries_for(current_user), soorten=SOORTEN,
                           gemeenten=service.choices_for(current_user, None)["gemeenten"],
                           year_ago=date.fromordinal(date.today().toordinal() - 365),
                           breadcrumbs=[("Contracten", url_for("contracten.index")), (HOME[0], None)])


@bp.route("/kaart/nieuw", methods=["GET", "POST"])
def new_kaart_entry():
    choices = service.choices_for(current_user, None)
    gemeente_id = _int(request.values.get("gemeente")) or (choices["gemeenten"][0][0]
                                                           if len(choices["gemeenten"]) == 1 else None)
    form, errors = service.KaartForm(gecontroleerd_op=date.today().isoformat()), {}
    if request.method == "POST":
        form = _form()
        try:
            entry = service.create_entry(current_user, gemeente_id, form)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"{entry.naam} staat op de sociale kaart.", "success")
            return redirect(url_for("contracten.kaart_entry", dienst_id=entry.id))
    return render_template("contracten/kaart_vermelding.html", entry=None, form=form, errors=errors,
                           gemeente_id=gemeente_id, choices=service.choices_for(current_user, gemeente_id),
                           history=[], action_labels=ACTION_LABELS, breadcrumbs=[_home(), ("Nieuwe vermelding", None)]), 400 if errors else 200


@bp.route("/kaart/<id:dienst_id>", methods=["GET", "POST"])
def kaart_entry(dienst_id: int):
    found = _load(service.get_entry, dienst_id)
    form, errors = service.form_of(found), {}
    if request.method == "POST":
        form = _form()
        try:
            changes = service.update_entry(current_user, found.id, form)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("De vermelding is opgeslagen." if changes else "Er was niets veranderd.", "success")
            return redirect(url_for("contracten.kaart_entry", dienst_id=found.id))
    return render_template("contracten/kaart_vermelding.html", entry=found, form=form, errors=errors,
                           gemeente_id=found.gemeente_id, choices=service.choices_for(current_user, found.gemeente_id),
                           history=service.history_of(found), action_labels=ACTION_LABELS,
                           entry_gemeente_code=found.gemeente.code,
                           breadcrumbs=[_home(), (found.naam, None)]), 400 if errors else 200


@bp.route("/kaart/<id:dienst_id>/zichtbaarheid", methods=["POST"])
def kaart_visibility(dienst_id: int):
    """Hide the entry from the public kaart, or show it again."""
    found = _load(service.get_entry, dienst_id)
    published = request.form.get("tonen") == "1"
    zichtbaarheid.set_published(current_user, found.id, published)
    flash(f"{found.naam} staat weer op de openbare kaart." if published else
          f"{found.naam} is verborgen: inwoners zien de vermelding niet meer, ook niet in de open data.", "success")
    return redirect(url_for("contracten.kaart_entry", dienst_id=found.id))


@bp.route("/kaart/<id:dienst_id>/verwijderen", methods=["GET", "POST"])
def delete_kaart_entry(dienst_id: int):
    """Ask first; delete only when the keeper confirms."""
    found = _load(service.get_entry, dienst_id)
    if request.method == "POST":
        if request.form.get("bevestigd") == "1":
            naam = zichtbaarheid.delete_entry(current_user, found.id)
            flash(f"{naam} is van de sociale kaart verwijderd.", "success")
            return redirect(url_for("contracten.kaart"))
        errors = {"bevestigd": "Vink aan dat u de vermelding echt wilt verwijderen, of kies 'Niet verwijderen'."}
    else:
        errors = {}
    return render_template("contracten/kaart_verwijderen.html", entry=found, errors=errors,
                           breadcrumbs=[_home(), (found.naam, url_for("contracten.kaart_entry", dienst_id=found.id)),
                                        ("Verwijderen", None)]), 400 if errors else 200


def _form() -> service.KaartForm:
    names = [n for n in service.KaartForm.__dataclass_fields__ if n not in LISTS and n != "beschikking_nodig"]
    values = {n: request.form.get(n, "")[:5000] for n in names}
    return service.KaartForm(**values, beschikking_nodig=request.form.get("beschikking_nodig") == "1",
                             **{n: request.form.getlist(n)[:100] for n in LISTS})


def _home():
    return HOME[0], url_for(HOME[1])
