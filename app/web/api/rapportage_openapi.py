"""The OpenAPI paths of the management information: the whole dashboard and each of its tables as JSON."""
from .openapi_parts import enum_query, problems

FILTERS_DOC = ("Filters als op de pagina: gemeente (CBS-code; zonder: alle gemeenten waarvoor u werkt, het "
               "samenwerkingsverband), jaar, per (maand, kwartaal of jaar), wijk, team, categorie "
               "(productcategorie), aanbieder (id). Een cel over minder dan 5 personen heeft waarde null en "
               "afgeschermd '< 5'; een cel die zo'n cel uit het totaal zou verraden afgeschermd 'afgeschermd'. "
               "De cijfers zijn die van berekend_op: hooguit anderhalve minuut oud, zoals de pagina ze toont. "
               "Alleen voor de rol management.")


def _params() -> list[dict]:
    text = [{"name": n, "in": "query", "schema": {"type": "string", "maxLength": 100}} for n in ("wijk", "team")]
    return [{"name": "gemeente", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
            {"name": "jaar", "in": "query", "schema": {"type": "integer", "minimum": 2015}},
            enum_query("per", ("maand", "kwartaal", "jaar")), *text,
            {"name": "categorie", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]{2}$"}},
            {"name": "aanbieder", "in": "query", "schema": {"type": "integer", "minimum": 1}}]


def add_rapportage_paths(spec, keys) -> None:
    cell = {"type": "object", "properties": {
        "waarde": {"type": ["number", "null"], "description": "bedragen in euro, percentages en dagen met één "
                                                             "decimaal; null als afgeschermd of niet van toepassing"},
        "afgeschermd": {"type": ["string", "null"], "enum": ["< 5", "afgeschermd", None]}}}
    spec.components.schema("RapportageTabel", {"type": "object", "properties": {
        "sleutel": {"type": "string", "enum": list(keys)}, "titel": {"type": "string"},
        "toelichting": {"type": "string"},
        "kolommen": {"type": "array", "items": {"type": "object", "properties": {
            "naam": {"type": "string"}, "soort": {"type": "string", "enum": ["aantal", "bedrag", "procent", "dagen", "factor"]}}}},
        "rijen": {"type": "array", "items": {"type": "object", "properties": {
            "naam": {"type": "string"}, "cellen": {"type": "array", "items": cell}}}},
        "totaalrij": {"type": "boolean", "description": "de laatste rij is het totaal"}}})
    bereik = {"bereik": {"type": "string"}, "gemeenten": {"type": "array", "items": {"type": "string"}},
              "van": {"type": "string", "format": "date"}, "tot_en_met": {"type": "string", "format": "date"},
              "filters": {"type": "object"},
              "berekend_op": {"type": "string", "format": "date-time",
                              "description": "wanneer deze cijfers berekend zijn (UTC)"}}
    table_ref = {"$ref": "#/components/schemas/RapportageTabel"}
    spec.path(path="/rapportage", operations={"get": {
        "summary": "Alle managementinformatie: instroom, doorlooptijd, termijnen, werkvoorraad, toewijzingen, uitgaven, "
                   "prognose en backtest",
        "description": FILTERS_DOC, "parameters": _params(),
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
            "type": "object", "properties": {**bereik, "groepen": {"type": "array", "items": {
                "type": "object", "properties": {"sleutel": {"type": "string"}, "titel": {"type": "string"},
                                                 "tabellen": {"type": "array", "items": table_ref}}}}}}}}},
            **problems(401, 403, 404, 422)}}})
    for key in keys:
        spec.path(path=f"/rapportage/{key}", operations={"get": {
            "summary": f"Eén tabel van de managementinformatie: {key}", "description": FILTERS_DOC,
            "parameters": _params(),
            "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                "type": "object", "properties": {**bereik, "tabel": table_ref}}}}},
                **problems(401, 403, 404, 422)}}})
