"""installed-base book

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-29 16:48:26.690912
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('sheets', sa.Text(), nullable=True),
    sa.Column('profile', sa.String(length=200), nullable=True),
    sa.Column('counts_json', sa.Text(), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batches'))
    )
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batches_sha256'), ['sha256'], unique=False)

    op.create_table('customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('local_name', sa.String(length=300), nullable=True),
    sa.Column('hq_country', sa.String(length=2), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_customers_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['parent_id'], ['customers.id'], name=op.f('fk_customers_parent_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers')),
    sa.UniqueConstraint('code', name=op.f('uq_customers_code'))
    )
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customers_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_customers_parent_id'), ['parent_id'], unique=False)

    op.create_table('equipment_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor', sa.String(length=100), nullable=False),
    sa.Column('model_code', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('class_us', sa.String(length=40), nullable=True),
    sa.Column('class_eu', sa.String(length=40), nullable=True),
    sa.Column('class_nl', sa.String(length=40), nullable=True),
    sa.Column('class_jp', sa.String(length=40), nullable=True),
    sa.Column('class_kr', sa.String(length=40), nullable=True),
    sa.Column('wavelength_nm', sa.Float(), nullable=True),
    sa.Column('numerical_aperture', sa.Float(), nullable=True),
    sa.Column('overlay_nm', sa.Float(), nullable=True),
    sa.Column('throughput_wph', sa.Float(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_equipment_models_batch_id_import_batches')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equipment_models')),
    sa.UniqueConstraint('vendor', 'model_code', name=op.f('uq_equipment_models_vendor_model_code'))
    )
    with op.batch_alter_table('equipment_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equipment_models_category'), ['category'], unique=False)

    op.create_table('contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('signed_date', sa.Date(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('renewal', sa.String(length=200), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_contracts_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_contracts_customer_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracts')),
    sa.UniqueConstraint('number', name=op.f('uq_contracts_number'))
    )
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contracts_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contracts_end_date'), ['end_date'], unique=False)

    op.create_table('customer_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('script', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_customer_aliases_customer_id_customers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_aliases')),
    sa.UniqueConstraint('customer_id', 'name', name=op.f('uq_customer_aliases_customer_id_name'))
    )
    op.create_table('fabs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('region', sa.String(length=200), nullable=True),
    sa.Column('city', sa.String(length=200), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('process_type', sa.String(length=20), nullable=True),
    sa.Column('logic_node_nm', sa.Float(), nullable=True),
    sa.Column('architecture', sa.String(length=20), nullable=True),
    sa.Column('dram_half_pitch_nm', sa.Float(), nullable=True),
    sa.Column('nand_layers', sa.Integer(), nullable=True),
    sa.Column('wafer_size_mm', sa.Integer(), nullable=True),
    sa.Column('advanced_node', sa.Boolean(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_fabs_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_fabs_customer_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fabs')),
    sa.UniqueConstraint('site_code', name=op.f('uq_fabs_site_code'))
    )
    with op.batch_alter_table('fabs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fabs_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_fabs_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fabs_name'), ['name'], unique=False)

    op.create_table('machines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor', sa.String(length=100), nullable=False),
    sa.Column('serial', sa.String(length=100), nullable=False),
    sa.Column('model_id', sa.Integer(), nullable=False),
    sa.Column('fab_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('ship_date', sa.Date(), nullable=True),
    sa.Column('install_date', sa.Date(), nullable=True),
    sa.Column('shipped_under_licence', sa.String(length=100), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_machines_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['fab_id'], ['fabs.id'], name=op.f('fk_machines_fab_id_fabs')),
    sa.ForeignKeyConstraint(['model_id'], ['equipment_models.id'], name=op.f('fk_machines_model_id_equipment_models')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_machines')),
    sa.UniqueConstraint('vendor', 'serial', name=op.f('uq_machines_vendor_serial'))
    )
    with op.batch_alter_table('machines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_machines_fab_id'), ['fab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_machines_install_date'), ['install_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_machines_model_id'), ['model_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_machines_serial'), ['serial'], unique=False)

    op.create_table('party_listings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('fab_id', sa.Integer(), nullable=True),
    sa.Column('list_code', sa.String(length=40), nullable=False),
    sa.Column('footnote', sa.String(length=20), nullable=True),
    sa.Column('licence_policy', sa.Text(), nullable=True),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_party_listings_customer_id_customers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fab_id'], ['fabs.id'], name=op.f('fk_party_listings_fab_id_fabs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_listings'))
    )
    with op.batch_alter_table('party_listings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_listings_customer_id'), ['customer_id'], unique=False)

    op.create_table('licences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('authority', sa.String(length=40), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('fab_id', sa.Integer(), nullable=True),
    sa.Column('machine_id', sa.Integer(), nullable=True),
    sa.Column('service_types', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_licences_customer_id_customers')),
    sa.ForeignKeyConstraint(['fab_id'], ['fabs.id'], name=op.f('fk_licences_fab_id_fabs')),
    sa.ForeignKeyConstraint(['machine_id'], ['machines.id'], name=op.f('fk_licences_machine_id_machines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_licences')),
    sa.UniqueConstraint('authority', 'number', name=op.f('uq_licences_authority_number'))
    )
    op.create_table('obligations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('machine_id', sa.Integer(), nullable=False),
    sa.Column('service_type', sa.String(length=40), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_obligations_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_obligations_contract_id_contracts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['machine_id'], ['machines.id'], name=op.f('fk_obligations_machine_id_machines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_obligations')),
    sa.UniqueConstraint('contract_id', 'machine_id', 'service_type', name=op.f('uq_obligations_contract_id_machine_id_service_type'))
    )
    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.create_index('ix_obligations_machine_id', ['machine_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('obligations', schema=None) as batch_op:
        batch_op.drop_index('ix_obligations_machine_id')

    op.drop_table('obligations')
    op.drop_table('licences')
    with op.batch_alter_table('party_listings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_listings_customer_id'))

    op.drop_table('party_listings')
    with op.batch_alter_table('machines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_machines_serial'))
        batch_op.drop_index(batch_op.f('ix_machines_model_id'))
        batch_op.drop_index(batch_op.f('ix_machines_install_date'))
        batch_op.drop_index(batch_op.f('ix_machines_fab_id'))

    op.drop_table('machines')
    with op.batch_alter_table('fabs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fabs_name'))
        batch_op.drop_index(batch_op.f('ix_fabs_customer_id'))
        batch_op.drop_index(batch_op.f('ix_fabs_country'))

    op.drop_table('fabs')
    op.drop_table('customer_aliases')
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contracts_end_date'))
        batch_op.drop_index(batch_op.f('ix_contracts_customer_id'))

    op.drop_table('contracts')
    with op.batch_alter_table('equipment_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equipment_models_category'))

    op.drop_table('equipment_models')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_parent_id'))
        batch_op.drop_index(batch_op.f('ix_customers_name'))

    op.drop_table('customers')
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batches_sha256'))

    op.drop_table('import_batches')
