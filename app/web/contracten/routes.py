"""Routes of the contract pages: load, ask the policy (with the loaded object, in the service), call one
service, render. A refused form is shown again with what was typed and a message beside each field (400)."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ...domain import policy
from ...domain.contracten import STATUSSEN
from ...domain.deadlines import format_date_nl
from ...services import aanbieders as service
from ...services import contracten as contract_service
from ...services.errors import Forbidden, InvalidInput, NotFound
from ..errors import refuse
from . import bp
from ...domain.input import is_digits

HOME = ("Contracten", "contracten.index")


@bp.before_request
@login_required
def _only_contractmanagers():
    decision = policy.decide(current_user, "contracten.beheren")
    if not decision:
        refuse(decision)


@bp.route("/")
def index():
    """The contractmanager's start page: plafond signals and the aanbieders of their gemeenten."""
    zoek = (request.args.get("zoek") or "").strip()[:100]
    return render_template("contracten/index.html", rows=service.aanbieders_for(current_user, zoek), zoek=zoek,
                           signals=contract_service.recent_signals(current_user), statussen=STATUSSEN,
                           ending=contract_service.ending_soon(current_user),
                           mine=current_user.gemeente_ids, breadcrumbs=[("Contracten", None)])


@bp.route("/aanbieders/nieuw", methods=["GET", "POST"])
def new_aanbieder():
    form, registratie, errors = service.AanbiederForm(), service.RegistratieForm(), {}
    choices = service.choices_for(current_user)
    gemeente_id = choices["gemeenten"][0].id if len(choices["gemeenten"]) == 1 else None
    if request.method == "POST":
        form, registratie, gemeente_id = _aanbieder_form(), _registratie_form(), _int(request.form.get("gemeente"))
        try:
            aanbieder = service.create_aanbieder(current_user, gemeente_id, form, registratie)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"{aanbieder.naam} is geregistreerd. Leg nu het contract vast.", "success")
            return redirect(url_for("contracten.aanbieder", aanbieder_id=aanbieder.id))
    return render_template("contracten/aanbieder_nieuw.html", form=form, registratie=registratie, errors=errors,
                           choices=choices, gemeente_id=gemeente_id, statussen=STATUSSEN,
                           breadcrumbs=[_home(), ("Nieuwe aanbieder", None)]), 400 if errors else 200


@bp.route("/aanbieders/<id:aanbieder_id>", methods=["GET", "POST"])
def aanbieder(aanbieder_id: int):
    found = _load(service.get_aanbieder, aanbieder_id)
    form, errors = service.form_of(found), {}
    if request.method == "POST":
        form = _aanbieder_form()
        try:
            changes = service.update_aanbieder(current_user, found.id, form)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("De wijzigingen zijn opgeslagen." if changes else "Er was niets veranderd.", "success")
            return redirect(url_for("contracten.aanbieder", aanbieder_id=found.id))
    return _aanbieder_page(found, form=form, errors=errors)


@bp.route("/registraties/<id:registratie_id>", methods=["GET", "POST"])
def registratie(registratie_id: int):
    """The aanbieder in one gemeente: state, wijken served, products it may deliver."""
    found = _load(service.get_registratie, registratie_id)
    form, errors = service.registratie_form_of(found), {}
    if request.method == "POST":
        form = _registratie_form()
        try:
            changes = service.update_registratie(current_user, found.id, form)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("De registratie in de gemeente is opgeslagen." if changes else "Er was niets veranderd.", "success")
            return redirect(url_for("contracten.aanbieder", aanbieder_id=found.aanbieder_id))
    return render_template("contracten/registratie.html", registratie=found, form=form, errors=errors,
                           choices=service.choices_for(current_user), statussen=STATUSSEN,
                           breadcrumbs=[_home(), (found.aanbieder.naam, url_for("contracten.aanbieder",
                                                                                aanbieder_id=found.aanbieder_id)),
                                        (found.gemeente.naam, None)]), 400 if errors else 200


@bp.route("/aanbieders/<id:aanbieder_id>/contracten/nieuw", methods=["GET", "POST"])
def new_contract(aanbieder_id: int):
    found = _load(service.get_aanbieder, aanbieder_id)
    gemeenten = [r.gemeente for r in found.registraties if r.gemeente_id in current_user.gemeente_ids]
    form, errors = contract_service.ContractForm(), {}
    gemeente_id = gemeenten[0].id if len(gemeenten) == 1 else None
    if request.method == "POST":
        form, gemeente_id = _contract_form(), _int(request.form.get("gemeente"))
        try:
            contract = contract_service.create_contract(current_user, found.id, gemeente_id, form)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash(f"Contract {contract.kenmerk} is aangemaakt. Voeg nu de producten met hun tarief toe.", "success")
            return redirect(url_for("contracten.contract", contract_id=contract.id))
    return render_template("contracten/contract_nieuw.html", aanbieder=found, gemeenten=gemeenten, form=form,
                           gemeente_id=gemeente_id, errors=errors,
                           breadcrumbs=[_home(), (found.naam, url_for("contracten.aanbieder", aanbieder_id=found.id)),
                                        ("Nieuw contract", None)]), 400 if errors else 200


