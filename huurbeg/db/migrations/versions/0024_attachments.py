"""the dossier's documents (attachments)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01

Two new tables: attachment, a document kept in a dossier (its kind, date, original name,
sniffed type, size, SHA-256, note, when it was added or withdrawn), and attachment_content,
its bytes, apart so that listing a dossier's documents never reads them. Nothing existing
changes; an existing database simply has no documents yet.
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("case_file.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("name", sa.String(), nullable=True),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_attachment_case_id", "attachment", ["case_id"])
    op.create_table(
        "attachment_content",
        sa.Column("attachment_id", sa.Integer(), sa.ForeignKey("attachment.id", ondelete="RESTRICT"),
                  primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("attachment_content")
    op.drop_table("attachment")
