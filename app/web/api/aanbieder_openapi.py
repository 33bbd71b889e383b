"""The OpenAPI paths of the aanbieder API (berichtenverkeer iWmo/iJw and the GGk route)."""
from ...domain.input import MAX_ID
from ...services.exchange.aanbieder import STATUSES
from .aanbieder_schemas import BerichtOut
from .openapi_parts import READ, enum_query, id_param, int_query, problems

XML = {"application/xml": {"schema": {"type": "string", "description": "Een iWmo- of iJw-bericht (XML)"}}}
#: One fault, as `python -m iwmo_messages validate --json` prints it.
BEVINDING = {"type": "object", "required": ["code", "retourcode", "niveau", "xpath", "regel", "melding"],
             "properties": {
    "code": {"type": "string", "description": "Officiële regelcode (CD076, TR307 …) of XSD/XML op niveau 1"},
    "retourcode": {"type": ["string", "null"], "description": "Retourcode (WJ001); leeg op controleniveau 1"},
    "niveau": {"type": "integer", "description": "Controleniveau: 1 XSD, 2 binnen het bericht, 3 "
                                                 "berichtoverstijgend, 4 externe bron"},
    "xpath": {"type": ["string", "null"], "description": "Absoluut XPath van het element in uw bericht "
                                                         "(prefixen wmo305:/jw305: en iwmo:/ijw:)"},
    "regel": {"type": ["integer", "null"], "description": "Regelnummer in uw bericht"},
    "melding": {"type": "string", "description": "Nederlandse toelichting"}}}


def add_aanbieder_paths(spec) -> None:
    spec.components.schema("Bericht", schema=BerichtOut)
    bericht_id = id_param()
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
                "parameters": [enum_query("status", STATUSES), enum_query("richting", ("uit", "in")),
                               {"name": "gemeente", "in": "query", "description": "Alleen de berichten met deze "
                                "gemeente (CBS-gemeentecode), voor een aanbieder van meer gemeenten",
                                "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
                               int_query("limit", 1, 500, 100), int_query("offset", 0, MAX_ID, 0)],
                "responses": {"200": listed, **problems(400, 401, 403, 422)}},
        "post": {"summary": "Stuur een iWmo/iJw-bericht in (302, 305, 307, 315, 317, 320, 323)",
                 "description": "Het bericht wordt altijd eerst opgeslagen zoals ontvangen. Is het geen "
                                "welgevormde XML (400) of voldoet het niet aan het XSD-schema (422), dan is het "
                                "afgekeurd zonder retourbericht en noemt het antwoord elke fout; anders wordt het "
                                "verwerkt (202) en volgt het retourbericht.",
                 "requestBody": {"required": True, "content": XML},
                 "responses": {**problems(401, 403, 413, 415), "202": accepted,
                               "400": {"description": "Geen welgevormde XML: opgeslagen, niet verwerkt", **refused},
                               "422": {"description": "Voldoet niet aan het XSD-schema: opgeslagen, niet verwerkt",
                                       **refused}}}})
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
    spec.path(path="/aanbieder/berichten/{id}/bevindingen", operations={"get": {
        "summary": "Elke fout van een ingestuurd bericht zoals het officiële validatierapport: code, retourcode, "
                   "controleniveau, XPath van het element, regel en een Nederlandse melding",
        "parameters": [bericht_id],
        "responses": {"200": {"description": "De bevindingen (leeg als het bericht in orde was)",
                              "content": {"application/json": {"schema": {"type": "object", "properties": {
                                  "id": {"type": "integer"}, "status": {"type": "string"},
                                  "bevindingen": {"type": "array", "items": BEVINDING}}}}}},
                      "202": {"description": "Het bericht wordt nog verwerkt"},
                      **problems(*READ)}}})
    spec.path(path="/ggk/di01", operations={"post": {
        "summary": "GGk-route: een StUF-GGk Di01-envelop; antwoord Du01 (met het retourbericht) of Fo01 (fout)",
        "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "Du01 met het retourbericht", "content": XML},
                      "202": {"description": "Aangenomen; het retourbericht volgt"},
                      **problems(401, 403, 413, 415, 422),
                      "400": {"description": "Fo01: envelop of bericht niet conform schema (StUF055); "
                                             "of een problem (CSRF-token bij een sessie)",
                              "content": {**XML, **problems(400)["400"]["content"]}}}}})
