"""The dashboard: every table of the rapportage for one scope, in the order the page shows them, grouped."""
from . import doorlooptijd, dwangsommen, instroom, prognose, stappen, termijnen, toewijzingen, uitgaven, werkvoorraad
from .scope import Scope
from .tables import Table

#: (group key, heading, the functions that make its tables)
GROUPS = (
    ("stroom", "Instroom, uitstroom en cliënten", (instroom.instroom_uitstroom, instroom.verwijzingen,
                                                          instroom.actieve_clienten)),
    ("doorlooptijd", "Doorlooptijd", (doorlooptijd.doorlooptijd, stappen.per_stap)),
    ("termijnen", "Wettelijke termijnen", (termijnen.termijnen, termijnen.termijnen_per_periode,
                                           termijnen.escalaties)),
    ("dwangsommen", "Ingebrekestellingen en dwangsommen", (dwangsommen.dwangsommen,)),
    ("werkvoorraad", "Werkvoorraad", (werkvoorraad.werkvoorraad, werkvoorraad.per_medewerker)),
    ("toewijzingen", "Toewijzingen en aanbieders", (toewijzingen.per_categorie, toewijzingen.antwoordtijd,
                                                    toewijzingen.afkeur)),
    ("uitgaven", "Uitgaven en budget", (uitgaven.uitgaven, uitgaven.budget_uitputting)),
    ("prognose", "Prognose van de uitgaven en backtest", (prognose.prognose, prognose.backtest,
                                                          prognose.backtest_per_maand)),
)
#: The table keys (as in the export and API addresses) → the function that makes the table.
TABLES = {"instroom": instroom.instroom_uitstroom, "verwijzingen": instroom.verwijzingen,
          "actief": instroom.actieve_clienten,
          "doorlooptijd": doorlooptijd.doorlooptijd, "stappen": stappen.per_stap, "termijnen": termijnen.termijnen,
          "termijnen_per_periode": termijnen.termijnen_per_periode, "escalaties": termijnen.escalaties,
          "dwangsommen": dwangsommen.dwangsommen,
          "werkvoorraad": werkvoorraad.werkvoorraad,
          "werkvoorraad_medewerkers": werkvoorraad.per_medewerker,
          "toewijzingen": toewijzingen.per_categorie, "antwoordtijd": toewijzingen.antwoordtijd,
          "afkeur": toewijzingen.afkeur, "uitgaven": uitgaven.uitgaven, "budget": uitgaven.budget_uitputting,
          "prognose": prognose.prognose, "backtest": prognose.backtest,
          "backtest_maanden": prognose.backtest_per_maand}


def dashboard(scope: Scope) -> list[tuple[str, str, list[Table]]]:
    """(group key, heading, tables) for the whole page."""
    return [(key, heading, [fn(scope) for fn in fns]) for key, heading, fns in GROUPS]


def table(scope: Scope, key: str) -> Table | None:
    """One table by its key, or None for a key that does not exist."""
    fn = TABLES.get(key)
    return fn(scope) if fn else None
