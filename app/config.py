"""Settings from environment variables (12-factor); one class per way of running."""
import json
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
    #: The installation's own name, shown where a page speaks for no single gemeente (a samenwerkingsverband).
    #: The gemeenten themselves (CBS code, name, IBAN, letterhead, theme) are rows in the `gemeente` table:
    #: migration 0017 makes the first from GEMEENTE_CODE, GEMEENTE_NAAM, GEMEENTE_IBAN and GEMEENTE_BIC;
    #: `flask gemeente-toevoegen` adds more.
    INSTALLATIE_NAAM = os.environ.get("INSTALLATIE_NAAM", "Sociaal Domein")
    #: Staff who log in with a password give a TOTP code too (always in production; here only once set up).
    TWEEDE_FACTOR_VERPLICHT = os.environ.get("TWEEDE_FACTOR_VERPLICHT", "0") == "1"
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
    #: Days before a task's last day that its deadline signal is mailed (a setting on the settings page).
    SIGNAAL_DAGEN_VOORAF = int(os.environ.get("SIGNAAL_DAGEN_VOORAF", "7"))
    #: Weeks before a beschikking or toewijzing ends (or its yearly review) that the consulent gets the
    #: herindicatie task (services/herindicatie.py).
    HERINDICATIE_WEKEN = int(os.environ.get("HERINDICATIE_WEKEN", "8"))
    #: Days the gemeente equates with Atw holidays by decree (Atw art. 3 lid 3), ISO dates.
    EXTRA_HOLIDAYS = [d for d in os.environ.get("EXTRA_HOLIDAYS", "").split(",") if d]
    #: Seconds one engine run (all expressions of one step) may take before it is stopped.
    SCRIPT_TIME_LIMIT = float(os.environ.get("SCRIPT_TIME_LIMIT", "2"))
    #: Login backoff per (username, address): after LOGIN_FREE_FAILURES failed tries within
    #: LOGIN_WINDOW_MINUTES that address waits LOGIN_BACKOFF_SECONDS before the next try on that username,
    #: doubling with every further failure up to LOGIN_BACKOFF_MAX_SECONDS. Other addresses are not slowed.
    LOGIN_FREE_FAILURES = int(os.environ.get("LOGIN_FREE_FAILURES", "5"))
    LOGIN_WINDOW_MINUTES = int(os.environ.get("LOGIN_WINDOW_MINUTES", "1440"))
    LOGIN_BACKOFF_SECONDS = float(os.environ.get("LOGIN_BACKOFF_SECONDS", "2"))
    LOGIN_BACKOFF_MAX_SECONDS = float(os.environ.get("LOGIN_BACKOFF_MAX_SECONDS", "900"))
    #: Failed logins one address may make, over all usernames (flask-limiter notation).
    LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "30 per 15 minutes")
    #: flask-limiter's store: Redis when there is one (shared by all web processes), else this process.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    #: With the store unreachable the per-address cap lapses; the per-(username, address) backoff remains.
    RATELIMIT_SWALLOW_ERRORS = True
    #: Web sessions (BIO): every session ends after SESSION_IDLE_MINUTES without a request; staff and
    #: aanbieder sessions also SESSION_MAX_MINUTES after login, inwoner and gemachtigde sessions after
    #: SESSION_MAX_MINUTES_INWONER (0: no absolute limit). The page warns SESSION_WARNING_SECONDS before.
    SESSION_IDLE_MINUTES = float(os.environ.get("SESSION_IDLE_MINUTES", "15"))
    SESSION_MAX_MINUTES = float(os.environ.get("SESSION_MAX_MINUTES", "480"))
    SESSION_MAX_MINUTES_INWONER = float(os.environ.get("SESSION_MAX_MINUTES_INWONER", "0"))
    SESSION_WARNING_SECONDS = int(os.environ.get("SESSION_WARNING_SECONDS", "120"))
    #: API tokens: the validity offered by default and the longest one may choose, in days.
    API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "90"))
    API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
    #: A callable returning the current UTC datetime, for the services' clock; None: the real time.
    CLOCK = None
    #: Tasks the engine may run in one step (stops a model that loops without a human task).
    ENGINE_STEP_TASK_LIMIT = int(os.environ.get("ENGINE_STEP_TASK_LIMIT", "500"))
    #: Instances one multi-instance activity may have (loop cardinality or input collection).
    ENGINE_MAX_INSTANCES = int(os.environ.get("ENGINE_MAX_INSTANCES", "200"))
    #: Items plus characters one value in a model's code may hold (texts, lists, the data a script leaves).
    SCRIPT_MAX_SIZE = int(os.environ.get("SCRIPT_MAX_SIZE", "1000000"))
    #: Megabytes by which a worker's memory may grow while one expression of a model runs.
    SCRIPT_MAX_MEMORY_MB = int(os.environ.get("SCRIPT_MAX_MEMORY_MB", "256"))
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
    #: Staff sign in with the organisation's own identity provider (SSO, OpenID Connect) when this is set.
    STAFF_OIDC_DISCOVERY_URL = os.environ.get("STAFF_OIDC_DISCOVERY_URL") or None
    STAFF_OIDC_CLIENT_ID = os.environ.get("STAFF_OIDC_CLIENT_ID", "cumulus")
    STAFF_OIDC_CLIENT_SECRET = os.environ.get("STAFF_OIDC_CLIENT_SECRET") or None
    STAFF_OIDC_SCOPE = os.environ.get("STAFF_OIDC_SCOPE", "openid profile email")
    #: The claim with the staff member's groups, and which roles and gemeenten (CBS codes) each group gives:
    #: {"sd-consulenten-woerden": {"rollen": ["consulent"], "gemeenten": ["0632"]}, ...}
    STAFF_OIDC_GROUPS_CLAIM = os.environ.get("STAFF_OIDC_GROUPS_CLAIM", "groups")
    STAFF_OIDC_GROEPEN = json.loads(os.environ.get("STAFF_OIDC_GROEPEN") or "{}")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    PSEUDONYM_KEY = os.environ.get("PSEUDONYM_KEY", DEVELOPMENT_SECRETS["PSEUDONYM_KEY"])
    #: The largest request body (forms, JSON); views that take files or berichten declare their own cap.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024)))
    #: The Strict-Transport-Security header value, or None to send none (only production promises HTTPS).
    STRICT_TRANSPORT_SECURITY = None
    #: The unix socket of ClamAV's clamd that scans every upload (scripts/clamd.sh starts one for development).
    CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET") or None
    CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", "30"))
    #: Refuse uploads when clamd gives no verdict. Outside production an absent scanner only logs a warning.
    UPLOAD_SCAN_REQUIRED = os.environ.get("UPLOAD_SCAN_REQUIRED", "0") == "1"
    #: The dashboard's figures of a scope are read again while at most this old (seconds; 0: always computed),
    #: and the tick computes again every minute those someone looked at in the last ..._WARM_MINUTEN (#11,
    #: services/rapportage/cijfers.py). The page says when they were computed.
    RAPPORTAGE_CIJFERS_SECONDEN = float(os.environ.get("RAPPORTAGE_CIJFERS_SECONDEN", "90"))
    RAPPORTAGE_CIJFERS_WARM_MINUTEN = float(os.environ.get("RAPPORTAGE_CIJFERS_WARM_MINUTEN", "30"))
    DEMO_ALLOWED = True
    TESTING = False


class ProductionConfig(Config):
    """Production: refuses demo accounts and development secrets (checked in create_app), and staff log in
    with a password only together with a second factor."""

    ENV = "production"
    DEMO_ALLOWED = False
    TWEEDE_FACTOR_VERPLICHT = True
    UPLOAD_SCAN_REQUIRED = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"


class TestConfig(Config):
    ENV = "test"
    TESTING = True
    #: A rapportage read first brings the summaries up to date (elsewhere the tick does, every minute).
    RAPPORTAGE_BIJWERKEN_BIJ_LEZEN = True
    #: ... and computes every figure afresh (tests of the kept figures set it themselves).
    RAPPORTAGE_CIJFERS_SECONDEN = 0
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    REDIS_URL = os.environ.get("TEST_REDIS_URL") or None
    RATELIMIT_STORAGE_URI = os.environ.get("TEST_REDIS_URL") or "memory://"


def config_from_env() -> type[Config]:
    """Pick the configuration class named by CUMULUS_ENV."""
    return ProductionConfig if os.environ.get("CUMULUS_ENV") == "production" else Config
