"""The OpenAPI 3 document of `/api/v1`, built from the marshmallow schemas with apispec."""
from functools import lru_cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from ...domain.input import MAX_ID
from ...services.inbox import BEHANDELING, SORTS, TERMIJNEN
from ...services.rapportage.dashboard import TABLES
from .aanbieder_openapi import add_aanbieder_paths
from .betaalbatch_openapi import add_betaalbatch_paths
from .contract_openapi import add_contract_paths
from .openapi_parts import READ, WRITE, enum_query, id_param, int_query, problems
from .portal_openapi import add_portal_paths
from .rapportage_openapi import add_rapportage_paths
from .schemas import MeldingIn, TaakDetailOut, TaakOut, VoltooienIn, ZaakOut

def _ok(schema: str, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


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
    spec.path(path="/meldingen", operations={"post": {
        "summary": "Registreer een melding (ook een eerder per brief of telefoon ontvangen)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": "MeldingIn"}}},
        "responses": {"201": _ok("Zaak", "De zaak is aangemaakt"), **problems(*WRITE)}}})
    text = [{"name": n, "in": "query", "schema": {"type": "string", "maxLength": 100}}
            for n in ("rol", "assignee", "taak", "behandelaar", "wijk", "zoek")]
    spec.path(path="/taken", operations={"get": {
        "summary": "Taken in de lanes van mijn rollen, op wettelijke termijn gesorteerd (of op ontvangstdatum of naam)",
        "parameters": [*text, enum_query("status", ("open", "completed", "cancelled")),
                       enum_query("domein", ("wmo", "jeugd")), enum_query("behandeling", BEHANDELING),
                       enum_query("termijn", TERMIJNEN), enum_query("sorteer", tuple(SORTS)),
                       enum_query("berichten", ("nieuw",)), int_query("limit", 1, 500, 50), int_query("offset", 0, MAX_ID, 0)],
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"count": {"type": "integer"}, "results": {
                "type": "array", "items": {"$ref": "#/components/schemas/Taak"}}}}}}},
            **problems(401, 403, 422)}}})
    spec.path(path="/taken/{id}", operations={"get": {
        "summary": "Eén taak met het JSON Schema van haar formulier", "parameters": [id_param()],
        "description": "Elk veld met een keuzelijst (`x-keuzelijst`: `producten` uit de productcatalogus van het "
                       "domein van de zaak, `aanbieders`) noemt de toegestane waarden als `oneOf` met `const` en "
                       "`title`, zoals de vaste keuzes; stuur bij voltooien een van die `const`-waarden.",
        "responses": {"200": _ok("TaakDetail"), **problems(*READ)}}})
    spec.path(path="/taken/{id}/claim", operations={"post": {
        "summary": "Pak de taak op", "parameters": [id_param()],
        "responses": {"200": _ok("Taak"), **problems(400, 401, 403, 404, 409, 413, 422)}}})
    spec.path(path="/taken/{id}/voltooien", operations={"post": {
        "summary": "Rond de taak af met de gegevens van haar formulier", "parameters": [id_param()],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "Voltooien"}}},
        "responses": {"200": {"description": "De taak is afgerond"}, **problems(*WRITE, 409)}}})
    spec.path(path="/zaken/{id}", operations={"get": {
        "summary": "Status, huidige stappen, wettelijke termijnen en geschiedenis van een zaak",
        "parameters": [id_param()], "responses": {"200": _ok("Zaak"), **problems(*READ)}}})
    add_aanbieder_paths(spec)
    add_portal_paths(spec)
    add_betaalbatch_paths(spec)
    add_contract_paths(spec)
    add_rapportage_paths(spec, TABLES)
    document = spec.to_dict()
    document["security"] = [{"bearer": []}, {"sessie": []}]
    return document
