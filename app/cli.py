"""Command line: `flask --app wsgi migrate|deploy|seed|tick|worker|api-token|aanbieder-token|verwerkingen-controleren`."""
import click
from flask import Flask, current_app

from .engine import InvalidModel
from .services import accounts, demo_data, deployment, timers
from .services.lookups import user_by_name


def register_cli(app: Flask) -> None:
    from .simulator.cli import register as register_simulator
    register_simulator(app)

    @app.cli.command("migrate")
    def migrate():
        """Bring the database schema up to date (Alembic upgrade heads)."""
        from .migrate import upgrade
        upgrade(current_app.config["DATABASE_URL"])
        click.echo("Database is bijgewerkt.")

    @app.cli.command("migration")
    @click.argument("message")
    def migration(message):
        """Write a new Alembic revision from the difference between the models and the database."""
        from .migrate import autogenerate
        autogenerate(current_app.config["DATABASE_URL"], message)

    @app.cli.command("deploy")
    def deploy():
        """Deploy the models in bpmn/ whose content changed, as new versions (refused when one has lint errors)."""
        try:
            deployed = deployment.deploy_directory(current_app.config["BPMN_DIR"])
        except InvalidModel as exc:
            raise click.ClickException(str(exc)) from exc
        for key, version, is_new in deployed:
            click.echo(f"{key}: versie {version}{' (nieuw)' if is_new else ' (ongewijzigd)'}")

    @app.cli.command("seed")
    def seed():
        """Load the demo municipality (keeps what exists) and print the demo logins."""
        if not current_app.config["DEMO_ALLOWED"]:
            raise click.ClickException("Demodata is niet toegestaan in productie.")
        current_app.config["JOBS_INLINE"] = True  # each demo scenario needs the outcome of its berichten now
        created = demo_data.load_demo_data()
        from .services.demo_cases import load_demo_cases  # needs the deployed models (`flask deploy`)
        created.update(load_demo_cases())
        from .services.demo_history import load_demo_history  # three years of history for the managementinformatie
        created.update(load_demo_history())
        from .services.demo_beoordelingen import load_demo_beoordelingen  # ratings of the history's toewijzingen
        created.update(load_demo_beoordelingen())
        from .services.herindicatie import plan_herindicaties  # the tick's herindicaties of what the history holds
        created["herindicaties"] = plan_herindicaties()
        from .services.demo_dwangsom import load_demo_dwangsom  # a zaak past its term with a running dwangsom
        created.update(load_demo_dwangsom())
        from .services.demo_klachten import load_demo_klachten  # klachten and signalen about the demo aanbieders
        created.update(load_demo_klachten())
        from .services.demo_publicatie import load_demo_publicatie  # a change of Wmo waiting for a second pair of eyes
        created.update(load_demo_publicatie())
        from .services.gemeenten import all_gemeenten
        from .services.kaart_publicatie import publish  # the demo kaart's open data, as a change would publish it
        for gemeente in all_gemeenten():
            publish(gemeente.id)
        click.echo("Demodata: " + ", ".join(f"{n} {k} toegevoegd" for k, n in created.items()))
        click.echo("\nDemo-logins (wachtwoord 'demo'), gemeente Woerden: " + ", ".join(
            ["inwoner", "gemachtigde", "consulent", "beoordelaar", "senior (consulent + beoordelaar)",
             "backoffice", "controller (tweede backoffice)", "contractmanager", "procesontwerper", "aanbieder",
             "jurist",
             "teamleider (managementinformatie + consulent)"])
            + "; gemeente Oudewater: " + ", ".join(name for name, *_ in demo_data.OUDEWATER_STAFF)
            + "; beide gemeenten: beheerder, privacy, management (managementinformatie)\n")

    @app.cli.command("tick")
    def tick():
        """Fire every due timer (legal deadlines, escalations), mail deadline signals, start due herindicaties,
        redo lost jobs."""
        from .jobs.tasks import recover_lost_jobs
        from .services.herindicatie import plan_herindicaties
        from .services.signals import send_deadline_signals
        click.echo(f"{timers.fire_due_timers()} zaak/zaken verder gezet door een verlopen termijn.")
        click.echo(f"{send_deadline_signals()} termijnsignaal/-signalen gemaild.")
        click.echo(f"{plan_herindicaties()} herindicatie(s) klaargezet.")
        from .services.dwangsom_vaststelling import plan_vaststellingen
        click.echo(f"{plan_vaststellingen()} dwangsom(men) klaar om vast te stellen.")
        recovered = recover_lost_jobs()
        click.echo(f"{recovered['brieven']} ontbrekende beschikkingsbrief/-brieven gemaakt.")
        click.echo(f"{recovered['mails']} wachtende mail(s) verstuurd.")
        click.echo(f"{recovered['berichten']} wachtend(e) bericht(en) opnieuw verwerkt.")

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
    def worker(burst):
        """Run an rq worker (needs REDIS_URL) that also schedules the timer tick every minute."""
        from .jobs.worker import run_worker  # rq only where a worker runs
        run_worker(burst=burst)

    @app.cli.command("betaalbatch")
    @click.option("--uitvoerdatum", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="Datum waarop de bank betaalt (standaard: de volgende werkdag).")
    @click.option("--gemeente", default=None, help="CBS-code van de gemeente (standaard: de oudste open batch).")
    def betaalbatch(uitvoerdatum, gemeente):
        """Close an open payment batch and make its SEPA pain.001 file; a colleague releases it on Betalingen."""
        from . import db
        from .services.betaalbatches import close_betaalbatch
        from .services.errors import InvalidInput
        from .services.gemeenten import by_code
        found = by_code(db.session, gemeente) if gemeente else None
        if gemeente and found is None:
            raise click.ClickException(f"Gemeente {gemeente} is niet bekend in deze installatie.")
        try:
            batch = close_betaalbatch(uitvoerdatum=uitvoerdatum.date() if uitvoerdatum else None,
                                      gemeente_id=found.id if found else None)
        except InvalidInput as exc:
            raise click.ClickException(str(exc)) from exc
        if batch is None:
            click.echo("Er is geen open betaalbatch.")
            return
        click.echo(f"Betaalbatch {batch.nummer} gesloten: {len(batch.regels)} betaling(en), "
                   f"totaal € {batch.totaal_cent / 100:.2f}. Een medewerker van de backoffice controleert en "
                   "geeft hem vrij op de pagina Betalingen; daarna is het pain.001-bestand daar (of met "
                   f"GET /api/v1/betaalbatches/{batch.id}/pain001) te downloaden.")

    @app.cli.command("aanbieder-token")
    @click.option("--agb", required=True, help="AGB-code van de aanbieder (8 cijfers)")
    @click.option("--naam", default="Berichtenverkeer")
    @click.option("--dagen", type=int, default=None, help="Geldigheid in dagen (standaard 90, hoogstens 365).")
    def aanbieder_token(agb, naam, dagen):
        """Print a new API token bound to the aanbieder with AGB code AGB."""
        from .services.errors import InvalidInput, NotFound
        from .services.exchange.tokens import create_aanbieder_token
        try:
            click.echo(create_aanbieder_token(agb, naam, dagen))
        except (NotFound, InvalidInput) as exc:
            raise click.ClickException(_message(exc)) from exc

    @app.cli.command("berichten-verwerken")
    def berichten_verwerken():
        """Handle inbound iWmo/iJw berichten that are still waiting (a lost or failed job)."""
        from .services.exchange.inbound import retry_berichten
        done = retry_berichten()
        click.echo(f"{len(done)} bericht(en) opnieuw verwerkt: " + ", ".join(f"{k}: {v}" for k, v in done.items()))

    @app.cli.command("verwerkingen-controleren")
    def verwerkingen_controleren():
        """Prove the processing log's hash chain unbroken, or name the first broken record (exit code 1)."""
        from .services.processing_log_chain import check_chain
        report = check_chain()
        if not report.intact:
            click.echo(f"Verwerkingenlog GEBROKEN bij record {report.broken_id}: {report.reason}. "
                       f"{report.checked} record(s) ervoor zijn in orde.", err=True)
            raise SystemExit(1)
        click.echo(f"Verwerkingenlog in orde: {report.checked} record(s), de hashketen is ongebroken.")

    @app.cli.command("gebruiker-aanmaken")
    @click.argument("username")
    @click.option("--naam", required=True, help="De naam van de medewerker zoals collega's hem zien.")
    @click.option("--rol", "rollen", multiple=True, required=True,
                  help="Een rol (herhaal voor meer): consulent, beoordelaar, backoffice, contractmanager, "
                       "procesontwerper, beheerder.")
    @click.option("--email", default=None, help="Werkadres voor termijnsignalen.")
    @click.option("--gemeente", "gemeenten", multiple=True,
                  help="CBS-code van een gemeente waarvoor de medewerker werkt (herhaal voor meer; "
                       "zonder deze optie: alle gemeenten van de installatie).")
    @click.password_option("--wachtwoord", prompt="Wachtwoord", confirmation_prompt="Nog eens",
                           help="Wordt gevraagd als het niet is meegegeven.")
    def gebruiker_aanmaken(username, naam, rollen, email, gemeenten, wachtwoord):
        """Create a staff account, e.g. the first beheerder of a new installation (also in production)."""
        from .services.errors import InvalidInput
        from .services.staff_users import create_staff_user
        try:
            user = create_staff_user(username, naam, list(rollen), wachtwoord, email, list(gemeenten))
        except InvalidInput as exc:
            raise click.ClickException(_message(exc)) from exc
        click.echo(f"Medewerker '{user.username}' aangemaakt met rol(len): {user.roles}.")

    @app.cli.command("gemeente-toevoegen")
    @click.argument("code")
    @click.option("--naam", required=True, help="Bijvoorbeeld 'Gemeente Oudewater'.")
    @click.option("--iban", required=True, help="De rekening waarvan de gemeente declaraties betaalt.")
    @click.option("--bic", default=None)
    @click.option("--briefadres", default="", help="Het retouradres in de brieven (regels gescheiden door \\n).")
    @click.option("--bezwaaradres", default="", help="Waar een bezwaarschrift heen gaat.")
    @click.option("--telefoon", default=None)
    @click.option("--website", default=None)
    @click.option("--kleur", default=None, help="Huiskleur als #rrggbb (NL Design System-thema).")
    @click.option("--bezwaarcommissie/--geen-bezwaarcommissie", default=False,
                  help="Een commissie bezwaarschriften adviseert (art. 7:13 Awb): beslissen binnen 12 weken.")
    def gemeente_toevoegen(code, naam, iban, bic, briefadres, bezwaaradres, telefoon, website, kleur,
                           bezwaarcommissie):
        """Add a gemeente (CBS code CODE) to this installation, e.g. when a samenwerkingsverband grows."""
        from .services.errors import InvalidInput
        from .services.gemeente_beheer import add_gemeente
        try:
            gemeente = add_gemeente(code, naam, iban, bic=bic, briefadres=briefadres.replace("\\n", "\n"),
                                    bezwaar_adres=bezwaaradres.replace("\\n", "\n"), telefoon=telefoon,
                                    website=website, kleur=kleur, bezwaarcommissie=bezwaarcommissie)
        except InvalidInput as exc:
            raise click.ClickException(_message(exc)) from exc
        click.echo(f"{gemeente.naam} ({gemeente.code}) toegevoegd. Geef medewerkers toegang met "
                   f"'flask gebruiker-aanmaken --gemeente {gemeente.code}'.")

    @app.cli.command("api-token")
    @click.argument("username")
    @click.option("--naam", default="Aangemaakt via de opdrachtregel")
    @click.option("--dagen", type=int, default=None, help="Geldigheid in dagen (standaard 90, hoogstens 365).")
    def api_token(username, naam, dagen):
        """Print a new API token for USERNAME."""
        from .services.errors import InvalidInput
        user = user_by_name(username)
        if user is None:
            raise click.ClickException(f"Gebruiker '{username}' bestaat niet.")
        try:
            click.echo(accounts.create_api_token(user, naam, dagen))
        except InvalidInput as exc:
            raise click.ClickException(_message(exc)) from exc


def _message(exc) -> str:
    """The Dutch text of a service error, with its per-field reasons."""
    errors = getattr(exc, "errors", None) or {}
    return " ".join([str(exc)] + list(errors.values())).strip()
