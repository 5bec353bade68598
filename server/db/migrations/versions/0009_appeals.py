"""Appeals of smart-card claims with their attachments, and the signed card reads FVS acted on
(the smart-card path's holder and certifier reads, the chip photo of a card-photo enrolment).

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

revision = "0009"
# 0008 (the LINE pages, issue 12) landed: this follows it.
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("appeals",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("claim_id", sa.Integer(), nullable=False),
    sa.Column("reason_code", sa.String(length=32), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("filed_by", sa.String(length=64), nullable=False),
    sa.Column("filed_at", UtcDateTime(), nullable=False),
    sa.Column("due_at", UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_appeals_claim_id_claims")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_appeals")),
    sa.UniqueConstraint("claim_id", name=op.f("uq_appeals_claim_id"))
    )
    op.create_table("appeal_attachments",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("appeal_id", sa.Integer(), nullable=False),
    sa.Column("filename", sa.String(length=200), nullable=False),
    sa.Column("content_type", sa.String(length=32), nullable=False),
    sa.Column("size_bytes", sa.Integer(), nullable=False),
    sa.Column("sha256", sa.String(length=64), nullable=False),
    sa.Column("content", sa.LargeBinary(), nullable=False),
    sa.Column("added_by", sa.String(length=64), nullable=False),
    sa.Column("added_at", UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], name=op.f("fk_appeal_attachments_appeal_id_appeals")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_appeal_attachments"))
    )
    with op.batch_alter_table("appeal_attachments") as batch:
        batch.create_index(batch.f("ix_appeal_attachments_appeal_id"), ["appeal_id"], unique=False)

    op.create_table("card_read_records",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("purpose", sa.String(length=16), nullable=False),
    sa.Column("claim_id", sa.Integer(), nullable=True),
    sa.Column("face_template_id", sa.Integer(), nullable=True),
    sa.Column("hcode", sa.String(length=5), nullable=False),
    sa.Column("agent_id", sa.Integer(), nullable=False),
    sa.Column("agent_key_id", sa.String(length=32), nullable=False),
    sa.Column("pid", sa.String(length=13), nullable=False),
    sa.Column("name_th", sa.String(length=400), nullable=False),
    sa.Column("birth_date", sa.String(length=10), nullable=False),
    sa.Column("sex", sa.String(length=1), nullable=False),
    sa.Column("issue_date", sa.Date(), nullable=False),
    sa.Column("expiry_date", sa.Date(), nullable=True),
    sa.Column("photo_sha256", sa.String(length=64), nullable=True),
    sa.Column("reader", sa.String(length=200), nullable=False),
    sa.Column("atr", sa.String(length=200), nullable=False),
    sa.Column("nonce", sa.String(length=200), nullable=False),
    sa.Column("read_at", UtcDateTime(), nullable=False),
    sa.Column("record", sa.Text(), nullable=False),
    sa.Column("signature", sa.String(length=200), nullable=False),
    sa.Column("recorded_by", sa.String(length=64), nullable=False),
    sa.Column("recorded_at", UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["agent_id"], ["card_agents.id"], name=op.f("fk_card_read_records_agent_id_card_agents")),
    sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_card_read_records_claim_id_claims")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_card_read_records"))
    )
    with op.batch_alter_table("card_read_records") as batch:
        batch.create_index(batch.f("ix_card_read_records_claim_id"), ["claim_id"], unique=False)
        batch.create_index(batch.f("ix_card_read_records_pid"), ["pid"], unique=False)


def downgrade() -> None:
    op.drop_table("card_read_records")
    op.drop_table("appeal_attachments")
    op.drop_table("appeals")
