"""A document enters: bytes are decoded, cleaned and read into a structured
:class:`~actorgraph.loaders.document.Document` (text, blocks, sentences, metadata).

>>> doc = load_text("Title: A report\\n\\nMr. Diez spoke. Mrs. Spinant replied.", "a.md",
...                 "markdown")
>>> doc.title, [doc.span_text(s) for s in doc.sentences]
('A report', ['Mr. Diez spoke.', 'Mrs. Spinant replied.'])

The steps, each in its own module: :mod:`.decode` (bytes to text, encodings, mojibake, binary
refused), :mod:`.clean` (character and line repairs, markup), :mod:`.structure` (blocks),
:mod:`.sentences` (sentence spans), with :mod:`.formats` choosing the reader by extension.
Every failure a user can meet is a :class:`~actorgraph.errors.DocumentError` with a one-line
message that names the file."""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

from actorgraph.errors import DocumentError
from actorgraph.loaders.clean import normalise_characters
from actorgraph.loaders.decode import decode_bytes, repair_mojibake
from actorgraph.loaders.document import Block, Document, Span
from actorgraph.loaders.formats import (
    FORMATS,
    Format,
    format_for_path,
    get_format,
    known_extensions,
)
from actorgraph.loaders.frontmatter import parse_date
from actorgraph.loaders.sentences import split_sentences

__all__ = [
    "BUNDLED_DOCUMENT",
    "FORMATS",
    "MAX_BYTES",
    "Block",
    "Document",
    "Span",
    "bundled_document",
    "format_for_path",
    "iter_paths",
    "load_bytes",
    "load_path",
    "load_text",
]

#: The conference report shipped with the package, the default document.
BUNDLED_DOCUMENT = Path(__file__).resolve().parents[1] / "data" / "emn_2016_conference_report.txt"

#: Files larger than this are refused (a report is rarely over a few megabytes).
MAX_BYTES = 200 * 1024 * 1024

_TITLE_WITHIN = 5  # a heading this early in the blocks may serve as the title


def load_bytes(data: bytes, source: str, fmt: str = "text") -> Document:
    """Read a document from its raw bytes. ``source`` names it in messages and in the graph.

    Raises :class:`~actorgraph.errors.DocumentError` for binary or empty content and
    :class:`~actorgraph.errors.UnknownFormat` for an unknown ``fmt``.
    """
    form = get_format(fmt)
    sha256 = hashlib.sha256(data).hexdigest()
    if form.binary:
        return _document(form.load_reader()(data), source, sha256, form, "binary")
    text, encoding = decode_bytes(data, source)
    return _from_text(text, source, sha256, form, encoding)


def load_text(text: str, source: str, fmt: str = "text") -> Document:
    """Read a document from text already decoded; its hash is that of the UTF-8 bytes."""
    form = get_format(fmt)
    if form.binary:
        return load_bytes(text.encode("utf-8"), source, form.name)
    sha256 = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    return _from_text(repair_mojibake(text), source, sha256, form, "utf-8")


def load_path(path: str | os.PathLike, fmt: str | None = None) -> Document:
    """Read a document from a file; the format comes from its extension unless ``fmt`` says.

    >>> load_path(BUNDLED_DOCUMENT).title
    'European Conference 2016'
    """
    p = Path(path)
    if not p.exists():
        raise DocumentError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise DocumentError(f"{p}: is a directory; give the files in it (iter_paths expands it)")
    if not p.is_file():
        raise DocumentError(f"{p}: not a regular file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(
                f"{p}: {size / 2**20:.0f} MB is over the {MAX_BYTES // 2**20} MB limit; "
                "split it into smaller documents"
            )
        data = p.read_bytes()
    except OSError as e:
        reason = e.strerror or e
        raise DocumentError(f"{p}: cannot be read ({reason}); check its permissions") from e
    form = get_format(fmt) if fmt else format_for_path(p)
    return load_bytes(data, str(path), form.name)


def bundled_document() -> Document:
    """The conference report shipped with actorgraph, as a document (source ``bundled:NAME``)."""
    data = BUNDLED_DOCUMENT.read_bytes()
    return load_bytes(data, f"bundled:{BUNDLED_DOCUMENT.name}", "text")


def iter_paths(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> Iterator[Path]:
    """The document files named by ``paths``: files as given, directories expanded
    recursively (files with a known extension, hidden ones skipped, sorted), glob patterns
    expanded (sorted). Each file once, in order.

    Raises :class:`~actorgraph.errors.DocumentError` for a path that does not exist or a
    pattern that matches nothing.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[Path] = set()
    for item in paths:
        for p in _expand(item):
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                yield p


def _expand(item: str | os.PathLike) -> list[Path]:
    p = Path(item)
    if p.is_dir():
        return _documents_under(p)
    if p.exists():
        return [p]
    if glob.has_magic(str(item)):
        matches = sorted(glob.glob(str(item), recursive=True))
        if not matches:
            raise DocumentError(f"{item}: the pattern matches no file")
        found: list[Path] = []
        for m in matches:
            found.extend(_documents_under(Path(m)) if os.path.isdir(m) else [Path(m)])
        return found
    raise DocumentError(f"{item}: no such file or directory; check the path")


def _documents_under(directory: Path) -> list[Path]:
    extensions = known_extensions()
    found = []
    for root, dirs, files in os.walk(directory):  # symlinked directories are not followed
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, f) for f in files
            if not f.startswith(".") and PurePath(f).suffix.lower() in extensions
        )
    return sorted(found)


# -- the common path ------------------------------------------------------------------------------


def _from_text(text: str, source: str, sha256: str, form: Format, encoding: str) -> Document:
    layout, meta = form.load_reader()(normalise_characters(text))
    return _document((layout, meta), source, sha256, form, encoding)


def _document(read, source: str, sha256: str, form: Format, encoding: str) -> Document:
    layout, meta = read
    if not layout.blocks:
        raise DocumentError(f"{source}: empty document, nothing to extract")
    return Document(
        text=layout.text,
        source=source,
        sha256=sha256,
        title=meta.get("title") or _first_heading(layout) or _stem(source),
        format=form.name,
        date=parse_date(meta.get("date") or meta.get("published")),
        encoding=encoding,
        blocks=layout.blocks,
        sentences=split_sentences(layout.text, layout.blocks),
        metadata=meta,
    )


def _first_heading(layout) -> str:
    """A heading near the top that is a title: level 1, or guessed from its shape (level 0);
    a ``##`` heading names a section, not the document."""
    for block in layout.blocks[:_TITLE_WITHIN]:
        if block.kind == "heading" and block.level <= 1:
            return layout.text[block.start : block.end]
    return ""


def _stem(source: str) -> str:
    name = source.split(":", 1)[1] if source.startswith("bundled:") else source
    return PurePath(name).stem or name
