"""The OpenAPI paths of the inwoner's own part of the API (`/mijn/...`)."""
from ...domain.input import MAX_ID
from ...services.verwerkingen import PAGE_SIZE
from .openapi_parts import READ, WRITE, id_param, int_query, problems
from .portal_schemas import MijnZaakOut, PortaalBerichtIn, PortaalBerichtOut, VerwerkingOut


def _listed(schema: str, **extra) -> dict:
    return {"description": "OK", "content": {"application/json": {"schema": {"type": "object", "properties": {
        "count": {"type": "integer"}, **extra,
        "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}}}}}}}


def add_portal_paths(spec) -> None:
    for name, schema in [("MijnZaak", MijnZaakOut), ("Verwerking", VerwerkingOut),
                         ("PortaalBericht", PortaalBerichtOut), ("PortaalBerichtIn", PortaalBerichtIn)]:
        spec.components.schema(name, schema=schema)
    spec.path(path="/mijn/zaken", operations={"get": {
        "summary": "Mijn zaken: voortgang in gewone woorden, de volgende termijn, ongelezen berichten",
        "responses": {"200": _listed("MijnZaak"), **problems(401, 403)}}})
    spec.path(path="/mijn/verwerkingen", operations={"get": {
        "summary": "Wie heeft mijn gegevens bekeken of gewijzigd (uit het verwerkingenlog), nieuwste eerst",
        "parameters": [int_query("pagina", 1, MAX_ID // PAGE_SIZE, 1)],
        "responses": {"200": _listed("Verwerking", pagina={"type": "integer"}, per_pagina={"type": "integer"}),
                      **problems(401, 403, 422)}}})
    zaak_id = id_param("zaak_id")
    spec.path(path="/mijn/zaken/{zaak_id}/berichten", operations={
        "get": {"summary": "De berichten met de consulent over mijn zaak (die van de gemeente gelden daarna als gelezen)",
                "parameters": [zaak_id], "responses": {"200": _listed("PortaalBericht"), **problems(*READ)}},
        "post": {"summary": "Stuur de consulent een bericht; de consulent krijgt een e-mail zonder de inhoud",
                 "parameters": [zaak_id],
                 "requestBody": {"required": True, "content": {"application/json": {"schema": "PortaalBerichtIn"}}},
                 "responses": {"201": {"description": "Verstuurd", "content": {"application/json": {
                     "schema": {"$ref": "#/components/schemas/PortaalBericht"}}}}, **problems(*WRITE)}}})
