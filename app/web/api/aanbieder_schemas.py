"""Marshmallow schemas of the aanbieder API: a bericht as listed (the XML itself is downloaded)."""
from flask import url_for
from marshmallow import Schema, fields


class BerichtOut(Schema):
    id = fields.Integer()
    bericht = fields.String(attribute="naam", metadata={"description": "Bijvoorbeeld WMO301 of JW323"})
    richting = fields.String(metadata={"description": "'uit' (van de gemeente) of 'in' (door u ingestuurd)"})
    gemeente = fields.Function(lambda b: b.gemeente.code if b.gemeente else None, allow_none=True, metadata={
        "description": "CBS-code van de gemeente waarmee het bericht is uitgewisseld (filter: ?gemeente=0632)"})
    status = fields.String(metadata={"description": "uit: nieuw, opgehaald, beantwoord; "
                                                    "in: ontvangen, verwerkt, afgekeurd, dubbel"})
    identificatie = fields.String(allow_none=True, metadata={"description": "BerichtIdentificatie"})
    dagtekening = fields.Date(allow_none=True)
    ontvangen_op = fields.DateTime()
    antwoord_uiterlijk = fields.Date(allow_none=True, metadata={
        "description": "Uiterste datum van het antwoord (retour 3, antwoord op verzoek 5, declaratie 10 werkdagen)"})
    retourcodes = fields.String(allow_none=True)
    fouten = fields.List(fields.String(), allow_none=True)
    retour_id = fields.Function(lambda b: (b.duplicaat_van or b).retour_id, allow_none=True)
    xml = fields.Function(lambda b: url_for("api.aanbieder_bericht", bericht_id=b.id))
    retour = fields.Function(lambda b: url_for("api.aanbieder_bericht_retour", bericht_id=b.id)
                             if b.richting == "in" else None, allow_none=True)
