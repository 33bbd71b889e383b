"""Marshmallow schemas of the inwoner's own part of the API (`/api/v1/mijn/...`)."""
from marshmallow import Schema, fields

from .fields import ApiSchema, SafeString


class VoortgangStapOut(Schema):
    stap = fields.String(attribute="label")
    status = fields.String(attribute="state", metadata={"description": "klaar, bezig of nog-niet"})


class VolgendeTermijnOut(Schema):
    omschrijving = fields.String(attribute="description")
    uiterlijk = fields.Date(attribute="due")


class MijnZaakOut(Schema):
    id = fields.Integer(attribute="zaak.id")
    zaaknummer = fields.String(attribute="zaak.zaaknummer")
    domein = fields.String(attribute="zaak.domein")
    status = fields.String(attribute="zaak.status")
    ontvangen_op = fields.Date(attribute="zaak.ontvangen_op")
    voortgang = fields.List(fields.Nested(VoortgangStapOut), attribute="steps")
    nu_bezig = fields.List(fields.String(), attribute="bezig")
    volgende_termijn = fields.Nested(VolgendeTermijnOut, allow_none=True)
    ongelezen_berichten = fields.Integer(attribute="ongelezen")
    te_ondertekenen = fields.Boolean()


class VerwerkingOut(Schema):
    wanneer = fields.DateTime(attribute="at")
    wie = fields.String()
    wat = fields.String()
    handeling = fields.String()
    waarom = fields.String()
    grondslag = fields.String()


class PortaalBerichtOut(Schema):
    id = fields.Integer()
    van = fields.String(metadata={"description": "inwoner of gemeente"})
    tekst = fields.String()
    verstuurd_op = fields.DateTime()
    gelezen_op = fields.DateTime(allow_none=True)


class PortaalBerichtIn(ApiSchema):
    tekst = SafeString(required=True, error_messages={"required": "Schrijf uw bericht."})
