"""party listings end: the last day a listing row (and the policy text it carries) held

Revision ID: 0011_packs_listing_until
Revises: 0010_licence_register
Create Date: 2026-12-04 09:00:00

An Entity List row's licence review policy changes over time (SMIC's rows denied only items
for 10 nm and below from 18 Dec 2020 and everything but 200 mm items from 2 Dec 2024), so a
back-dated run must read the text that stood on its day. A listing row records the last day it
held (``until``, inclusive); null means it still holds. Nullable: existing rows are current.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_packs_listing_until"
down_revision = "0010_licence_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("party_listings") as batch:
        batch.add_column(sa.Column("until", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("party_listings") as batch:
        batch.drop_column("until")
