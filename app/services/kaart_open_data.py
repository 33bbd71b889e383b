"""The sociale kaart as open data: an HSDS 3.0-like JSON document per gemeente (organizations, services,
locations; the field names are HSDS's, our additions start with `nl_`), the same as CSV (one row per
service, semicolons as Dutch spreadsheets read them), and one entry as schema.org JSON-LD for its page.
The fields are documented on /sociale-kaart/open-data and in the JSON Schema beside the web module."""
import csv
import io
import json
from datetime import datetime, timezone

from ..domain.sociale_kaart import CATEGORIEEN, SOORTEN
from ..models import Gemeente, KaartDienst

#: Version of our document; HSDS version it follows.
SCHEMA_VERSION, HSDS_VERSION = "1.0", "3.0"
CSV_COLUMNS = ("id", "naam", "organisatie", "soort", "domein", "beschikking_nodig", "categorieen", "wijken",
               "straat", "huisnummer", "postcode", "plaats", "locatie_wijk", "telefoon", "email", "website",
               "kosten", "beschrijving", "doelgroep", "aanmelden", "gecontroleerd_op")


def taxonomy_of(code: str) -> str:
    return "JZ020" if int(code) >= 31 else "WMO020"


def service_dict(row, categories: list[str], wijken: list[str], rating=None) -> dict:
    """One service in HSDS 3.0 shape (with its organization, location and taxonomy attributes), from a row of
    `sociale_kaart.export_rows`; `rating`: its aanbieder's summary (kaart_beoordelingen), added when shown."""
    data = {
        "id": str(row.id),
        "name": row.naam,
        "description": row.beschrijving,
        "eligibility_description": row.doelgroep,
        "application_process": row.aanmelden,
        "url": row.website,
        "email": row.email,
        "phones": [{"number": row.telefoon}] if row.telefoon else [],
        "cost_options": [{"option": row.kosten}] if row.kosten else [],
        "status": "active",
        "assured_date": row.gecontroleerd_op.isoformat(),
        "last_modified": row.bijgewerkt_op.isoformat() if row.bijgewerkt_op else None,
        "organization": {"id": str(row.org_id), "name": row.org_naam, "website": row.org_website,
                         "nl_agb_code": row.agb_code},
        "service_at_locations": [{"id": str(row.loc_id), "location": {
            "id": str(row.loc_id), "location_type": "physical", "nl_wijk": row.loc_wijk, "addresses": [{
                "address_type": "physical", "address_1": " ".join(p for p in (row.straat, row.huisnummer) if p),
                "postal_code": row.postcode, "city": row.plaats, "country": "NL"}]}}] if row.loc_id is not None else [],
        "service_areas": [{"name": wijk, "extent_type": "wijk"} for wijk in wijken],
        "attributes": [{"taxonomy": taxonomy_of(code), "code": code, "term": CATEGORIEEN.get(code, code)}
                       for code in categories],
        "nl_soort": row.soort,
        "nl_domein": row.domein,
        "nl_beschikking_nodig": row.beschikking_nodig,
    }
    if rating is not None and rating.getoond and row.soort == "maatwerk":
        data["nl_beoordeling"] = {"aantal": rating.aantal,
                                  "gemiddelde": {k: round(v, 2) for k, v in rating.gemiddelden.items()}}
    return data


def export_document(gemeente: Gemeente, rows, categories: dict, wijken: dict, generated_at: datetime,
                    ratings: dict | None = None) -> dict:
    """The document the JSON Schema describes (its address goes in the response's Link header)."""
    return {"schema_version": SCHEMA_VERSION, "hsds_version": HSDS_VERSION,
            "generated_at": generated_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "gemeente": {"code": gemeente.code, "cbs_code": gemeente.cbs_code, "naam": gemeente.naam},
            "services": [service_dict(row, categories.get(row.id, []), wijken.get(row.id, []),
                                      (ratings or {}).get(row.aanbieder_id)) for row in rows]}


def export_csv(rows, categories: dict, wijken: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([_cell(v) for v in (
            r.id, r.naam, r.org_naam, r.soort, r.domein, "ja" if r.beschikking_nodig else "nee",
            ",".join(categories.get(r.id, [])), ",".join(wijken.get(r.id, [])), r.straat, r.huisnummer, r.postcode,
            r.plaats, r.loc_wijk, r.telefoon, r.email, r.website, r.kosten, r.beschrijving, r.doelgroep, r.aanmelden,
            r.gecontroleerd_op.isoformat())])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def _cell(value) -> str:
    """Text as a spreadsheet shows it: a leading = + - @ would make it a formula there, so it gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def json_ld(entry: KaartDienst, gemeente: Gemeente, page_url: str, rating=None) -> str:
    """schema.org JSON-LD of one entry, safe inside <script type="application/ld+json"> (no '<', '>', '&');
    with `aggregateRating` only when the page shows the ratings (`rating`: kaart_beoordelingen.Samenvatting)."""
    locatie = entry.locatie
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if entry.soort in ("maatwerk", "algemeen") else "Service",
        "@id": page_url, "url": page_url, "name": entry.naam, "description": entry.beschrijving,
        "audience": {"@type": "Audience", "audienceType": entry.doelgroep},
        "serviceType": ", ".join(CATEGORIEEN.get(c, c) for c in entry.categorie_codes) or SOORTEN[entry.soort],
        "category": SOORTEN[entry.soort],
        "provider": {"@type": "Organization", "name": entry.organisatie.naam,
                     **({"url": entry.organisatie.website} if entry.organisatie.website else {})},
        "areaServed": ([{"@type": "Place", "name": f"{wijk}, {gemeente.naam}"} for wijk in entry.wijk_namen]
                       or {"@type": "AdministrativeArea", "name": gemeente.naam}),
        "availableChannel": {"@type": "ServiceChannel", "description": entry.aanmelden,
                             **({"servicePhone": {"@type": "ContactPoint", "telephone": entry.telefoon}}
                                if entry.telefoon else {}),
                             **({"serviceUrl": entry.website} if entry.website else {})},
        "dateModified": entry.gecontroleerd_op.isoformat(),
        "isAccessibleForFree": not entry.beschikking_nodig and (entry.kosten or "").lower().startswith("gratis"),
    }
    if entry.soort in ("maatwerk", "algemeen"):
        data["serviceOperator"] = {"@type": "GovernmentOrganization", "name": gemeente.naam}
    if locatie is not None:
        data["availableChannel"]["serviceLocation"] = {"@type": "Place", "address": {
            "@type": "PostalAddress", "streetAddress": " ".join(p for p in (locatie.straat, locatie.huisnummer) if p),
            "postalCode": locatie.postcode, "addressLocality": locatie.plaats, "addressCountry": "NL"}}
    if rating is not None and rating.getoond and entry.soort == "maatwerk":
        data["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": round(rating.gemiddeld, 1),
                                   "ratingCount": rating.aantal, "bestRating": 5, "worstRating": 1}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
