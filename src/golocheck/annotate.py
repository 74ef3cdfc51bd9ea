"""``--annotate``: a copy of a Word document with each finding as a comment in its margin.

A drafting office fixes its Word file, so the findings go where it reads: one Word comment
(author "golocheck", initials "GC"; text: code, severity, message, basis) per finding,
anchored at the paragraph or table cell the finding's place names (the DocxPlace the
DOCX reader recorded: the same count of paragraphs and the same reading of merged cells,
:func:`~golocheck.importing.readers.docx.body_items` and ``table_rows``). A finding with
no place in the document (metadata, a whole-file finding) is listed in one comment on the
first paragraph.

The copy is the original archive entry by entry, with word/document.xml rewritten (the
comment ranges and references added), word/comments.xml added or appended to, and its
relationship and content type declared when they are not. The original is only read.
lxml rewrites the XML because it keeps every namespace prefix and declaration as written
(Word's mc:Ignorable names prefixes; ElementTree would rename them), and it is told not
to resolve entities or reach the network: the document is untrusted.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from golocheck.diagnostics import DocxPlace
from golocheck.i18n import word
from golocheck.importing.readers.docx import MAX_ENTRIES, MAX_TOTAL_BYTES, W, body_items, table_rows

AUTHOR, INITIALS = "golocheck", "GC"
WORD_NS = W[1:-1]
_R = "http://schemas.openxmlformats.org/package/2006/relationships"
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
DOCUMENT, COMMENTS = "word/document.xml", "word/comments.xml"
RELS, CONTENT_TYPES = "word/_rels/document.xml.rels", "[Content_Types].xml"
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class AnnotateError(Exception):
    """The document cannot be annotated (its parts cannot be read): one line, in Chinese and
    in English (:meth:`say`)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en

    def say(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Annotated:
    data: bytes
    placed: int  # comments anchored at a finding's place
    unplaced: int  # findings listed in the comment at the top


def comment_text(d, lang: str) -> str:
    """What a finding's comment says: code and severity, the message, the basis."""
    head = f"{d.code} {word(lang, d.severity.value)}{word(lang, 'colon')}{d.message.get(lang)}"
    if d.basis is None:
        return head
    return f"{head}\n{word(lang, 'basis')}{word(lang, 'colon')}{d.basis.get(lang)}"


def annotate(raw: bytes, diagnostics, lang: str = "zh") -> Annotated:
    """The annotated copy of the document ``raw`` (bytes of a .docx) for ``diagnostics``."""
    from lxml import etree

    try:
        source = zipfile.ZipFile(io.BytesIO(raw))
        infos = source.infolist()
        if len(infos) > MAX_ENTRIES or sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
            raise AnnotateError("压缩包大于任何报告", "the archive is larger than any report")  # the reader refused it too (I004)
        parts = {info.filename: source.read(info) for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise AnnotateError(f"不是可读的 .docx（{type(exc).__name__}）", f"not a readable .docx ({type(exc).__name__})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False)

    def tree(name: str):
        if b"<!DOCTYPE" in parts[name] or b"<!ENTITY" in parts[name]:  # Word never writes one (as the reader)
            raise AnnotateError(f"{name} 含有文档类型定义（DTD）", f"{name} contains a document type definition (DTD)")
        try:
            return etree.fromstring(parts[name], parser)
        except etree.XMLSyntaxError as exc:
            raise AnnotateError(f"{name} 不是有效的 XML（{exc}）", f"{name} is not well-formed XML ({exc})") from None

    if DOCUMENT not in parts:
        raise AnnotateError(f"缺少 {DOCUMENT}", f"{DOCUMENT} is missing")
    document = tree(DOCUMENT)
    body = document.find(f"{W}body")
    if body is None:
        raise AnnotateError(f"{DOCUMENT} 中没有正文（w:body）", f"{DOCUMENT} has no body (w:body)")
    rels = tree(RELS) if RELS in parts else etree.Element(f"{{{_R}}}Relationships", nsmap={None: _R})
    comments_part = _comments_part(rels)  # where the document keeps its comments, if it has any
    comments = tree(comments_part) if comments_part in parts else etree.Element(f"{W}comments", nsmap={"w": WORD_NS})
    anchors = _Anchors(body)
    ids = [int(v) for node in (*comments.iter(f"{W}comment"), *document.iter(f"{W}commentRangeStart"))
           if (v := node.get(f"{W}id")) is not None and v.lstrip("-").isdigit()]
    next_id = max(ids, default=-1) + 1
    placed, unplaced = [], []
    for d in diagnostics:
        target = anchors.find(d.location.place) if isinstance(d.location.place, DocxPlace) else None
        if target is None:
            unplaced.append(d)
        else:
            placed.append((target, comment_text(d, lang)))
    if unplaced:
        lines = [word(lang, "annotate_unplaced")] + [f"• {comment_text(d, lang)}" for d in unplaced]
        placed.insert(0, ([anchors.first_paragraph()], "\n".join(lines)))
    for paragraphs, text in placed:
        _anchor(paragraphs, next_id)
        comments.append(_comment(next_id, text))
        next_id += 1

    parts[DOCUMENT] = _xml(document, etree)
    parts[comments_part] = _xml(comments, etree)
    parts[RELS] = _declared_relationship(rels, etree)
    if CONTENT_TYPES not in parts:
        raise AnnotateError(f"缺少 {CONTENT_TYPES}", f"{CONTENT_TYPES} is missing")
    parts[CONTENT_TYPES] = _declared_type(tree(CONTENT_TYPES), comments_part, etree)
    return Annotated(_archive(infos, parts), len(placed) - bool(unplaced), len(unplaced))


class _Anchors:
    """DocxPlace -> the paragraphs (w:p) a comment on it spans, as the reader counts them."""

    def __init__(self, body) -> None:
        self.body = body
        self.paragraphs: dict[int, object] = {}
        self.tables: dict[int, object] = {}
        for kind, number, node in body_items(body):
            (self.paragraphs if kind == "paragraph" else self.tables)[number] = node
        self._cells: dict[int, dict[tuple[int, int], object]] = {}

    def find(self, place: DocxPlace):
        if place.paragraph is not None:
            p = self.paragraphs.get(place.paragraph)
            return [p] if p is not None else None
        if place.table is None or place.table not in self.tables:
            return None
        cells = self._cells.get(place.table)
        if cells is None:
            cells = self._cells[place.table] = _cell_map(self.tables[place.table])
        # the table as a whole (its grid's place): its first cell
        tc = cells.get((place.row or 1, place.column or 1))
        if tc is None:
            return None
        paragraphs = tc.findall(f"{W}p")
        if not paragraphs:  # a cell must hold a paragraph; a damaged one may not
            from lxml import etree

            paragraphs = [etree.SubElement(tc, f"{W}p")]
        return paragraphs

    def first_paragraph(self):
        if self.paragraphs:
            return self.paragraphs[min(self.paragraphs)]
        from lxml import etree

        p = etree.Element(f"{W}p")
        self.body.insert(0, p)
        return p


def _cell_map(tbl) -> dict[tuple[int, int], object]:
    """(row, column), 1-based, -> the w:tc shown there; a position a merge covers -> the cell
    the merge starts at (as the reader repeats that cell's text there)."""
    origin: dict[tuple[int, int], object] = {}
    for r, _, cells in table_rows(tbl):
        for c, span, continues, tc in cells:
            for k in range(span):
                above = origin.get((r, c + k + 1)) if continues else None
                origin[(r + 1, c + k + 1)] = above if above is not None else tc
    return origin


def _anchor(paragraphs, comment_id: int) -> None:
    """commentRangeStart at the start of the first paragraph (after its properties),
    commentRangeEnd and the reference run at the end of the last."""
    from lxml import etree

    first, last = paragraphs[0], paragraphs[-1]
    start = etree.Element(f"{W}commentRangeStart")
    start.set(f"{W}id", str(comment_id))
    ppr = first.find(f"{W}pPr")
    first.insert(first.index(ppr) + 1 if ppr is not None else 0, start)
    end = etree.SubElement(last, f"{W}commentRangeEnd")
    end.set(f"{W}id", str(comment_id))
    run = etree.SubElement(last, f"{W}r")
    reference = etree.SubElement(run, f"{W}commentReference")
    reference.set(f"{W}id", str(comment_id))


def _comment(comment_id: int, text: str):
    from lxml import etree

    comment = etree.Element(f"{W}comment")
    comment.set(f"{W}id", str(comment_id))
    comment.set(f"{W}author", AUTHOR)
    comment.set(f"{W}initials", INITIALS)
    for line in _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text).split("\n"):
        t = etree.SubElement(etree.SubElement(etree.SubElement(comment, f"{W}p"), f"{W}r"), f"{W}t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
    return comment


def _comments_part(rels) -> str:
    """The part name of the document's comments: its relationship's target (relative to
    word/, or absolute), else word/comments.xml."""
    import posixpath

    for rel in rels.iter(f"{{{_R}}}Relationship"):
        target = rel.get("Type") == _COMMENTS_REL and rel.get("TargetMode") != "External" and rel.get("Target")
        if target:
            name = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
            if not name.startswith(".."):
                return name
    return COMMENTS


def _declared_relationship(rels, etree) -> bytes:
    if not any(r.get("Type") == _COMMENTS_REL for r in rels.iter(f"{{{_R}}}Relationship")):
        taken = {r.get("Id") for r in rels.iter(f"{{{_R}}}Relationship")}
        number = 1
        while f"rId{number}" in taken:
            number += 1
        rel = etree.SubElement(rels, f"{{{_R}}}Relationship")
        rel.set("Id", f"rId{number}")
        rel.set("Type", _COMMENTS_REL)
        rel.set("Target", "comments.xml")
    return _xml(rels, etree)


def _declared_type(types, part: str, etree) -> bytes:
    if not any((o.get("PartName") or "").lower() == "/" + part.lower() for o in types.iter(f"{{{_CT}}}Override")):
        override = etree.SubElement(types, f"{{{_CT}}}Override")
        override.set("PartName", "/" + part)
        override.set("ContentType", _COMMENTS_TYPE)
    return _xml(types, etree)


def _xml(root, etree) -> bytes:
    """A part as Word writes it: the declaration in double quotes, then the element."""
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + etree.tostring(root, encoding="UTF-8")


def _archive(infos, parts: dict[str, bytes]) -> bytes:
    """The entries in their original order, each with its original name, time and
    compression; new parts (comments, relationships) after them, timed as the document."""
    out = io.BytesIO()
    document_time = next((i.date_time for i in infos if i.filename == DOCUMENT), (1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in infos:
            data = parts.pop(info.filename, None)
            if data is not None:  # a name the archive holds twice: written once
                archive.writestr(info, data)
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, document_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


# -- the command line's side: which copies to write, and writing them ----------------------


class AnnotateUsage(Exception):
    """--annotate cannot be done as given: a usage error (one line, exit 2)."""


def plan_targets(out, jobs, lang: str, others=()) -> dict[str, object]:
    """Result path (a job's display) -> the path of its annotated copy, decided before
    checking. ``out`` a directory: every Word input (.docx) gets a copy there under its own
    name (other inputs are not annotated). Otherwise ``out`` is the copy of the one input,
    which must be a Word document: several inputs need a directory. No copy may be an input
    (or ``others``, such as --output-file), and no two copies the same file."""
    import os
    from pathlib import Path

    from golocheck.inputs import document_kind

    out = Path(out)
    words = lambda key, **args: word(lang, key, **args)  # noqa: E731
    if out.is_dir():
        targets = {job.display: out / Path(job.display).name for job in jobs if document_kind(job.display) == "docx"}
        if not targets:
            raise AnnotateUsage(words("annotate_no_docx"))
    else:
        if len(jobs) != 1:
            raise AnnotateUsage(words("annotate_needs_dir", count=len(jobs)))
        if document_kind(jobs[0].display) != "docx":
            raise AnnotateUsage(words("annotate_not_docx", path=jobs[0].display))
        if out.suffix.lower() != ".docx":
            raise AnnotateUsage(words("annotate_suffix", path=out))
        if not out.parent.is_dir() and str(out.parent) != "":
            raise AnnotateUsage(words("import_no_parent", path=out, parent=out.parent))
        targets = {jobs[0].display: out}
    seen: dict[str, str] = {}
    inputs = [job.path for job in jobs if job.path is not None] + [p for p in others if p is not None]
    for display, target in targets.items():
        key = os.path.realpath(target)
        if key in seen:
            raise AnnotateUsage(words("import_same_output", path=target))
        seen[key] = display
        for source in inputs:
            try:
                same = os.path.realpath(source) == key or (target.exists() and os.path.samefile(source, target))
            except OSError:
                same = False
            if same:
                raise AnnotateUsage(words("import_is_input", path=target))
    return targets


def write_copies(targets: dict, noted: dict, sources: dict, lang: str, quiet: bool) -> None:
    """Write each annotated copy (atomically) from its input's bytes, read again here.
    ``noted``: display -> (whether the document could be read, its findings); ``sources``:
    display -> the job's path, or its bytes for standard input. A document that could not
    be read is not annotated (its finding says why; a note on standard error); any other
    copy that cannot be made or written is an AnnotateUsage (exit 2): never a silent gap."""
    import sys

    from golocheck.outcome import OutputError, write_or_fail

    for display, target in targets.items():
        if display not in noted:
            continue  # not checked (the run stopped)
        readable, diagnostics = noted[display]
        source = sources[display]
        try:
            raw = source if isinstance(source, bytes) else source.read_bytes()
            copy = annotate(raw, diagnostics, lang)
        except AnnotateError as exc:
            reason = word(lang, "annotate_failed", path=display, reason=exc.say(lang))
            if readable:
                raise AnnotateUsage(reason) from None
            sys.stderr.write(f"golocheck: {reason}\n")
            continue
        except OSError as exc:  # the input vanished since it was checked
            raise AnnotateUsage(word(lang, "annotate_failed", path=display, reason=exc.strerror or exc)) from None
        try:
            write_or_fail(target, copy.data, "--annotate")
        except OutputError as exc:
            raise AnnotateUsage(str(exc)) from None
        if not quiet:
            sys.stderr.write(f"golocheck: {word(lang, 'annotate_wrote', path=target, placed=copy.placed, unplaced=copy.unplaced)}\n")
