"""Which run a report file claims to be from, read from its document properties.

Both report kinds embed ``workbench-run=<id>;data=<fingerprint>`` in their keywords, so a
sign-off can refuse a file that is not a report of the run being signed. The check reads the
properties only (the PDF information dictionary is stored uncompressed by reportlab, the
workbook's in ``docProps/core.xml``); a PDF is scanned in chunks, never held whole.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from workbench.reports.source import MARKER_PREFIX

_MARKER = re.compile(re.escape(MARKER_PREFIX).encode() + rb"(\d+);data=([0-9a-f]{16,128})")
REPORT_KINDS = {".pdf": "pdf", ".xlsx": "xlsx"}
_CHUNK = 1 << 20
_OVERLAP = 512


@dataclass(frozen=True)
class ReportIdentity:
    kind: str
    run_id: int
    data_fingerprint: str


def report_kind(path: Path) -> str | None:
    return REPORT_KINDS.get(path.suffix.lower())


def identify(path: Path) -> ReportIdentity | None:
    """The run a report names, or None if the file is not a report this application wrote."""
    kind = report_kind(path)
    if kind == "pdf":
        return _scan_pdf(path)
    if kind == "xlsx":
        try:
            with zipfile.ZipFile(path) as archive:
                data = archive.read("docProps/core.xml")[:65536]
        except (zipfile.BadZipFile, KeyError):
            return None
        found = _MARKER.search(data)
        return ReportIdentity(kind, int(found.group(1)), found.group(2).decode()) if found else None
    return None


def _scan_pdf(path: Path) -> ReportIdentity | None:
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            window = tail + chunk
            found = _MARKER.search(window)
            if found:
                return ReportIdentity("pdf", int(found.group(1)), found.group(2).decode())
            tail = window[-_OVERLAP:]
    return None
