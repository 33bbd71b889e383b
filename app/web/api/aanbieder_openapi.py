"""The OpenAPI paths of the aanbieder API (berichtenverkeer iWmo/iJw and the GGk route)."""
from ...domain.input import MAX_ID
from ...services.exchange.aanbieder import STATUSES
from .aanbieder_schemas import BerichtOut
from .openapi_parts import READ, enum_query, id_param, int_query, problems

XML = {"application/xml": {"schema": {"type": "string", "description": "Een iWmo- of iJw-bericht (XML)"}}}


def add_aanbieder_paths(spec) -> None:
    spec.components.schema("Bericht", schema=BerichtOut)
    bericht_id = id_param()
    listed = {"description": "OK", "content": {"application/json": {"schema": {"type": "object", "properties": {
        "count": {"type": "integer"}, "results": {"type": "array", "items": {"$ref": "#/components/schemas/Bericht"}}}}}}}
    accepted = {"description": "Aangenomen; het bericht wordt verwerkt (Location: het bericht)",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bericht"}}}}
    spec.path(path="/aanbieder/berichten", operations={
        "get": {"summary": "Mijn berichten: de outbox van de gemeente (richting=uit) of wat ik instuurde (richting=in)",
                "parameters": [enum_query("status", STATUSES), enum_query("richting", ("uit", "in")),
                               int_query("limit", 1, 500, 100), int_query("offset", 0, MAX_ID, 0)],
                "responses": {"200": listed, **problems(400, 401, 403, 422)}},
        "post": {"summary": "Stuur een iWmo/iJw-bericht in (302, 305, 307, 315, 317, 323)",
                 "requestBody": {"required": True, "content": XML},
                 "responses": {"202": accepted, **problems(400, 401, 403, 413, 415, 422)}}})
    spec.path(path="/aanbieder/berichten/{id}", operations={"get": {
        "summary": "Het bericht als XML; een nieuw bericht uit de outbox heet daarna 'opgehaald'",
        "parameters": [bericht_id],
        "responses": {"200": {"description": "Het bericht", "content": XML}, **problems(*READ)}}})
    spec.path(path="/aanbieder/berichten/{id}/retour", operations={"get": {
        "summary": "Het retourbericht (306, 308, 316, 318) of declaratie-antwoord (325) op een ingestuurd bericht",
        "parameters": [bericht_id],
        "responses": {"200": {"description": "Het retourbericht", "content": XML},
                      "202": {"description": "Het bericht wordt nog verwerkt"},
                      **problems(*READ, 422)}}})
    spec.path(path="/ggk/di01", operations={"post": {
        "summary": "GGk-route: een StUF-GGk Di01-envelop; antwoord Du01 (met het retourbericht) of Fo01 (fout)",
        "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "Du01 met het retourbericht", "content": XML},
                      "202": {"description": "Aangenomen; het retourbericht volgt"},
                      **problems(401, 403, 413, 415, 422),
                      "400": {"description": "Fo01: envelop of bericht niet conform schema (StUF055); "
                                             "of een problem (CSRF-token bij een sessie)",
                              "content": {**XML, **problems(400)["400"]["content"]}}}}})
