"""API routes of the contractmanager: aanbieders (list, register, details, registration per gemeente) and
contracts (create, period, products, a tarief from a date on, plafond). Load → policy (in the service, with
the loaded object) → one service → JSON; a refused value is a 422 naming the field."""
from contextlib import contextmanager
from decimal import Decimal

from flask import g, jsonify
from sqlalchemy import select

from ... import db
from ...domain import policy
from ...models import Gemeente, Product
from ...services import aanbieders as service
from ...services import contracten as contract_service
from ...services.errors import Forbidden, InvalidInput
from . import bp
from .auth import api_login_required
from .contract_schemas import (AanbiederIn, AanbiederOut, ContractIn, ContractOut,
                               ContractProductIn, NieuwContractIn, NieuweAanbiederIn, PlafondIn, RegistratieIn,
                               RegistratieOut, TariefIn)
from .input import json_object, query_text


@bp.route("/aanbieders")
@api_login_required
def list_aanbieders():
    _require()
    rows = service.aanbieders_for(g.api_user, (query_text("zoek", "") or "")[:100])
    return jsonify({"count": len(rows), "results": AanbiederOut(many=True).dump(rows)})


@bp.route("/aanbieders", methods=["POST"])
@api_login_required
def create_aanbieder():
    _require()
    data = NieuweAanbiederIn().load(json_object())
    gemeente_id = _gemeente_id(data.pop("gemeente"))
    registratie = _registratie(data.pop("registratie"))
    aanbieder = service.create_aanbieder(g.api_user, gemeente_id, service.AanbiederForm(**data), registratie)
    return jsonify(_detail(service.get_aanbieder(g.api_user, aanbieder.id))), 201


@bp.route("/aanbieders/<id:aanbieder_id>")
@api_login_required
def get_aanbieder(aanbieder_id: int):
    _require()
    return jsonify(_detail(service.get_aanbieder(g.api_user, aanbieder_id)))


@bp.route("/aanbieders/<id:aanbieder_id>/wijzigen", methods=["POST"])
@api_login_required
def update_aanbieder(aanbieder_id: int):
    _require()
    found = service.get_aanbieder(g.api_user, aanbieder_id)
    service.update_aanbieder(g.api_user, found.id, service.AanbiederForm(**AanbiederIn().load(json_object())))
    return jsonify(_detail(service.get_aanbieder(g.api_user, found.id)))


@bp.route("/aanbieder-registraties/<id:registratie_id>/wijzigen", methods=["POST"])
@api_login_required
def update_registratie(registratie_id: int):
    _require()
    found = service.get_registratie(g.api_user, registratie_id)
    service.update_registratie(g.api_user, found.id, _registratie(RegistratieIn().load(json_object())))
    return jsonify(RegistratieOut().dump(service.get_registratie(g.api_user, found.id)))


@bp.route("/aanbieders/<id:aanbieder_id>/contracten", methods=["POST"])
@api_login_required
def create_contract(aanbieder_id: int):
    _require()
    found = service.get_aanbieder(g.api_user, aanbieder_id)
    data = NieuwContractIn().load(json_object())
    contract = contract_service.create_contract(g.api_user, found.id, _gemeente_id(data.pop("gemeente")),
                                                _contract_form(data))
    return jsonify(ContractOut().dump(contract_service.get_contract(g.api_user, contract.id))), 201


@bp.route("/contracten/<id:contract_id>")
@api_login_required
def get_contract(contract_id: int):
    _require()
    return jsonify(ContractOut().dump(contract_service.get_contract(g.api_user, contract_id)))


@bp.route("/contracten/<id:contract_id>/wijzigen", methods=["POST"])
@api_login_required
def update_contract(contract_id: int):
    _require()
    found = contract_service.get_contract(g.api_user, contract_id)
    contract_service.update_contract(g.api_user, found.id, _contract_form(ContractIn().load(json_object())))
    return jsonify(_fresh_contract(found.id))


