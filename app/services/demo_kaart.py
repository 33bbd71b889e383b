"""The demo sociale kaart (`flask seed`): for each demo gemeente a few dozen entries — maatwerk of the demo
aanbieders, algemene voorzieningen, free initiatives and apps. Names, addresses and numbers are made up and
marked "(demo)". Idempotent: a gemeente that has entries keeps them."""
from datetime import date

from sqlalchemy import select

from ..models import (Aanbieder, Gemeente, KaartDienst, KaartDienstCategorie, KaartDienstWijk, KaartLocatie,
                      KaartOrganisatie)

CHECKED = date(2026, 11, 2)
#: (soort, domein, organisation (or AGB of a demo aanbieder), name, offer, for whom, how to reach, costs,
#:  categories, wijk index or None for the whole gemeente, street, number)
ENTRIES = [
    ("maatwerk", "wmo", "42420001", "Hulp bij het huishouden", "Schoonmaken van uw huis als u dat zelf niet meer kunt.",
     "Volwassenen die door ziekte, ouderdom of een beperking hun huis niet schoon kunnen houden.",
     "Doe eerst een melding bij de gemeente. Na het gesprek beslist de gemeente.", "Eigen bijdrage (abonnementstarief)",
     ("01",), None, "Rijnstraat", "101"),
    ("maatwerk", "wmo", "42420001", "Begeleiding thuis", "Een vaste begeleider helpt u uw dag en uw post te regelen.",
     "Volwassenen die hulp nodig hebben om zelfstandig te blijven wonen.",
     "Doe een melding bij de gemeente.", "Eigen bijdrage (abonnementstarief)", ("02",), None, "Rijnstraat", "101"),
    ("maatwerk", "wmo", "65656055", "Dagbesteding De Linge", "Samen met anderen iets zinvols doen: tuinieren, koken, houtwerk.",
     "Volwassenen met geheugenproblemen of een beperking.", "Doe een melding bij de gemeente.",
     "Eigen bijdrage (abonnementstarief)", ("07",), 1, "Lingedijk", "7"),
    ("maatwerk", "wmo", "65656055", "Persoonlijke verzorging", "Hulp bij wassen, aankleden en uw medicijnen.",
     "Volwassenen die dit (even) niet zelf kunnen.", "Doe een melding bij de gemeente.", "Eigen bijdrage",
     ("03",), None, None, None),
    ("maatwerk", "jeugd", "41234567", "Jeugdhulp thuis", "Een hulpverlener komt bij u thuis en helpt bij opvoeden en opgroeien.",
     "Kinderen tot 18 jaar en hun ouders.", "Via het sociaal wijkteam, de huisarts of de jeugdarts.", "Gratis",
     ("45",), None, "Oosterkade", "23"),
    ("maatwerk", "jeugd", "41234567", "Dagbehandeling voor kinderen", "Overdag behandeling in een groep, dichtbij huis.",
     "Kinderen die meer hulp nodig hebben dan thuis kan.", "Via het sociaal wijkteam of de huisarts.", "Gratis",
     ("46",), None, "Oosterkade", "23"),
    ("algemeen", "beide", "Sociaal wijkteam (demo)", "Sociaal wijkteam", "Vragen over zorg, geld, wonen of opvoeden? Het wijkteam denkt met u mee.",
     "Iedereen die in de gemeente woont.", "Loop binnen op werkdagen van 9 tot 12 uur of bel.", "Gratis",
     ("02", "10", "45"), 0, "Kerkplein", "1"),
    ("algemeen", "wmo", "Stichting Welzijn (demo)", "Boodschappendienst", "Een vrijwilliger doet één keer per week boodschappen met of voor u.",
     "Ouderen en mensen met een beperking die niet zelf boodschappen kunnen doen.", "Bel op werkdagen.",
     "€ 2,50 per keer", ("01", "10"), None, "Stationsweg", "12"),
    ("algemeen", "wmo", "Stichting Welzijn (demo)", "Klussendienst", "Kleine klussen in huis: een lamp ophangen, een kraan repareren.",
     "Ouderen en mensen met een laag inkomen.", "Bel of mail uw klus door.", "Gratis, u betaalt alleen het materiaal",
     ("13",), None, "Stationsweg", "12"),
    ("algemeen", "wmo", "Vervoer op maat (demo)", "Regiotaxi", "Een taxi van deur tot deur in de regio, ook met een rolstoel.",
     "Iedereen; met een pas van de gemeente betaalt u minder.", "Bel minstens een uur van tevoren.",
     "Een vast bedrag per kilometer", ("08", "12"), None, None, None),
    ("algemeen", "beide", "Stichting Welzijn (demo)", "Maatjesproject", "Een vrijwilliger die regelmatig bij u langskomt voor een praatje of een wandeling.",
     "Mensen die zich eenzaam voelen.", "Meld u aan via de website of bel.", "Gratis", ("09",), None, None, None),
    ("algemeen", "jeugd", "Centrum voor Jeugd en Gezin (demo)", "Opvoedspreekuur", "Een gesprek over slapen, eten, huilen, ruzie of school.",
     "Ouders en verzorgers van kinderen van 0 tot 18 jaar.", "Loop binnen op woensdagmiddag of maak een afspraak.",
     "Gratis", ("45",), 2, "Schoolstraat", "5"),
    ("algemeen", "wmo", "Stichting Mantelzorg (demo)", "Logeeropvang voor mantelzorgers", "Uw naaste logeert een weekend, zodat u even kunt bijkomen.",
     "Mantelzorgers die zwaar belast zijn.", "Bel het mantelzorgsteunpunt.", "Eigen bijdrage per nacht",
     ("04",), None, None, None),
    ("initiatief", "beide", "Buurthuis De Brug (demo)", "Buurthuis De Brug", "Koffie, samen eten op donderdag, spelletjes en een computerhulp.",
     "Iedereen uit de buurt, jong en oud.", "Loop binnen van maandag tot en met vrijdag, 9 tot 17 uur.", "Gratis",
     ("09",), 0, "Brugstraat", "3"),
    ("initiatief", "wmo", "Stichting Mantelzorg (demo)", "Mantelzorgsteunpunt", "Advies, een luisterend oor en lotgenotengroepen voor mantelzorgers.",
     "Iedereen die voor een ander zorgt: een partner, ouder, kind of buur.", "Bel, mail of loop binnen op dinsdag.",
     "Gratis", ("04", "09"), None, "Kerkplein", "1"),
    ("initiatief", "wmo", "Repair Café (demo)", "Repair Café", "Samen kapotte spullen repareren, met koffie.",
     "Iedereen.", "Elke eerste zaterdag van de maand, 10 tot 13 uur. U hoeft zich niet aan te melden.", "Gratis",
     ("09",), 1, "Brugstraat", "3"),
    ("initiatief", "jeugd", "Speel-o-theek (demo)", "Speel-o-theek", "Speelgoed lenen, ook aangepast speelgoed voor kinderen met een beperking.",
     "Gezinnen met jonge kinderen.", "Op zaterdagochtend in de bibliotheek.", "Gratis", ("45",), 2, "Schoolstraat", "5"),
    ("initiatief", "wmo", "Wandelclub Samen Op Pad (demo)", "Samen wandelen", "Elke week een rustige wandeling van een uur in de buurt.",
     "Iedereen die graag wil bewegen in gezelschap.", "Kom op maandag om 10 uur naar het buurthuis.", "Gratis",
     ("09",), 0, None, None),
    ("digitaal", "wmo", "Medicijnwekker (demo)", "App medicijnwekker", "Een app die u eraan herinnert uw medicijnen te nemen.",
     "Volwassenen die hun medicijnen vaak vergeten.", "Download de app in de appwinkel van uw telefoon.", "Gratis",
     ("14",), None, None, None),
    ("digitaal", "wmo", "Beeldbellen (demo)", "Beeldbellen met het wijkteam", "Met een tablet praat u met het wijkteam zonder de deur uit te gaan.",
     "Mensen die moeilijk de deur uit kunnen.", "Vraag een tablet te leen aan bij het wijkteam.", "Gratis",
     ("02", "14"), None, None, None),
    ("digitaal", "jeugd", "Opvoedapp (demo)", "Opvoedapp", "Tips en filmpjes over opvoeden, per leeftijd van uw kind.",
     "Ouders en verzorgers.", "Download de app of kijk op de website.", "Gratis", ("45",), None, None, None),
    ("digitaal", "wmo", "Thuiszorgtechnologie (demo)", "Slimme deurbel en sensoren", "Een deurbel met camera en een sensor die familie waarschuwt als u valt.",
     "Ouderen die alleen wonen.", "Vraag advies aan het wijkteam; u kunt het een maand proberen.", "Huur per maand",
     ("14", "13"), None, None, None),
]
NUMBERS = {"0632": ("0348", "Woerden", "344"), "0589": ("0348", "Oudewater", "342")}


