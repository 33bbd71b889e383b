"""Marshmallow schemas of the API's resources (Dutch names, as the ZGW APIs use)."""
from datetime import date

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ...domain.bsn import InvalidBSN, validate_bsn
from ...services.lookups import open_tasks_of
from .fields import NL, ApiSchema, Id, SafeString

NL_DATE = {**NL, "invalid": "Geef een datum als JJJJ-MM-DD."}


def one_of(*choices: str):
    return validate.OneOf(choices, error="Kies een van: " + ", ".join(choices) + ".")


class MeldingIn(ApiSchema):
    bsn = SafeString(load_default=None, metadata={"description": "BSN van de inwoner (elfproef)"})
    inwoner_id = Id(load_default=None)
    domein = SafeString(required=True, validate=one_of("wmo", "jeugd"))
    omschrijving = SafeString(required=True, validate=validate.Length(
        min=1, max=5000, error="Beschrijf de hulpvraag in 1 tot 5000 tekens."))
    kanaal = SafeString(load_default="telefoon", validate=one_of("telefoon", "brief", "balie", "email", "portaal"))
    ontvangen_op = fields.Date(load_default=None, error_messages=NL_DATE, metadata={
        "description": "Datum van ontvangst; de wettelijke termijnen lopen vanaf hier. Standaard vandaag."})

    @validates_schema
    def _person(self, data, **_kwargs):
        if not data.get("bsn") and not data.get("inwoner_id"):
            raise ValidationError("Geef het BSN of het inwoner_id van de inwoner.", "bsn")
        if data.get("bsn"):
            try:
                data["bsn"] = validate_bsn(data["bsn"])
            except InvalidBSN as exc:
                raise ValidationError(exc.message, "bsn") from exc
        if data.get("ontvangen_op") and data["ontvangen_op"] > date.today():
            raise ValidationError("De datum van ontvangst kan niet in de toekomst liggen.", "ontvangen_op")


class TermijnOut(Schema):
    soort = fields.String()
    uiterlijk = fields.Date(attribute="due")
    artikel = fields.String(attribute="article")
    omschrijving = fields.String(attribute="description")
    afgerond_op = fields.DateTime(attribute="met_at", allow_none=True)


class TaakOut(Schema):
    id = fields.Integer()
    zaak_id = fields.Integer()
    zaaknummer = fields.Function(lambda t: t.zaak.zaaknummer)
    taak = fields.String(attribute="spec_name")
    titel = fields.String(attribute="title")
    instructie = fields.String(attribute="instructions", allow_none=True)
    rol = fields.String(attribute="lane")
    formulier = fields.String(attribute="form_key", allow_none=True)
    status = fields.String()
    behandelaar = fields.Function(lambda t: t.assignee.username if t.assignee else None)
    opgepakt_op = fields.DateTime(attribute="claimed_at", allow_none=True)
    uiterlijk = fields.DateTime(attribute="due_at", allow_none=True)
    aangemaakt_op = fields.DateTime(attribute="created_at")
    afgerond_op = fields.DateTime(attribute="completed_at", allow_none=True)


class TaakDetailOut(TaakOut):
    formulier_schema = fields.Dict(attribute="form_schema")


class VoltooienIn(ApiSchema):
    gegevens = fields.Dict(required=True, error_messages={**NL, "invalid": "Geef de gegevens als JSON-object."},
                           metadata={"description": "De velden van het formulier van de taak"})


class GebeurtenisOut(Schema):
    tijdstip = fields.DateTime(attribute="at")
    soort = fields.String(attribute="kind")
    omschrijving = fields.String(attribute="summary")
    door = fields.Function(lambda e: e.actor.username if e.actor else None)


class BesluitOut(Schema):
    id = fields.Integer()
    besluit = fields.String()
    motivering = fields.String()
    grondslag = fields.String(allow_none=True)
    productcode = fields.String(allow_none=True)
    vastgesteld_op = fields.DateTime()
    bekendgemaakt_op = fields.Date(allow_none=True, metadata={"description": "Verzonden en in Mijn zaken gezet (art. 3:41 Awb)"})
    bezwaar_tot = fields.Date(allow_none=True, metadata={"description": "Laatste dag voor bezwaar (art. 6:7 en 6:8 Awb)"})


class ZaakOut(Schema):
    id = fields.Integer()
    zaaknummer = fields.String()
    domein = fields.String()
    status = fields.String()
    ontvangen_op = fields.Date()
    kanaal = fields.String()
    inwoner_id = fields.Integer(attribute="person_id")
    termijnen = fields.List(fields.Nested(TermijnOut))
    huidige_stappen = fields.Function(lambda z: TaakOut(many=True).dump(open_tasks_of(z)),
                                      metadata={"description": "De open taken: waar de zaak nu staat"})
    besluiten = fields.List(fields.Nested(BesluitOut), attribute="beschikkingen")
    geschiedenis = fields.List(fields.Nested(GebeurtenisOut), attribute="events")
