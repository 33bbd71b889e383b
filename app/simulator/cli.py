"""`flask --app wsgi simulate-aanbieder --agb CODE`: run the simulated aanbieder system against a
running Cumulus over HTTP (a token bound to the AGB code is made when none is given)."""
import json

import click
from flask import Flask

from .aanbieder import Gedrag, SimulatedAanbieder
from .client import AanbiederApi, ApiError


def demo_tarieven() -> dict[str, int]:
    """The contract tariffs (cents per eenheid) the aanbieder's administration knows: the demo catalogue's."""
    from ..services.demo_data import PRODUCTEN
    return {code: round(float(tarief) * 100) for _, _, code, _, _, tarief in PRODUCTEN}


def register(app: Flask) -> None:
    @app.cli.command("simulate-aanbieder")
    @click.option("--agb", required=True, help="AGB-code van de gesimuleerde aanbieder")
    @click.option("--base-url", default="http://127.0.0.1:5000", show_default=True, help="Adres van Cumulus")
    @click.option("--token", default=None, help="API-sleutel van de aanbieder (standaard: er wordt een nieuwe gemaakt)")
    @click.option("--rounds", default=1, show_default=True, type=click.IntRange(min=1), help="Aantal rondes")
    @click.option("--interval", default=5.0, show_default=True, type=float, help="Seconden tussen rondes")
    @click.option("--weigeren", default=0.1, show_default=True, type=click.FloatRange(0, 1),
                  help="Kans dat een toewijzing wordt geweigerd")
    @click.option("--wijzigen", default=0.1, show_default=True, type=click.FloatRange(0, 1),
                  help="Kans op een verzoek om wijziging (317)")
    @click.option("--foutief", default=0.05, show_default=True, type=click.FloatRange(0, 1),
                  help="Kans op een bericht dat niet aan het XSD voldoet")
    @click.option("--seed", default=None, type=int, help="Vast startgetal voor herhaalbare keuzes")
    def simulate_aanbieder(agb, base_url, token, rounds, interval, weigeren, wijzigen, foutief, seed):
        """Act as aanbieder AGB's system on the aanbieder API: 302, 305, 323, now and then 317 or a faulty message."""
        if token is None:
            from ..services.errors import NotFound
            from ..services.exchange.tokens import create_aanbieder_token
            try:
                token = create_aanbieder_token(agb, "Simulator")
            except NotFound as exc:
                raise click.ClickException(str(exc)) from exc
        simulator = SimulatedAanbieder(AanbiederApi(base_url, token), agb, demo_tarieven(),
                                       Gedrag(weigeren=weigeren, wijzigen=wijzigen, foutief=foutief), seed=seed)
        try:
            verslag = simulator.run(rounds=rounds, interval=interval)
        except (ApiError, OSError) as exc:
            raise click.ClickException(f"De aanbieder-API gaf een fout: {exc}") from exc
        click.echo(json.dumps(verslag.as_dict(), indent=2, ensure_ascii=False))
