"""The OpenAPI 3 document of `/api/v1`, built from the marshmallow schemas with apispec."""
from functools import lru_cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from .aanbieder_openapi import add_aanbieder_paths
from .portal_openapi import add_portal_paths
from .schemas import MeldingIn, TaakDetailOut, TaakOut, VoltooienIn, ZaakOut

PROBLEM = {"description": "Fout (RFC 9457 problem details)",
           "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _ok(schema: str, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _id_param(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    spec = APISpec(title="Cumulus API", version="1.0.0", openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin()],
                   info={"description": "Zaken, taken en meldingen voor Wmo 2015 en Jeugdwet. Foutmeldingen in het "
                                        "Nederlands als problem details (RFC 9457)."},
                   servers=[{"url": "/api/v1"}])
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer",
                                                "description": "Persoonlijke API-sleutel (Mijn profiel), hoogstens een "
                                                               "jaar geldig; die van een inwoner of gemachtigde "
                                                               "alleen voor /mijn/..."})
    spec.components.security_scheme("sessie", {"type": "apiKey", "in": "cookie", "name": "session"})
    for name, schema in [("MeldingIn", MeldingIn), ("Taak", TaakOut), ("TaakDetail", TaakDetailOut),
                         ("Voltooien", VoltooienIn), ("Zaak", ZaakOut)]:
        spec.components.schema(name, schema=schema)
    spec.components.schema("Problem", {"type": "object", "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "invalid_params": {"type": "array", "items": {
            "type": "object", "properties": {"name": {"type": "string"}, "reason": {"type": "string"}}}}}})
    errors = {str(code): PROBLEM for code in (401, 403, 404, 409, 422)}
    spec.path(path="/meldingen", operations={"post": {
        "summary": "Registreer een melding (ook een eerder per brief of telefoon ontvangen)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": "MeldingIn"}}},
        "responses": {"201": _ok("Zaak", "De zaak is aangemaakt"), **errors}}})
    spec.path(path="/taken", operations={"get": {
        "summary": "Taken in de lanes van mijn rollen, op wettelijke termijn gesorteerd",
        "parameters": [{"name": n, "in": "query", "schema": {"type": t}} for n, t in
                       [("rol", "string"), ("status", "string"), ("assignee", "string"), ("limit", "integer"),
                        ("offset", "integer"), ("taak", "string"), ("domein", "string"), ("behandeling", "string"),
                        ("termijn", "string"), ("behandelaar", "string"), ("wijk", "string"), ("zoek", "string")]],
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"count": {"type": "integer"}, "results": {
                "type": "array", "items": {"$ref": "#/components/schemas/Taak"}}}}}}}, **errors}}})
    spec.path(path="/taken/{id}", operations={"get": {
        "summary": "Eén taak met het JSON Schema van haar formulier", "parameters": [_id_param("id")],
        "responses": {"200": _ok("TaakDetail"), **errors}}})
    spec.path(path="/taken/{id}/claim", operations={"post": {
        "summary": "Pak de taak op", "parameters": [_id_param("id")], "responses": {"200": _ok("Taak"), **errors}}})
    spec.path(path="/taken/{id}/voltooien", operations={"post": {
        "summary": "Rond de taak af met de gegevens van haar formulier", "parameters": [_id_param("id")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "Voltooien"}}},
        "responses": {"200": {"description": "De taak is afgerond"}, **errors}}})
    spec.path(path="/zaken/{id}", operations={"get": {
        "summary": "Status, huidige stappen, wettelijke termijnen en geschiedenis van een zaak",
        "parameters": [_id_param("id")], "responses": {"200": _ok("Zaak"), **errors}}})
    add_aanbieder_paths(spec, errors)
    add_portal_paths(spec, errors)
    document = spec.to_dict()
    document["security"] = [{"bearer": []}, {"sessie": []}]
    return document
