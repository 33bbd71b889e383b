"""The sociale kaart as open data: an HSDS 3.0-like JSON document per gemeente (organizations, services,
locations; the field names are HSDS's, our additions start with `nl_`), the same as CSV (one row per
service, semicolons as Dutch spreadsheets read them), and one entry as schema.org JSON-LD for its page.
The fields are documented on /sociale-kaart/open-data and in the JSON Schema beside the web module."""
import csv
import io
import json
from datetime import datetime, timezone

from ..domain.sociale_kaart import CATEGORIEEN, DOMEINEN, SOORTEN
from ..models import Gemeente, KaartDienst

#: Version of our document; HSDS version it follows.
SCHEMA_VERSION, HSDS_VERSION = "1.0", "3.0"
CSV_COLUMNS = ("id", "naam", "organisatie", "soort", "domein", "beschikking_nodig", "categorieen", "wijken",
               "straat", "huisnummer", "postcode", "plaats", "locatie_wijk", "telefoon", "email", "website",
               "kosten", "beschrijving", "doelgroep", "aanmelden", "gecontroleerd_op")


def taxonomy_of(code: str) -> str:
    return "JZ020" if int(code) >= 31 else "WMO020"


def service_dict(entry: KaartDienst) -> dict:
    """One service in HSDS 3.0 shape (service with its organization, location and taxonomy attributes)."""
    organisatie, locatie = entry.organisatie, entry.locatie
    return {
        "id": str(entry.id),
        "name": entry.naam,
        "description": entry.beschrijving,
        "eligibility_description": entry.doelgroep,
        "application_process": entry.aanmelden,
        "url": entry.website,
        "email": entry.email,
        "phones": [{"number": entry.telefoon}] if entry.telefoon else [],
        "cost_options": [{"option": entry.kosten}] if entry.kosten else [],
        "status": "active",
        "assured_date": entry.gecontroleerd_op.isoformat(),
        "last_modified": entry.bijgewerkt_op.astimezone(timezone.utc).isoformat() if entry.bijgewerkt_op else None,
        "organization": {"id": str(organisatie.id), "name": organisatie.naam, "website": organisatie.website,
                         "nl_agb_code": organisatie.aanbieder.agb_code if organisatie.aanbieder else None},
        "locations": [{"id": str(locatie.id), "location_type": "physical", "addresses": [{
            "address_type": "physical", "address_1": " ".join(p for p in (locatie.straat, locatie.huisnummer) if p),
            "postal_code": locatie.postcode, "city": locatie.plaats, "country": "NL"}],
            "nl_wijk": locatie.wijk}] if locatie else [],
        "service_areas": [{"name": wijk, "extent_type": "wijk"} for wijk in entry.wijk_namen],
        "attributes": [{"taxonomy": taxonomy_of(code), "code": code, "term": CATEGORIEEN.get(code, code)}
                       for code in entry.categorie_codes],
        "nl_soort": entry.soort,
        "nl_domein": entry.domein,
        "nl_beschikking_nodig": entry.beschikking_nodig,
    }


def export_document(gemeente: Gemeente, entries: list[KaartDienst], schema_url: str) -> dict:
    return {"$schema": schema_url, "schema_version": SCHEMA_VERSION, "hsds_version": HSDS_VERSION,
            "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "gemeente": {"code": gemeente.code, "cbs_code": gemeente.cbs_code, "naam": gemeente.naam},
            "services": [service_dict(entry) for entry in entries]}


def export_csv(entries: list[KaartDienst]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        loc = e.locatie
        writer.writerow([_cell(v) for v in (
            e.id, e.naam, e.organisatie.naam, e.soort, e.domein, "ja" if e.beschikking_nodig else "nee",
            ",".join(e.categorie_codes), ",".join(e.wijk_namen), loc and loc.straat, loc and loc.huisnummer,
            loc and loc.postcode, loc and loc.plaats, loc and loc.wijk, e.telefoon, e.email, e.website, e.kosten,
            e.beschrijving, e.doelgroep, e.aanmelden, e.gecontroleerd_op.isoformat())])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def _cell(value) -> str:
    """Text as a spreadsheet shows it: a leading = + - @ would make it a formula there, so it gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def json_ld(entry: KaartDienst, gemeente: Gemeente, page_url: str) -> str:
    """schema.org JSON-LD of one entry, safe inside <script type="application/ld+json"> (no '<', '>', '&')."""
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
    # aggregateRating follows once ratings exist (#12 point 5); an empty one would be false data.
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
