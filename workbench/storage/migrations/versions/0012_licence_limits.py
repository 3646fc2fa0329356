"""licence limits in runs: the reason a licence was not counted for a hit

Revision ID: 0012_licence_limits
Revises: 0011_packs_listing_until
Create Date: 2026-12-03 17:00:00

The evaluation now counts obligations against a licence's value and quantity limits; a hit a
licence would have covered but for its limit keeps the sentence saying which limit and why
(``run_hits.licence_note``). Runs stored before have no such note: null, as for every hit whose
licences all counted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0012_licence_limits'
down_revision = '0011_packs_listing_until'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('run_hits', sa.Column('licence_note', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('run_hits', schema=None) as batch_op:
        batch_op.drop_column('licence_note')
