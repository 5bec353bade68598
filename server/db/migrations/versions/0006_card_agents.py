"""Card agents: registered Ed25519 keys of units' smart-card agents, and single-use read nonces.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("card_agents",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("hcode", sa.String(length=5), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=False),
    sa.Column("public_key", sa.String(length=64), nullable=False),
    sa.Column("key_id", sa.String(length=32), nullable=False),
    sa.Column("created_by", sa.String(length=64), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_card_agents_hcode_units")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_card_agents")),
    sa.UniqueConstraint("key_id", name=op.f("uq_card_agents_key_id"))
    )
    with op.batch_alter_table("card_agents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_agents_hcode"), ["hcode"], unique=False)

    op.create_table("card_read_nonces",
    sa.Column("nonce", sa.String(length=64), nullable=False),
    sa.Column("agent_id", sa.Integer(), nullable=False),
    sa.Column("issued_by", sa.String(length=64), nullable=False),
    sa.Column("issued_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    sa.Column("used_at", UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["agent_id"], ["card_agents.id"],
                            name=op.f("fk_card_read_nonces_agent_id_card_agents")),
    sa.PrimaryKeyConstraint("nonce", name=op.f("pk_card_read_nonces"))
    )
    with op.batch_alter_table("card_read_nonces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_read_nonces_agent_id"), ["agent_id"], unique=False)


def downgrade() -> None:
    op.drop_table("card_read_nonces")
    op.drop_table("card_agents")
