"""compact run storage: rules, machines and contracts once per run; narrow hits

Revision ID: 0008_compact_runs
Revises: 0007_packs_subject_facts
Create Date: 2026-12-03 09:30:00

A hit row used to repeat its rule's id, version, pack, jurisdiction and outcome, and an
obligation row its machine's, fab's, contract's and customer's names. Those move into
``run_rules``, ``run_machines`` and ``run_contracts`` (one row per rule, machine and contract of
a run); hits point to their rule by number. Existing runs are moved over in SQL, keeping every
hit's id, so a run reads back exactly as before; ``evaluation_runs.fingerprint_scheme`` records
that their data fingerprints were computed the old way (scheme 1).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008_compact_runs'
down_revision = '0007_packs_subject_facts'
branch_labels = None
depends_on = None

_RULE_COLUMNS = ('rule_id', 'rule_version', 'pack', 'jurisdiction', 'outcome')
_MACHINE_COLUMNS = ('serial', 'vendor', 'model_code', 'fab_id', 'fab_site_code', 'fab_name',
                    'fab_country')
_CONTRACT_COLUMNS = ('contract_number', 'currency', 'customer_id', 'customer_name')


def _fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ['run_id'], ['evaluation_runs.id'],
        name=op.f(f'fk_{table}_run_id_evaluation_runs'), ondelete='CASCADE',
    )


def upgrade() -> None:
    # Plain ALTER TABLE, never a batch copy of evaluation_runs: on SQLite dropping the old copy
    # of a parent table would cascade-delete every stored run's hits.
    op.add_column('evaluation_runs', sa.Column('fingerprint_scheme', sa.Integer(),
                                               server_default='1', nullable=False))
    op.create_table('run_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.String(length=100), nullable=False),
    sa.Column('rule_version', sa.Integer(), nullable=False),
    sa.Column('pack', sa.String(length=100), nullable=False),
    sa.Column('jurisdiction', sa.String(length=10), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=False),
    _fk('run_rules'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_rules')),
    sa.UniqueConstraint('run_id', 'number', name=op.f('uq_run_rules_run_id_number')),
    sa.UniqueConstraint('run_id', 'rule_id', name=op.f('uq_run_rules_run_id_rule_id'))
    )
    op.create_table('run_machines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('machine_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=100), nullable=False),
    sa.Column('vendor', sa.String(length=100), nullable=False),
    sa.Column('model_code', sa.String(length=100), nullable=False),
    sa.Column('fab_id', sa.Integer(), nullable=False),
    sa.Column('fab_site_code', sa.String(length=64), nullable=False),
    sa.Column('fab_name', sa.String(length=300), nullable=False),
    sa.Column('fab_country', sa.String(length=2), nullable=False),
    _fk('run_machines'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_machines')),
    sa.UniqueConstraint('run_id', 'machine_id', name=op.f('uq_run_machines_run_id_machine_id'))
    )
    op.create_table('run_contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('contract_number', sa.String(length=64), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('customer_name', sa.String(length=300), nullable=False),
    _fk('run_contracts'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_contracts')),
    sa.UniqueConstraint('run_id', 'contract_id', name=op.f('uq_run_contracts_run_id_contract_id'))
    )
    # Existing runs: each rule, machine and contract once, numbered rules in rule-id order.
    rules = ', '.join(_RULE_COLUMNS)
    op.execute(
        f"INSERT INTO run_rules (run_id, number, {rules}) "
        f"SELECT run_id, ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY rule_id) - 1, {rules} "
        f"FROM (SELECT run_id, {rules} FROM run_hits GROUP BY run_id, {rules}) AS r"
    )
    machines = ', '.join(_MACHINE_COLUMNS)
    op.execute(
        f"INSERT INTO run_machines (run_id, machine_id, {machines}) "
        f"SELECT run_id, machine_id, {machines} FROM run_obligations "
        f"GROUP BY run_id, machine_id, {machines}"
    )
    contracts = ', '.join(_CONTRACT_COLUMNS)
    op.execute(
        f"INSERT INTO run_contracts (run_id, contract_id, {contracts}) "
        f"SELECT run_id, contract_id, {contracts} FROM run_obligations "
        f"GROUP BY run_id, contract_id, {contracts}"
    )
    with op.batch_alter_table('run_hits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rule_number', sa.Integer(), nullable=True))
    op.execute(
        "UPDATE run_hits SET rule_number = (SELECT r.number FROM run_rules AS r "
        "WHERE r.run_id = run_hits.run_id AND r.rule_id = run_hits.rule_id)"
    )
    with op.batch_alter_table('run_hits', schema=None) as batch_op:
        batch_op.alter_column('rule_number', existing_type=sa.Integer(), nullable=False)
        for name in _RULE_COLUMNS:
            batch_op.drop_column(name)
    with op.batch_alter_table('run_obligations', schema=None) as batch_op:
        for name in (*_MACHINE_COLUMNS, *_CONTRACT_COLUMNS):
            batch_op.drop_column(name)


def downgrade() -> None:
    # Text columns with their widths; the others (fab_id, customer_id, rule_version) integers.
    widths = {'serial': 100, 'vendor': 100, 'model_code': 100, 'fab_site_code': 64,
              'fab_name': 300, 'fab_country': 2, 'contract_number': 64, 'currency': 3,
              'customer_name': 300, 'rule_id': 100, 'pack': 100, 'jurisdiction': 10,
              'outcome': 40}

    def column(name: str) -> sa.Column[object]:
        kind = sa.String(length=widths[name]) if name in widths else sa.Integer()
        return sa.Column(name, kind, nullable=True)

    with op.batch_alter_table('run_obligations', schema=None) as batch_op:
        for name in (*_MACHINE_COLUMNS, *_CONTRACT_COLUMNS):
            batch_op.add_column(column(name))
    for name in _MACHINE_COLUMNS:
        op.execute(
            f"UPDATE run_obligations SET {name} = (SELECT m.{name} FROM run_machines AS m "
            f"WHERE m.run_id = run_obligations.run_id AND m.machine_id = run_obligations.machine_id)"
        )
    for name in _CONTRACT_COLUMNS:
        op.execute(
            f"UPDATE run_obligations SET {name} = (SELECT c.{name} FROM run_contracts AS c "
            f"WHERE c.run_id = run_obligations.run_id "
            f"AND c.contract_id = run_obligations.contract_id)"
        )
    with op.batch_alter_table('run_hits', schema=None) as batch_op:
        for name in _RULE_COLUMNS:
            batch_op.add_column(column(name))
    for name in _RULE_COLUMNS:
        op.execute(
            f"UPDATE run_hits SET {name} = (SELECT r.{name} FROM run_rules AS r "
            f"WHERE r.run_id = run_hits.run_id AND r.number = run_hits.rule_number)"
        )
    with op.batch_alter_table('run_hits', schema=None) as batch_op:
        for name in _RULE_COLUMNS:
            batch_op.alter_column(name, existing_type=column(name).type, nullable=False)
        batch_op.drop_column('rule_number')
    with op.batch_alter_table('run_obligations', schema=None) as batch_op:
        for name in (*_MACHINE_COLUMNS, *_CONTRACT_COLUMNS):
            batch_op.alter_column(name, existing_type=column(name).type, nullable=False)
    op.drop_table('run_contracts')
    op.drop_table('run_machines')
    op.drop_table('run_rules')
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite >= 3.35 drops a column in place (see upgrade: no batch copy of a parent table).
        op.execute('ALTER TABLE evaluation_runs DROP COLUMN fingerprint_scheme')
    else:
        op.drop_column('evaluation_runs', 'fingerprint_scheme')
