"""Face templates, consents, verification attempts and the tablets' last GPS fixes.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pid", sa.String(13), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("granted_at", UtcDateTime(), nullable=False),
        sa.Column("granted_via", sa.String(64), nullable=False),
        sa.Column("notice_version", sa.String(16), nullable=False),
        sa.Column("withdrawn_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["pid"], ["citizens.pid"], name=op.f("fk_consents_pid_citizens")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    op.create_index(op.f("ix_consents_pid"), "consents", ["pid"])
    op.create_table(
        "face_templates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pid", sa.String(13), nullable=False),
        sa.Column("model_id", sa.String(64), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("quality", sa.Float(), nullable=True),
        sa.Column("consent_id", sa.Integer(), nullable=False),
        sa.Column("enrolled_by", sa.String(64), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pid"], ["citizens.pid"], name=op.f("fk_face_templates_pid_citizens")),
        sa.ForeignKeyConstraint(["consent_id"], ["consents.id"], name=op.f("fk_face_templates_consent_id_consents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_face_templates")),
    )
    op.create_index(op.f("ix_face_templates_pid"), "face_templates", ["pid"])
    op.create_index(op.f("ix_face_templates_model_id"), "face_templates", ["model_id"])
    op.create_table(
        "verification_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pid", sa.String(13), nullable=True),
        sa.Column("hcode", sa.String(5), nullable=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason_codes", sa.Text(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("liveness_score", sa.Float(), nullable=True),
        sa.Column("model_id", sa.String(64), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("claim_code", sa.String(12), nullable=True),
        sa.Column("principal_id", sa.String(64), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification_attempts")),
    )
    op.create_index(op.f("ix_verification_attempts_pid"), "verification_attempts", ["pid"])
    op.create_index(op.f("ix_verification_attempts_hcode"), "verification_attempts", ["hcode"])
    op.create_index(op.f("ix_verification_attempts_created_at"), "verification_attempts", ["created_at"])
    op.create_table(
        "device_fixes",
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("fix_time", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_fixes")),
    )


def downgrade() -> None:
    op.drop_table("device_fixes")
    op.drop_table("verification_attempts")
    op.drop_table("face_templates")
    op.drop_table("consents")
