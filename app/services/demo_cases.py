"""Demo cases in every stage, driven through the real services (melding, tasks) and the aanbieder's
messages (the simulator's builders, received as if posted on the API). Idempotent: a scenario whose
zaak exists (found by its omschrijving and person) is left alone."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from .. import db
from ..models import Aanbieder, Beschikking, Bericht, HumanTask, Person, User, Zaak
from ..simulator.berichten import answer_301, declaratie, leveringen, start_zorg, verzoek_om_wijziging
from .betaalbatches import close_betaalbatch
from .exchange.inbound import receive_bericht
from . import opschorting, verdaging
from .bezwaar import submit_bezwaar
from .meldingen import submit_melding
from .tasks import claim_task, complete_task
from .termijn_klok import running_term

TODAY = date.today()
FIRST_OF_LAST_MONTH = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
STEPS = ("triage", "onderzoek_gesprek", "onderzoek_jeugd", "onderzoek_verslag", "aanvraag_registreren",
         "besluit_voorbereiden", "vier_ogen_toets", "tijdelijke_voorziening")
TARIEF = {"01A03": 3250, "02A01": 6240, "45A03": 8800}


@dataclass(frozen=True)
class Scenario:
    """One demo case: up to which task it runs, then which aanbieder messages follow."""

    omschrijving: str
    person: int  # index in the demo inwoners
    domein: str = "wmo"
    stop_before: str | None = None  # leave this task open
    product: str = "01A03"
    aanbieder: str = "42420001"
    leveringsvorm: str = "zin"
    kosten: int = 2400
    omvang: int = 3  # hours (or dagdelen) per week
    volume: int = 10  # declared in the 323, per toewijzing
    berichten: tuple[str, ...] = ()  # "302", "305", "323", "323-fout", "317"
    #: At the stop: 'opschorting' (information asked from the inwoner, Awb 4:15) or 'verdaging' (Awb 4:14).
    klok: str | None = None
    #: The triage's outcome: 'algemene_voorziening' (the inwoner may still apply, Wmo 2015 art. 2.3.2 lid 9) or
    #: 'spoed' (a tijdelijke voorziening beside the onderzoek, art. 2.3.3); None: an onderzoek.
    triage: str | None = None
    #: After the beschikking: the inwoner lodges bezwaar in Mijn zaken and the jurist plans the hoorzitting (Awb 7:2).
    bezwaar: bool = False
    #: Who picked up the open task at the stop (the werkvoorraad's "Mijn team" shows a colleague's work).
    opgepakt_door: str | None = None


#: The pgb conditions as the consulent recorded them (Wmo 2015 art. 2.3.6 lid 2).
PGB_VOORWAARDEN = {"pgb_beheer": True, "pgb_beheer_hulp": "Zoon, als vertegenwoordiger",
                   "pgb_motivering": "Mevrouw wil hulp van een vaste hulp uit de buurt, die zij al kent.",
                   "pgb_kwaliteit": True,
                   "pgb_kwaliteit_toelichting": "Zelfstandige hulp met VOG en ervaring in de thuiszorg; "
                                                "afspraken over vervanging bij ziekte staan in de zorgovereenkomst."}

SCENARIOS = [
    Scenario("Demo: melding, wacht op triage", 1, stop_before="triage"),
    Scenario("Demo: onderzoek loopt", 3, stop_before="onderzoek_gesprek", opgepakt_door="senior"),
    Scenario("Demo: besluit voorbereiden", 6, stop_before="besluit_voorbereiden", opgepakt_door="consulent"),
    Scenario("Demo: wacht op informatie van de inwoner", 0, stop_before="besluit_voorbereiden", klok="opschorting"),
    Scenario("Demo: beslistermijn verdaagd", 7, stop_before="besluit_voorbereiden", klok="verdaging"),
    Scenario("Demo: vier-ogentoets door de beoordelaar", 8, stop_before="vier_ogen_toets", product="02A01",
             kosten=24000),
    Scenario("Demo: beschikking met pgb", 9, leveringsvorm="pgb"),
    Scenario("Demo: toewijzing verstuurd, wacht op de aanbieder", 5),
    Scenario("Demo: toewijzing geaccepteerd", 2, berichten=("302",)),
    Scenario("Demo: zorg gestart", 0, berichten=("302", "305")),
    Scenario("Demo: declaratie goedgekeurd en betaald", 3, product="02A01", berichten=("302", "305", "323")),
    Scenario("Demo: declaratie afgewezen (tarief)", 6, berichten=("302", "305", "323-fout")),
    # 82 hours of € 62,40: above the controledrempel (€ 5.000), so the backoffice judges the line
    Scenario("Demo: declaratie boven de controledrempel", 9, product="02A01", omvang=20, volume=82, kosten=64000,
             berichten=("302", "305", "323")),
    Scenario("Demo: verzoek om wijziging wacht op de consulent", 1, product="02A01", berichten=("302", "305", "317")),
    Scenario("Demo: verwezen naar een algemene voorziening, de inwoner mag nog een aanvraag doen", 0,
             triage="algemene_voorziening"),
    Scenario("Demo: spoed, tijdelijke voorziening toegekend, onderzoek loopt", 2, stop_before="onderzoek_gesprek",
             product="02A01",
             triage="spoed"),
    Scenario("Demo: bezwaar tegen de beschikking loopt", 0, product="02A01", kosten=3000, bezwaar=True),
    Scenario("Demo: jeugdhulp gestart", 4, domein="jeugd", product="45A03", aanbieder="41234567",
             berichten=("302", "305")),
]


def load_demo_cases() -> dict:
    """Create the demo scenarios that are missing; close the payment batch of what was declared."""
    users = {u.username: u for u in db.session.scalars(select(User))}
    people = list(db.session.scalars(select(Person.id).order_by(Person.id)))
    created = 0
    for scenario in SCENARIOS:
        person_id = people[scenario.person]
        if db.session.scalar(select(Zaak.id).where(Zaak.omschrijving == scenario.omschrijving,
                                                   Zaak.person_id == person_id)) is None:
            _run(scenario, person_id, users)
            created += 1
        db.session.remove()
    if created:
        close_betaalbatch(uitvoerdatum=TODAY)
    return {"zaken": created}


def _run(scenario: Scenario, person_id: int, users: dict[str, User]) -> None:
    zaak = submit_melding(users["consulent"], person_id=person_id, domein=scenario.domein,
                          omschrijving=scenario.omschrijving, kanaal="telefoon")
    zaak_id = zaak.id
    # the task to stop before is passed over while another is open beside it (spoed: the tijdelijke voorziening)
    while (task := db.session.scalar(select(HumanTask).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open")
                                     .order_by(HumanTask.spec_name == scenario.stop_before, HumanTask.id)
                                     .limit(1))) is not None:
        if task.spec_name == scenario.stop_before or task.form_key not in STEPS:
            task_id = task.id
            db.session.remove()
            if scenario.opgepakt_door:
                claim_task(users[scenario.opgepakt_door], task_id)
            _clock(scenario, zaak_id, users)
            return
        actor = users["beoordelaar" if task.lane == "beoordelaar" else "consulent"]
        task_id, data = task.id, _form(task.form_key, scenario)
        db.session.remove()
        complete_task(actor, task_id, data)
    if scenario.berichten:
        _exchange(scenario, zaak_id)
    if scenario.bezwaar:
        _bezwaar(zaak_id, users)


def _bezwaar(zaak_id: int, users: dict[str, User]) -> None:
    """The inwoner lodges bezwaar in Mijn zaken; the jurist judges it on time and plans the hoorzitting."""
    zaak = db.session.get(Zaak, zaak_id)
    beschikking_id = db.session.scalar(select(Beschikking.id).where(Beschikking.zaak_id == zaak_id))
    bezwaar_id = submit_bezwaar(users["inwoner"], zaak, beschikking_id,
                                "Ik krijg te weinig begeleiding. Sinds mijn val in oktober lukt het boodschappen doen "
                                "niet meer alleen, en dat staat niet in het verslag van het gesprek.", []).id
    db.session.remove()
    task_id = db.session.scalar(select(HumanTask.id).where(HumanTask.zaak_id == zaak_id, HumanTask.status == "open",
                                                           HumanTask.spec_name == "bezwaar_beoordelen"))
    db.session.remove()
    complete_task(users["jurist"], task_id, {"bezwaar_termijn": "op_tijd", "bezwaar_horen": "horen",
                                             "hoorzitting_op": (TODAY + timedelta(days=10)).isoformat(),
                                             "bezwaar_beoordeling_toelichting": f"Bezwaar {bezwaar_id}: horen."})


def _clock(scenario: Scenario, zaak_id: int, users: dict[str, User]) -> None:
    """Stop or move the beslistermijn as the scenario says, through the same use cases as the zaak page."""
    zaak = db.session.get(Zaak, zaak_id)
    if scenario.klok == "opschorting":
        opschorting.request_information(users["consulent"], zaak, "Een brief van uw huisarts over wat u thuis nog "
                                        "zelf kunt, en uw medicijnlijst.", TODAY + timedelta(days=14))
    elif scenario.klok == "verdaging":
        due = running_term(db.session, zaak).due
        verdaging.extend_term(users["beoordelaar"], zaak, due + timedelta(days=14),
                              "Wij wachten op het advies van de ergotherapeut over de aanpassingen in uw woning.")


def _exchange(scenario: Scenario, zaak_id: int) -> None:
    """The aanbieder's answers, as its system would post them on the API."""
    aanbieder = db.session.scalar(select(Aanbieder).where(Aanbieder.agb_code == scenario.aanbieder))
    xml_301 = db.session.scalar(select(Bericht.inhoud).where(Bericht.zaak_id == zaak_id, Bericht.richting == "uit")
                                .order_by(Bericht.id).limit(1))
    ident = f"DEMO{zaak_id}"
    for kind in scenario.berichten:
        if kind == "302":
            xml = answer_301(xml_301, f"{ident}A", TODAY)
        elif kind == "305":
            xml = start_zorg(xml_301, f"{ident}S", FIRST_OF_LAST_MONTH)
        elif kind == "317":
            # more hours per week from next week: granted, the toewijzing ends and a new one takes over (OP257)
            xml = verzoek_om_wijziging(xml_301, f"{ident}V", f"{ident}V", TODAY, TODAY + timedelta(days=120), volume=4,
                                       gewenste_ingangsdatum=TODAY + timedelta(days=7))
        else:  # "323" or "323-fout" (a tarief above the contract's: rejected on TR418)
            tarief = TARIEF[scenario.product] * (2 if kind == "323-fout" else 1)
            items = [(lev, scenario.volume, tarief) for lev in leveringen(xml_301)]
            xml = declaratie(scenario.aanbieder, items, FIRST_OF_LAST_MONTH, f"{ident}D", f"{ident}D", TODAY)
        receive_bericht(aanbieder, xml, "api")
        db.session.remove()


