"""Hardening: login throttles per account and address; the audit of citizen look-ups.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("login_throttles",
    sa.Column("key", sa.String(length=100), nullable=False),
    sa.Column("failures", sa.Integer(), nullable=False),
    sa.Column("window_started_at", UtcDateTime(), nullable=False),
    sa.Column("locks", sa.Integer(), nullable=False),
    sa.Column("locked_until", UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttles"))
    )
    op.create_table("citizen_lookups",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("pid", sa.String(length=13), nullable=False),
    sa.Column("principal_id", sa.String(length=64), nullable=False),
    sa.Column("hcode", sa.String(length=5), nullable=True),
    sa.Column("purpose", sa.String(length=32), nullable=False),
    sa.Column("at", UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen_lookups"))
    )
    op.create_index(op.f("ix_citizen_lookups_pid"), "citizen_lookups", ["pid"])
    op.create_index(op.f("ix_citizen_lookups_hcode"), "citizen_lookups", ["hcode"])
    op.create_index(op.f("ix_citizen_lookups_at"), "citizen_lookups", ["at"])


def downgrade() -> None:
    op.drop_table("citizen_lookups")
    op.drop_table("login_throttles")
