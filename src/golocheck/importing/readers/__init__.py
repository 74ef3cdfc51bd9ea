"""One reader per input kind: bytes of a file -> a Document (see importing.document).

A reader raises :class:`golocheck.importing.ImportRefused` for a file it cannot read at
all (an encoding it cannot decode, a damaged archive); it never returns a partial
document silently.
"""
