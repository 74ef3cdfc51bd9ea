"""golocheck — checks 政府信息公开工作年度报告 (annual government information disclosure reports).

The library API is :func:`check`; the command line lives in :mod:`golocheck.cli`.
Heavy modules are imported lazily so that ``golocheck --version`` and the
pre-commit hook start fast.
"""

from __future__ import annotations

__version__ = "0.2.0"

__all__ = ["__version__", "check"]


def check(path, **options):
    """Check one report file and return its diagnostics (a list of :class:`Diagnostic`).

    ``options`` are passed to :func:`golocheck.api.check_file`.
    """
    from golocheck.api import check_file

    return check_file(path, **options)
