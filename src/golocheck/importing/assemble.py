"""Document -> report data: format detection, table anchoring, sections, metadata.

The one entry point the importer calls after a reader. Until anchoring is in place this
finds nothing: an imported document gives no report, and the caller says so.
"""

from __future__ import annotations

from golocheck.importing import ImportOptions, ImportResult
from golocheck.importing.document import Document


def assemble(document: Document, options: ImportOptions) -> ImportResult:
    return ImportResult(report=None)
