"""Typed SQLAlchemy 2 tables of the installed-base book.

Every editable record carries ``version`` (optimistic concurrency: two analysts cannot silently
overwrite each other) and ``batch_id`` (the import batch that last wrote it, for the audit trail).
``fabs.advanced_node`` is derived from the technology columns on every write so that views can
filter and sort on it in SQL.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class _Tracked:
    """Columns every editable record has: concurrency version, timestamps, source batch."""

    version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class ImportBatchRow(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    sheets: Mapped[str | None] = mapped_column(Text)
    profile: Mapped[str | None] = mapped_column(String(200))
    counts_json: Mapped[str] = mapped_column(Text, default="{}")
    user_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    status: Mapped[str] = mapped_column(String(20), default="committed")


class CustomerRow(_Tracked, Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    local_name: Mapped[str | None] = mapped_column(String(300))
    hq_country: Mapped[str] = mapped_column(String(2))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))

    aliases: Mapped[list[CustomerAliasRow]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="CustomerAliasRow.id"
    )


class CustomerAliasRow(Base):
    __tablename__ = "customer_aliases"
    __table_args__ = (UniqueConstraint("customer_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    script: Mapped[str] = mapped_column(String(20), default="latin")

    customer: Mapped[CustomerRow] = relationship(back_populates="aliases")


class FabRow(_Tracked, Base):
    __tablename__ = "fabs"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    region: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    process_type: Mapped[str | None] = mapped_column(String(20))
    logic_node_nm: Mapped[float | None] = mapped_column(Float)
    architecture: Mapped[str | None] = mapped_column(String(20))
    dram_half_pitch_nm: Mapped[float | None] = mapped_column(Float)
    nand_layers: Mapped[int | None] = mapped_column(Integer)
    wafer_size_mm: Mapped[int | None] = mapped_column(Integer)
    advanced_node: Mapped[bool | None] = mapped_column(Boolean)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))


class EquipmentModelRow(_Tracked, Base):
    __tablename__ = "equipment_models"
    __table_args__ = (UniqueConstraint("vendor", "model_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor: Mapped[str] = mapped_column(String(100))
    model_code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(40), index=True)
    class_us: Mapped[str | None] = mapped_column(String(40))
    class_eu: Mapped[str | None] = mapped_column(String(40))
    class_nl: Mapped[str | None] = mapped_column(String(40))
    class_jp: Mapped[str | None] = mapped_column(String(40))
    class_kr: Mapped[str | None] = mapped_column(String(40))
    wavelength_nm: Mapped[float | None] = mapped_column(Float)
    numerical_aperture: Mapped[float | None] = mapped_column(Float)
    overlay_nm: Mapped[float | None] = mapped_column(Float)
    throughput_wph: Mapped[float | None] = mapped_column(Float)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))


class MachineRow(_Tracked, Base):
    __tablename__ = "machines"
    __table_args__ = (UniqueConstraint("vendor", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor: Mapped[str] = mapped_column(String(100))
    serial: Mapped[str] = mapped_column(String(100), index=True)
    model_id: Mapped[int] = mapped_column(ForeignKey("equipment_models.id"), index=True)
    fab_id: Mapped[int] = mapped_column(ForeignKey("fabs.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="installed")
    ship_date: Mapped[date | None] = mapped_column(Date)
    install_date: Mapped[date | None] = mapped_column(Date, index=True)
    shipped_under_licence: Mapped[str | None] = mapped_column(String(100))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))


class ContractRow(_Tracked, Base):
    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(300))
    signed_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date, index=True)
    value: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3))
    renewal: Mapped[str | None] = mapped_column(String(200))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))


class ObligationRow(Base):
    __tablename__ = "obligations"
    __table_args__ = (
        UniqueConstraint("contract_id", "machine_id", "service_type"),
        Index("ix_obligations_machine_id", "machine_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    machine_id: Mapped[int] = mapped_column(ForeignKey("machines.id"))
    service_type: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))


class LicenceRow(_Tracked, Base):
    __tablename__ = "licences"
    __table_args__ = (UniqueConstraint("authority", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    authority: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    fab_id: Mapped[int | None] = mapped_column(ForeignKey("fabs.id"))
    machine_id: Mapped[int | None] = mapped_column(ForeignKey("machines.id"))
    service_types: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str | None] = mapped_column(Text)


class PartyListingRow(Base):
    __tablename__ = "party_listings"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    fab_id: Mapped[int | None] = mapped_column(ForeignKey("fabs.id", ondelete="CASCADE"))
    list_code: Mapped[str] = mapped_column(String(40))
    footnote: Mapped[str | None] = mapped_column(String(20))
    licence_policy: Mapped[str | None] = mapped_column(Text)
    since: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(300))
