"""Claims: service types, claim codes and their audit trail, idempotency keys, accounts and tokens.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

LIVE = sa.text("status IN ('ACTIVE', 'PENDING_APPEAL', 'APPEAL_APPROVED')")


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("service_types",
    sa.Column("code", sa.String(length=16), nullable=False),
    sa.Column("prefix", sa.String(length=2), nullable=False),
    sa.Column("name_th", sa.String(length=200), nullable=False),
    sa.Column("name_en", sa.String(length=200), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("professions", sa.Text(), nullable=False),
    sa.Column("sort_order", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("code", name=op.f("pk_service_types"))
    )
    op.create_table("accounts",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("username", sa.String(length=64), nullable=False),
    sa.Column("display_name", sa.String(length=200), nullable=False),
    sa.Column("role", sa.String(length=16), nullable=False),
    sa.Column("hcode", sa.String(length=5), nullable=True),
    sa.Column("password_hash", sa.String(length=200), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_accounts_hcode_units")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
    sa.UniqueConstraint("username", name=op.f("uq_accounts_username"))
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accounts_hcode"), ["hcode"], unique=False)

    op.create_table("access_tokens",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("kind", sa.String(length=8), nullable=False),
    sa.Column("token_hash", sa.String(length=64), nullable=False),
    sa.Column("prefix", sa.String(length=16), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=False),
    sa.Column("hcode", sa.String(length=5), nullable=True),
    sa.Column("account_id", sa.Integer(), nullable=True),
    sa.Column("created_by", sa.String(length=64), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=True),
    sa.Column("last_used_at", UtcDateTime(), nullable=True),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_access_tokens_account_id_accounts")),
    sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_access_tokens_hcode_units")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_access_tokens")),
    sa.UniqueConstraint("token_hash", name=op.f("uq_access_tokens_token_hash"))
    )
    with op.batch_alter_table("access_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_tokens_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_tokens_hcode"), ["hcode"], unique=False)

    op.create_table("claims",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("code", sa.String(length=12), nullable=False),
    sa.Column("pid", sa.String(length=13), nullable=False),
    sa.Column("hcode", sa.String(length=5), nullable=False),
    sa.Column("service_type", sa.String(length=16), nullable=False),
    sa.Column("profession", sa.String(length=32), nullable=False),
    sa.Column("staff_id", sa.Integer(), nullable=True),
    sa.Column("staff_licence_no", sa.String(length=32), nullable=True),
    sa.Column("right_code", sa.String(length=8), nullable=False),
    sa.Column("sub_right_code", sa.String(length=8), nullable=True),
    sa.Column("channel", sa.String(length=16), nullable=False),
    sa.Column("method", sa.String(length=32), nullable=False),
    sa.Column("certifier", sa.String(length=16), nullable=False),
    sa.Column("certifier_pid", sa.String(length=13), nullable=True),
    sa.Column("similarity", sa.Float(), nullable=True),
    sa.Column("model_id", sa.String(length=64), nullable=True),
    sa.Column("liveness_score", sa.Float(), nullable=True),
    sa.Column("latitude", sa.Float(), nullable=True),
    sa.Column("longitude", sa.Float(), nullable=True),
    sa.Column("distance_m", sa.Float(), nullable=True),
    sa.Column("device_id", sa.String(length=64), nullable=True),
    sa.Column("service_date", sa.Date(), nullable=False),
    sa.Column("service_at", UtcDateTime(), nullable=False),
    sa.Column("phone", sa.String(length=20), nullable=False),
    sa.Column("hn", sa.String(length=32), nullable=True),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("appeal_reason", sa.Text(), nullable=True),
    sa.Column("reviewed_by", sa.String(length=64), nullable=True),
    sa.Column("reviewed_at", UtcDateTime(), nullable=True),
    sa.Column("review_note", sa.Text(), nullable=True),
    sa.Column("created_by", sa.String(length=64), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_by", sa.String(length=64), nullable=True),
    sa.Column("updated_at", UtcDateTime(), nullable=True),
    sa.Column("cancelled_by", sa.String(length=64), nullable=True),
    sa.Column("cancelled_at", UtcDateTime(), nullable=True),
    sa.Column("cancel_reason", sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_claims_hcode_units")),
    sa.ForeignKeyConstraint(["pid"], ["citizens.pid"], name=op.f("fk_claims_pid_citizens")),
    sa.ForeignKeyConstraint(["profession"], ["professions.code"], name=op.f("fk_claims_profession_professions")),
    sa.ForeignKeyConstraint(["service_type"], ["service_types.code"], name=op.f("fk_claims_service_type_service_types")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    sa.UniqueConstraint("code", name=op.f("uq_claims_code"))
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claims_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_hcode"), ["hcode"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_pid"), ["pid"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_service_date"), ["service_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_status"), ["status"], unique=False)
        batch_op.create_index("uq_claims_live_per_day", ["pid", "hcode", "service_type", "service_date"], unique=True, sqlite_where=LIVE, postgresql_where=LIVE)

    op.create_table("claim_events",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("claim_id", sa.Integer(), nullable=False),
    sa.Column("action", sa.String(length=16), nullable=False),
    sa.Column("by", sa.String(length=64), nullable=False),
    sa.Column("at", UtcDateTime(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=True),
    sa.Column("before", sa.Text(), nullable=True),
    sa.Column("after", sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_events_claim_id_claims")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_events"))
    )
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_events_claim_id"), ["claim_id"], unique=False)

    op.create_table("idempotency_keys",
    sa.Column("principal", sa.String(length=64), nullable=False),
    sa.Column("key", sa.String(length=128), nullable=False),
    sa.Column("request_hash", sa.String(length=64), nullable=False),
    sa.Column("claim_id", sa.Integer(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_idempotency_keys_claim_id_claims")),
    sa.PrimaryKeyConstraint("principal", "key", name=op.f("pk_idempotency_keys"))
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_events_claim_id"))

    op.drop_table("claim_events")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("uq_claims_live_per_day", sqlite_where=LIVE, postgresql_where=LIVE)
        batch_op.drop_index(batch_op.f("ix_claims_status"))
        batch_op.drop_index(batch_op.f("ix_claims_service_date"))
        batch_op.drop_index(batch_op.f("ix_claims_pid"))
        batch_op.drop_index(batch_op.f("ix_claims_hcode"))
        batch_op.drop_index(batch_op.f("ix_claims_created_at"))
        batch_op.drop_index(batch_op.f("ix_claims_channel"))

    op.drop_table("claims")
    with op.batch_alter_table("access_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_tokens_hcode"))
        batch_op.drop_index(batch_op.f("ix_access_tokens_account_id"))

    op.drop_table("access_tokens")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_hcode"))

    op.drop_table("accounts")
    op.drop_table("service_types")
