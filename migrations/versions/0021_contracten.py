"""Contracts with aanbieders (#12 points 1 and 2): an aanbieder gets its KvK number, address and contact; per
gemeente a registration (state, wijken, products it may deliver) and contracts with a period, products with
an optional plafond and tarieven that take effect on a date. The tarief leaves the product catalogue.

Today's data keeps working: every existing aanbieder is registered in every gemeente, may deliver every
product, and gets one contract per gemeente from 1 January 2015 (the Wmo 2015 and the Jeugdwet in force)
with every product at the tarief the catalogue had.

Revision ID: 0021_contracten
Revises: 0020_retentie
"""
from datetime import date, datetime, timezone
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0021_contracten"
down_revision = "0020_retentie"
branch_labels = None
depends_on = None

SINCE = date(2015, 1, 1)
UTC_DATETIME = sa.DateTime()


def upgrade() -> None:
    with op.batch_alter_table("aanbieder") as batch_op:
        for name, length in (("kvk_nummer", 8), ("straat", 100), ("huisnummer", 10), ("postcode", 7),
                             ("plaats", 80), ("contactpersoon", 100), ("telefoon", 30), ("email", 200)):
            batch_op.add_column(sa.Column(name, sa.String(length), nullable=True))
    op.create_table(
        "aanbieder_gemeente",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("wijken", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"]),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("aanbieder_id", "gemeente_id", name="uq_aanbieder_gemeente"),
    )
    op.create_index(op.f("ix_aanbieder_gemeente_aanbieder_id"), "aanbieder_gemeente", ["aanbieder_id"])
    op.create_index(op.f("ix_aanbieder_gemeente_gemeente_id"), "aanbieder_gemeente", ["gemeente_id"])
    op.create_table(
        "aanbieder_product",
        sa.Column("aanbieder_gemeente_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["aanbieder_gemeente_id"], ["aanbieder_gemeente.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"]),
        sa.PrimaryKeyConstraint("aanbieder_gemeente_id", "product_id"),
    )
    op.create_index(op.f("ix_aanbieder_product_product_id"), "aanbieder_product", ["product_id"])
    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("aanbieder_id", sa.Integer(), nullable=False),
        sa.Column("kenmerk", sa.String(40), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("aangemaakt_op", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(["aanbieder_id"], ["aanbieder.id"]),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_contract_aanbieder_id"), "contract", ["aanbieder_id"])
    op.create_index(op.f("ix_contract_gemeente_id"), "contract", ["gemeente_id"])
    op.create_table(
        "contract_product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("plafond_cent", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"]),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contract_id", "product_id", name="uq_contract_product"),
    )
    op.create_index(op.f("ix_contract_product_contract_id"), "contract_product", ["contract_id"])
    op.create_index(op.f("ix_contract_product_product_id"), "contract_product", ["product_id"])
    op.create_table(
        "contract_tarief",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_product_id", sa.Integer(), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("tarief_cent", sa.Integer(), nullable=False),
        sa.Column("vastgelegd_op", UTC_DATETIME, nullable=False),
        sa.Column("vastgelegd_door_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contract_product_id"], ["contract_product.id"]),
        sa.ForeignKeyConstraint(["vastgelegd_door_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contract_product_id", "ingangsdatum", name="uq_contract_tarief_datum"),
    )
    op.create_index(op.f("ix_contract_tarief_contract_product_id"), "contract_tarief", ["contract_product_id"])
    op.create_table(
        "plafond_signaal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=False),
        sa.Column("contract_product_id", sa.Integer(), nullable=False),
        sa.Column("drempel", sa.Integer(), nullable=False),
        sa.Column("bedrag_cent", sa.Integer(), nullable=False),
        sa.Column("op", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(["contract_product_id"], ["contract_product.id"]),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contract_product_id", "drempel", name="uq_plafond_signaal"),
    )
    op.create_index(op.f("ix_plafond_signaal_contract_product_id"), "plafond_signaal", ["contract_product_id"])
    op.create_index(op.f("ix_plafond_signaal_gemeente_id"), "plafond_signaal", ["gemeente_id"])
    _contracts_from_catalogue()
    with op.batch_alter_table("product") as batch_op:
        batch_op.drop_column("tarief")


def _contracts_from_catalogue() -> None:
    """One contract per existing aanbieder and gemeente, with every product at the catalogue's tarief."""
    bind = op.get_bind()
    now = datetime.now(timezone.utc).replace(tzinfo=None)  # stored as naive UTC (UTCDateTime)
    products = bind.execute(sa.text("SELECT id, tarief FROM product ORDER BY id")).all()
    aanbieders = bind.execute(sa.text("SELECT id, agb_code FROM aanbieder ORDER BY id")).all()
    gemeenten = bind.execute(sa.text("SELECT id, code FROM gemeente ORDER BY id")).all()
    for gemeente_id, code in gemeenten:
        for aanbieder_id, agb in aanbieders:
            registratie = bind.execute(sa.text(
                "INSERT INTO aanbieder_gemeente (aanbieder_id, gemeente_id, status, wijken) "
                "VALUES (:a, :g, 'actief', '[]') RETURNING id"), {"a": aanbieder_id, "g": gemeente_id}).scalar_one()
            contract = bind.execute(sa.text(
                "INSERT INTO contract (gemeente_id, aanbieder_id, kenmerk, ingangsdatum, aangemaakt_op) "
                "VALUES (:g, :a, :k, :d, :now) RETURNING id"),
                {"g": gemeente_id, "a": aanbieder_id, "k": f"{code}-{agb}", "d": SINCE, "now": now}).scalar_one()
            for product_id, tarief in products:
                bind.execute(sa.text("INSERT INTO aanbieder_product (aanbieder_gemeente_id, product_id) "
                                     "VALUES (:r, :p)"), {"r": registratie, "p": product_id})
                regel = bind.execute(sa.text(
                    "INSERT INTO contract_product (contract_id, product_id) VALUES (:c, :p) RETURNING id"),
                    {"c": contract, "p": product_id}).scalar_one()
                bind.execute(sa.text(
                    "INSERT INTO contract_tarief (contract_product_id, ingangsdatum, tarief_cent, vastgelegd_op) "
                    "VALUES (:r, :d, :t, :now)"),
                    {"r": regel, "d": SINCE, "t": int((Decimal(str(tarief)) * 100).to_integral_value()), "now": now})


def downgrade() -> None:
    with op.batch_alter_table("product") as batch_op:
        batch_op.add_column(sa.Column("tarief", sa.Numeric(10, 2), nullable=False, server_default="0"))
    # The catalogue gets back the highest tarief any contract has in force today.
    op.execute(sa.text(
        "UPDATE product SET tarief = COALESCE((SELECT MAX(t.tarief_cent) / 100.0 FROM contract_tarief t "
        "JOIN contract_product cp ON cp.id = t.contract_product_id WHERE cp.product_id = product.id), 0)"))
    for table in ("plafond_signaal", "contract_tarief", "contract_product", "contract", "aanbieder_product",
                  "aanbieder_gemeente"):
        op.drop_table(table)
    with op.batch_alter_table("aanbieder") as batch_op:
        for name in ("kvk_nummer", "straat", "huisnummer", "postcode", "plaats", "contactpersoon", "telefoon",
                     "email"):
            batch_op.drop_column(name)
