"""the service's identity, each worker's own details, landlords as contacts

Revision ID: 0027
Revises: 0024
Create Date: 2026-12-01

Every document the service sends out carries its letterhead and the worker who wrote it,
so the database holds them once for the whole team: service_identity (one row: name,
organisation, address, phone, e-mail, signatory, place of signing, an optional logo with its
type) and worker_contact (a worker's login with the name, phone and e-mail they sign with).
A landlord gets the details a letter is addressed with: address, phone, e-mail and contact
person. Existing rows: NULL (nothing was known of them before); nothing is lost.
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

LANDLORD_CONTACT = ("address", "phone", "email", "contact_person")


def upgrade() -> None:
    op.create_table(
        "service_identity",
        sa.Column("id", sa.Integer(), primary_key=True),
        *(sa.Column(name, sa.String(), nullable=True)
          for name in ("name", "organisation", "address", "phone", "email", "signatory", "place")),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_type", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "worker_contact",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("worker", sa.String(), nullable=False, unique=True),
        sa.Column("name", sa.String(), nullable=True),
        sa.Column("phone", sa.String(), nullable=True),
        sa.Column("email", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("landlord", schema=None) as batch_op:
        for name in LANDLORD_CONTACT:
            batch_op.add_column(sa.Column(name, sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("landlord", schema=None) as batch_op:
        for name in reversed(LANDLORD_CONTACT):
            batch_op.drop_column(name)
    op.drop_table("worker_contact")
    op.drop_table("service_identity")
