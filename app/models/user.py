"""Accounts: users with their roles, their server-side web sessions, personal API tokens and login attempts."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

ROLES = (
    "inwoner", "gemachtigde", "consulent", "beoordelaar", "backoffice",
    "contractmanager", "procesontwerper", "beheerder", "aanbieder", "privacy", "management", "jurist",
)
#: Roles of the gemeente's staff: the task inbox's lanes, and the beheerder, privacy officer and management
#: (teamleider, beleidsmedewerker, controller: the rapportage and the budget) beside them.
STAFF_ROLES = ("consulent", "beoordelaar", "backoffice", "contractmanager", "procesontwerper", "beheerder", "privacy",
               "management", "jurist")


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    #: Work e-mail address for task signals (deadline reminders, tasks handed over).
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    #: Space-separated role names from ROLES.
    roles: Mapped[str] = mapped_column(String(200), default="")
    #: For an inwoner account: the person whose dossier this is.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    #: For an aanbieder account: the care provider it works for.
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"))
    #: Demo accounts are refused by a production configuration.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The password is a one-time one (a new account, or reset by a beheerder): the next login must choose a
    #: new one before anything else (services/own_password.py).
    password_must_change: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The subject (`sub`) of a staff member at the organisation's identity provider (SSO), once they used it.
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    #: The TOTP secret of the second factor, encrypted with a key derived from SECRET_KEY (NULL: not set up).
    totp_secret: Mapped[str | None] = mapped_column(String(200))
    #: The last TOTP time step accepted: a code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column()
    #: The team a staff member belongs to (e.g. 'Wmo-team Noord'); the werkvoorraad can show the team's work.
    team: Mapped[str | None] = mapped_column(String(100))

    person = relationship("Person", foreign_keys=[person_id])
    #: The gemeenten a staff user works for (#13); they see only these gemeenten' persons, zaken and berichten.
    gemeenten = relationship("Gemeente", secondary="user_gemeente", order_by="Gemeente.naam", lazy="selectin")
    #: The wijken a staff member works in, per gemeente (the werkvoorraad's "Mijn wijken").
    wijken = relationship("UserWijk", order_by="UserWijk.wijk", lazy="selectin", cascade="all, delete-orphan")

    def wijk_names(self) -> list[str]:
        return sorted({w.wijk for w in self.wijken})

    def role_list(self) -> list[str]:
        return self.roles.split()

    def has_role(self, *roles: str) -> bool:
        return any(r in self.roles.split() for r in roles)

    @property
    def gemeente_ids(self) -> frozenset:
        """The ids of the gemeenten this staff user works for (empty for inwoners and aanbieders)."""
        return frozenset(g.id for g in self.gemeenten)

    def is_citizen_only(self) -> bool:
        """An inwoner or gemachtigde with no role of staff or aanbieder besides."""
        return bool(self.roles.split()) and set(self.roles.split()) <= {"inwoner", "gemachtigde"}

    # flask-login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.username} {self.roles}>"


class ApiToken(Base):
    """A personal API token; only its SHA-256 hash is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    #: The first characters of the token, shown so its owner can recognise it.
    prefix: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: What the token may reach: "volledig" (what its owner may do) or "eigen-dossier" (an inwoner's or
    #: gemachtigde's token: the /api/v1/mijn endpoints only).
    scope: Mapped[str] = mapped_column(String(20), default="volledig")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Chosen at creation, at most a year later; an expired token is refused.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")


class UserWijk(Base):
    """A wijk of one gemeente that a staff member works in (wijk names are the persons' `wijk`)."""

    __tablename__ = "user_wijk"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id"), primary_key=True)
    wijk: Mapped[str] = mapped_column(String(100), primary_key=True)


class WebSession(Base):
    """A logged-in browser session, held on the server: the cookie carries only a random id whose SHA-256
    is `token_hash`. Deleted at logout and when found past its idle or absolute limit."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    user = relationship("User")


class LoginAttempt(Base):
    """Every login attempt, so failed ones can be rate limited across processes."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_username_at", "username", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    success: Mapped[bool] = mapped_column(Boolean)
    #: Refused unchecked because this username was in backoff from this address (not counted as a failure).
    refused: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
