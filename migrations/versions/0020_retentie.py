"""Retention (#13 point 7): the bewaartermijn per gemeente, zaaktype and result (seeded from the Selectielijst
2020), the vernietigingslijsten with their lines, the bezwaar marker on a zaak, and a processing log whose
personal fields can be destroyed without breaking its hash chain.

The chain changes form (app/services/processing_log_chain.py): a record's hash now covers its public fields
and `personal_digest`, the SHA-256 over its personal fields and a random salt. Existing records are first
verified in the old form — the migration stops, changing nothing, if that chain is broken — and then sealed
and chained again in the new form, in id order. On PostgreSQL the append-only trigger now lets through one
UPDATE only: emptying the personal fields of records (with `vernietigd_op`), inside a transaction that says
so (`SET LOCAL cumulus.vernietiging = 'aan'`); a row trigger refuses every other change of a record.

Revision ID: 0020_retentie
Revises: 0019_avg
"""
import hashlib
import json
import secrets
from datetime import timezone

import sqlalchemy as sa
from alembic import op

revision = "0020_retentie"
down_revision = "0019_avg"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
#: The old form (0012_processing_log_chain) and the new one (app/services/processing_log_chain.py; a migration
#: does not import the app, tests/integration/test_retentie_chain.py checks that the two agree).
OLD_CHAINED = ("trace_id", "span_id", "at", "actor_user_id", "actor_role", "on_behalf_of_user_id",
               "subject_person_id", "subject_pseudonym", "activity_id", "action", "object_type", "object_id",
               "description")
PERSONAL = ("actor_user_id", "on_behalf_of_user_id", "subject_person_id", "subject_pseudonym", "object_id",
            "description")
PUBLIC = ("trace_id", "span_id", "at", "actor_role", "activity_id", "action", "object_type")
CHAINED = (*PUBLIC, "personal_digest")

SELECTIELIJST = "Selectielijst gemeenten en intergemeentelijke organen 2020"
#: (domein, resultaat, jaren, categorie, grondslag): the same as app/domain/retentie.py DEFAULTS.
TERMIJNEN = [
    ("wmo", "toegekend", 15, "8.1.1", f"{SELECTIELIJST}, 8.1.1 Verstrekt: WMO voorziening; Wmo 2015 art. 5.3.4 en "
     "5.3.5"),
    ("jeugd", "toegekend", 20, "8.1.2", f"{SELECTIELIJST}, 8.1.2 Verstrekt: individuele jeugdhulp voorziening; "
     "Jeugdwet art. 7.3.8 lid 3 en 7.3.9"),
    ("wmo", "afgewezen", 5, "8.2", f"{SELECTIELIJST}, 8.2 Geweigerd (risicoanalyse)"),
    ("jeugd", "afgewezen", 5, "8.2", f"{SELECTIELIJST}, 8.2 Geweigerd (risicoanalyse)"),
    ("wmo", "zonder_besluit", 1, "8.4", f"{SELECTIELIJST}, 8.4 Afgebroken (risicoanalyse)"),
    ("jeugd", "zonder_besluit", 1, "8.4", f"{SELECTIELIJST}, 8.4 Afgebroken (risicoanalyse)"),
]

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION processing_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('cumulus.vernietiging', true) = 'aan' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'processing_record is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
"""
ERASE_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION processing_record_erase_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.vernietigd_op IS NOT NULL OR NEW.vernietigd_op IS NULL
       OR NEW.actor_user_id IS NOT NULL OR NEW.on_behalf_of_user_id IS NOT NULL OR NEW.subject_person_id IS NOT NULL
       OR NEW.subject_pseudonym IS NOT NULL OR NEW.object_id IS NOT NULL OR NEW.description IS NOT NULL
       OR NEW.personal_salt IS NOT NULL
       OR (NEW.trace_id, NEW.span_id, NEW.at, NEW.actor_role, NEW.activity_id, NEW.action, NEW.object_type,
           NEW.personal_digest, NEW.prev_hash, NEW.hash, NEW.id)
          IS DISTINCT FROM (OLD.trace_id, OLD.span_id, OLD.at, OLD.actor_role, OLD.activity_id, OLD.action,
           OLD.object_type, OLD.personal_digest, OLD.prev_hash, OLD.hash, OLD.id) THEN
        RAISE EXCEPTION 'processing_record is append-only: only the destruction of its personal fields is allowed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
"""
ERASE_ONLY_TRIGGER = """
CREATE TRIGGER processing_record_erase_only BEFORE UPDATE ON processing_record
FOR EACH ROW EXECUTE FUNCTION processing_record_erase_only();
"""


