"""The OpenAPI paths of the inwoner's own part of the API (`/mijn/...`)."""
from .portal_schemas import MijnZaakOut, PortaalBerichtIn, PortaalBerichtOut, VerwerkingOut


def _listed(schema: str, **extra) -> dict:
    return {"description": "OK", "content": {"application/json": {"schema": {"type": "object", "properties": {
        "count": {"type": "integer"}, **extra,
        "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}}}}}}}


def add_portal_paths(spec, errors: dict) -> None:
    for name, schema in [("MijnZaak", MijnZaakOut), ("Verwerking", VerwerkingOut),
                         ("PortaalBericht", PortaalBerichtOut), ("PortaalBerichtIn", PortaalBerichtIn)]:
        spec.components.schema(name, schema=schema)
    spec.path(path="/mijn/zaken", operations={"get": {
        "summary": "Mijn zaken: voortgang in gewone woorden, de volgende termijn, ongelezen berichten",
        "responses": {"200": _listed("MijnZaak"), **errors}}})
    spec.path(path="/mijn/verwerkingen", operations={"get": {
        "summary": "Wie heeft mijn gegevens bekeken of gewijzigd (uit het verwerkingenlog), nieuwste eerst",
        "parameters": [{"name": "pagina", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
        "responses": {"200": _listed("Verwerking", pagina={"type": "integer"}, per_pagina={"type": "integer"}),
                      **errors}}})
    zaak_id = {"name": "zaak_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    spec.path(path="/mijn/zaken/{zaak_id}/berichten", operations={
        "get": {"summary": "De berichten met de consulent over mijn zaak (die van de gemeente gelden daarna als gelezen)",
                "parameters": [zaak_id], "responses": {"200": _listed("PortaalBericht"), **errors}},
        "post": {"summary": "Stuur de consulent een bericht; de consulent krijgt een e-mail zonder de inhoud",
                 "parameters": [zaak_id],
                 "requestBody": {"required": True, "content": {"application/json": {"schema": "PortaalBerichtIn"}}},
                 "responses": {"201": {"description": "Verstuurd", "content": {"application/json": {
                     "schema": {"$ref": "#/components/schemas/PortaalBericht"}}}}, **errors}}})
