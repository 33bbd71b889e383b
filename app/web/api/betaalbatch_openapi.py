"""The OpenAPI paths of the betaalbatches (backoffice): list, detail, close, release (vier-ogen) and the pain.001."""
from ...domain.input import MAX_ID
from .betaalbatch_schemas import BetaalbatchDetailOut, BetaalbatchOut, SluitenIn
from .openapi_parts import READ, WRITE, id_param, int_query, problems

CONFLICT = "Conflict: de betaalbatch staat niet in de toestand die dit vraagt (al gesloten, nog niet gesloten, " \
           "al vrijgegeven of nog niet vrijgegeven); detail zegt welke"


def _conflict() -> dict:
    answer = problems(409)
    answer["409"] = {**answer["409"], "description": CONFLICT}
    return answer


def _detail(description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/BetaalbatchDetail"}}}}


def add_betaalbatch_paths(spec) -> None:
    spec.components.schema("Betaalbatch", schema=BetaalbatchOut)
    spec.components.schema("BetaalbatchDetail", schema=BetaalbatchDetailOut)
    spec.components.schema("Sluiten", schema=SluitenIn)
    batch_id = id_param()
    spec.path(path="/betaalbatches", operations={"get": {
        "summary": "De betaalbatches, de open batch bovenaan (alleen de backoffice)",
        "parameters": [int_query("limit", 1, 500, 50), int_query("offset", 0, MAX_ID, 0)],
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"count": {"type": "integer"}, "results": {
                "type": "array", "items": {"$ref": "#/components/schemas/Betaalbatch"}}}}}}},
            **problems(401, 403, 422)}}})
    spec.path(path="/betaalbatches/{id}", operations={"get": {
        "summary": "Eén betaalbatch met haar regels (IBAN gemaskeerd) en totalen", "parameters": [batch_id],
        "responses": {"200": _detail(), **problems(*READ)}}})
    spec.path(path="/betaalbatches/{id}/sluiten", operations={"post": {
        "summary": "Sluit de open batch en maak het betaalbestand (pain.001, gecontroleerd op het XSD-schema)",
        "description": "Een collega geeft de gesloten batch daarna vrij. Zonder body: uitvoerdatum de volgende "
                       "werkdag. 422 als een aanbieder geen IBAN heeft of de batch geen betalingen bevat.",
        "parameters": [batch_id],
        "requestBody": {"required": False, "content": {"application/json": {"schema": "Sluiten"}}},
        "responses": {"200": _detail("De batch is gesloten"), **problems(*WRITE), **_conflict()}}})
    spec.path(path="/betaalbatches/{id}/vrijgeven", operations={"post": {
        "summary": "Geef de gesloten batch vrij voor de bank (vier ogen: niet door wie hem sloot; dan 403)",
        "parameters": [batch_id],
        "responses": {"200": _detail("De batch is vrijgegeven"), **problems(*WRITE), **_conflict()}}})
    spec.path(path="/betaalbatches/{id}/pain001", operations={"get": {
        "summary": "Het betaalbestand (SEPA pain.001.001.03) van een vrijgegeven batch; 409 zolang niet vrijgegeven",
        "parameters": [batch_id],
        "responses": {"200": {"description": "Het betaalbestand als download", "content": {"application/xml": {
            "schema": {"type": "string"}}}}, **problems(*READ), **_conflict()}}})
