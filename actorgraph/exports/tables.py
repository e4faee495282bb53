"""The graph as two tables, ``nodes.csv`` and ``edges.csv``, for spreadsheets and Kumu.

Written as one zip archive (one file, so that it can go to stdout or be written atomically),
or as the two files in a directory (``actorgraph export -o DIR/``).

``nodes.csv``: ``id, label, type, classes, aliases, wikidata, curated`` (lists joined with ``|``).
``edges.csv``: one row per piece of evidence, so that every row has its sentence:
``from, to, from_label, to_label, type, modality, role, evidence, document, start, end, curated``.
``from``/``to`` are node ids, ``type`` is the relation: the column names Kumu reads.
``curated`` is empty for what was extracted; for a statement an analyst asserted by hand or
whose modality a decision changed, the decision (``#9 asserted by hand (jdoe, 2026-11-28)``);
for a node, the decisions that changed the entity itself (merge, rename...). See
docs/curation.md.
"""

from __future__ import annotations

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "tables", "write_csv_dir", "write_csv_zip"]

import csv
import io
import zipfile
from pathlib import Path
from typing import IO

NODE_COLUMNS = ["id", "label", "type", "classes", "aliases", "wikidata", "curated"]
EDGE_COLUMNS = ["from", "to", "from_label", "to_label", "type", "modality", "role", "evidence",
                "document", "start", "end", "curated"]


def tables(store, curated: str = "include") -> dict[str, str]:
    """``{"nodes.csv": text, "edges.csv": text}``; ``curated`` (include, exclude, only) chooses
    the statements asserted or changed by hand (:func:`actorgraph.graph.view.graph_data`)."""
    from actorgraph.graph.queries import document_name
    from actorgraph.graph.view import graph_data

    data = graph_data(store, curated=curated)
    nodes = [{"id": n.id, "label": n.label, "type": n.type, "classes": "|".join(n.classes),
              "aliases": "|".join(n.aliases), "wikidata": "|".join(n.wikidata), "curated": n.curated}
             for n in data.nodes.values()]
    nodes.sort(key=lambda r: (r["type"], r["label"].lower(), r["id"]))
    edges = []
    for e in data.edges:
        for ev in e.evidence:
            edges.append({"from": e.source, "to": e.target, "from_label": data.nodes[e.source].label,
                          "to_label": data.nodes[e.target].label, "type": e.relation,
                          "modality": e.modality, "role": ev.role, "evidence": ev.sentence,
                          "document": document_name(ev.source), "start": ev.start, "end": ev.end,
                          "curated": ev.curated.describe() if ev.curated else ""})
    return {"nodes.csv": _csv(nodes, NODE_COLUMNS), "edges.csv": _csv(edges, EDGE_COLUMNS)}


def _csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv_zip(store, out: IO[bytes], curated: str = "include") -> None:
    buffer = io.BytesIO()  # zipfile needs to seek; stdout cannot
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables(store, curated).items():
            archive.writestr(name, text.encode("utf-8"))
    out.write(buffer.getvalue())


def write_csv_dir(store, directory: Path, curated: str = "include") -> None:
    """``nodes.csv`` and ``edges.csv`` in ``directory`` (created if need be), each atomically."""
    from actorgraph.exports.registry import atomic_write

    for name, text in tables(store, curated).items():
        atomic_write(directory / name, lambda out, text=text: out.write(text.encode("utf-8")))
