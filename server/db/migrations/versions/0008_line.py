"""The citizens' LINE pages and the unit QR codes (issue 12): the card's laser code in the citizen
registry; LINE consent decisions, accounts (PIN, lockout), OTP challenges, members and throttles;
citizen sessions; each unit's QR settings; booking slots and bookings.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_LISTED = sa.text("removed_at IS NULL")
_OPEN = sa.text("status IN ('HELD', 'CONFIRMED')")


def upgrade() -> None:
    with op.batch_alter_table("citizens") as batch:
        batch.add_column(sa.Column("laser_code", sa.String(length=12), nullable=True))
    op.create_table("line_consent_decisions",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("line_user_id", sa.String(length=64), nullable=False),
    sa.Column("notice_version", sa.String(length=16), nullable=False),
    sa.Column("decision", sa.String(length=8), nullable=False),
    sa.Column("decided_at", UtcDateTime(), nullable=False),
    sa.CheckConstraint("decision IN ('ACCEPTED', 'DECLINED')", name=op.f("ck_line_consent_decisions_decision")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_line_consent_decisions"))
    )
    op.create_index(op.f("ix_line_consent_decisions_line_user_id"), "line_consent_decisions", ["line_user_id"])
    op.create_table("line_accounts",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("line_user_id", sa.String(length=64), nullable=False),
    sa.Column("pid", sa.String(length=13), nullable=False),
    sa.Column("phone", sa.String(length=20), nullable=False),
    sa.Column("pin_hash", sa.String(length=200), nullable=False),
    sa.Column("pin_failures", sa.Integer(), nullable=False),
    sa.Column("lock_count", sa.Integer(), nullable=False),
    sa.Column("locked_until", UtcDateTime(), nullable=True),
    sa.Column("registered_at", UtcDateTime(), nullable=False),
    sa.Column("pin_changed_at", UtcDateTime(), nullable=False),
    sa.Column("relinked_at", UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["pid"], ["citizens.pid"], name=op.f("fk_line_accounts_pid_citizens")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_line_accounts")),
    sa.UniqueConstraint("line_user_id", name=op.f("uq_line_accounts_line_user_id")),
    sa.UniqueConstraint("pid", name=op.f("uq_line_accounts_pid"))
    )
    op.create_table("line_otp_challenges",
    sa.Column("id", sa.String(length=32), nullable=False),
    sa.Column("line_user_id", sa.String(length=64), nullable=False),
    sa.Column("purpose", sa.String(length=16), nullable=False),
    sa.Column("phone", sa.String(length=20), nullable=False),
    sa.Column("ref", sa.String(length=8), nullable=False),
    sa.Column("code_hash", sa.String(length=64), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    sa.Column("attempts", sa.Integer(), nullable=False),
    sa.Column("verified_at", UtcDateTime(), nullable=True),
    sa.Column("superseded_at", UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_line_otp_challenges"))
    )
    op.create_index(op.f("ix_line_otp_challenges_line_user_id"), "line_otp_challenges", ["line_user_id"])
    op.create_index(op.f("ix_line_otp_challenges_created_at"), "line_otp_challenges", ["created_at"])
    op.create_table("line_members",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("account_id", sa.Integer(), nullable=False),
    sa.Column("pid", sa.String(length=13), nullable=False),
    sa.Column("phone", sa.String(length=20), nullable=False),
    sa.Column("relation", sa.String(length=16), nullable=False),
    sa.Column("added_at", UtcDateTime(), nullable=False),
    sa.Column("removed_at", UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["account_id"], ["line_accounts.id"], name=op.f("fk_line_members_account_id_line_accounts")),
    sa.ForeignKeyConstraint(["pid"], ["citizens.pid"], name=op.f("fk_line_members_pid_citizens")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_line_members"))
    )
    op.create_index(op.f("ix_line_members_account_id"), "line_members", ["account_id"])
    op.create_index(op.f("ix_line_members_pid"), "line_members", ["pid"])
    op.create_index("uq_line_members_listed", "line_members", ["account_id", "pid"], unique=True,
                    sqlite_where=_LISTED, postgresql_where=_LISTED)
    op.create_table("line_throttles",
    sa.Column("key", sa.String(length=80), nullable=False),
    sa.Column("failures", sa.Integer(), nullable=False),
    sa.Column("window_start", UtcDateTime(), nullable=False),
    sa.Column("locked_until", UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint("key", name=op.f("pk_line_throttles"))
    )
    op.create_table("line_sessions",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("token_hash", sa.String(length=64), nullable=False),
    sa.Column("line_user_id", sa.String(length=64), nullable=False),
    sa.Column("account_id", sa.Integer(), nullable=True),
    sa.Column("authenticated", sa.Boolean(), nullable=False),
    sa.Column("draft", sa.Text(), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["account_id"], ["line_accounts.id"], name=op.f("fk_line_sessions_account_id_line_accounts")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_line_sessions")),
    sa.UniqueConstraint("token_hash", name=op.f("uq_line_sessions_token_hash"))
    )
    op.create_index(op.f("ix_line_sessions_line_user_id"), "line_sessions", ["line_user_id"])
    op.create_index(op.f("ix_line_sessions_account_id"), "line_sessions", ["account_id"])
    op.create_table("unit_qr_settings",
    sa.Column("hcode", sa.String(length=5), nullable=False),
    sa.Column("accept_static", sa.Boolean(), nullable=False),
    sa.Column("accept_rotating", sa.Boolean(), nullable=False),
    sa.Column("static_version", sa.Integer(), nullable=False),
    sa.Column("updated_by", sa.String(length=64), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_unit_qr_settings_hcode_units")),
    sa.PrimaryKeyConstraint("hcode", name=op.f("pk_unit_qr_settings"))
    )
    op.create_table("booking_slots",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("hcode", sa.String(length=5), nullable=False),
    sa.Column("profession", sa.String(length=32), nullable=False),
    sa.Column("starts_at", UtcDateTime(), nullable=False),
    sa.Column("taken", sa.Integer(), nullable=False),
    sa.CheckConstraint("taken >= 0", name=op.f("ck_booking_slots_taken")),
    sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_booking_slots_hcode_units")),
    sa.ForeignKeyConstraint(["profession"], ["professions.code"], name=op.f("fk_booking_slots_profession_professions")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_slots")),
    sa.UniqueConstraint("hcode", "profession", "starts_at", name=op.f("uq_booking_slots_hcode_profession_starts_at"))
    )
    op.create_index(op.f("ix_booking_slots_hcode"), "booking_slots", ["hcode"])
    op.create_table("bookings",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("ref", sa.String(length=16), nullable=False),
    sa.Column("slot_id", sa.Integer(), nullable=False),
    sa.Column("pid", sa.String(length=13), nullable=False),
    sa.Column("booked_by_pid", sa.String(length=13), nullable=False),
    sa.Column("booked_by", sa.String(length=64), nullable=False),
    sa.Column("hcode", sa.String(length=5), nullable=False),
    sa.Column("profession", sa.String(length=32), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("starts_at", UtcDateTime(), nullable=False),
    sa.Column("ends_at", UtcDateTime(), nullable=False),
    sa.Column("phone", sa.String(length=20), nullable=False),
    sa.Column("status", sa.String(length=12), nullable=False),
    sa.Column("held_until", UtcDateTime(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("confirmed_at", UtcDateTime(), nullable=True),
    sa.Column("released_at", UtcDateTime(), nullable=True),
    sa.Column("used_at", UtcDateTime(), nullable=True),
    sa.Column("claim_code", sa.String(length=12), nullable=True),
    sa.CheckConstraint("status IN ('HELD', 'CONFIRMED', 'USED', 'RELEASED', 'CANCELLED')",
                       name=op.f("ck_bookings_status")),
    sa.ForeignKeyConstraint(["slot_id"], ["booking_slots.id"], name=op.f("fk_bookings_slot_id_booking_slots")),
    sa.ForeignKeyConstraint(["pid"], ["citizens.pid"], name=op.f("fk_bookings_pid_citizens")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    sa.UniqueConstraint("ref", name=op.f("uq_bookings_ref"))
    )
    op.create_index(op.f("ix_bookings_slot_id"), "bookings", ["slot_id"])
    op.create_index(op.f("ix_bookings_pid"), "bookings", ["pid"])
    op.create_index(op.f("ix_bookings_hcode"), "bookings", ["hcode"])
    op.create_index(op.f("ix_bookings_day"), "bookings", ["day"])
    op.create_index("uq_bookings_open_per_day", "bookings", ["pid", "hcode", "day"], unique=True,
                    sqlite_where=_OPEN, postgresql_where=_OPEN)


def downgrade() -> None:
    op.drop_index("uq_bookings_open_per_day", table_name="bookings")
    for name in ("day", "hcode", "pid", "slot_id"):
        op.drop_index(op.f(f"ix_bookings_{name}"), table_name="bookings")
    op.drop_table("bookings")
    op.drop_index(op.f("ix_booking_slots_hcode"), table_name="booking_slots")
    op.drop_table("booking_slots")
    op.drop_table("unit_qr_settings")
    op.drop_index(op.f("ix_line_sessions_account_id"), table_name="line_sessions")
    op.drop_index(op.f("ix_line_sessions_line_user_id"), table_name="line_sessions")
    op.drop_table("line_sessions")
    op.drop_table("line_throttles")
    op.drop_index("uq_line_members_listed", table_name="line_members")
    op.drop_index(op.f("ix_line_members_pid"), table_name="line_members")
    op.drop_index(op.f("ix_line_members_account_id"), table_name="line_members")
    op.drop_table("line_members")
    op.drop_index(op.f("ix_line_otp_challenges_created_at"), table_name="line_otp_challenges")
    op.drop_index(op.f("ix_line_otp_challenges_line_user_id"), table_name="line_otp_challenges")
    op.drop_table("line_otp_challenges")
    op.drop_table("line_accounts")
    op.drop_index(op.f("ix_line_consent_decisions_line_user_id"), table_name="line_consent_decisions")
    op.drop_table("line_consent_decisions")
    with op.batch_alter_table("citizens") as batch:
        batch.drop_column("laser_code")