def load_demo_kaart(session, gemeenten: dict[str, Gemeente], checked: date = CHECKED) -> int:
    """Add the demo entries to each gemeente without entries; returns how many were added."""
    created = 0
    aanbieders = {a.agb_code: a for a in session.scalars(select(Aanbieder))}
    for code, gemeente in gemeenten.items():
        if session.scalar(select(KaartDienst.id).where(KaartDienst.gemeente_id == gemeente.id).limit(1)):
            continue
        wijken = _wijken(session, gemeente)
        prefix, plaats, postcode = NUMBERS.get(code, ("030", gemeente.naam, "350"))
        organisaties: dict[str, KaartOrganisatie] = {}
        for n, (soort, domein, org, naam, offer, who, how, kosten, cats, wijk, straat, nr) in enumerate(ENTRIES):
            aanbieder = aanbieders.get(org)
            if soort == "maatwerk" and aanbieder is None:
                continue
            if org not in organisaties:
                organisaties[org] = KaartOrganisatie(gemeente_id=gemeente.id,
                                                     naam=aanbieder.naam if aanbieder else org,
                                                     aanbieder_id=aanbieder.id if aanbieder else None)
                session.add(organisaties[org])
            locatie = None
            if straat:
                locatie = KaartLocatie(gemeente_id=gemeente.id, organisatie=organisaties[org], straat=straat,
                                       huisnummer=nr, postcode=f"{postcode}{n % 10} A{chr(65 + n % 26)}",
                                       plaats=aanbieder.plaats if aanbieder else plaats,
                                       wijk=None if aanbieder else wijken[(wijk or 0) % len(wijken)])
            session.add(KaartDienst(
                gemeente_id=gemeente.id, organisatie=organisaties[org], locatie=locatie, soort=soort, domein=domein,
                naam=f"{naam} (demo)", beschrijving=offer, doelgroep=who, aanmelden=how, kosten=kosten,
                telefoon=f"{prefix} {400 + n:03d} {100 + n:03d}" if soort != "digitaal" else None,
                email=f"info{n}@kaart-demo.example", website=f"https://kaart-demo.example/{code}/{n}",
                beschikking_nodig=soort == "maatwerk", gecontroleerd_op=checked,
                categorieen=[KaartDienstCategorie(categorie=c) for c in cats],
                wijken=[KaartDienstWijk(wijk=wijken[wijk % len(wijken)])] if wijk is not None and wijken else []))
            created += 1
    session.flush()
    return created


def _wijken(session, gemeente: Gemeente) -> list[str]:
    from ..models import Person
    names = sorted(set(session.scalars(select(Person.wijk).where(Person.gemeente_id == gemeente.id,
                                                                 Person.wijk.is_not(None)))))
    return names or ["Centrum"]
