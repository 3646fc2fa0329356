"""what an export does not say: unknown HQ country and contract start, assumed coverage

Revision ID: 0006_import_unknowns
Revises: 0005_audit
Create Date: 2026-12-03 10:30:00

A real export names customers only by name and rarely says where they are headquartered or
when a contract started. Those facts are stored as unknown rather than guessed:

- ``customers.hq_country`` may be NULL, and ``hq_country_basis`` says whether a country was
  stated or inferred (every fab of the customer in one country); existing rows were stated.
- ``contracts.start_date``, ``obligations.start_date`` and the copy a run keeps of it
  (``run_obligations.obligation_start``) may be NULL (no source states it).
- ``obligations.coverage_assumed``: the line named no services, so all are assumed covered.
- ``book_settings``: settings of the book itself, such as the company whose export it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006_import_unknowns'
down_revision = '0005_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('customers') as batch:
        batch.alter_column('hq_country', existing_type=sa.String(length=2), nullable=True)
        batch.add_column(sa.Column('hq_country_basis', sa.String(length=10), nullable=True))
    op.execute("UPDATE customers SET hq_country_basis = 'stated' WHERE hq_country IS NOT NULL")
    with op.batch_alter_table('contracts') as batch:
        batch.alter_column('start_date', existing_type=sa.Date(), nullable=True)
    with op.batch_alter_table('obligations') as batch:
        batch.alter_column('start_date', existing_type=sa.Date(), nullable=True)
        batch.add_column(
            sa.Column(
                'coverage_assumed', sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    with op.batch_alter_table('run_obligations') as batch:
        batch.alter_column('obligation_start', existing_type=sa.Date(), nullable=True)
    op.create_table(
        'book_settings',
        sa.Column('key', sa.String(length=100), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.Column(
            'updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_book_settings')),
    )


def downgrade() -> None:
    op.drop_table('book_settings')
    with op.batch_alter_table('run_obligations') as batch:
        batch.alter_column('obligation_start', existing_type=sa.Date(), nullable=False)
    with op.batch_alter_table('obligations') as batch:
        batch.drop_column('coverage_assumed')
        batch.alter_column('start_date', existing_type=sa.Date(), nullable=False)
    with op.batch_alter_table('contracts') as batch:
        batch.alter_column('start_date', existing_type=sa.Date(), nullable=False)
    with op.batch_alter_table('customers') as batch:
        batch.drop_column('hq_country_basis')
        batch.alter_column('hq_country', existing_type=sa.String(length=2), nullable=False)
