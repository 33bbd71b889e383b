"""Plain-Dutch meaning of the iWmo/iJw retourcodes this platform sends or receives (codelijst
WJ001, texts after the technische regels that produce them)."""

RETOURCODES = {
    "0001": "Het bericht voldoet niet aan de regels binnen het bericht (XSLT-controle); het geldt als niet verzonden.",
    "0200": "Geen opmerkingen.",
    "0233": "Niet beoordeeld, omdat een hoger onderdeel al is afgekeurd.",
    "0611": "Het tarief komt niet overeen met het tarief uit het contract (TR418).",
    "8001": "Declaratie volledig toegekend.",
    "8017": "Een creditregel hoort bij een eerder goedgekeurde debetregel; die is niet gevonden (TR323).",
    "8021": "Dit referentienummer is al eerder gebruikt (TR314).",
    "8187": "De prestatie hoort niet bij deze cliënt: het BSN wijkt af van de toewijzing (TR304).",
    "8214": "De declaratieperiodes sluiten niet op elkaar aan (TR318).",
    "8848": "De dagtekening ligt in de toekomst of is geen bestaande datum (TR135).",
    "9019": "Er is geen toewijzing met dit toewijzingnummer (TR019).",
    "9056": "Deze berichtidentificatie is al eerder gebruikt (TR056).",
    "9063": "Verwijderen kan alleen als er eerder een aanlevering was (TR063).",
    "9069": "De stop herhaalt de gegevens van de start niet ongewijzigd (TR382).",
    "9071": "Een start kan niet worden verwijderd nadat de zorg is gestopt (TR071).",
    "9074": "Deze start of stop is al eerder aangeleverd (TR074).",
    "9307": "De prestatieperiode begint vóór de ingangsdatum van de toewijzing (TR307).",
    "9308": "De prestatieperiode loopt door na de einddatum van de toewijzing (TR308).",
    "9321": "Het geleverde volume is groter dan het toegewezen volume (TR321).",
    "9322": "Samen met eerdere declaraties is meer gedeclareerd dan de toegewezen omvang (TR322).",
    "9326": "Er loopt al een start voor deze toewijzing (TR326).",
    "9332": "Het toewijzingnummer is niet uniek (TR332).",
    "9333": "Dit declaratienummer is al eerder gebruikt (TR333).",
    "9338": "Er is geen toewijzing met dit toewijzingnummer voor deze aanbieder (TR338).",
    "9339": "De productcategorie wijkt af van de toewijzing (TR339).",
    "9340": "De productcode wijkt af van de toewijzing (TR340).",
    "9341": "De eenheid past niet bij de toewijzing (TR341).",
    "9346": "Het bedrag is niet gelijk aan volume maal tarief (TR346).",
    "9347": "De referentie van de aanbieder is niet uniek (TR347).",
    "9349": "Het verzoek om wijziging noemt niet alle lopende toewijzingen (TR349).",
    "9350": "Het verzoek om wijziging noemt een toewijzing die niet (meer) geldt (TR350).",
    "9351": "Het verzoek om wijziging noemt een toewijzing die niet (meer) geldt (TR351).",
    "9355": "Er is geen verzoek van de aanbieder met deze referentie (TR355).",
    "9357": "Een wijziging die niet in de toekomst ingaat, geldt vanaf de ingangsdatum van de toewijzing (TR357).",
    "9359": "Op dit verzoek is al een toewijzing gestuurd (TR359).",
    "9360": "Op dit verzoek is al geantwoord; 'aanvraag in onderzoek' kan maar één keer (TR360).",
    "9361": "Hetzelfde product komt in overlappende periodes voor (TR361).",
    "9365": "Op dit verzoek is al definitief geantwoord (TR365).",
    "9379": "De ReferentieAanbieder past niet bij het verzoek (VOT of VOW) dat deze toewijzing honoreert (TR379).",
    "9385": "Een toewijzing met goedgekeurde declaratieregels kan niet worden verwijderd (TR385).",
    "S300": "De gemeentecode bestaat niet in het overzicht van het CBS (TR378).",
    "S329": "De productcode past niet bij de productcategorie volgens de productcodelijst (TR381).",
    "9369": "Samen met eerdere declaraties is meer gedeclareerd dan het toegewezen budget (TR369).",
    "9373": "Een ander budget of totaal geldt voor de hele looptijd van de toewijzing (TR373).",
    "9374": "Er staat al een verzoek open voor deze cliënt bij deze aanbieder (TR374).",
    "9375": "Bij een toewijzing zonder product blijft de omvang leeg (TR375).",
    "9384": "Op een verwijderde toewijzing (reden wijziging 13) kan niet worden gedeclareerd (TR384).",
    "9387": "De prestatieperiode begint niet op de eerste van de maand of de ingangsdatum van de toewijzing (TR387).",
    "9388": "De prestatieperiode eindigt niet op de laatste van de maand of de einddatum van de toewijzing (TR388).",
    "9389": "Voor deze periode, dit product en deze toewijzing is al gedeclareerd (TR389).",
    "9390": "Deze prestatie is al eerder gecrediteerd (TR390).",
    "9411": "Bij een toewijzing met productcode is de omvang verplicht (TR411).",
    "9412": "Bij een toewijzing zonder productcode blijft de omvang leeg (TR412).",
    "9413": "Er is voor deze levering al een stop met reden 20 (TR413).",
    "9414": "De einddatum ligt vóór die van de eerdere stop op deze levering (TR414).",
    "9415": "Deze levering is al definitief gestopt (TR415).",
}


def describe(code: str) -> str:
    """`code` with its Dutch meaning, e.g. '9332: Het toewijzingnummer is niet uniek (TR332).'"""
    return f"{code}: {RETOURCODES.get(code, 'Onbekende retourcode; zie de codelijst WJ001 van iStandaarden.')}"

#: What each message is, in words an aanbieder's back office uses.
BERICHTSOORTEN = {
    "301": "Toewijzing", "302": "Retour toewijzing", "305": "Start zorg", "306": "Retour start zorg",
    "307": "Stop zorg", "308": "Retour stop zorg", "315": "Verzoek om toewijzing", "316": "Retour verzoek om toewijzing",
    "317": "Verzoek om wijziging", "318": "Retour verzoek om wijziging", "319": "Antwoord op verzoek",
    "320": "Retour antwoord", "323": "Declaratie", "325": "Declaratie-antwoord",
}
#: Status of a bericht as the aanbieder reads it.
STATUSSEN = {
    "nieuw": "Nieuw, nog niet opgehaald", "opgehaald": "Opgehaald", "beantwoord": "Beantwoord",
    "ontvangen": "Wordt verwerkt", "verwerkt": "Verwerkt", "afgekeurd": "Afgekeurd (niet verwerkt)",
    "dubbel": "Al eerder ontvangen",
}
