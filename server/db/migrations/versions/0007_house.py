"""The house: the citizen registry's person panel, rights history and relatives; service types
with their origin and effective dates (the NHSO documents' codes and meanings, FVS codes marked
"FVS-"); what a claim records of its right, relation and special reason; template ageing; the
one-time head-turn challenges of active liveness.

Revision ID: 0007
Revises: 0006
"""
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# FVS had used NHSO-looking codes for services the documents give no code (or another meaning):
# their claims move to FVS's own codes.
RENAMED = {"PG0080001": "FVS-CI", "PG0090001": "FVS-DENT", "PG0100001": "FVS-TTM", "PG0110001": "FVS-PT",
           "PG0120001": "FVS-LAB", "PG0130001": "FVS-NURSE", "PG0140001": "FVS-TELE"}
_ACTIVE = sa.text("revoked_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("citizens") as batch:
        batch.add_column(sa.Column("right_start_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("sub_right_expiry", sa.Date(), nullable=True))
        batch.add_column(sa.Column("insurance_card_no", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("registered_province", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("primary_hcode", sa.String(length=5), nullable=True))
        batch.add_column(sa.Column("referral_hcode", sa.String(length=5), nullable=True))
    op.create_table("citizen_rights",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("pid", sa.String(length=13), nullable=False),
    sa.Column("right_code", sa.String(length=8), nullable=False),
    sa.Column("sub_right_code", sa.String(length=8), nullable=True),
    sa.Column("start_date", sa.Date(), nullable=False),
    sa.Column("end_date", sa.Date(), nullable=True),
    sa.Column("main_hcode", sa.String(length=5), nullable=True),
    sa.Column("recorded_at", UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["pid"], ["citizens.pid"], name=op.f("fk_citizen_rights_pid_citizens")),
    sa.ForeignKeyConstraint(["right_code"], ["rights.code"], name=op.f("fk_citizen_rights_right_code_rights")),
    sa.ForeignKeyConstraint(["right_code", "sub_right_code"], ["sub_rights.right_code", "sub_rights.code"],
                            name=op.f("fk_citizen_rights_right_code_sub_rights")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen_rights"))
    )
    op.create_index(op.f("ix_citizen_rights_pid"), "citizen_rights", ["pid"])
    op.create_table("relatives",
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("pid", sa.String(length=13), nullable=False),
    sa.Column("relative_pid", sa.String(length=13), nullable=False),
    sa.Column("relation", sa.String(length=16), nullable=False),
    sa.Column("proof", sa.String(length=24), nullable=False),
    sa.Column("registered_by", sa.String(length=64), nullable=False),
    sa.Column("registered_at", UtcDateTime(), nullable=False),
    sa.Column("revoked_by", sa.String(length=64), nullable=True),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
    sa.CheckConstraint("pid <> relative_pid", name=op.f("ck_relatives_not_self")),
    sa.ForeignKeyConstraint(["pid"], ["citizens.pid"], name=op.f("fk_relatives_pid_citizens")),
    sa.ForeignKeyConstraint(["relative_pid"], ["citizens.pid"], name=op.f("fk_relatives_relative_pid_citizens")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_relatives"))
    )
    op.create_index(op.f("ix_relatives_pid"), "relatives", ["pid"])
    op.create_index(op.f("ix_relatives_relative_pid"), "relatives", ["relative_pid"])
    op.create_index("uq_relatives_active_pair", "relatives", ["pid", "relative_pid"], unique=True,
                    sqlite_where=_ACTIVE, postgresql_where=_ACTIVE)

    with op.batch_alter_table("service_types") as batch:
        batch.add_column(sa.Column("origin", sa.String(length=8), nullable=False, server_default="NHSO"))
        batch.add_column(sa.Column("effective_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("effective_to", sa.Date(), nullable=True))
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("relation", sa.String(length=16), nullable=False, server_default="SELF"))
        batch.add_column(sa.Column("right_rule", sa.String(length=8), nullable=False, server_default="ALLOW"))
        batch.add_column(sa.Column("special_reason", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("face_threshold", sa.Float(), nullable=True))
    with op.batch_alter_table("verification_attempts") as batch:
        batch.add_column(sa.Column("face_threshold", sa.Float(), nullable=True))
    with op.batch_alter_table("face_templates") as batch:
        batch.add_column(sa.Column("enrolled_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("enrolled_age_years", sa.Integer(), nullable=True))
    op.create_table("liveness_challenges",
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("hcode", sa.String(length=5), nullable=False),
    sa.Column("principal_id", sa.String(length=64), nullable=False),
    sa.Column("steps", sa.String(length=32), nullable=False),
    sa.Column("issued_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    sa.Column("used_at", UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_liveness_challenges"))
    )
    _move_invented_service_codes()
    _date_existing_templates()


def _move_invented_service_codes() -> None:
    """Claims of the old invented codes move to FVS codes; the NHSO codes keep their meaning."""
    conn = op.get_bind()
    st = sa.table("service_types", sa.column("code", sa.String), sa.column("prefix", sa.String),
                  sa.column("name_th", sa.String), sa.column("name_en", sa.String), sa.column("active", sa.Boolean),
                  sa.column("professions", sa.Text), sa.column("sort_order", sa.Integer),
                  sa.column("origin", sa.String))
    existing = {r.code: r for r in conn.execute(sa.select(st))}
    for old, new in RENAMED.items():
        row = existing.get(old)
        if row is None:
            continue
        if new not in existing:
            conn.execute(st.insert().values(code=new, prefix=row.prefix, name_th=row.name_th, name_en=row.name_en,
                                            active=row.active, professions=row.professions,
                                            sort_order=row.sort_order, origin="FVS"))
        conn.execute(sa.text("UPDATE claims SET service_type = :new WHERE service_type = :old"),
                     {"new": new, "old": old})
        if old not in ("PG0080001", "PG0090001"):  # codes the NHSO documents never had
            conn.execute(st.delete().where(st.c.code == old))


def _date_existing_templates() -> None:
    """Templates enrolled before ageing was tracked: their enrolment date and the citizen's age then."""
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT t.id, t.created_at, c.birth_date FROM face_templates t JOIN citizens c ON c.pid = t.pid")).all()
    for tid, created, birth in rows:
        on = created.date() if isinstance(created, datetime) else date.fromisoformat(str(created)[:10])
        birth = birth if isinstance(birth, date) else date.fromisoformat(str(birth)[:10])
        years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
        conn.execute(sa.text("UPDATE face_templates SET enrolled_on = :on, enrolled_age_years = :age WHERE id = :id"),
                     {"on": on, "age": max(0, years), "id": tid})


def downgrade() -> None:
    op.drop_table("liveness_challenges")
    with op.batch_alter_table("face_templates") as batch:
        batch.drop_column("enrolled_age_years")
        batch.drop_column("enrolled_on")
    with op.batch_alter_table("verification_attempts") as batch:
        batch.drop_column("face_threshold")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("face_threshold")
        batch.drop_column("special_reason")
        batch.drop_column("right_rule")
        batch.drop_column("relation")
    with op.batch_alter_table("service_types") as batch:
        batch.drop_column("effective_to")
        batch.drop_column("effective_from")
        batch.drop_column("origin")
    op.drop_index("uq_relatives_active_pair", table_name="relatives")
    op.drop_table("relatives")
    op.drop_table("citizen_rights")
    with op.batch_alter_table("citizens") as batch:
        for column in ("referral_hcode", "primary_hcode", "registered_province", "insurance_card_no",
                       "sub_right_expiry", "right_start_date"):
            batch.drop_column(column)
