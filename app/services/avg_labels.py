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
    ("herindicatie", "peildatum"): "Datum waarop de voorziening afloopt of herbeoordeeld wordt",
    ("herindicatie", "uitkomst"): "Uitkomst", ("herindicatie", "reden"): "Reden", ("herindicatie", "afgerond_op"): "Afgerond op",
}


def label(table: str, column: str) -> str:
    """The Dutch label of `column` of `table` ('created_at' → 'Aangemaakt op')."""
    return LABELS.get((table, column)) or LABELS.get(column) or column.replace("_", " ").capitalize()
