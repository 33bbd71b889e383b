"""Cumulus: the composition root. `create_app` wires config, database, login, CSRF, blueprints and CLI."""
import logging
import os
import time

from flask import Flask

from . import db
from .config import Config, config_from_env


def create_app(config: type[Config] | None = None, **overrides) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config or config_from_env())
    app.config.update(overrides)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    db.bind(app.config["DATABASE_URL"])
    app.teardown_appcontext(lambda _exc: db.session.remove())
    from .jobs.queue import start_job_thread
    app.before_request(start_job_thread)  # no Redis: the job thread starts in the serving process, not before fork

    from .web.extensions import csrf, limiter, login_manager
    from .web.request_limits import register_request_limits
    register_request_limits(app)  # before CSRF, which reads the form
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    from .web.sessions import check_session_first, seconds_left
    app.before_request(check_session_first)
    app.add_template_global(seconds_left, "session_seconds_left")
    from .web.converters import register_converters
    from .web.json_input import StrictJSONProvider
    register_converters(app)  # before the blueprints: every <id:...> rule is compiled with it
    app.json = StrictJSONProvider(app)

    from .web.aanbieder import bp as aanbieder_bp
    from .web.api import bp as api_bp
    from .web.auth import bp as auth_bp
    from .web.betalingen import bp as betalingen_bp
    from .web.contracten import bp as contracten_bp
    from .web.kaart import bp as kaart_bp
    from .web.beheer import bp as beheer_bp
    from .web.documents import bp as documents_bp
    from .web.errors import register_error_pages
    from .web.inbox import bp as inbox_bp
    from .web.main import bp as main_bp
    from .web.ontwerpen import bp as ontwerpen_bp
    from .web.portal import bp as portal_bp
    from .web.privacy import bp as privacy_bp
    from .web.rapportage import bp as rapportage_bp
    from .web.security_headers import register_security_headers
    from .web.tracing import register_tracing

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(portal_bp, url_prefix="/mijn")
    app.register_blueprint(inbox_bp, url_prefix="/werkvoorraad")
    app.register_blueprint(documents_bp, url_prefix="/documenten")
    app.register_blueprint(aanbieder_bp, url_prefix="/aanbieder")
    app.register_blueprint(betalingen_bp, url_prefix="/betalingen")
    app.register_blueprint(beheer_bp, url_prefix="/beheer")
    app.register_blueprint(contracten_bp, url_prefix="/contracten")
    app.register_blueprint(kaart_bp, url_prefix="/sociale-kaart")
    app.register_blueprint(privacy_bp, url_prefix="/privacy")
    app.register_blueprint(ontwerpen_bp, url_prefix="/ontwerpen")
    app.register_blueprint(rapportage_bp, url_prefix="/rapportage")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    csrf.exempt(api_bp)  # the API authenticates every call itself (session + CSRF header, or Bearer)
    register_error_pages(app)
    register_tracing(app)
    register_security_headers(app)
    from .web.filters import register_filters
    from .web.gemeente_context import register_gemeente_context
    register_filters(app)
    register_gemeente_context(app)

    from . import services  # noqa: F401 — registers the BPMN service-task operations
    from .cli import register_cli
    register_cli(app)
    if not app.config["DEMO_ALLOWED"]:
        _refuse_unsafe_production(app)
    return app


def _refuse_unsafe_production(app: Flask) -> None:
    """A production configuration does not start with development secrets or demo accounts."""
    from sqlalchemy.exc import SQLAlchemyError

    from .config import DEVELOPMENT_SECRETS, MIN_SECRET_LENGTH
    from .services.accounts import demo_accounts_present

    for name, development_value in DEVELOPMENT_SECRETS.items():
        value = app.config.get(name) or ""
        if not value or value == development_value:
            raise RuntimeError(f"{name} is niet ingesteld; in productie is een eigen geheime waarde verplicht.")
        if len(value) < MIN_SECRET_LENGTH:
            raise RuntimeError(f"{name} is te kort ({len(value)} tekens); in productie zijn minstens "
                               f"{MIN_SECRET_LENGTH} willekeurige tekens verplicht, bijvoorbeeld uit "
                               "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`.")
    with app.app_context():
        try:
            present = demo_accounts_present()
        except SQLAlchemyError:  # no schema yet: `flask migrate` runs first
            present = False
        finally:
            db.session.remove()
    if present:
        raise RuntimeError("Er staan demo-accounts in de database; een productieconfiguratie start daar niet mee. "
                           "Verwijder de gebruikers met is_demo.")


def use_dutch_calendar() -> None:
    """The platform's calendar is the Netherlands': `date.today()` (a dagtekening, a term's first day, 'today' in
    every check) is the Dutch date, also on a server that runs in UTC. Between midnight in Amsterdam and midnight
    in UTC the two differ, and a message dated by one and checked by the other breaks a rule of the standard
    (TR134: a toewijzingsdatum after the dagtekening). Timestamps stay timezone-aware UTC (models/base.py)."""
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()


use_dutch_calendar()  # on import: before any module of the platform (or a test) asks what day it is
