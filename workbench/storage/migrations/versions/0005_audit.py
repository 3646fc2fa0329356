"""audit trail, chain head, user roles

Revision ID: 0005_audit
Revises: 0004_screening
Create Date: 2026-11-29 17:44:42.107880

The audit trail is append-only: triggers refuse UPDATE and DELETE of its rows on both backends
(and TRUNCATE on PostgreSQL), and refuse moving the chain head backwards or deleting it. The
table owner can still drop a trigger; ``workbench audit verify`` is what proves a trail intact.

On PostgreSQL the three team roles (``workbench_viewer`` < ``workbench_analyst`` <
``workbench_approver``) are created when the migrating login may create roles, and granted
privileges on every table when they exist; the audit trail is never updatable through them.
Otherwise a database administrator runs the SQL printed by ``workbench roles sql`` once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_audit'
down_revision = '0004_screening'
branch_labels = None
depends_on = None

GENESIS = '0' * 64

_SQLITE_GUARDS = (
    """CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    """CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
    """CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
    BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END""",
    """CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head
    WHEN NEW.seq < OLD.seq
    BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END""",
)

_PG_GUARDS = (
    """CREATE FUNCTION workbench_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP;
    END $$""",
    """CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION workbench_audit_append_only()""",
    """CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION workbench_audit_append_only()""",
    """CREATE FUNCTION workbench_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq THEN
            RAISE EXCEPTION 'the audit chain head only moves forward';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE OR DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION workbench_audit_head_forward()""",
)

# Roles are cluster-wide: several databases may migrate at once, so "already exists" is fine.
_PG_ROLES = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user
               AND (rolcreaterole OR rolsuper)) THEN
        BEGIN CREATE ROLE workbench_viewer NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        BEGIN CREATE ROLE workbench_analyst NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        BEGIN CREATE ROLE workbench_approver NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
        GRANT workbench_viewer TO workbench_analyst;
        GRANT workbench_analyst TO workbench_approver;
    END IF;
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN
        ('workbench_viewer', 'workbench_analyst', 'workbench_approver')) = 3 THEN
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO workbench_viewer;
        GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO workbench_analyst;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO workbench_analyst;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO workbench_viewer;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public
            GRANT INSERT, UPDATE, DELETE ON TABLES TO workbench_analyst;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public
            GRANT USAGE ON SEQUENCES TO workbench_analyst;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_events
            FROM PUBLIC, workbench_viewer, workbench_analyst, workbench_approver;
    END IF;
END $$
"""


def upgrade() -> None:
    op.create_table('audit_chain_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain_head'))
    )
    op.create_table('audit_events',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('record_id_to', sa.Integer(), nullable=True),
    sa.Column('natural_key', sa.Text(), nullable=True),
    sa.Column('field', sa.String(length=100), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('cause_kind', sa.String(length=30), nullable=False),
    sa.Column('cause_id', sa.String(length=200), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('reverts', sa.String(length=200), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index('ix_audit_events_table_record', ['table_name', 'record_id'], unique=False)

    op.create_table('user_roles',
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('granted_by', sa.String(length=200), nullable=False),
    sa.Column('granted_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('user_name', name=op.f('pk_user_roles'))
    )
    op.execute(
        sa.text('INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, :genesis)')
        .bindparams(genesis=GENESIS)
    )
    backend = op.get_bind().dialect.name
    for statement in _SQLITE_GUARDS if backend == 'sqlite' else _PG_GUARDS:
        op.execute(statement)
    if backend == 'postgresql':
        op.execute(_PG_ROLES)


def downgrade() -> None:
    backend = op.get_bind().dialect.name
    if backend == 'sqlite':
        for name in ('audit_events_no_update', 'audit_events_no_delete',
                     'audit_chain_head_no_delete', 'audit_chain_head_forward'):
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
    op.drop_table('user_roles')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_table_record')

    op.drop_table('audit_events')
    op.drop_table('audit_chain_head')
    if backend == 'postgresql':
        op.execute('DROP FUNCTION IF EXISTS workbench_audit_append_only()')
        op.execute('DROP FUNCTION IF EXISTS workbench_audit_head_forward()')