@bp.route("/contracten/<id:contract_id>/producten", methods=["POST"])
@api_login_required
def add_product(contract_id: int):
    _require()
    found = contract_service.get_contract(g.api_user, contract_id)
    data = ContractProductIn().load(json_object())
    product_id = db.session.scalar(select(Product.id).where(Product.productcode == data["productcode"]))
    with _fields_named({"product": "productcode", "tarief": "tarief_cent", "plafond": "plafond_cent"}):
        contract_service.add_product(g.api_user, found.id, product_id, _euro(data["tarief_cent"]),
                                     _euro(data["plafond_cent"]))
    return jsonify(_fresh_contract(found.id)), 201


@bp.route("/contractproducten/<id:regel_id>/tarieven", methods=["POST"])
@api_login_required
def change_tarief(regel_id: int):
    _require()
    regel = contract_service.get_contract_product(g.api_user, regel_id)
    contract_id, data = regel.contract_id, TariefIn().load(json_object())
    with _fields_named({"tarief": "tarief_cent"}):
        contract_service.change_tarief(g.api_user, regel.id, data["ingangsdatum"], _euro(data["tarief_cent"]))
    return jsonify(_fresh_contract(contract_id)), 201


@bp.route("/contractproducten/<id:regel_id>/plafond", methods=["POST"])
@api_login_required
def set_plafond(regel_id: int):
    _require()
    regel = contract_service.get_contract_product(g.api_user, regel_id)
    contract_id = regel.contract_id
    with _fields_named({"plafond": "plafond_cent"}):
        contract_service.set_plafond(g.api_user, regel.id, _euro(PlafondIn().load(json_object())["plafond_cent"]))
    return jsonify(_fresh_contract(contract_id))


def _require() -> None:
    """The role first, before any id is looked up: a consulent gets 403 whether an object exists or not."""
    decision = policy.decide(g.api_user, "contracten.beheren")
    if not decision:
        raise Forbidden(decision.reason)


def _detail(aanbieder) -> dict:
    """The aanbieder with its registrations and contracts in the caller's gemeenten (schema AanbiederDetail)."""
    out = AanbiederOut().dump(aanbieder)
    out["registraties"] = RegistratieOut(many=True).dump(
        [r for r in aanbieder.registraties if r.gemeente_id in g.api_user.gemeente_ids])
    out["contracten"] = ContractOut(many=True, exclude=("producten",)).dump(
        contract_service.contracts_of(g.api_user, aanbieder))
    return out


def _fresh_contract(contract_id: int) -> dict:
    db.session.expire_all()
    return ContractOut().dump(contract_service.get_contract(g.api_user, contract_id))


def _gemeente_id(code: str) -> int | None:
    gemeente = db.session.scalar(select(Gemeente).where(Gemeente.code == code))
    if gemeente is None or gemeente.id not in g.api_user.gemeente_ids:
        raise InvalidInput("Niet alle velden zijn goed ingevuld.",
                           errors={"gemeente": "Geef de CBS-code van een gemeente waarvoor u werkt."})
    return gemeente.id


def _registratie(data: dict) -> service.RegistratieForm:
    codes = data["producten"]
    ids = list(db.session.scalars(select(Product.id).where(Product.productcode.in_(codes))))
    if len(set(codes)) != len(ids):
        raise InvalidInput("Niet alle velden zijn goed ingevuld.",
                           errors={"producten": "Geef productcodes uit de productcatalogus."})
    return service.RegistratieForm(data["status"], data["wijken"], ids)


def _contract_form(data: dict) -> contract_service.ContractForm:
    return contract_service.ContractForm(data["kenmerk"], data["ingangsdatum"], data.get("einddatum") or "")


@contextmanager
def _fields_named(names: dict[str, str]):
    """The service's field names as the API's body names them (tarief → tarief_cent) in a refusal."""
    try:
        yield
    except InvalidInput as exc:
        raise InvalidInput(str(exc), errors={names.get(k, k): v for k, v in exc.errors.items()}) from exc


def _euro(cents: int | None) -> str:
    """Cents as the euro text the services read (zero and negative stay so: the service refuses them)."""
    return "" if cents is None else str(Decimal(cents) / 100)
