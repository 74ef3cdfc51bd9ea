"""Checks across the reports of one batch (``golocheck --across DIR``, ``golocheck --aggregate MANIFEST DIR``).

A report is checked alone in its worker; what the checks across reports need of it is kept
as a small :class:`signatures.ReportSignature` (its issuer, year and format, each section's
sketch of shingle hashes, and — only for the reports a manifest names — its cells), carried
back with its result. After the stream, :mod:`stage` runs the across-report rules on the
signatures and adds their findings to the results, which are held back until then:

- ``aggregate``: a reviewer's manifest says which report is the sum of which; every cell of
  the format is checked (A001 a difference, A002 what cannot be checked, once per pair);
- ``copies``: sections of two issuers' reports of the same year that are nearly identical
  (A003), found through an inverted index of rare shingles, never by comparing every pair.

Where a finding attaches: an aggregation finding to the total (the report that is the sum),
with each child's value as related locations; a copied section to the report later in the
batch, with the earlier report's section as the related location.
"""
