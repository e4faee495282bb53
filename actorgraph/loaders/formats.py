"""Input formats: one table, by name and file extension, with lazily imported readers.

A reader turns decoded, character-normalised text into a :class:`~actorgraph.loaders.structure.
Layout` (the cleaned text and its blocks) and the document's own metadata. Adding a format is
one reader function and one :class:`Format` row in :data:`FORMATS`:

* HTML: ``actorgraph.loaders.html:read_html`` -- a reader of decoded text, like the two below.
* PDF: ``actorgraph.loaders.pdf:read_pdf``, ``binary=True`` -- a binary format's reader
  receives the raw bytes instead of decoded text (and no mojibake repair or binary check is
  made); it returns the same ``(Layout, metadata)``, by extracting the text layer and handing
  it to :func:`read_text`.

A file whose extension is in no row is read as text (the binary check still refuses images and
archives)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from actorgraph.errors import UnknownFormat
from actorgraph.loaders.clean import (
    DocumentWords,
    join_broken_lines,
    remove_page_furniture,
    repair_split_words,
    strip_markup,
)
from actorgraph.loaders.frontmatter import split_front_matter
from actorgraph.loaders.structure import Layout, build_layout, markdown_parts, text_parts

__all__ = ["FORMATS", "Format", "format_for_path", "get_format", "read_markdown", "read_text"]

Reader = Callable[..., "tuple[Layout, dict[str, str]]"]


@dataclass(frozen=True)
class Format:
    """An input format: its name, the extensions that select it, and its reader."""

    name: str
    extensions: tuple[str, ...]
    reader: str  # "module:function", imported on first use
    description: str
    binary: bool = False  # the reader takes raw bytes, not decoded text

    def load_reader(self) -> Reader:
        module, _, function = self.reader.partition(":")
        return getattr(importlib.import_module(module), function)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", (".txt", ".text", ""), "actorgraph.loaders.formats:read_text",
               "plain text, including text exported from PDF"),
        Format("markdown", (".md", ".markdown", ".mdown", ".mkd"),
               "actorgraph.loaders.formats:read_markdown", "Markdown (CommonMark, GitHub, Pandoc)"),
        Format("html", (".html", ".htm", ".xhtml"), "actorgraph.loaders.html:read_html",
               "HTML pages and HTML exports of reports (read with an HTML5 parser)"),
        Format("pdf", (".pdf",), "actorgraph.loaders.pdf:read_pdf",
               "PDF with a text layer (a scanned PDF needs OCR first)", binary=True),
    )
}

_ALIASES = {"txt": "text", "plain": "text", "md": "markdown"}


def get_format(name: str) -> Format:
    """The format of this name; :class:`~actorgraph.errors.UnknownFormat` lists the known ones.

    >>> get_format("md").name
    'markdown'
    """
    key = _ALIASES.get(name.lower().lstrip("."), name.lower().lstrip("."))
    if key not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise UnknownFormat(f"unknown input format {name!r}; known formats: {known}")
    return FORMATS[key]


def format_for_path(path: str | PurePath) -> Format:
    """The format a file's extension selects; text for an unknown or missing extension.

    >>> [format_for_path(p).name for p in ("report.MD", "notes", "a.rst")]
    ['markdown', 'text', 'text']
    """
    suffix = PurePath(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return FORMATS["text"]


def known_extensions() -> tuple[str, ...]:
    """The extensions a directory listing picks up (those of a registered format)."""
    return tuple(sorted({e for f in FORMATS.values() for e in f.extensions if e}))


# -- the two readers ------------------------------------------------------------------------------


def _flattened(lines: list[str]) -> bool:
    """Text that lost its line breaks (one huge line): PDF extraction, stray spaces likely."""
    longest = max((len(line) for line in lines), default=0)
    return longest > 5000 and len(lines) < 50


def read_text(text: str) -> tuple[Layout, dict[str, str]]:
    """Plain text (typed, or exported from PDF): page furniture and broken lines repaired,
    then headings, lists, labels and paragraphs read from the lines' shapes.

    >>> layout, meta = read_text("Opening remarks\\n\\nMr. Diez stressed that smug-\\n\\n"
    ...                          "gling is a crime. Smuggling grows.")
    >>> layout.text
    'Opening remarks\\n\\nMr. Diez stressed that smuggling is a crime. Smuggling grows.'
    """
    meta, body = split_front_matter(text)
    lines = body.split("\n")
    words = DocumentWords(body)
    lines = join_broken_lines(remove_page_furniture(lines), words)
    if _flattened(lines):
        def clean(s: str) -> str:
            return repair_split_words(strip_markup(s), words)
    else:
        clean = strip_markup
    return build_layout(text_parts(lines), clean), meta


def read_markdown(text: str) -> tuple[Layout, dict[str, str]]:
    """Markdown: front matter to metadata, wrapped paragraphs joined, markup and wiki
    citation markers removed. Headings are guessed from their shape only in a document that
    marks none with ``#``."""
    meta, body = split_front_matter(text)
    lines = remove_page_furniture(body.split("\n"))
    parts = markdown_parts(lines)
    marked = any(p.kind == "heading" for p in parts)
    return build_layout(parts, strip_markup, guess_headings=not marked), meta
