"""Every export format, registered once by name, with lazy imports.

One small interface: an exporter is a function ``write(store, out)`` that writes the whole
graph of ``store`` (a pyoxigraph ``Store``) to the binary stream ``out``. The table below maps
a format name to that function (as ``"module:function"``, imported only when the format is
used), the file extensions it is guessed from, and a one-line description.

:func:`export` has the shape of rdflib's ``Graph.serialize``: without a destination it returns
the bytes; with one it guesses the format from the file extension and writes the file
atomically (a temporary file, then a rename). An unknown format raises
:class:`~actorgraph.errors.UnknownFormat` listing the known ones.

Examples
--------
>>> guess_format("graph.ttl")
'turtle'
>>> guess_format("network.gexf")
'gexf'
>>> FORMATS["nquads"].dataset
True
"""

from __future__ import annotations

__all__ = ["FORMATS", "ExportFormat", "export", "format_names", "get_format", "guess_format"]

import importlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from actorgraph.errors import UnknownFormat


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extensions: tuple[str, ...]
    writer: str  # "module:function" with the signature write(store, out: IO[bytes]) -> None
    description: str
    media_type: str
    rdf: bool = False  # an RDF serialisation (round-trips to an isomorphic graph)
    dataset: bool = False  # keeps one named graph per document
    curated: bool = False  # the writer takes curated="include"|"exclude"|"only" (docs/curation.md)

    def load(self) -> Callable[[object, IO[bytes]], None]:
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(module), function)


_RDF = "actorgraph.exports.rdf"
FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("turtle", (".ttl",), f"{_RDF}:write_turtle",
                 "Turtle: every document's triples in one graph, with prefixes", "text/turtle", rdf=True),
    ExportFormat("ntriples", (".nt",), f"{_RDF}:write_ntriples",
                 "N-Triples: one triple a line, every document in one graph", "application/n-triples", rdf=True),
    ExportFormat("nquads", (".nq",), f"{_RDF}:write_nquads",
                 "N-Quads: one quad a line, one named graph per document", "application/n-quads",
                 rdf=True, dataset=True),
    ExportFormat("trig", (".trig",), f"{_RDF}:write_trig",
                 "TriG: Turtle with one named graph per document", "application/trig", rdf=True, dataset=True),
    ExportFormat("jsonld", (".jsonld", ".json-ld"), "actorgraph.exports.jsonld:write_jsonld",
                 "JSON-LD with the published actorgraph context, one named graph per document",
                 "application/ld+json", rdf=True, dataset=True),
    ExportFormat("rdfxml", (".rdf", ".owl", ".xml"), f"{_RDF}:write_rdfxml",
                 "RDF/XML: every document's triples in one graph", "application/rdf+xml", rdf=True),
    ExportFormat("graphml", (".graphml",), "actorgraph.exports.network:write_graphml",
                 "GraphML network for yEd, Cytoscape and Gephi: class, relation, modality as attributes",
                 "application/graphml+xml", curated=True),
    ExportFormat("gexf", (".gexf",), "actorgraph.exports.network:write_gexf",
                 "GEXF network for Gephi: class, relation, modality as attributes", "application/gexf+xml",
                 curated=True),
    ExportFormat("csv", (".zip",), "actorgraph.exports.tables:write_csv_zip",
                 "nodes.csv and edges.csv (spreadsheets, Kumu), zipped; -o DIR/ writes the two files",
                 "application/zip", curated=True),
    ExportFormat("ftm", (".ftm.json", ".ftm", ".jsonl"), "actorgraph.exports.ftm:write_ftm",
                 "FollowTheMoney entities as JSON lines, for Aleph and the FtM tools",
                 "application/x-ndjson"),
)}

_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads",
            "n-quads": "nquads", "json-ld": "jsonld", "xml": "rdfxml", "rdf/xml": "rdfxml",
            "followthemoney": "ftm"}


def format_names() -> list[str]:
    return list(FORMATS)


def get_format(name: str) -> ExportFormat:
    """The format called ``name`` (or one of its short aliases: ``ttl``, ``nt``, ``nq``...).

    Raises
    ------
    UnknownFormat
        Listing the known formats.
    """
    key = name.lower().strip()
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise UnknownFormat(f"unknown export format '{name}'; choose one of {', '.join(FORMATS)}")
    return FORMATS[key]


def guess_format(path: str | os.PathLike) -> str:
    """The format a file name asks for, by its extension (``.ttl``, ``.gexf``, ``.zip``...).

    Raises
    ------
    UnknownFormat
        When the extension is not one of ours; the message lists them.
    """
    name = Path(path).name.lower()
    for fmt in sorted(FORMATS.values(), key=lambda f: -max(len(e) for e in f.extensions)):
        if any(name.endswith(ext) for ext in fmt.extensions):
            return fmt.name
    known = ", ".join(f"{e} ({f.name})" for f in FORMATS.values() for e in f.extensions)
    raise UnknownFormat(f"cannot tell the export format from the file name '{Path(path).name}'; "
                        f"give --format, or use one of: {known}")


def export(store, format: str | None = None, destination: str | os.PathLike | None = None,
           curated: str = "include") -> bytes | None:
    """Export the whole graph of ``store``.

    Parameters
    ----------
    format
        A name of :data:`FORMATS`; guessed from ``destination`` when not given.
    destination
        A file path (written atomically), or None to get the bytes back. For ``csv``, a
        directory (an existing one, or a path ending in ``/``) gets ``nodes.csv`` and
        ``edges.csv``.
    curated
        ``include`` (default), ``exclude`` or ``only`` the statements analysts asserted or
        changed by hand; the network and table formats only (an RDF export is the store as it
        is, with the curation graph).

    Raises
    ------
    UnknownFormat
        For an unknown format or a file name it cannot be guessed from, or ``curated`` other
        than ``include`` for a format that does not take it.
    """
    dest = None if destination is None else str(destination)
    if format is None:
        if dest is None:
            raise UnknownFormat(f"give a format; choose one of {', '.join(FORMATS)}")
        if dest.endswith(os.sep) or Path(dest).is_dir():
            format = "csv"
        else:
            format = guess_format(dest)
    fmt = get_format(format)
    extra = {}
    if curated != "include":
        if not fmt.curated:
            takes = ", ".join(f.name for f in FORMATS.values() if f.curated)
            raise UnknownFormat(f"the {fmt.name} export is the whole store; leaving curated statements out "
                                f"works for {takes}")
        extra = {"curated": curated}
    if dest is not None and (dest.endswith(os.sep) or Path(dest).is_dir()):
        if fmt.name != "csv":
            raise UnknownFormat(f"{dest} is a directory: only the csv format writes a directory "
                                "(nodes.csv, edges.csv); give a file name for the others")
        from actorgraph.exports.tables import write_csv_dir

        write_csv_dir(store, Path(dest), **extra)
        return None
    write = fmt.load()
    if dest is None:
        import io

        buffer = io.BytesIO()
        write(store, buffer, **extra)
        return buffer.getvalue()
    atomic_write(Path(dest), lambda out: write(store, out, **extra))
    return None


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write a file through a temporary file in the same directory, then rename it into place,
    so that a reader never sees half a file and a failed export leaves the old file alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
