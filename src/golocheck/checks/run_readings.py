"""N040: a figure of the text against a run of digits the import could not split.

A flattened table row such as 行政规范性文件 ``77132470`` has many readings (7/7/132470,
77/1/32470 …), so its cells stay absent and no text figure is compared with them. But
when the text names a figure for a cell of that row and no reading gives it, the text
contradicts the table whatever the reading: a proven contradiction. The same holds for
several figures of one run that no single reading gives together (制发 77 件 and 现行有效
393 件). When some reading agrees, nothing is said: the run stays unread (I031).

The readings come from the report's ``run_readings`` (written by golocheck import); the
figures from the phrase catalogue (golocheck.narrative.figures), as for N001.
"""

from __future__ import annotations

from decimal import Decimal

from golocheck.checks.arithmetic import number_text
from golocheck.checks.paramtypes import NO_PARAMS
from golocheck.diagnostics import Finding, Location, Text

SHOWN = 5  # readings quoted as examples in a message


def _runs(ctx) -> dict[str, tuple[dict, int]]:
    """cell id -> (run entry, column index) for every cell of an unread run."""
    table_cells = {cell.pointer: cell_id for cell_id, cell in ctx.format.cell_map.items()}
    found: dict[str, tuple[dict, int]] = {}
    entries = ctx.data.get("run_readings")
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict) or not isinstance(entry.get("columns"), list) or not isinstance(entry.get("readings"), list):
            continue
        for index, column in enumerate(entry["columns"]):
            cell_id = table_cells.get(f"{entry.get('pointer')}/{column}")
            if cell_id is not None:
                found[cell_id] = (entry, index)
    return found


def _reading_text(ctx, entry: dict, reading) -> str:
    """77/1/32470: the reading's figures in the run's column order."""
    return "/".join(number_text(Decimal(str(v))) for v in reading)


def _agrees(q, value) -> bool:
    try:
        return q.admits(Decimal(str(value)))
    except (ArithmeticError, ValueError):
        return True  # not a figure: nothing is proven


class RunReadingsAgainstText:
    """A text figure (or the figures of one run together) that no reading of the run gives."""

    params_schema = NO_PARAMS

    @staticmethod
    def run(ctx, rule):
        cells = _runs(ctx)
        if not cells:
            return
        report_year = ctx.report_year()
        from golocheck.narrative.document import document
        from golocheck.narrative.figures import scaled, table_mentions

        by_run: dict[int, tuple[dict, list]] = {}
        for mention in table_mentions(document(ctx), ctx.format.id):
            if mention.subunit or mention.phrase.category:
                # a part of the issuer (at most the table's) or a category that includes the row's
                # kind (at least the table's, and a warning at that: N051): equality proves nothing
                continue
            if mention.of_another_period(report_year):
                continue  # 梳理历年印发的…90份: a count over other years than the report's (phrase catalogue other_period)
            strict, _ = mention.readings(ctx.format.id)
            # every reading of the phrase must be one cell of the same unread run: a figure that
            # may mean a sum, or a cell elsewhere, proves nothing here
            targets = [cells.get(ids[0]) if len(ids) == 1 else None for ids in strict]
            if not targets or any(t is None for t in targets) or len({id(t[0]) for t in targets}) != 1:
                continue
            entry = targets[0][0]
            q = scaled(mention.quantity, ctx.cell(strict[0][0]).cell.unit)
            by_run.setdefault(id(entry), (entry, []))[1].append((mention, q, [t[1] for t in targets], strict[0][0]))
        for entry, figures in by_run.values():
            readings = [r for r in entry["readings"] if isinstance(r, list) and len(r) == len(entry["columns"])]
            if not readings:
                continue

            def fits(reading, figure) -> bool:
                _, q, columns, _ = figure
                return any(_agrees(q, reading[c]) for c in columns)

            alone = [f for f in figures if not any(fits(r, f) for r in readings)]
            if alone:
                shown = alone
            elif not any(all(fits(r, f) for f in figures) for r in readings):
                shown = figures[-1:]  # each agrees with some reading, no reading with all: said once, at the last
            else:
                continue
            together = len(alone) == 0
            for figure in shown:
                mention, q, _, cell_id = figure
                # the readings the text's other figures agree with come first: the likeliest ones
                others = [f for f in figures if f is not figure]
                ranked = sorted(readings, key=lambda r: -sum(fits(r, f) for f in others))
                yield _finding(ctx, entry, ranked, mention, cell_id, figures if together else [figure])


def _names(ctx, cell_id: str) -> tuple[Text, Text]:
    """(row, column) of a cell in both languages: 行政规范性文件, 现行有效件数."""
    cell = ctx.cell(cell_id).cell
    zh, en = cell.label.zh.split(" · "), cell.short.en.split(" / ")
    return Text(zh[0], en[0]), Text(zh[-1], en[-1])


def _finding(ctx, entry, readings, mention, cell_id, named) -> Finding:
    row, _ = _names(ctx, cell_id)
    examples = [_reading_text(ctx, entry, r) for r in readings[:SHOWN]]
    more = (f"……（共 {len(readings)} 种）", f" … ({len(readings)} in all)") if len(readings) > SHOWN else ("", "")
    figures = [(_names(ctx, c)[1], m.figure) for m, _, _, c in named]
    columns = [_names(ctx, c)[1] for c in _row_cells(ctx, entry)]
    block = mention.block
    args = {
        **block.where(mention.quantity.start, mention.quantity.end),
        "figures": Text("、".join(f"{n.zh} {f}" for n, f in figures), ", ".join(f"{n.en} {f}" for n, f in figures)),
        "digits": entry.get("digits", ""),
        "count": len(readings),
        "columns": Text("/".join(c.zh for c in columns), "/".join(c.en for c in columns)),
        "examples": Text("；".join(examples) + more[0], "; ".join(examples) + more[1]),
        "row": row,
    }
    return Finding(block.pointer, args, label=block.label, related=(Location(entry["pointer"], row),))


def _row_cells(ctx, entry) -> list[str]:
    by_pointer = {cell.pointer: cell_id for cell_id, cell in ctx.format.cell_map.items()}
    return [by_pointer[p] for column in entry["columns"] if (p := f"{entry['pointer']}/{column}") in by_pointer]
