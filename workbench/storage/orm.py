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
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy import false as sa_false
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
    hq_country: Mapped[str | None] = mapped_column(String(2))
    #: "stated" (a file or a user said it), "inferred" (every fab in one country) or None
    #: with the country unknown: rules read an inferred or unknown HQ as a doubt.
    hq_country_basis: Mapped[str | None] = mapped_column(String(10))
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
    # Whether the model (and so its parts and software) is subject to the EAR: US-origin, its
    # US-origin controlled content (de minimis, 15 CFR 734.4), a US direct product (734.9).
    # Null is "not recorded", which rules read as unknown.
    us_origin: Mapped[bool | None] = mapped_column(Boolean)
    us_content_pct: Mapped[float | None] = mapped_column(Float)
    us_direct_product: Mapped[bool | None] = mapped_column(Boolean)
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
    start_date: Mapped[date | None] = mapped_column(Date)  # None: no source states it
    end_date: Mapped[date] = mapped_column(Date, index=True)
    value: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3))
    renewal: Mapped[str | None] = mapped_column(String(200))
    # US persons (employees, contractors) take part in performing this contract's services:
    # 15 CFR 744.6 applies only then. Null is "not recorded" (rules count it).
    us_person_service: Mapped[bool | None] = mapped_column(Boolean)
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
    start_date: Mapped[date | None] = mapped_column(Date)  # None: the contract's is unknown
    end_date: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    #: The export named no services for the line: every service type is assumed covered.
    coverage_assumed: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=sa_false(), nullable=False
    )
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))


class LicenceRow(_Tracked, Base):
    __tablename__ = "licences"
    #: A number may come back with a new validity (a renewal under the same number); the
    #: register refuses overlapping validity of one number (``services.licences``).
    __table_args__ = (UniqueConstraint("authority", "number", "valid_from"),)

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
    #: individual, general (a general or global authorisation) or national (e.g. NL national).
    licence_type: Mapped[str] = mapped_column(
        String(20), default="individual", server_default="individual"
    )
    value_limit: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    limit_currency: Mapped[str | None] = mapped_column(String(3))
    quantity_limit: Mapped[int | None] = mapped_column(Integer)
    conditions: Mapped[str | None] = mapped_column(Text)
    #: Comma-separated scope by model family (a code, or a prefix ending in ``*``) and by
    #: classification (ECCN or annex entry, dotted prefixes): empty means any.
    model_codes: Mapped[str] = mapped_column(Text, default="", server_default="")
    classifications: Mapped[str] = mapped_column(Text, default="", server_default="")


class LicenceScopeRow(Base):
    """One customer, fab or machine a licence names (exactly one of the three is set).

    A licence's scope per kind is the union of these rows and its own ``customer_id``,
    ``fab_id``, ``machine_id`` columns (the single-record scope older books and the generic
    record editor write); kinds with no entry are unrestricted.
    """

    __tablename__ = "licence_scope"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(
        ForeignKey("licences.id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    fab_id: Mapped[int | None] = mapped_column(ForeignKey("fabs.id"))
    machine_id: Mapped[int | None] = mapped_column(ForeignKey("machines.id"))


class LicenceDocumentRow(Base):
    """The licence document as issued, stored in the book with its SHA-256."""

    __tablename__ = "licence_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(
        ForeignKey("licences.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    user_name: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )


class LicenceApplicationRow(_Tracked, Base):
    """A licence application drafted from a run: one authority, one end user."""

    __tablename__ = "licence_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    authority: Mapped[str] = mapped_column(String(40))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluation_runs.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(30), default="draft")
    title: Mapped[str | None] = mapped_column(String(300))
    end_use: Mapped[str | None] = mapped_column(Text)
    end_user_statement: Mapped[str | None] = mapped_column(Text)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(100))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_note: Mapped[str | None] = mapped_column(Text)
    licence_id: Mapped[int | None] = mapped_column(ForeignKey("licences.id", ondelete="SET NULL"))
    user_name: Mapped[str] = mapped_column(String(200))


class LicenceApplicationItemRow(Base):
    """One obligation an application asks for, as the run saw it when it was drafted."""

    __tablename__ = "licence_application_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("licence_applications.id", ondelete="CASCADE"), index=True
    )
    obligation_id: Mapped[int | None] = mapped_column(
        ForeignKey("obligations.id", ondelete="SET NULL"), index=True
    )
    rule_id: Mapped[str] = mapped_column(String(100))
    machine_id: Mapped[int | None] = mapped_column(ForeignKey("machines.id", ondelete="SET NULL"))
    fab_id: Mapped[int | None] = mapped_column(ForeignKey("fabs.id", ondelete="SET NULL"))
    serial: Mapped[str] = mapped_column(String(100))
    vendor: Mapped[str] = mapped_column(String(100))
    model_code: Mapped[str] = mapped_column(String(100))
    classification: Mapped[str | None] = mapped_column(String(200))
    fab_site_code: Mapped[str] = mapped_column(String(64))
    fab_name: Mapped[str] = mapped_column(String(300))
    fab_country: Mapped[str] = mapped_column(String(2))
    fab_address: Mapped[str | None] = mapped_column(Text)
    contract_number: Mapped[str] = mapped_column(String(64))
    service_type: Mapped[str] = mapped_column(String(40))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3))


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
    #: The last day this row held (its policy text was replaced, or the party delisted);
    #: null: it still holds.
    until: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(300))


