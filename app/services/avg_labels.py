"""Dutch labels for the columns the readable AVG export (PDF) shows; a column without one is shown by its
own name with spaces, so a new column is never left out of the PDF for want of a label."""

#: (table, column) for a label of one table only; column alone for the same label everywhere.
LABELS = {
    "bsn": "BSN", "voornamen": "Voornamen", "voorvoegsel": "Voorvoegsel", "achternaam": "Achternaam",
    "geboortedatum": "Geboortedatum", "geslacht": "Geslacht (code)", "straat": "Straat", "huisnummer": "Huisnummer",
    "postcode": "Postcode", "woonplaats": "Woonplaats", "land": "Land", "wijk": "Wijk", "email": "E-mailadres",
    "telefoon": "Telefoonnummer", "eigen_verhaal": "Eigen verhaal", "bijgewerkt_op": "Bijgewerkt op",
    "username": "Gebruikersnaam", "display_name": "Naam in het account", "roles": "Rollen", "is_demo": "Demo-account",
    "active": "Actief", "created_at": "Aangemaakt op", "name": "Naam", "expires_at": "Verloopt op",
    "last_used_at": "Laatst gebruikt op", "revoked_at": "Ingetrokken op", "last_seen_at": "Laatst actief op",
    "remote_addr": "IP-adres", "success": "Gelukt", "refused": "Geweigerd (te veel pogingen)", "at": "Moment",
    "scope": "Wat mag", "geldig_vanaf": "Geldig vanaf", "geldig_tot": "Geldig tot en met",
    "verleend_op": "Gegeven op", "ingetrokken_op": "Ingetrokken op", "zaaknummer": "Zaaknummer",
    "domein": "Wet (wmo of jeugd)", "status": "Status", "omschrijving": "Omschrijving", "kanaal": "Ontvangen via",
    "ontvangen_op": "Ontvangen op", "closed_at": "Afgesloten op", "soort": "Soort", "due": "Uiterste datum",
    "article": "Wetsartikel", "description": "Omschrijving", "met_at": "Gehaald op", "kind": "Soort gebeurtenis",
    "summary": "Wat er gebeurde", "besluit": "Besluit", "motivering": "Motivering", "grondslag": "Grondslag",
    "productcode": "Productcode", "leveringsvorm": "Leveringsvorm", "omvang": "Omvang", "eenheid": "Eenheid",
    "frequentie": "Frequentie", "ingangsdatum": "Ingangsdatum", "einddatum": "Einddatum",
    "kosten_per_jaar": "Kosten per jaar (euro)", "vastgesteld_op": "Vastgesteld op", "titel": "Titel",
    "bestandsnaam": "Bestandsnaam", "content_type": "Soort bestand", "grootte": "Grootte (bytes)",
    "geupload_op": "Geüpload op", "van": "Van", "tekst": "Tekst", "verstuurd_op": "Verstuurd op",
    "gelezen_op": "Gelezen op", "gedeeld_op": "Gedeeld op", "akkoord": "Akkoord met het verslag",
    "opmerkingen": "Opmerkingen", "ondertekend_op": "Ondertekend op", "toewijzingnummer": "Toewijzingnummer",
    "volume": "Volume", "budget": "Budget (eurocent)", "start_zorg": "Zorg gestart op", "stop_zorg": "Zorg gestopt op",
    "aanbieder_naam": "Zorgaanbieder", "product_naam": "Product", "richting": "Richting", "nummer": "Berichtnummer",
    "periode_begin": "Periode van", "periode_eind": "Periode tot en met", "bedrag_cent": "Bedrag (eurocent)",
    "reden": "Reden", "retourcodes": "Retourcodes", "spec_name": "Stap (code)", "lane": "Rol",
    "form_key": "Formulier", "due_at": "Uiterlijk", "claimed_at": "Opgepakt op", "completed_at": "Afgerond op",
    "saved_at": "Opgeslagen op", "sent_at": "Verstuurd op", "recipients": "Aantal ontvangers",
    "message_name": "Bericht", "to_address": "Aan", "subject": "Onderwerp", "body": "Tekst",
    "verzonden_op": "Verzonden op", "actor_role": "In de rol van", "action": "Handeling",
    "object_type": "Wat", "object_id": "Kenmerk", "wie": "Wie", "waarom": "Waarom", "medewerker": "Medewerker",
    "handeling": "Handeling", "machtiginggever": "Machtiging gegeven door", "gemachtigde": "Gemachtigde",
    "wat_mag": "Wat mag", "requested_at": "Aangevraagd op", "ready_at": "Klaar op", "downloaded_at": "Gedownload op",
    ("avg_afschrift", "expires_at"): "Verwijderd op",
    "gevraagd_op": "Gevraagd op", "termijn_tot": "Sturen uiterlijk op", "oude_datum": "Eerdere datum",
    "nieuwe_datum": "Nieuwe datum", "medegedeeld_op": "Meegedeeld op", ("opschorting", "omschrijving"): "Gevraagd",
    "error": "Foutmelding", "updated_at": "Bijgewerkt op", "next_timer_at": "Volgende termijn",
    ("human_task", "title"): "Taak", ("process_migration_case", "outcome"): "Uitkomst",
    ("process_migration_case", "reasons"): "Waarom niet", ("process_migration_case", "reverted_at"): "Teruggezet op",
    ("process_instance", "status"): "Status van het proces",
    ("prestatie", "status"): "Oordeel", ("declaratie", "status"): "Status van de declaratie",
    ("beoordeling", "ingediend_op"): "Gegeven op", ("beoordeling", "bejegening"): "Bejegening (sterren)",
    ("beoordeling", "deskundigheid"): "Deskundigheid (sterren)", ("beoordeling", "afspraken"): "Afspraken nakomen (sterren)",
    ("beoordeling", "tekst"): "Uw toelichting", ("beoordeling", "afwijsreden"): "Waarom niet geplaatst",
    ("beoordeling", "reactie"): "Antwoord van de zorgaanbieder",
    ("bezwaar", "ontvangen_op"): "Bezwaar ontvangen op", "gronden": "Gronden van het bezwaar",
    "termijnoverschrijding": "Na de bezwaartermijn ontvangen", "verschoonbaar": "Te laat, maar verschoonbaar",
    ("bezwaar", "beslistermijn"): "Beslissing uiterlijk (art. 7:10 Awb)", "verdaagd_tot": "Verdaagd tot",
    "verdaging_reden": "Reden van de verdaging", "hoorzitting_op": "Hoorzitting op",
    "hoorzitting_verslag": "Verslag van de hoorzitting", "advies": "Advies van de bezwaarcommissie",
    ("bezwaar", "uitkomst"): "Beslissing op bezwaar", ("bezwaar", "motivering"): "Motivering van de beslissing",
    ("bezwaar", "bekendgemaakt_op"): "Beslissing verstuurd op", "beroep_tot": "Beroep mogelijk tot en met",
    ("herindicatie", "peildatum"): "Datum waarop de voorziening afloopt of herbeoordeeld wordt",
    ("ingebrekestelling", "ontvangen_op"): "Ontvangen door de gemeente op", "ontvangen_via": "Ontvangen via",
    "hersteltermijn_tot": "Gemeente kon nog beslissen tot en met", "eerste_dag": "Dwangsom vanaf",
    "uitzondering": "Geen dwangsom omdat", "uitzondering_reden": "Reden",
    "laatste_dag": "Laatste dag van de dwangsom", "vastgesteld_bedrag": "Vastgestelde dwangsom (euro)",
    ("ingebrekestelling", "vastgesteld_op"): "Dwangsom vastgesteld op",
    "vaststelling_toelichting": "Toelichting bij de vaststelling",
    ("herindicatie", "uitkomst"): "Uitkomst", ("herindicatie", "reden"): "Reden", ("herindicatie", "afgerond_op"): "Afgerond op",
    "afzender": "Afzender", "ontvanger": "Ontvanger", "dagtekening": "Dagtekening", "identificatie": "Kenmerk",
    "standaard": "Standaard (iWmo of iJw)", "berichtcode": "Berichtcode", "referentie": "Referentie",
    "envelop_referentie": "Kenmerk van de envelop", "fouten": "Fouten", "antwoord_uiterlijk": "Antwoord uiterlijk op",
    "opgehaald_op": "Opgehaald op", "verwerkt_op": "Verwerkt op", "bekendgemaakt_op": "Bekendgemaakt op",
    "bezwaar_tot": "Bezwaar maken kan tot en met", "pgb_bedrag": "Persoonsgebonden budget (euro)",
    "pgb_per": "Budget per", "pgb_tarief_cent": "Tarief van het budget (eurocent per eenheid)",
    "tijdelijk": "Tijdelijke voorziening in een spoedeisend geval (art. 2.3.3 Wmo 2015)",
    "beantwoord_op": "Beantwoord op", "declaratienummer": "Declaratienummer",
    "totaal_ingediend_cent": "Totaal gedeclareerd (eurocent)", "totaal_toegekend_cent": "Totaal toegekend (eurocent)",
    "data": "Ingevulde gegevens", "afgesloten_op": "Afgesloten op", "afsluitreden": "Reden van afsluiten",
    "geregistreerd_op": "Geregistreerd op", "debet_credit": "Debet (D) of credit (C)",
    "productcategorie": "Productcategorie", "referentienummer": "Referentienummer", "tarief_cent": "Tarief (eurocent)",
    "toewijzing_nummer": "Toewijzingnummer", "volgnummer": "Volgnummer",
    "vorig_referentienummer": "Vorig referentienummer", "reden_beeindiging": "Reden van beëindiging",
    "reden_wijziging": "Reden van wijziging", "referentie_aanbieder": "Kenmerk van de zorgaanbieder",
    "toegewezen_op": "Toegewezen op", "oidc_subject": "Kenmerk bij de inlogdienst van de organisatie",
    "password_must_change": "Moet het wachtwoord wijzigen", "team": "Team",
    "totp_last_step": "Laatst gebruikte inlogcode (tijdvak)", ("vernietigingslijst_regel", "categorie"):
    "Categorie in de selectielijst", ("vernietigingslijst_regel", "jaren"): "Bewaartermijn (jaren)",
    "bezwaar_sinds": "Bezwaar loopt sinds", "verwijzer": "Verwezen door (code)",
}


#: Stored codes shown in words: (table, column) → {code: Dutch text}.
VALUES = {
    ("human_task", "status"): {"open": "open", "completed": "afgerond", "cancelled": "vervallen"},
}


def value_text(table: str, column: str, value: str) -> str:
    """The Dutch words for a stored code ('completed' → 'afgerond'), or the value itself."""
    return VALUES.get((table, column), {}).get(value, value)


def label(table: str, column: str) -> str:
    """The Dutch label of `column` of `table` ('created_at' → 'Aangemaakt op')."""
    return LABELS.get((table, column)) or LABELS.get(column) or column.replace("_", " ").capitalize()
