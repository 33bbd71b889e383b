"""Marshmallow schemas of the betaalbatches on the API: the batch, its lines (IBAN masked) and the close body."""
from marshmallow import Schema, fields

from .fields import NL, ApiSchema


def _username(user):
    return user.username if user is not None else None


class BetaalbatchOut(Schema):
    id = fields.Integer()
    nummer = fields.String()
    status = fields.String(metadata={"enum": ["open", "gesloten", "vrijgegeven"],
                                     "description": "open (verzamelt), gesloten (wacht op vrijgave) of vrijgegeven"})
    aangemaakt_op = fields.DateTime()
    gesloten_op = fields.DateTime(allow_none=True)
    gesloten_door = fields.Function(lambda b: _username(b.gesloten_door), allow_none=True,
                                    metadata={"description": "Gebruikersnaam; leeg als de opdrachtregel sloot"})
    vrijgegeven_op = fields.DateTime(allow_none=True)
    vrijgegeven_door = fields.Function(lambda b: _username(b.vrijgegeven_door), allow_none=True)
    uitvoerdatum = fields.Date(allow_none=True)
    totaal_cent = fields.Integer(metadata={"description": "Totaal in eurocenten"})
    aantal_regels = fields.Function(lambda b: len(b.regels))


class BatchRegelOut(Schema):
    id = fields.Integer()
    aanbieder = fields.String()
    agb_code = fields.String()
    declaratie_id = fields.Integer()
    declaratienummer = fields.String()
    periode_begin = fields.Date()
    periode_eind = fields.Date()
    bedrag_cent = fields.Integer()
    iban = fields.String(allow_none=True, metadata={"description": "Gemaskeerd: alleen de laatste vier tekens"})
    in_bestand = fields.Boolean(metadata={"description": "Alleen een positief bedrag wordt een overboeking"})


class BetaalbatchDetailOut(BetaalbatchOut):
    """Dumped from a BatchOverzicht: the batch's fields with its lines and totals."""

    regels = fields.List(fields.Nested(BatchRegelOut))
    te_betalen_cent = fields.Integer()
    aantal_betalingen = fields.Integer()
    zonder_iban = fields.List(fields.String(), metadata={"description": "Aanbieders zonder IBAN: sluiten lukt dan niet"})


class SluitenIn(ApiSchema):
    uitvoerdatum = fields.Date(load_default=None, error_messages={**NL, "invalid": "Geef een datum als JJJJ-MM-DD."},
                               metadata={"description": "Dag waarop de bank betaalt; standaard de volgende werkdag"})
