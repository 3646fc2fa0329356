"""licence register: licence types, limits, conditions, multi-record scope, documents, applications

Revision ID: 0010_licence_register
Revises: 0009_regulatory_currency
Create Date: 2026-12-03 12:45:00

Licences gain a type (individual, general, national), value and quantity limits, conditions,
scope by model family and classification, a scope table naming any number of customers, fabs
and machines, and the issued document (stored with its SHA-256). Licence applications drafted
from a run and the obligations they ask for get their own tables. Existing licences keep their
single customer/fab/machine columns, which count as one more scope entry.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0010_licence_register'
down_revision = '0009_regulatory_currency'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A batch copy of licences while nothing references it yet (the tables pointing at it are
    # created below): one number may be renewed with a new validity.
    with op.batch_alter_table('licences', schema=None) as batch_op:
        batch_op.drop_constraint('uq_licences_authority_number', type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_licences_authority_number_valid_from'),
            ['authority', 'number', 'valid_from'])
    op.add_column('licences', sa.Column('licence_type', sa.String(length=20),
                                        server_default='individual', nullable=False))
    op.add_column('licences', sa.Column('value_limit', sa.Numeric(18, 2), nullable=True))
    op.add_column('licences', sa.Column('limit_currency', sa.String(length=3), nullable=True))
    op.add_column('licences', sa.Column('quantity_limit', sa.Integer(), nullable=True))
    op.add_column('licences', sa.Column('conditions', sa.Text(), nullable=True))
    op.add_column('licences', sa.Column('model_codes', sa.Text(), server_default='',
                                        nullable=False))
    op.add_column('licences', sa.Column('classifications', sa.Text(), server_default='',
                                        nullable=False))
    op.create_table('licence_scope',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('fab_id', sa.Integer(), nullable=True),
    sa.Column('machine_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['licence_id'], ['licences.id'],
                            name=op.f('fk_licence_scope_licence_id_licences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                            name=op.f('fk_licence_scope_customer_id_customers')),
    sa.ForeignKeyConstraint(['fab_id'], ['fabs.id'], name=op.f('fk_licence_scope_fab_id_fabs')),
    sa.ForeignKeyConstraint(['machine_id'], ['machines.id'],
                            name=op.f('fk_licence_scope_machine_id_machines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_scope'))
    )
    with op.batch_alter_table('licence_scope', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_scope_licence_id'), ['licence_id'],
                              unique=False)
    op.create_table('licence_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licence_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'),
              nullable=False),
    sa.ForeignKeyConstraint(['licence_id'], ['licences.id'],
                            name=op.f('fk_licence_documents_licence_id_licences'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_documents'))
    )
    with op.batch_alter_table('licence_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_documents_licence_id'), ['licence_id'],
                              unique=False)
    op.create_table('licence_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('authority', sa.String(length=40), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('end_use', sa.Text(), nullable=True),
    sa.Column('end_user_statement', sa.Text(), nullable=True),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('licence_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'),
              nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'),
              nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'],
                            name=op.f('fk_licence_applications_customer_id_customers')),
    sa.ForeignKeyConstraint(['licence_id'], ['licences.id'],
                            name=op.f('fk_licence_applications_licence_id_licences'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['run_id'], ['evaluation_runs.id'],
                            name=op.f('fk_licence_applications_run_id_evaluation_runs'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_applications'))
    )
    with op.batch_alter_table('licence_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_applications_customer_id'), ['customer_id'],
                              unique=False)
    op.create_table('licence_application_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('obligation_id', sa.Integer(), nullable=True),
    sa.Column('rule_id', sa.String(length=100), nullable=False),
    sa.Column('machine_id', sa.Integer(), nullable=True),
    sa.Column('fab_id', sa.Integer(), nullable=True),
    sa.Column('serial', sa.String(length=100), nullable=False),
    sa.Column('vendor', sa.String(length=100), nullable=False),
    sa.Column('model_code', sa.String(length=100), nullable=False),
    sa.Column('classification', sa.String(length=200), nullable=True),
    sa.Column('fab_site_code', sa.String(length=64), nullable=False),
    sa.Column('fab_name', sa.String(length=300), nullable=False),
    sa.Column('fab_country', sa.String(length=2), nullable=False),
    sa.Column('fab_address', sa.Text(), nullable=True),
    sa.Column('contract_number', sa.String(length=64), nullable=False),
    sa.Column('service_type', sa.String(length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(18, 2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['licence_applications.id'],
                            name=op.f('fk_licence_application_items_application_id_licence_applications'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fab_id'], ['fabs.id'],
                            name=op.f('fk_licence_application_items_fab_id_fabs'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['machine_id'], ['machines.id'],
                            name=op.f('fk_licence_application_items_machine_id_machines'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['obligation_id'], ['obligations.id'],
                            name=op.f('fk_licence_application_items_obligation_id_obligations'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licence_application_items'))
    )
    with op.batch_alter_table('licence_application_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_licence_application_items_application_id'),
                              ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_licence_application_items_obligation_id'),
                              ['obligation_id'], unique=False)


def downgrade() -> None:
    op.drop_table('licence_application_items')
    op.drop_table('licence_applications')
    op.drop_table('licence_documents')
    op.drop_table('licence_scope')
    # The tables pointing at licences are gone by now, so its batch copies are safe.
    for column in ('classifications', 'model_codes', 'conditions', 'quantity_limit',
                   'limit_currency', 'value_limit', 'licence_type'):
        op.drop_column('licences', column)
    with op.batch_alter_table('licences', schema=None) as batch_op:
        batch_op.drop_constraint('uq_licences_authority_number_valid_from', type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_licences_authority_number'), ['authority', 'number'])
