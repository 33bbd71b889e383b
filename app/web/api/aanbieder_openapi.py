"""The OpenAPI paths of the aanbieder API (berichtenverkeer iWmo/iJw and the GGk route)."""
from .aanbieder_schemas import BerichtOut

XML = {"application/xml": {"schema": {"type": "string", "description": "Een iWmo- of iJw-bericht (XML)"}}}


def add_aanbieder_paths(spec, errors: dict) -> None:
    spec.components.schema("Bericht", schema=BerichtOut)
    bericht_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    listed = {"description": "OK", "content": {"application/json": {"schema": {"type": "object", "properties": {
        "count": {"type": "integer"}, "results": {"type": "array", "items": {"$ref": "#/components/schemas/Bericht"}}}}}}}
    accepted = {"description": "Aangenomen; het bericht wordt verwerkt (Location: het bericht)",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bericht"}}}}
    spec.components.schema("BerichtAfgekeurd", component={
        "type": "object", "description": "RFC 9457 problem details: het bericht is opgeslagen maar afgekeurd op "
                                         "controleniveau 1 (geen retourbericht)",
        "required": ["type", "title", "status", "detail", "id", "fouten", "problemen"],
        "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string", "description": "Het opgeslagen bericht"},
            "id": {"type": "integer", "description": "Id van het opgeslagen bericht"},
            "fouten": {"type": "array", "items": {"type": "string"}, "description": "Elke fout in het Nederlands"},
            "problemen": {"type": "array", "items": {"type": "object", "properties": {
                "controle": {"type": "string", "description": "XML, DTD, NAMESPACE, RELEASE of XSD"},
                "regel": {"type": "integer", "nullable": True, "description": "Regelnummer in het bericht"},
                "element": {"type": "string", "nullable": True},
                "melding": {"type": "string"}}}}}})
    refused = {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/BerichtAfgekeurd"}}}}
    spec.path(path="/aanbieder/berichten", operations={
        "get": {"summary": "Mijn berichten: de outbox van de gemeente (richting=uit) of wat ik instuurde (richting=in)",
                "parameters": [{"name": "status", "in": "query", "schema": {"type": "string"}},
                               {"name": "richting", "in": "query", "schema": {"type": "string", "enum": ["uit", "in"]}},
                               {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                               {"name": "offset", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": listed, **errors}},
        "post": {"summary": "Stuur een iWmo/iJw-bericht in (302, 305, 307, 315, 317, 320, 323)",
                 "description": "Het bericht wordt altijd eerst opgeslagen zoals ontvangen. Is het geen "
                                "welgevormde XML (400) of voldoet het niet aan het XSD-schema (422), dan is het "
                                "afgekeurd zonder retourbericht en noemt het antwoord elke fout; anders wordt het "
                                "verwerkt (202) en volgt het retourbericht.",
                 "requestBody": {"required": True, "content": XML},
                 "responses": {**errors, "202": accepted, "415": errors["422"],
                               "400": {"description": "Geen welgevormde XML: opgeslagen, niet verwerkt", **refused},
                               "422": {"description": "Voldoet niet aan het XSD-schema: opgeslagen, niet verwerkt",
                                       **refused}}}})
    spec.path(path="/aanbieder/berichten/{id}", operations={"get": {
        "summary": "Het bericht als XML; een nieuw bericht uit de outbox heet daarna 'opgehaald'",
        "parameters": [bericht_id], "responses": {"200": {"description": "Het bericht", "content": XML}, **errors}}})
    spec.path(path="/aanbieder/berichten/{id}/retour", operations={"get": {
        "summary": "Het retourbericht (306, 308, 316, 318) of declaratie-antwoord (325) op een ingestuurd bericht",
        "parameters": [bericht_id],
        "responses": {"200": {"description": "Het retourbericht", "content": XML},
                      "202": {"description": "Het bericht wordt nog verwerkt"}, **errors}}})
    spec.path(path="/ggk/di01", operations={"post": {
        "summary": "GGk-route: een StUF-GGk Di01-envelop; antwoord Du01 (met het retourbericht) of Fo01 (fout)",
        "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "Du01 met het retourbericht", "content": XML},
                      "202": {"description": "Aangenomen; het retourbericht volgt"},
                      "400": {"description": "Fo01: envelop of bericht niet conform schema (StUF055)", "content": XML},
                      **errors}}})
