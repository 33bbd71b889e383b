"""Valid form data for every user task of the shipped models, as a consulent would fill them in."""
from datetime import date, timedelta

TODAY = date.today().isoformat()
#: A weekly toewijzing has an einddatum (CD076): a year of care.
IN_A_YEAR = (date.today() + timedelta(days=364)).isoformat()


def form_data(task: str, *, besluit: str = "toekennen", kosten: float = 2400.0, toets: str = "akkoord") -> dict:
    """The answers of `task`, dated today (the day of the call: a test that moves the wall clock gets its day)."""
    TODAY = date.today().isoformat()  # noqa: N806 — the module's names, read at the call
    IN_A_YEAR = (date.today() + timedelta(days=364)).isoformat()  # noqa: N806
    return {
        "triage": {"spoed": False, "samenvatting": "Mevrouw kan het huishouden niet meer zelf doen.",
                   "vervolg": "onderzoek"},
        "onderzoek_gesprek": {
            "datum_gesprek": TODAY, "aanwezigen": "Inwoner, dochter (mantelzorger), consulent",
            "mantelzorger_betrokken": True, "clientondersteuning_aangeboden": True,
            "persoonlijk_plan_ontvangen": False, "identiteit_vastgesteld": True, "pgb_uitgelegd": True,
            "bevinding_behoeften": "Zwaar huishoudelijk werk lukt niet meer.",
            "bevinding_eigen_kracht": "Lichte taken lukken zelf.",
            "bevinding_mantelzorg_netwerk": "Dochter komt eens per week.",
            "bevinding_ondersteuning_mantelzorger": "Dochter is overbelast; respijtzorg besproken.",
            "bevinding_algemene_voorzieningen": "Geen passende algemene voorziening.",
            "eigen_bijdrage_besproken": True},
        "onderzoek_jeugd": {
            "datum_gesprek": TODAY, "aanwezigen": "Jeugdige, beide ouders, consulent",
            "familiegroepsplan_aangeboden": True, "bevindingen": "Ondersteuning thuis nodig.",
            "advies": "individuele_voorziening"},
        "onderzoek_verslag": {"verslag": "Maatwerkvoorziening nodig voor het huishouden.",
                              "advies": "maatwerkvoorziening", "verslag_verstrekt_op": TODAY,
                              "persoonlijk_plan": "ziet_af"},
        "aanvraag_registreren": {"aanvraag_ontvangen_op": TODAY, "productcode": None, "leveringsvorm": "zin", "aanbieder": "42420001",
                                 "omvang": 3, "eenheid": "04", "frequentie": "per_week", "ingangsdatum": TODAY,
                                 "einddatum": IN_A_YEAR, "kosten_per_jaar": kosten},
        "besluit_voorbereiden": {"besluit": besluit, "grondslag": "art. 2.3.5 Wmo 2015",
                                 "motivering": "Uit het onderzoek blijkt dat de voorziening "
                                               + ("nodig is." if besluit == "toekennen" else "niet nodig is.")},
        "vier_ogen_toets": {"toets": toets,
                            **({"toets_toelichting": "Motivering aanscherpen."} if toets == "niet_akkoord" else {})},
        "termijn_overschreden": {"kennisname": True, "actie": "Inwoner gebeld en nieuwe afspraak gemaakt."},
    }[task]
