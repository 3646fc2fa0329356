"""rules, scenarios, evaluation runs, import profiles

Revision ID: 0002_rules_runs
Revises: 0001_initial
Create Date: 2026-11-29 17:05:54.980331
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002_rules_runs'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('evaluation_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scenario_id', sa.String(length=100), nullable=False),
    sa.Column('scenario_title', sa.String(length=300), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('app_version', sa.String(length=40), nullable=False),
    sa.Column('rules_json', sa.Text(), nullable=False),
    sa.Column('rule_hash', sa.String(length=64), nullable=False),
    sa.Column('data_fingerprint', sa.String(length=64), nullable=False),
    sa.Column('country_groups', sa.String(length=100), nullable=False),
    sa.Column('obligations_evaluated', sa.Integer(), nullable=False),
    sa.Column('hit_count', sa.Integer(), nullable=False),
    sa.Column('duration_seconds', sa.Float(), nullable=False),
    sa.Column('summary_json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_runs'))
    )
    with op.batch_alter_table('evaluation_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_runs_scenario_id'), ['scenario_id'], unique=False)

    op.create_table('import_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('mapping_json', sa.Text(), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_profiles')),
    sa.UniqueConstraint('name', name=op.f('uq_import_profiles_name'))
    )
    op.create_table('rule_packs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pack_id', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('yaml_text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=True),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_packs')),
    sa.UniqueConstraint('pack_id', name=op.f('uq_rule_packs_pack_id'))
    )
    op.create_table('scenarios',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scenario_id', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('yaml_text', sa.Text(), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scenarios')),
    sa.UniqueConstraint('scenario_id', name=op.f('uq_scenarios_scenario_id'))
    )
    op.create_table('run_explanations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['evaluation_runs.id'], name=op.f('fk_run_explanations_run_id_evaluation_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_explanations')),
    sa.UniqueConstraint('run_id', 'number', name=op.f('uq_run_explanations_run_id_number'))
    )
    op.create_table('run_hits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('obligation_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.String(length=100), nullable=False),
    sa.Column('rule_version', sa.Integer(), nullable=False),
    sa.Column('pack', sa.String(length=100), nullable=False),
    sa.Column('jurisdiction', sa.String(length=10), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=False),
    sa.Column('final_outcome', sa.String(length=40), nullable=False),
    sa.Column('first_affected', sa.Date(), nullable=False),
    sa.Column('value_at_risk', sa.Float(), nullable=False),
    sa.Column('licence_coverage', sa.String(length=30), nullable=False),
    sa.Column('licence_numbers', sa.Text(), nullable=True),
    sa.Column('licence_valid_to', sa.Date(), nullable=True),
    sa.Column('explanation_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['evaluation_runs.id'], name=op.f('fk_run_hits_run_id_evaluation_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_hits'))
    )
    with op.batch_alter_table('run_hits', schema=None) as batch_op:
        batch_op.create_index('ix_run_hits_run_id_obligation_id', ['run_id', 'obligation_id'], unique=False)

    op.create_table('run_obligations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('obligation_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=100), nullable=False),
    sa.Column('machine_id', sa.Integer(), nullable=False),
    sa.Column('vendor', sa.String(length=100), nullable=False),
    sa.Column('model_code', sa.String(length=100), nullable=False),
    sa.Column('fab_id', sa.Integer(), nullable=False),
    sa.Column('fab_site_code', sa.String(length=64), nullable=False),
    sa.Column('fab_name', sa.String(length=300), nullable=False),
    sa.Column('fab_country', sa.String(length=2), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('customer_name', sa.String(length=300), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('contract_number', sa.String(length=64), nullable=False),
    sa.Column('service_type', sa.String(length=40), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('obligation_start', sa.Date(), nullable=False),
    sa.Column('obligation_end', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['evaluation_runs.id'], name=op.f('fk_run_obligations_run_id_evaluation_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_obligations')),
    sa.UniqueConstraint('run_id', 'obligation_id', name=op.f('uq_run_obligations_run_id_obligation_id'))
    )


def downgrade() -> None:
    op.drop_table('run_obligations')
    with op.batch_alter_table('run_hits', schema=None) as batch_op:
        batch_op.drop_index('ix_run_hits_run_id_obligation_id')

    op.drop_table('run_hits')
    op.drop_table('run_explanations')
    op.drop_table('scenarios')
    op.drop_table('rule_packs')
    op.drop_table('import_profiles')
    with op.batch_alter_table('evaluation_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_runs_scenario_id'))

    op.drop_table('evaluation_runs')
