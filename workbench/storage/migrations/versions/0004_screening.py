"""screening: list versions, entries, runs, matches

Revision ID: 0004_screening
Revises: 0003_report_signoffs
Create Date: 2026-11-29 17:09:35.071991

Restricted-party screening: imported list versions with their entries, screening runs,
and the review queue of matches with their decisions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_screening'
down_revision = '0003_report_signoffs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('screening_list_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('list_format', sa.String(length=40), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('list_date', sa.Date(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('counts_json', sa.Text(), nullable=False),
    sa.Column('entry_count', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('diff_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['previous_id'], ['screening_list_versions.id'], name=op.f('fk_screening_list_versions_previous_id_screening_list_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_list_versions'))
    )
    with op.batch_alter_table('screening_list_versions', schema=None) as batch_op:
        batch_op.create_index('ix_screening_list_versions_source_id', ['source', 'id'], unique=False)

    op.create_table('screening_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('trigger', sa.String(length=100), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('version_ids', sa.String(length=200), nullable=False),
    sa.Column('parties', sa.Integer(), nullable=False),
    sa.Column('new_count', sa.Integer(), nullable=False),
    sa.Column('reraised_count', sa.Integer(), nullable=False),
    sa.Column('unchanged_count', sa.Integer(), nullable=False),
    sa.Column('dropped_count', sa.Integer(), nullable=False),
    sa.Column('duration_seconds', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_runs'))
    )
    op.create_table('screening_list_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('entry_key', sa.String(length=200), nullable=False),
    sa.Column('list_code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('aliases_json', sa.Text(), nullable=False),
    sa.Column('countries', sa.Text(), nullable=False),
    sa.Column('addresses_json', sa.Text(), nullable=False),
    sa.Column('programs_json', sa.Text(), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=True),
    sa.Column('source_name', sa.Text(), nullable=True),
    sa.Column('entity_number', sa.String(length=40), nullable=True),
    sa.Column('federal_register_notice', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('licence_requirement', sa.Text(), nullable=True),
    sa.Column('licence_policy', sa.Text(), nullable=True),
    sa.Column('footnotes', sa.String(length=60), nullable=False),
    sa.Column('policy_category', sa.String(length=40), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['screening_list_versions.id'], name=op.f('fk_screening_list_entries_version_id_screening_list_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_list_entries')),
    sa.UniqueConstraint('version_id', 'entry_key', name=op.f('uq_screening_list_entries_version_id_entry_key'))
    )
    op.create_table('screening_matches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_kind', sa.String(length=10), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('entry_key', sa.String(length=200), nullable=False),
    sa.Column('list_version_id', sa.Integer(), nullable=False),
    sa.Column('list_code', sa.String(length=100), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('matched_name', sa.Text(), nullable=False),
    sa.Column('query_name', sa.Text(), nullable=False),
    sa.Column('entry_content_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reviewer', sa.String(length=200), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('history_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('suggested_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['list_version_id'], ['screening_list_versions.id'], name=op.f('fk_screening_matches_list_version_id_screening_list_versions')),
    sa.ForeignKeyConstraint(['run_id'], ['screening_runs.id'], name=op.f('fk_screening_matches_run_id_screening_runs')),
    sa.ForeignKeyConstraint(['suggested_by_id'], ['screening_matches.id'], name=op.f('fk_screening_matches_suggested_by_id_screening_matches')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['screening_matches.id'], name=op.f('fk_screening_matches_supersedes_id_screening_matches')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_matches'))
    )
    with op.batch_alter_table('screening_matches', schema=None) as batch_op:
        batch_op.create_index('ix_screening_matches_party', ['party_kind', 'party_id', 'entry_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_matches_run_id'), ['run_id'], unique=False)
        batch_op.create_index('ix_screening_matches_status_score', ['status', 'score'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('screening_matches', schema=None) as batch_op:
        batch_op.drop_index('ix_screening_matches_status_score')
        batch_op.drop_index(batch_op.f('ix_screening_matches_run_id'))
        batch_op.drop_index('ix_screening_matches_party')

    op.drop_table('screening_matches')
    op.drop_table('screening_list_entries')
    op.drop_table('screening_runs')
    with op.batch_alter_table('screening_list_versions', schema=None) as batch_op:
        batch_op.drop_index('ix_screening_list_versions_source_id')

    op.drop_table('screening_list_versions')