@bp.route("/contracten/<id:contract_id>", methods=["GET", "POST"])
def contract(contract_id: int):
    found = _load(contract_service.get_contract, contract_id)
    form, errors = contract_service.form_of(found), {}
    if request.method == "POST":
        form = _contract_form()
        try:
            changes = contract_service.update_contract(current_user, found.id, form)
        except InvalidInput as exc:
            errors = exc.errors
        else:
            flash("De looptijd is opgeslagen." if changes else "Er was niets veranderd.", "success")
            return redirect(url_for("contracten.contract", contract_id=found.id))
    return _contract_page(found, form=form, errors=errors)


@bp.route("/contracten/<id:contract_id>/producten", methods=["POST"])
def add_product(contract_id: int):
    found = _load(contract_service.get_contract, contract_id)
    values = {name: request.form.get(f"nieuw-{name}", "") for name in ("product", "tarief", "plafond")}
    try:
        regel = contract_service.add_product(current_user, found.id, _int(values["product"]), values["tarief"],
                                             values["plafond"])
    except InvalidInput as exc:
        return _contract_page(found, product_form=values,
                              errors={f"nieuw-{name}": text for name, text in exc.errors.items()})
    flash(f"{regel.product.productcode} is aan het contract toegevoegd.", "success")
    return redirect(url_for("contracten.contract", contract_id=found.id))


@bp.route("/contractproducten/<id:regel_id>/tarief", methods=["POST"])
def change_tarief(regel_id: int):
    contract_id = _load(contract_service.get_contract_product, regel_id).contract_id
    values = {name: request.form.get(f"{name}-{regel_id}", "") for name in ("ingangsdatum", "tarief")}
    try:
        row = contract_service.change_tarief(current_user, regel_id, values["ingangsdatum"], values["tarief"])
    except InvalidInput as exc:
        return _contract_page(_load(contract_service.get_contract, contract_id), tarief_forms={regel_id: values},
                              errors={f"{name}-{regel_id}": text for name, text in exc.errors.items()})
    flash(f"Het nieuwe tarief geldt vanaf {format_date_nl(row.ingangsdatum)}; het oude blijft gelden "
          "voor prestaties daarvoor.", "success")
    return redirect(url_for("contracten.contract", contract_id=contract_id))


@bp.route("/contractproducten/<id:regel_id>/plafond", methods=["POST"])
def set_plafond(regel_id: int):
    contract_id = _load(contract_service.get_contract_product, regel_id).contract_id
    value = request.form.get(f"plafond-{regel_id}", "")
    try:
        changes = contract_service.set_plafond(current_user, regel_id, value)
    except InvalidInput as exc:
        return _contract_page(_load(contract_service.get_contract, contract_id), plafond_forms={regel_id: value},
                              errors={f"plafond-{regel_id}": text for text in exc.errors.values()})
    flash("Het plafond is opgeslagen." if changes else "Er was niets veranderd.", "success")
    return redirect(url_for("contracten.contract", contract_id=contract_id))


def _aanbieder_page(found, form=None, errors=None):
    errors = errors or {}
    return render_template("contracten/aanbieder.html", aanbieder=found, form=form or service.form_of(found),
                           errors=errors, statussen=STATUSSEN,
                           registraties=[r for r in found.registraties if r.gemeente_id in current_user.gemeente_ids],
                           contracts=contract_service.contracts_of(current_user, found),
                           history=service.history_of(current_user, found), action_labels=service.ACTION_LABELS,
                           breadcrumbs=[_home(), (found.naam, None)]), 400 if errors else 200


def _contract_page(found, form=None, errors=None, product_form=None, tarief_forms=None, plafond_forms=None):
    """The contract with its products; `errors` are keyed by the field names on this page (e.g. 'tarief-12')."""
    errors = errors or {}
    reg = next(r for r in found.aanbieder.registraties if r.gemeente_id == found.gemeente_id)
    contracted = {r.product_id for r in found.producten}
    return render_template(
        "contracten/contract.html", contract=found, form=form or contract_service.form_of(found), errors=errors,
        regels=contract_service.product_regels(found), product_form=product_form or {},
        tarief_forms=tarief_forms or {}, plafond_forms=plafond_forms or {},
        addable=[(p.id, f"{p.productcode} — {p.omschrijving}") for p in reg.producten if p.id not in contracted],
        breadcrumbs=[_home(), (found.aanbieder.naam, url_for("contracten.aanbieder", aanbieder_id=found.aanbieder_id)),
                     (f"Contract {found.kenmerk}", None)]), 400 if errors else 200


def _load(getter, object_id: int):
    try:
        return getter(current_user, object_id)
    except NotFound:
        refuse(policy.HIDDEN)
    except Forbidden as exc:
        refuse(policy.deny(str(exc)))


def _aanbieder_form() -> service.AanbiederForm:
    return service.AanbiederForm(**{name: request.form.get(name, "") for name in service.LABELS})


def _registratie_form() -> service.RegistratieForm:
    return service.RegistratieForm(status=request.form.get("status", ""), wijken=request.form.getlist("wijken"),
                                   product_ids=[v for v in map(_int, request.form.getlist("producten")) if v])


def _contract_form() -> contract_service.ContractForm:
    return contract_service.ContractForm(*(request.form.get(n, "") for n in ("kenmerk", "ingangsdatum", "einddatum")))


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and is_digits(value) and len(value) < 10 else None


def _home():
    return HOME[0], url_for(HOME[1])
