"""facts the rule packs read: US-person service per contract, subject-to-EAR facts per model

Revision ID: 0007_packs_subject_facts
Revises: 0006_import_unknowns
Create Date: 2026-12-03 09:30:00

15 CFR 744.6 binds only where US persons take part in a service, so a contract records
whether they do (``contracts.us_person_service``). Whether a non-US tool is subject to the EAR
turns on its US-origin content (de minimis, 734.4) and on whether it is a direct product of US
technology (734.9), so equipment models record ``us_origin``, ``us_content_pct`` and
``us_direct_product``. All nullable: not recorded reads as unknown.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_packs_subject_facts"
down_revision = "0006_import_unknowns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contracts") as batch:
        batch.add_column(sa.Column("us_person_service", sa.Boolean(), nullable=True))
    with op.batch_alter_table("equipment_models") as batch:
        batch.add_column(sa.Column("us_origin", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("us_content_pct", sa.Float(), nullable=True))
        batch.add_column(sa.Column("us_direct_product", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("equipment_models") as batch:
        batch.drop_column("us_direct_product")
        batch.drop_column("us_content_pct")
        batch.drop_column("us_origin")
    with op.batch_alter_table("contracts") as batch:
        batch.drop_column("us_person_service")
