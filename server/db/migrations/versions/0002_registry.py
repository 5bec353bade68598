"""OSS registry: unit types, professions, holidays, units, managers, staff and schedules.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _reference_tables() -> None:
    op.create_table(
        "unit_types",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name_th", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_unit_types")),
    )
    op.create_table(
        "professions",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name_th", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("licence_pattern", sa.String(200), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_professions")),
    )
    op.create_table(
        "profession_unit_types",
        sa.Column("profession_code", sa.String(32), nullable=False),
        sa.Column("unit_type_code", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["profession_code"], ["professions.code"],
                                name=op.f("fk_profession_unit_types_profession_code_professions")),
        sa.ForeignKeyConstraint(["unit_type_code"], ["unit_types.code"],
                                name=op.f("fk_profession_unit_types_unit_type_code_unit_types")),
        sa.PrimaryKeyConstraint("profession_code", "unit_type_code", name=op.f("pk_profession_unit_types")),
    )
    op.create_table(
        "holidays",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name_th", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holidays")),
    )


def _unit_tables() -> None:
    op.create_table(
        "units",
        sa.Column("hcode", sa.String(5), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit_type", sa.String(32), nullable=False),
        sa.Column("address", sa.String(500), nullable=False),
        sa.Column("province", sa.String(100), nullable=False),
        sa.Column("phone_officer", sa.String(20), nullable=True),
        sa.Column("phone_public", sa.String(20), nullable=True),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geofence_radius_m", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("status IN ('applied', 'approved', 'active', 'suspended', 'withdrawn')",
                           name=op.f("ck_units_status")),
        sa.CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name=op.f("ck_units_coordinates")),
        sa.CheckConstraint("geofence_radius_m > 0", name=op.f("ck_units_radius")),
        sa.ForeignKeyConstraint(["unit_type"], ["unit_types.code"], name=op.f("fk_units_unit_type_unit_types")),
        sa.PrimaryKeyConstraint("hcode", name=op.f("pk_units")),
    )
    op.create_index(op.f("ix_units_unit_type"), "units", ["unit_type"])
    op.create_index(op.f("ix_units_province"), "units", ["province"])
    op.create_index(op.f("ix_units_status"), "units", ["status"])
    op.create_table(
        "unit_status_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hcode", sa.String(5), nullable=False),
        sa.Column("from_status", sa.String(16), nullable=True),
        sa.Column("to_status", sa.String(16), nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_unit_status_events_hcode_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_status_events")),
    )
    op.create_index(op.f("ix_unit_status_events_hcode"), "unit_status_events", ["hcode"])
    op.create_table(
        "unit_managers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hcode", sa.String(5), nullable=False),
        sa.Column("pid", sa.String(13), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("verified_via", sa.String(32), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("approved_by", sa.String(64), nullable=True),
        sa.Column("approved_at", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("role IN ('SIGNATORY', 'DELEGATE')", name=op.f("ck_unit_managers_role")),
        sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_unit_managers_hcode_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_managers")),
        sa.UniqueConstraint("hcode", "pid", name=op.f("uq_unit_managers_hcode_pid")),
    )
    op.create_index(op.f("ix_unit_managers_hcode"), "unit_managers", ["hcode"])
    op.create_index(op.f("ix_unit_managers_pid"), "unit_managers", ["pid"])


def _staff_tables() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hcode", sa.String(5), nullable=False),
        sa.Column("pid", sa.String(13), nullable=False),
        sa.Column("title", sa.String(40), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("profession", sa.String(32), nullable=False),
        sa.Column("licence_no", sa.String(32), nullable=False),
        sa.Column("registration_type", sa.String(16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("verification_status", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("verification_status IN ('PENDING', 'VERIFIED', 'REJECTED')",
                           name=op.f("ck_staff_verification")),
        sa.CheckConstraint("registration_type IN ('FULL_TIME', 'PART_TIME')", name=op.f("ck_staff_registration_type")),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name=op.f("ck_staff_dates")),
        sa.ForeignKeyConstraint(["hcode"], ["units.hcode"], name=op.f("fk_staff_hcode_units")),
        sa.ForeignKeyConstraint(["profession"], ["professions.code"], name=op.f("fk_staff_profession_professions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("hcode", "pid", "profession", name=op.f("uq_staff_hcode_pid_profession")),
    )
    op.create_index(op.f("ix_staff_hcode"), "staff", ["hcode"])
    op.create_index(op.f("ix_staff_pid"), "staff", ["pid"])
    op.create_table(
        "staff_schedules",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("day_type", sa.String(3), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.CheckConstraint("day_type IN ('MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN', 'HOL')",
                           name=op.f("ck_staff_schedules_day_type")),
        sa.CheckConstraint("slot IN (1, 2)", name=op.f("ck_staff_schedules_slot")),
        sa.CheckConstraint("start_time < end_time", name=op.f("ck_staff_schedules_range")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], ondelete="CASCADE",
                                name=op.f("fk_staff_schedules_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_schedules")),
        sa.UniqueConstraint("staff_id", "day_type", "slot", name=op.f("uq_staff_schedules_staff_id_day_type_slot")),
    )
    op.create_index(op.f("ix_staff_schedules_staff_id"), "staff_schedules", ["staff_id"])


def upgrade() -> None:
    _reference_tables()
    _unit_tables()
    _staff_tables()


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_schedules_staff_id"), table_name="staff_schedules")
    op.drop_table("staff_schedules")
    op.drop_index(op.f("ix_staff_pid"), table_name="staff")
    op.drop_index(op.f("ix_staff_hcode"), table_name="staff")
    op.drop_table("staff")
    op.drop_index(op.f("ix_unit_managers_pid"), table_name="unit_managers")
    op.drop_index(op.f("ix_unit_managers_hcode"), table_name="unit_managers")
    op.drop_table("unit_managers")
    op.drop_index(op.f("ix_unit_status_events_hcode"), table_name="unit_status_events")
    op.drop_table("unit_status_events")
    op.drop_index(op.f("ix_units_status"), table_name="units")
    op.drop_index(op.f("ix_units_province"), table_name="units")
    op.drop_index(op.f("ix_units_unit_type"), table_name="units")
    op.drop_table("units")
    op.drop_table("holidays")
    op.drop_table("profession_unit_types")
    op.drop_table("professions")
    op.drop_table("unit_types")
