"""Rows out: the one writer behind every listing command's ``--format table|csv|json``.

``table`` is for reading in a terminal (long cells wrap inside their column); ``csv`` and
``json`` are for pipes and spreadsheets and always hold the full text."""

from __future__ import annotations

import csv
import json
import shutil
import textwrap
from typing import IO, Sequence

from actorgraph.errors import UnknownFormat

ROW_FORMATS = ("table", "csv", "json")


def write_rows(rows: Sequence[dict], columns: Sequence[str], fmt: str, out: IO[str],
               wide: Sequence[str] = ()) -> None:
    """Write ``rows`` (dicts) as ``fmt``; ``columns`` chooses and orders the fields of csv and
    table; ``wide`` names the columns that get the spare width of a table."""
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if r.get(c) is None else r.get(c) for c in columns])
    elif fmt == "table":
        out.write(render_table(rows, columns, wide))
    else:
        raise UnknownFormat(f"unknown format '{fmt}'; choose one of {', '.join(ROW_FORMATS)}")


def render_table(rows: Sequence[dict], columns: Sequence[str], wide: Sequence[str] = (),
                 width: int | None = None) -> str:
    if not rows:
        return "(no results)\n"
    width = width or max(80, min(shutil.get_terminal_size((120, 24)).columns, 200))
    cells = [[str(r.get(c, "") if r.get(c) is not None else "") for c in columns] for r in rows]
    natural = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    gaps = 2 * (len(columns) - 1)
    narrow = [i for i, c in enumerate(columns) if c not in wide]
    widths = list(natural)
    for i in narrow:
        widths[i] = min(natural[i], 30)
    spare = max(20, width - gaps - sum(widths[i] for i in narrow))
    wide_idx = [i for i, c in enumerate(columns) if c in wide]
    for i in wide_idx:
        widths[i] = min(natural[i], max(20, spare // max(1, len(wide_idx))))
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        wrapped = [textwrap.wrap(cell, w) or [""] for cell, w in zip(row, widths)]
        for k in range(max(len(x) for x in wrapped)):
            parts = [(x[k] if k < len(x) else "").ljust(w) for x, w in zip(wrapped, widths)]
            lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"
