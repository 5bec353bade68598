"""Citizen registry: rights, sub-rights and citizens.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

from fvs_db.base import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rights",
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("name_th", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_rights")),
    )
    op.create_table(
        "sub_rights",
        sa.Column("right_code", sa.String(8), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("name_th", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["right_code"], ["rights.code"], name=op.f("fk_sub_rights_right_code_rights")),
        sa.PrimaryKeyConstraint("right_code", "code", name=op.f("pk_sub_rights")),
    )
    op.create_table(
        "citizens",
        sa.Column("pid", sa.String(13), nullable=False),
        sa.Column("title_th", sa.String(40), nullable=False),
        sa.Column("first_name_th", sa.String(100), nullable=False),
        sa.Column("last_name_th", sa.String(100), nullable=False),
        sa.Column("first_name_en", sa.String(100), nullable=True),
        sa.Column("last_name_en", sa.String(100), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(1), nullable=False),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("right_code", sa.String(8), nullable=False),
        sa.Column("sub_right_code", sa.String(8), nullable=True),
        sa.Column("main_hcode", sa.String(5), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("sex IN ('M', 'F', 'U')", name=op.f("ck_citizens_sex")),
        sa.ForeignKeyConstraint(["right_code"], ["rights.code"], name=op.f("fk_citizens_right_code_rights")),
        sa.ForeignKeyConstraint(
            ["right_code", "sub_right_code"], ["sub_rights.right_code", "sub_rights.code"],
            name=op.f("fk_citizens_right_code_sub_rights"),
        ),
        sa.PrimaryKeyConstraint("pid", name=op.f("pk_citizens")),
    )
    op.create_index(op.f("ix_citizens_right_code"), "citizens", ["right_code"])
    op.create_index(op.f("ix_citizens_main_hcode"), "citizens", ["main_hcode"])


def downgrade() -> None:
    op.drop_index(op.f("ix_citizens_main_hcode"), table_name="citizens")
    op.drop_index(op.f("ix_citizens_right_code"), table_name="citizens")
    op.drop_table("citizens")
    op.drop_table("sub_rights")
    op.drop_table("rights")
