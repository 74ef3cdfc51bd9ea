"""Round-trip and mutation tests of the importer.

Tests marked ``importer`` need the whole import pipeline (readers, anchoring, the
``golocheck.importing.import_bytes`` entry point). While ``assemble`` is still the
placeholder that finds no report, they are skipped — not failed — with the reason
"import pipeline not yet merged"; the renderers' own tests run regardless.
"""

from __future__ import annotations

import pytest

from roundtrip.pipeline import pipeline_missing


def pytest_configure(config):
    config.addinivalue_line("markers", "importer: needs the import pipeline (skipped while assemble is the placeholder)")


def pytest_runtest_setup(item):
    if item.get_closest_marker("importer") is not None:
        reason = pipeline_missing()
        if reason:
            pytest.skip(reason)