def _canonical_at(at):
    if at is None:
        return None
    at = at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _sha(content) -> str:
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def old_hash(row, prev_hash: str) -> str:
    content = [row[name] for name in OLD_CHAINED]
    content[OLD_CHAINED.index("at")] = _canonical_at(row["at"])
    return _sha([content, prev_hash])


def personal_digest(row, salt: str) -> str:
    return _sha([[row[name] for name in PERSONAL], salt])


def new_hash(row, digest: str, prev_hash: str) -> str:
    content = [row[name] for name in PUBLIC] + [digest]
    content[PUBLIC.index("at")] = _canonical_at(row["at"])
    return _sha([content, prev_hash])


def _record():
    names = set(OLD_CHAINED) | {"personal_salt", "personal_digest"}
    return sa.table("processing_record", sa.column("id"), sa.column("prev_hash"), sa.column("hash"),
                    *(sa.column(name, sa.DateTime() if name == "at" else None) for name in sorted(names)))


def resealed(bind):
    """(id, salt, digest, prev_hash, hash) of every record in the new form, after checking the old chain."""
    record, old_prev, prev = _record(), GENESIS, GENESIS
    for row in bind.execute(sa.select(record).order_by(record.c.id)).mappings():
        if row["prev_hash"] != old_prev or old_hash(row, old_prev) != row["hash"]:
            raise RuntimeError(f"Het verwerkingenlog is gebroken bij record {row['id']}; de migratie verandert "
                               "niets. Zoek eerst uit wat daar gebeurde (flask verwerkingen-controleren).")
        old_prev = row["hash"]
        salt = secrets.token_hex(16)
        digest = personal_digest(row, salt)
        digest_hash = new_hash(row, digest, prev)
        yield row["id"], salt, digest, prev, digest_hash
        prev = digest_hash


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    with op.batch_alter_table("zaak") as batch_op:
        batch_op.add_column(sa.Column("bezwaar_sinds", sa.DateTime(), nullable=True))
    op.create_table(
        "bewaartermijn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("domein", sa.String(length=10), nullable=False),
        sa.Column("resultaat", sa.String(length=20), nullable=False),
        sa.Column("jaren", sa.Integer(), nullable=False),
        sa.Column("categorie", sa.String(length=20), nullable=False),
        sa.Column("grondslag", sa.String(length=300), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=True),
        sa.Column("gewijzigd_door_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_bewaartermijn_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["gewijzigd_door_id"], ["user_account.id"],
                                name=op.f("fk_bewaartermijn_gewijzigd_door_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bewaartermijn")),
        sa.UniqueConstraint("gemeente_id", "domein", "resultaat", name="uq_bewaartermijn_soort"),
    )
    op.create_index(op.f("ix_bewaartermijn_gemeente_id"), "bewaartermijn", ["gemeente_id"], unique=False)
    op.create_table(
        "vernietigingslijst",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("bijgewerkt_op", sa.DateTime(), nullable=False),
        sa.Column("ingediend_op", sa.DateTime(), nullable=True),
        sa.Column("ingediend_door_id", sa.Integer(), nullable=True),
        sa.Column("ingediend_door_naam", sa.String(length=200), nullable=True),
        sa.Column("goedgekeurd_op", sa.DateTime(), nullable=True),
        sa.Column("goedgekeurd_door_id", sa.Integer(), nullable=True),
        sa.Column("goedgekeurd_door_naam", sa.String(length=200), nullable=True),
        sa.Column("vernietigd_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], name=op.f("fk_vernietigingslijst_gemeente_id_gemeente")),
        sa.ForeignKeyConstraint(["ingediend_door_id"], ["user_account.id"],
                                name=op.f("fk_vernietigingslijst_ingediend_door_id_user_account")),
        sa.ForeignKeyConstraint(["goedgekeurd_door_id"], ["user_account.id"],
                                name=op.f("fk_vernietigingslijst_goedgekeurd_door_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vernietigingslijst")),
    )
    op.create_index(op.f("ix_vernietigingslijst_gemeente_id"), "vernietigingslijst", ["gemeente_id"], unique=False)
    op.create_index(op.f("ix_vernietigingslijst_status"), "vernietigingslijst", ["status"], unique=False)
    op.create_table(
        "vernietigingslijst_regel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lijst_id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=True),
        sa.Column("domein", sa.String(length=10), nullable=False),
        sa.Column("resultaat", sa.String(length=20), nullable=False),
        sa.Column("categorie", sa.String(length=20), nullable=False),
        sa.Column("jaren", sa.Integer(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("eindjaar", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("gewijzigd_door_id", sa.Integer(), nullable=True),
        sa.Column("vernietigd_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["lijst_id"], ["vernietigingslijst.id"],
                                name=op.f("fk_vernietigingslijst_regel_lijst_id_vernietigingslijst")),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name=op.f("fk_vernietigingslijst_regel_zaak_id_zaak")),
        sa.ForeignKeyConstraint(["gewijzigd_door_id"], ["user_account.id"],
                                name=op.f("fk_vernietigingslijst_regel_gewijzigd_door_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vernietigingslijst_regel")),
        sa.UniqueConstraint("lijst_id", "zaak_id", name="uq_vernietigingslijst_regel_zaak"),
    )
    op.create_index(op.f("ix_vernietigingslijst_regel_lijst_id"), "vernietigingslijst_regel", ["lijst_id"],
                    unique=False)
    op.create_index(op.f("ix_vernietigingslijst_regel_zaak_id"), "vernietigingslijst_regel", ["zaak_id"],
                    unique=False)
    gemeenten = [row[0] for row in bind.execute(sa.text("SELECT id FROM gemeente ORDER BY id"))]
    termijn = sa.table("bewaartermijn", sa.column("gemeente_id"), sa.column("domein"), sa.column("resultaat"),
                       sa.column("jaren"), sa.column("categorie"), sa.column("grondslag"))
    if gemeenten:
        op.bulk_insert(termijn, [{"gemeente_id": g, "domein": d, "resultaat": r, "jaren": j, "categorie": c,
                                  "grondslag": s} for g in gemeenten for d, r, j, c, s in TERMIJNEN])
    activity = sa.table("processing_activity", sa.column("code", sa.String), sa.column("naam", sa.String),
                        sa.column("grondslag", sa.String), sa.column("uri", sa.String))
    op.bulk_insert(activity, [{"code": "archiefbeheer", "naam": "Zaken selecteren voor vernietiging na afloop van "
                               "de bewaartermijn, en vernietigen", "grondslag": "Archiefwet 1995 art. 3 en 5; "
                               "Archiefbesluit 1995 art. 6 tot en met 8",
                               "uri": "https://cumulus.example/verwerkingsactiviteiten/archiefbeheer"}])

    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.add_column(sa.Column("personal_salt", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("personal_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("vernietigd_op", sa.DateTime(), nullable=True))
        batch_op.alter_column("subject_person_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("subject_pseudonym", existing_type=sa.String(length=64), nullable=True)
        batch_op.alter_column("description", existing_type=sa.String(length=300), nullable=True)
    if postgresql:
        op.execute("ALTER TABLE processing_record DISABLE TRIGGER processing_record_append_only")
    record = _record()
    for record_id, salt, digest, prev, digest_hash in list(resealed(bind)):
        bind.execute(record.update().where(record.c.id == record_id).values(
            personal_salt=salt, personal_digest=digest, prev_hash=prev, hash=digest_hash))
    with op.batch_alter_table("processing_record") as batch_op:
        batch_op.alter_column("personal_digest", existing_type=sa.String(length=64), nullable=False)
    if postgresql:
        op.execute(APPEND_ONLY_FUNCTION)
        op.execute(ERASE_ONLY_FUNCTION)
        op.execute(ERASE_ONLY_TRIGGER)
        op.execute("ALTER TABLE processing_record ENABLE TRIGGER processing_record_append_only")


def downgrade() -> None:
    raise NotImplementedError("0020_retentie sealed the processing log in a new form and may have destroyed zaken; "
                              "it cannot be undone.")
