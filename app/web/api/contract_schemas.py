"""Marshmallow schemas of the contractmanager's API: aanbieders with their registration per gemeente,
contracts with products and dated tarieven (amounts in euro cents, as in iWmo/iJw)."""
from marshmallow import Schema, fields, validate

from ...domain.sepa import mask_iban
from .fields import NL, ApiSchema, SafeString

STRICT_INT = {**NL, "invalid": "Geef een geheel getal (eurocenten)."}


class RegistratieOut(Schema):
    id = fields.Integer()
    gemeente = fields.Function(lambda r: r.gemeente.code, metadata={"description": "CBS-gemeentecode"})
    status = fields.String(metadata={"enum": ["actief", "beeindigd"]})
    wijken = fields.List(fields.String())
    producten = fields.Function(lambda r: [p.productcode for p in r.producten],
                                metadata={"description": "Productcodes die de aanbieder in deze gemeente mag leveren"})


class AanbiederOut(Schema):
    id = fields.Integer()
    naam = fields.String()
    agb_code = fields.String()
    kvk_nummer = fields.String(allow_none=True)
    iban = fields.Function(lambda a: mask_iban(a.iban) if a.iban else None,
                           metadata={"description": "Gemaskeerd: alleen de laatste vier tekens"})
    straat = fields.String(allow_none=True)
    huisnummer = fields.String(allow_none=True)
    postcode = fields.String(allow_none=True)
    plaats = fields.String(allow_none=True)
    contactpersoon = fields.String(allow_none=True)
    telefoon = fields.String(allow_none=True)
    email = fields.String(allow_none=True)


class AanbiederDetailOut(AanbiederOut):
    """Dumped from a dict: the aanbieder's fields plus `registraties` and `contracten` of the caller's gemeenten."""
    registraties = fields.List(fields.Nested(RegistratieOut))
    contracten = fields.List(fields.Nested(lambda: ContractOut(exclude=("producten",))))


class TariefOut(Schema):
    ingangsdatum = fields.Date()
    tarief_cent = fields.Integer(metadata={"description": "Tarief per eenheid in eurocenten vanaf ingangsdatum"})
    vastgelegd_op = fields.DateTime()


class ContractProductOut(Schema):
    id = fields.Integer()
    productcode = fields.Function(lambda r: r.product.productcode)
    plafond_cent = fields.Integer(allow_none=True)
    tarieven = fields.List(fields.Nested(TariefOut), metadata={"description": "Alle tarieven, oudste eerst"})


class ContractOut(Schema):
    id = fields.Integer()
    aanbieder_id = fields.Integer()
    gemeente = fields.Function(lambda c: c.gemeente.code)
    kenmerk = fields.String()
    ingangsdatum = fields.Date()
    einddatum = fields.Date(allow_none=True)
    producten = fields.List(fields.Nested(ContractProductOut))


def _text(required: bool = False):
    extra = {"required": True} if required else {"load_default": ""}
    return SafeString(validate=validate.Length(max=200, error="Hoogstens 200 tekens."), **extra)


class AanbiederIn(ApiSchema):
    naam = _text(required=True)
    agb_code = _text(required=True)
    kvk_nummer = _text(required=True)
    iban = _text(required=True)
    straat, huisnummer, postcode, plaats = _text(), _text(), _text(), _text()
    contactpersoon, telefoon, email = _text(), _text(), _text()


class RegistratieIn(ApiSchema):
    status = SafeString(load_default="actief")
    wijken = fields.List(SafeString(), load_default=list)
    producten = fields.List(SafeString(), required=True, metadata={"description": "Productcodes"})


class NieuweAanbiederIn(AanbiederIn):
    gemeente = SafeString(required=True, metadata={"description": "CBS-gemeentecode, bijvoorbeeld 0632"})
    registratie = fields.Nested(RegistratieIn, required=True)


class ContractIn(ApiSchema):
    kenmerk = _text(required=True)
    ingangsdatum = SafeString(required=True, metadata={"description": "JJJJ-MM-DD"})
    einddatum = SafeString(load_default="", allow_none=True, metadata={"description": "JJJJ-MM-DD; leeg: onbepaald"})


class NieuwContractIn(ContractIn):
    gemeente = SafeString(required=True, metadata={"description": "CBS-gemeentecode"})


class ContractProductIn(ApiSchema):
    productcode = SafeString(required=True)
    tarief_cent = fields.Integer(strict=True, required=True, error_messages=STRICT_INT)
    plafond_cent = fields.Integer(strict=True, load_default=None, allow_none=True, error_messages=STRICT_INT)


class TariefIn(ApiSchema):
    ingangsdatum = SafeString(required=True, metadata={"description": "JJJJ-MM-DD: geldt voor prestaties vanaf hier"})
    tarief_cent = fields.Integer(strict=True, required=True, error_messages=STRICT_INT)


class PlafondIn(ApiSchema):
    plafond_cent = fields.Integer(strict=True, required=True, allow_none=True, error_messages=STRICT_INT)
