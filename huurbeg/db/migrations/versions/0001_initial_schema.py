"""initial schema

Revision ID: 0001
Revises: (none, the first schema)
Create Date: 2026-11-22 10:39:05.863606
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dwelling',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('address', sa.String(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dwelling', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dwelling_code'), ['code'], unique=True)

    op.create_table('household',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=True),
    sa.Column('name_key', sa.String(), nullable=True),
    sa.Column('address', sa.String(), nullable=True),
    sa.Column('address_key', sa.String(), nullable=True),
    sa.Column('phone', sa.String(), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('national_number', sa.String(), nullable=True),
    sa.Column('adults', sa.Integer(), nullable=True),
    sa.Column('children', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_address_key'), ['address_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_national_number'), ['national_number'], unique=False)

    op.create_table('landlord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('name_key', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('landlord', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_landlord_name_key'), ['name_key'], unique=True)

    op.create_table('case_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('landlord_id', sa.Integer(), nullable=True),
    sa.Column('track', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('referrer', sa.String(), nullable=True),
    sa.Column('intake_date', sa.Date(), nullable=False),
    sa.Column('tenant_informed', sa.Boolean(), nullable=False),
    sa.Column('arrears_cents', sa.Integer(), nullable=True),
    sa.Column('returning_household', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('closed_date', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(), nullable=True),
    sa.Column('note', sa.String(), nullable=True),
    sa.Column('external_ref', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['landlord_id'], ['landlord.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('external_ref'),
    sa.UniqueConstraint('year', 'seq', name='uq_case_year_seq')
    )
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_file_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_file_landlord_id'), ['landlord_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_file_number'), ['number'], unique=True)
        batch_op.create_index('ix_case_status_track', ['status', 'track'], unique=False)

    op.create_table('agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('party', sa.String(), nullable=False),
    sa.Column('text', sa.String(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_case_id'), ['case_id'], unique=False)

    op.create_table('case_problem',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('problem', sa.String(), nullable=False),
    sa.Column('raised_by_landlord', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'problem')
    )
    op.create_table('consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('party', sa.String(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'party', name='uq_consent_case_party')
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_case_id'), ['case_id'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(), nullable=True),
    sa.Column('next_planned', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index('ix_contact_case_date', ['case_id', 'date'], unique=False)

    op.create_table('hearing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('petition_date', sa.Date(), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('court', sa.String(), nullable=False),
    sa.Column('room', sa.String(), nullable=True),
    sa.Column('claimed_cents', sa.Integer(), nullable=True),
    sa.Column('proposal', sa.String(), nullable=True),
    sa.Column('result', sa.String(), nullable=True),
    sa.Column('result_date', sa.Date(), nullable=True),
    sa.Column('eviction_date', sa.Date(), nullable=True),
    sa.Column('postponed_from_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['postponed_from_id'], ['hearing.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('hearing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hearing_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hearing_court'), ['court'], unique=False)
        batch_op.create_index(batch_op.f('ix_hearing_postponed_from_id'), ['postponed_from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hearing_starts_at'), ['starts_at'], unique=False)

    op.create_table('history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('os_user', sa.String(), nullable=False),
    sa.Column('db_user', sa.String(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('detail', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index('ix_history_case_at', ['case_id', 'at'], unique=False)

    op.create_table('payment_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('arrears_cents', sa.Integer(), nullable=False),
    sa.Column('instalment_cents', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('day_of_month', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('payment_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_plan_case_id'), ['case_id'], unique=False)

    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('destination', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_date'), ['date'], unique=False)

    op.create_table('stay',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('dwelling_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('extensions', sa.Integer(), nullable=False),
    sa.Column('left_date', sa.Date(), nullable=True),
    sa.Column('destination', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['dwelling_id'], ['dwelling.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stay_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_stay_dwelling_left', ['dwelling_id', 'left_date'], unique=False)

    op.create_table('track_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_track', sa.String(), nullable=True),
    sa.Column('to_track', sa.String(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case_file.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('track_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_track_change_case_id'), ['case_id'], unique=False)

    op.create_table('instalment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['payment_plan.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'seq', name='uq_instalment_plan_seq')
    )
    with op.batch_alter_table('instalment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instalment_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_instalment_plan_id'), ['plan_id'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['payment_plan.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_plan_id'), ['plan_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_plan_id'))

    op.drop_table('payment')
    with op.batch_alter_table('instalment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_instalment_plan_id'))
        batch_op.drop_index(batch_op.f('ix_instalment_due_date'))

    op.drop_table('instalment')
    with op.batch_alter_table('track_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_track_change_case_id'))

    op.drop_table('track_change')
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.drop_index('ix_stay_dwelling_left')
        batch_op.drop_index(batch_op.f('ix_stay_case_id'))

    op.drop_table('stay')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_date'))
        batch_op.drop_index(batch_op.f('ix_referral_case_id'))

    op.drop_table('referral')
    with op.batch_alter_table('payment_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_plan_case_id'))

    op.drop_table('payment_plan')
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index('ix_history_case_at')

    op.drop_table('history')
    with op.batch_alter_table('hearing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hearing_starts_at'))
        batch_op.drop_index(batch_op.f('ix_hearing_postponed_from_id'))
        batch_op.drop_index(batch_op.f('ix_hearing_court'))
        batch_op.drop_index(batch_op.f('ix_hearing_case_id'))

    op.drop_table('hearing')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_case_date')

    op.drop_table('contact')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_case_id'))

    op.drop_table('consent')
    op.drop_table('case_problem')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_case_id'))

    op.drop_table('agreement')
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.drop_index('ix_case_status_track')
        batch_op.drop_index(batch_op.f('ix_case_file_number'))
        batch_op.drop_index(batch_op.f('ix_case_file_landlord_id'))
        batch_op.drop_index(batch_op.f('ix_case_file_household_id'))

    op.drop_table('case_file')
    with op.batch_alter_table('landlord', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_landlord_name_key'))

    op.drop_table('landlord')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_national_number'))
        batch_op.drop_index(batch_op.f('ix_household_name_key'))
        batch_op.drop_index(batch_op.f('ix_household_name'))
        batch_op.drop_index(batch_op.f('ix_household_address_key'))

    op.drop_table('household')
    with op.batch_alter_table('dwelling', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dwelling_code'))

    op.drop_table('dwelling')
