"""The OpenAPI paths of the contractmanager: aanbieders, their registration per gemeente, contracts, products,
tarieven from a date on and plafonds."""
from .contract_schemas import (AanbiederDetailOut, AanbiederIn, AanbiederOut, ContractIn, ContractOut,
                               ContractProductIn, ContractProductOut, TariefOut, NieuwContractIn, NieuweAanbiederIn, PlafondIn, RegistratieIn,
                               RegistratieOut, TariefIn)
from .openapi_parts import READ, WRITE, id_param, problems

ROLE = " Alleen voor een contractmanager, binnen de gemeenten waarvoor die werkt."


def _ok(schema: str, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _body(schema: str) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def add_contract_paths(spec) -> None:
    # nested schemas before the ones that hold them (apispec names a nested schema itself otherwise)
    for name, schema in [("Registratie", RegistratieOut), ("RegistratieIn", RegistratieIn), ("Tarief", TariefOut),
                         ("ContractProduct", ContractProductOut), ("Contract", ContractOut),
                         ("Aanbieder", AanbiederOut), ("AanbiederDetail", AanbiederDetailOut),
                         ("AanbiederIn", AanbiederIn), ("NieuweAanbieder", NieuweAanbiederIn),
                         ("ContractIn", ContractIn), ("NieuwContract", NieuwContractIn),
                         ("ContractProductIn", ContractProductIn), ("TariefIn", TariefIn), ("PlafondIn", PlafondIn)]:
        spec.components.schema(name, schema=schema)
    spec.path(path="/aanbieders", operations={
        "get": {"summary": "De aanbieders van mijn gemeenten" + ROLE,
                "parameters": [{"name": "zoek", "in": "query", "schema": {"type": "string", "maxLength": 100}}],
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"count": {"type": "integer"}, "results": {
                        "type": "array", "items": {"$ref": "#/components/schemas/Aanbieder"}}}}}}},
                    **problems(401, 403, 422)}},
        "post": {"summary": "Registreer een aanbieder in een gemeente" + ROLE,
                 "description": "AGB-code en KvK-nummer: 8 cijfers; IBAN met controlegetal (mod 97). Een AGB-code "
                                "die Cumulus al kent (een aanbieder van een andere gemeente) registreert die "
                                "aanbieder ook in deze gemeente. 422 noemt elk fout veld.",
                 "requestBody": _body("NieuweAanbieder"),
                 "responses": {"201": _ok("AanbiederDetail", "Geregistreerd"), **problems(*WRITE)}}})
    spec.path(path="/aanbieders/{id}", operations={
        "get": {"summary": "Eén aanbieder met registratie en contracten in mijn gemeenten" + ROLE,
                "parameters": [id_param()], "responses": {"200": _ok("AanbiederDetail"), **problems(*READ)}}})
    spec.path(path="/aanbieders/{id}/wijzigen", operations={
        "post": {"summary": "Wijzig de gegevens van de aanbieder (gelden voor alle gemeenten; vastgelegd)" + ROLE,
                "parameters": [id_param()], "requestBody": _body("AanbiederIn"),
                "responses": {"200": _ok("AanbiederDetail"), **problems(*WRITE)}}})
    spec.path(path="/aanbieder-registraties/{id}/wijzigen", operations={"post": {
        "summary": "Wijzig status, wijken en producten van de aanbieder in één gemeente" + ROLE,
        "parameters": [id_param()], "requestBody": _body("RegistratieIn"),
        "responses": {"200": _ok("Registratie"), **problems(*WRITE)}}})
    spec.path(path="/aanbieders/{id}/contracten", operations={"post": {
        "summary": "Maak een contract met de aanbieder; de looptijd mag een ander contract in dezelfde gemeente "
                   "niet overlappen (dan 422)" + ROLE,
        "parameters": [id_param()], "requestBody": _body("NieuwContract"),
        "responses": {"201": _ok("Contract", "Aangemaakt"), **problems(*WRITE)}}})
    spec.path(path="/contracten/{id}", operations={
        "get": {"summary": "Eén contract met producten, plafonds en alle tarieven (oudste eerst)" + ROLE,
                "parameters": [id_param()], "responses": {"200": _ok("Contract"), **problems(*READ)}}})
    spec.path(path="/contracten/{id}/wijzigen", operations={
        "post": {"summary": "Wijzig kenmerk of looptijd (bijvoorbeeld beëindigen)" + ROLE,
                "parameters": [id_param()], "requestBody": _body("ContractIn"),
                "responses": {"200": _ok("Contract"), **problems(*WRITE)}}})
    spec.path(path="/contracten/{id}/producten", operations={"post": {
        "summary": "Voeg een product toe met zijn tarief (vanaf de ingangsdatum van het contract) en plafond" + ROLE,
        "description": "Het tarief is groter dan nul; het product staat bij wat de aanbieder mag leveren.",
        "parameters": [id_param()], "requestBody": _body("ContractProductIn"),
        "responses": {"201": _ok("Contract"), **problems(*WRITE)}}})
    spec.path(path="/contractproducten/{id}/tarieven", operations={"post": {
        "summary": "Een nieuw tarief vanaf een datum; eerdere tarieven blijven voor prestaties daarvoor" + ROLE,
        "description": "Een declaratie (323) wordt getoetst aan het tarief dat gold op de begindatum van de "
                       "prestatie; een ander tarief krijgt retourcode 0611 (TR418).",
        "parameters": [id_param()], "requestBody": _body("TariefIn"),
        "responses": {"201": _ok("Contract"), **problems(*WRITE)}}})
    spec.path(path="/contractproducten/{id}/plafond", operations={"post": {
        "summary": "Zet of wis (null) het plafond; bij 80% en 100% krijgt de contractmanager een signaal" + ROLE,
        "parameters": [id_param()], "requestBody": _body("PlafondIn"),
        "responses": {"200": _ok("Contract"), **problems(*WRITE)}}})
