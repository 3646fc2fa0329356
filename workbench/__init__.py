"""Compliance Workbench: impact of export restrictions on a vendor's service obligations."""

__version__ = "0.1.0"