def _form(form_key: str, scenario: Scenario) -> dict:
    today = TODAY.isoformat()
    return {
        "triage": {"spoed": scenario.triage == "spoed", "samenvatting": "Hulp nodig in en om het huis.",
                   "vervolg": "algemene_voorziening" if scenario.triage == "algemene_voorziening" else "onderzoek",
                   **({"vervolg_toelichting": "De boodschappendienst van de buurt brengt de boodschappen thuis; "
                                              "de klussendienst helpt bij kleine klussen.",
                          "persoonlijk_plan": "ziet_af"}
                      if scenario.triage == "algemene_voorziening" else {})},
        "tijdelijke_voorziening": {
            "tijdelijk_productcode": scenario.product, "tijdelijk_aanbieder": scenario.aanbieder, "tijdelijk_omvang": 4,
            "tijdelijk_eenheid": "04", "tijdelijk_frequentie": "per_week", "tijdelijk_ingangsdatum": today,
            "tijdelijk_einddatum": (TODAY + timedelta(weeks=8)).isoformat(),
            "tijdelijk_motivering": "Na een val kan mevrouw het huishouden niet doen en niet wachten op het gesprek."},
        "onderzoek_gesprek": {
            "datum_gesprek": today, "aanwezigen": "Inwoner, mantelzorger, consulent", "mantelzorger_betrokken": True,
            "clientondersteuning_aangeboden": True, "persoonlijk_plan_ontvangen": False,
            "identiteit_vastgesteld": True, "pgb_uitgelegd": True,
            "bevinding_behoeften": "Zwaar huishoudelijk werk lukt niet meer.",
            "bevinding_eigen_kracht": "Lichte taken lukken zelf.",
            "bevinding_mantelzorg_netwerk": "Een buurvrouw helpt soms.",
            "bevinding_ondersteuning_mantelzorger": "Respijtzorg besproken.",
            "bevinding_algemene_voorzieningen": "Geen passende algemene voorziening.", "eigen_bijdrage_besproken": True},
        "onderzoek_jeugd": {"datum_gesprek": today, "aanwezigen": "Jeugdige, ouders, consulent",
                            "familiegroepsplan_aangeboden": True, "bevindingen": "Ondersteuning thuis nodig.",
                            "advies": "individuele_voorziening"},
        "onderzoek_verslag": {"verslag": "Maatwerkvoorziening nodig.", "advies": "maatwerkvoorziening",
                              "verslag_verstrekt_op": today, "persoonlijk_plan": "ziet_af"},
        "aanvraag_registreren": {"aanvraag_ontvangen_op": today, "productcode": scenario.product,
                                 "leveringsvorm": scenario.leveringsvorm, "aanbieder": scenario.aanbieder,
                                 "omvang": scenario.omvang, "eenheid": "04", "frequentie": "per_week",
                                 "ingangsdatum": FIRST_OF_LAST_MONTH.isoformat(),
                                 "einddatum": (FIRST_OF_LAST_MONTH + timedelta(days=364)).isoformat(),
                                 "kosten_per_jaar": scenario.kosten, **(PGB_VOORWAARDEN if scenario.leveringsvorm == "pgb" else {})},
        "besluit_voorbereiden": {"besluit": "toekennen", "grondslag": "art. 2.3.5 Wmo 2015",
                                 "motivering": "Uit het onderzoek blijkt dat de voorziening nodig is."},
        "vier_ogen_toets": {"toets": "akkoord"},
    }[form_key]