class OwnershipShareRow(Base):
    """A share one customer (``parent``) holds in another (``child``), as a source stated it
    on ``as_of``: the BIS Affiliates rule (90 FR 47201) restricts entities owned 50 % or more,
    directly or indirectly, by listed parties, so the evaluators aggregate these along chains.
    A later record of the same pair replaces an earlier one from its own date."""

    __tablename__ = "ownership_shares"
    __table_args__ = (UniqueConstraint("parent_customer_id", "child_customer_id", "as_of"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    child_customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    share_pct: Mapped[float] = mapped_column(Float)
    as_of: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(300))


class RulePackRow(_Tracked, Base):
    """A rule pack imported or edited by users; shipped packs stay files under resources/."""

    __tablename__ = "rule_packs"

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    yaml_text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(500))
    user_name: Mapped[str] = mapped_column(String(200))


class ScenarioRow(_Tracked, Base):
    """A scenario created or edited by users (as YAML, the same form as shipped ones)."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    yaml_text: Mapped[str] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(200))


class EvaluationRunRow(Base):
    """An evaluation as it was run: immutable, with everything needed to reproduce it."""

    __tablename__ = "evaluation_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(100), index=True)
    scenario_title: Mapped[str] = mapped_column(String(300))
    as_of: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    user_name: Mapped[str] = mapped_column(String(200))
    app_version: Mapped[str] = mapped_column(String(40))
    rules_json: Mapped[str] = mapped_column(Text)
    rule_hash: Mapped[str] = mapped_column(String(64))
    data_fingerprint: Mapped[str] = mapped_column(String(64))
    #: How ``data_fingerprint`` was computed (``rules.fingerprint.SCHEMES``): runs stored
    #: before the column-wise hash keep scheme 1, so re-computing theirs still matches.
    fingerprint_scheme: Mapped[int] = mapped_column(Integer, server_default="1")
    country_groups: Mapped[str] = mapped_column(String(100))
    obligations_evaluated: Mapped[int] = mapped_column(Integer)
    hit_count: Mapped[int] = mapped_column(Integer)
    duration_seconds: Mapped[float] = mapped_column(Float)
    summary_json: Mapped[str] = mapped_column(Text, default="{}")


class RunRuleRow(Base):
    """A rule as one run evaluated it: what every hit of that rule shares, stored once.

    Hits point to it by ``number`` (the rule's position in the run, ordered by rule id), so a
    hit row carries one small integer instead of the rule's id, version, pack, jurisdiction
    and outcome.
    """

    __tablename__ = "run_rules"
    __table_args__ = (
        UniqueConstraint("run_id", "number"),
        UniqueConstraint("run_id", "rule_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("evaluation_runs.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    rule_id: Mapped[str] = mapped_column(String(100))
    rule_version: Mapped[int] = mapped_column(Integer)
    pack: Mapped[str] = mapped_column(String(100))
    jurisdiction: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str] = mapped_column(String(40))


class RunMachineRow(Base):
    """A machine a run hit, with its model and fab as they were at run time (once per run)."""

    __tablename__ = "run_machines"
    __table_args__ = (UniqueConstraint("run_id", "machine_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("evaluation_runs.id", ondelete="CASCADE"))
    machine_id: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str] = mapped_column(String(100))
    vendor: Mapped[str] = mapped_column(String(100))
    model_code: Mapped[str] = mapped_column(String(100))
    fab_id: Mapped[int] = mapped_column(Integer)
    fab_site_code: Mapped[str] = mapped_column(String(64))
    fab_name: Mapped[str] = mapped_column(String(300))
    fab_country: Mapped[str] = mapped_column(String(2))


class RunContractRow(Base):
    """A contract a run hit, with its customer as it was at run time (once per run)."""

    __tablename__ = "run_contracts"
    __table_args__ = (UniqueConstraint("run_id", "contract_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("evaluation_runs.id", ondelete="CASCADE"))
    contract_id: Mapped[int] = mapped_column(Integer)
    contract_number: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    customer_id: Mapped[int] = mapped_column(Integer)
    customer_name: Mapped[str] = mapped_column(String(300))


class RunObligationRow(Base):
    """An obligation a run hit: its machine and contract (see ``run_machines`` and
    ``run_contracts``), service type and period, as they were at run time."""

    __tablename__ = "run_obligations"
    __table_args__ = (UniqueConstraint("run_id", "obligation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("evaluation_runs.id", ondelete="CASCADE"))
    obligation_id: Mapped[int] = mapped_column(Integer)
    machine_id: Mapped[int] = mapped_column(Integer)
    contract_id: Mapped[int] = mapped_column(Integer)
    service_type: Mapped[str] = mapped_column(String(40))
    obligation_start: Mapped[date | None] = mapped_column(Date)  # None: unknown
    obligation_end: Mapped[date] = mapped_column(Date)


class RunExplanationRow(Base):
    """A distinct explanation text of a run; hits point to it (texts repeat across hits).

    A rule's explanation names only a few facts of the obligation (country, model,
    classification, dates, ...): a run of ~900k hits has ~1,200 distinct texts, each rendered
    once from the rule and those facts' values and shared by every hit with the same values.
    """

    __tablename__ = "run_explanations"
    __table_args__ = (UniqueConstraint("run_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("evaluation_runs.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class RunHitRow(Base):
    """One (obligation, rule) hit of a run: only what differs from hit to hit of a rule.

    The rule (``run_rules``), the obligation's identity (``run_obligations``, ``run_machines``,
    ``run_contracts``) and the explanation text (``run_explanations``) are stored once per run
    and joined on read.
    """

    __tablename__ = "run_hits"
    __table_args__ = (Index("ix_run_hits_run_id_obligation_id", "run_id", "obligation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("evaluation_runs.id", ondelete="CASCADE"))
    obligation_id: Mapped[int] = mapped_column(Integer)
    rule_number: Mapped[int] = mapped_column(Integer)
    final_outcome: Mapped[str] = mapped_column(String(40))
    first_affected: Mapped[date] = mapped_column(Date)
    value_at_risk: Mapped[float] = mapped_column(Float)
    licence_coverage: Mapped[str] = mapped_column(String(30))
    licence_numbers: Mapped[str | None] = mapped_column(Text)
    licence_valid_to: Mapped[date | None] = mapped_column(Date)
    #: Why a licence in scope did not count (its value or quantity limit), or None.
    licence_note: Mapped[str | None] = mapped_column(Text)
    explanation_number: Mapped[int] = mapped_column(Integer)


class ImportProfileRow(_Tracked, Base):
    """A saved column mapping for one kind of export, reused with ``--profile``."""

    __tablename__ = "import_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    mapping_json: Mapped[str] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(200))


class ReportSignoffRow(Base):
    """Who prepared, reviewed or approved which report file (by its SHA-256), and when."""

    __tablename__ = "report_signoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("evaluation_runs.id"), index=True)
    report_kind: Mapped[str] = mapped_column(String(10))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    user_name: Mapped[str] = mapped_column(String(200))
    comment: Mapped[str | None] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )


class ScreeningListVersionRow(Base):
    """One imported file of a restricted-party list; versions are never edited or deleted.

    ``source`` groups the versions that replace each other (``csl`` for trade.gov's list in
    either layout, ``opensanctions``): screening uses the newest version of each source.
    """

    __tablename__ = "screening_list_versions"
    __table_args__ = (Index("ix_screening_list_versions_source_id", "source", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    list_format: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    list_date: Mapped[date | None] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    user_name: Mapped[str] = mapped_column(String(200))
    counts_json: Mapped[str] = mapped_column(Text, default="{}")
    entry_count: Mapped[int] = mapped_column(Integer)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("screening_list_versions.id"))
    diff_json: Mapped[str] = mapped_column(Text, default="{}")


class ScreeningListEntryRow(Base):
    """One entry of one list version, complete enough to rebuild the matcher's input.

    ``content_hash`` digests every field but the key, so a decision can be compared with the
    entry as it reads today without keeping old versions' rows around in memory.
    """

    __tablename__ = "screening_list_entries"
    __table_args__ = (UniqueConstraint("version_id", "entry_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("screening_list_versions.id", ondelete="CASCADE")
    )
    entry_key: Mapped[str] = mapped_column(String(200))
    list_code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    aliases_json: Mapped[str] = mapped_column(Text, default="[]")
    countries: Mapped[str] = mapped_column(Text, default="")
    addresses_json: Mapped[str] = mapped_column(Text, default="[]")
    programs_json: Mapped[str] = mapped_column(Text, default="[]")
    entity_type: Mapped[str | None] = mapped_column(String(40))
    source_name: Mapped[str | None] = mapped_column(Text)
    entity_number: Mapped[str | None] = mapped_column(String(40))
    federal_register_notice: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    licence_requirement: Mapped[str | None] = mapped_column(Text)
    licence_policy: Mapped[str | None] = mapped_column(Text)
    footnotes: Mapped[str] = mapped_column(String(60), default="")
    policy_category: Mapped[str | None] = mapped_column(String(40))
    remarks: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))


class ScreeningRunRow(Base):
    """One screening of every customer and fab against the newest list versions."""

    __tablename__ = "screening_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    user_name: Mapped[str] = mapped_column(String(200))
    trigger: Mapped[str] = mapped_column(String(100))
    threshold: Mapped[int] = mapped_column(Integer)
    version_ids: Mapped[str] = mapped_column(String(200))
    parties: Mapped[int] = mapped_column(Integer)
    new_count: Mapped[int] = mapped_column(Integer)
    reraised_count: Mapped[int] = mapped_column(Integer)
    unchanged_count: Mapped[int] = mapped_column(Integer)
    dropped_count: Mapped[int] = mapped_column(Integer)
    duration_seconds: Mapped[float] = mapped_column(Float)


class ScreeningMatchRow(Base):
    """A potential match of a customer or fab with a list entry, and its review decision.

    A decided row is never reopened by screening: when its entry changes, a new potential row
    ``supersedes`` it, so the old decision stays readable. ``suggested_by_id`` marks a
    subsidiary's row raised because its group parent was confirmed.
    """

    __tablename__ = "screening_matches"
    __table_args__ = (
        Index("ix_screening_matches_party", "party_kind", "party_id", "entry_key"),
        Index("ix_screening_matches_status_score", "status", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    party_kind: Mapped[str] = mapped_column(String(10))
    party_id: Mapped[int] = mapped_column(Integer)
    entry_key: Mapped[str] = mapped_column(String(200))
    list_version_id: Mapped[int] = mapped_column(ForeignKey("screening_list_versions.id"))
    list_code: Mapped[str] = mapped_column(String(100))
    score: Mapped[int] = mapped_column(Integer)
    explanation: Mapped[str] = mapped_column(Text)
    matched_name: Mapped[str] = mapped_column(Text)
    query_name: Mapped[str] = mapped_column(Text)
    entry_content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="potential")
    reviewer: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    history_json: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    run_id: Mapped[int | None] = mapped_column(ForeignKey("screening_runs.id"), index=True)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("screening_matches.id"))
    suggested_by_id: Mapped[int | None] = mapped_column(ForeignKey("screening_matches.id"))


class AuditEventRow(Base):
    """One entry of the append-only, hash-chained audit trail (see ``storage.audit_log``).

    ``seq`` is assigned by the writer holding the chain head, not by the database, so the chain
    order is exactly the commit order and has no gaps. A packed insert of many rows (an import)
    is one entry: ``record_id``..``record_id_to`` bound the ids and ``new_value`` lists them
    with their natural keys, which keeps the trail's cost a small part of a bulk insert.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_table_record", "table_name", "record_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int | None] = mapped_column(Integer)
    record_id_to: Mapped[int | None] = mapped_column(Integer)
    natural_key: Mapped[str | None] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(100))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    cause_kind: Mapped[str] = mapped_column(String(30))
    cause_id: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str | None] = mapped_column(Text)
    reverts: Mapped[str | None] = mapped_column(String(200))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHeadRow(Base):
    """The one row holding the newest ``seq`` and hash: appends lock it, so writers queue.

    It also catches a trail cut short at its end, which a chain alone cannot show.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class UserRoleRow(Base):
    """A user's role in a SQLite book (PostgreSQL books use database roles instead)."""

    __tablename__ = "user_roles"

    user_name: Mapped[str] = mapped_column(String(200), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    granted_by: Mapped[str] = mapped_column(String(200))
    granted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )


class BookSettingRow(Base):
    """A setting of the book itself, shared by everyone who opens it (the own company)."""

    __tablename__ = "book_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )
