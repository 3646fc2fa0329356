"""ownership shares between customers, for the BIS Affiliates rule's 50 % test

Revision ID: 0009_regulatory_currency
Revises: 0008_compact_runs
Create Date: 2026-12-03 13:00:00

One row per share a customer holds in another as a source stated it on a date; the evaluators
aggregate the shares along ownership chains and across several listed owners.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009_regulatory_currency'
down_revision = '0008_compact_runs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ownership_shares',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('parent_customer_id', sa.Integer(), nullable=False),
        sa.Column('child_customer_id', sa.Integer(), nullable=False),
        sa.Column('share_pct', sa.Float(), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=True),
        sa.Column('source', sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ['parent_customer_id'], ['customers.id'],
            name=op.f('fk_ownership_shares_parent_customer_id_customers'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['child_customer_id'], ['customers.id'],
            name=op.f('fk_ownership_shares_child_customer_id_customers'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ownership_shares')),
        sa.UniqueConstraint(
            'parent_customer_id', 'child_customer_id', 'as_of',
            name=op.f('uq_ownership_shares_parent_customer_id_child_customer_id_as_of'),
        ),
    )
    op.create_index(
        op.f('ix_ownership_shares_parent_customer_id'), 'ownership_shares',
        ['parent_customer_id'], unique=False,
    )
    op.create_index(
        op.f('ix_ownership_shares_child_customer_id'), 'ownership_shares',
        ['child_customer_id'], unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_ownership_shares_child_customer_id'), table_name='ownership_shares')
    op.drop_index(op.f('ix_ownership_shares_parent_customer_id'), table_name='ownership_shares')
    op.drop_table('ownership_shares')
