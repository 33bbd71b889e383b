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
    spec.path(path="/aanbieder/berichten", operations={
        "get": {"summary": "Mijn berichten: de outbox van de gemeente (richting=uit) of wat ik instuurde (richting=in)",
                "parameters": [{"name": "status", "in": "query", "schema": {"type": "string"}},
                               {"name": "richting", "in": "query", "schema": {"type": "string", "enum": ["uit", "in"]}},
                               {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                               {"name": "offset", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": listed, **errors}},
        "post": {"summary": "Stuur een iWmo/iJw-bericht in (302, 305, 307, 315, 317, 323)",
                 "requestBody": {"required": True, "content": XML},
                 "responses": {"202": accepted, "415": errors["422"], **errors}}})
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
