"""report sign-offs

Revision ID: 0003_report_signoffs
Revises: 0002_rules_runs
Create Date: 2026-11-29 17:07:33.469648
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003_report_signoffs'
down_revision = '0002_rules_runs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_signoffs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('report_kind', sa.String(length=10), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['evaluation_runs.id'], name=op.f('fk_report_signoffs_run_id_evaluation_runs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_signoffs'))
    )
    with op.batch_alter_table('report_signoffs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_signoffs_run_id'), ['run_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('report_signoffs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_signoffs_run_id'))

    op.drop_table('report_signoffs')
