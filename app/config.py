"""Settings from environment variables (12-factor); one class per way of running."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The secrets `make run` uses; a production configuration refuses to start with them (or with none).
DEVELOPMENT_SECRETS = {"SECRET_KEY": "dev-only-not-secret", "PSEUDONYM_KEY": "dev-only-pseudonym-key"}
#: The shortest secret a production configuration accepts.
MIN_SECRET_LENGTH = 32


class Config:
    """Defaults for `make run`: SQLite, in-process jobs, demo data allowed."""

    ENV = os.environ.get("CUMULUS_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRETS["SECRET_KEY"])
    DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'cumulus.sqlite'}")
    REDIS_URL = os.environ.get("REDIS_URL") or None
    #: Without Redis, jobs run on a worker thread of the process after the commit (app/jobs/background.py);
    #: JOBS_INLINE=1 runs them in the caller's thread instead, right after the commit (scripts, some tests).
    JOBS_INLINE = os.environ.get("JOBS_INLINE", "0") == "1"
    GEMEENTE_CODE = os.environ.get("GEMEENTE_CODE", "0632")
    GEMEENTE_NAAM = os.environ.get("GEMEENTE_NAAM", "Gemeente Woerden")
    #: The account the gemeente pays declaraties from (SEPA debtor); the default is a demo IBAN.
    GEMEENTE_IBAN = os.environ.get("GEMEENTE_IBAN", "NL78BNGH0285008521")
    GEMEENTE_BIC = os.environ.get("GEMEENTE_BIC", "BNGHNL2G") or None
    #: Euro cents from which an approved declaratie line still goes to a person (backoffice).
    DECLARATIE_HANDMATIG_VANAF = int(os.environ.get("DECLARATIE_HANDMATIG_VANAF", "500000"))
    # Seconds an inbound bericht may wait for its job before the tick or a starting worker queues it again.
    BERICHT_HERSTEL_SECONDEN = float(os.environ.get("BERICHT_HERSTEL_SECONDEN", "120"))
    # Seconds a mail may wait for the job that sends it before the tick or a starting worker sends it.
    MAIL_HERSTEL_SECONDEN = float(os.environ.get("MAIL_HERSTEL_SECONDEN", "120"))
    BPMN_DIR = Path(os.environ.get("BPMN_DIR", ROOT / "bpmn"))
    FORMS_DIR = Path(os.environ.get("FORMS_DIR", ROOT / "forms"))
    #: Euro per year above which a besluit needs a second pair of eyes (vier-ogen).
    VIER_OGEN_DREMPEL = float(os.environ.get("VIER_OGEN_DREMPEL", "10000"))
    #: Days the gemeente equates with Atw holidays by decree (Atw art. 3 lid 3), ISO dates.
    EXTRA_HOLIDAYS = [d for d in os.environ.get("EXTRA_HOLIDAYS", "").split(",") if d]
    #: Seconds one engine run (all expressions of one step) may take before it is stopped.
    SCRIPT_TIME_LIMIT = float(os.environ.get("SCRIPT_TIME_LIMIT", "2"))
    #: Failed logins per username within LOGIN_WINDOW_MINUTES before further tries are refused.
    LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
    LOGIN_WINDOW_MINUTES = int(os.environ.get("LOGIN_WINDOW_MINUTES", "15"))
    #: Outgoing mail (deadline signals). Without MAIL_SMTP_HOST mails stay in the local outbox page.
    MAIL_SMTP_HOST = os.environ.get("MAIL_SMTP_HOST") or None
    MAIL_SMTP_PORT = int(os.environ.get("MAIL_SMTP_PORT", "587"))
    MAIL_SMTP_USER = os.environ.get("MAIL_SMTP_USER") or None
    MAIL_SMTP_PASSWORD = os.environ.get("MAIL_SMTP_PASSWORD") or None
    MAIL_SMTP_STARTTLS = os.environ.get("MAIL_SMTP_STARTTLS", "1") == "1"
    MAIL_FROM = os.environ.get("MAIL_FROM", "Cumulus <noreply@gemeente.example>")
    #: The address staff reach the application on, for links in e-mails.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://localhost:5000").rstrip("/")
    #: OpenID Connect login for inwoners (DigiD through a broker): the provider's discovery document,
    #: this application's client id and secret there, and the ID-token claim that holds the BSN.
    OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL") or None
    OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "cumulus")
    OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET") or None
    OIDC_SCOPE = os.environ.get("OIDC_SCOPE", "openid")
    OIDC_BSN_CLAIM = os.environ.get("OIDC_BSN_CLAIM", "bsn")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    PSEUDONYM_KEY = os.environ.get("PSEUDONYM_KEY", DEVELOPMENT_SECRETS["PSEUDONYM_KEY"])
    #: The largest request body (forms, JSON); views that take files or berichten declare their own cap.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024)))
    DEMO_ALLOWED = True
    TESTING = False


class ProductionConfig(Config):
    """Production: refuses demo accounts and development secrets (checked in create_app)."""

    ENV = "production"
    DEMO_ALLOWED = False
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


class TestConfig(Config):
    ENV = "test"
    TESTING = True
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    REDIS_URL = os.environ.get("TEST_REDIS_URL") or None


def config_from_env() -> type[Config]:
    """Pick the configuration class named by CUMULUS_ENV."""
    return ProductionConfig if os.environ.get("CUMULUS_ENV") == "production" else Config
