"""The plain data a loader produces: a cleaned document with its structure.

Offsets everywhere in actorgraph are character offsets into ``Document.text`` (the cleaned
text, which is stored with the document so that every offset can be checked)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A structural unit of the cleaned text.

    ``kind`` is one of ``"heading"`` (a title or section heading line), ``"paragraph"``,
    ``"list_item"`` (a bullet or numbered item; ``marker`` holds ``"-"`` or ``"3."``), or
    ``"label"`` (a ``Label: value`` line such as ``Chair: ...`` / ``Panellists: ...``;
    ``marker`` holds the label word). ``level`` is the heading level where known
    (Markdown ``#`` count), else 0.
    """

    start: int
    end: int
    kind: str
    level: int = 0
    marker: str = ""


@dataclass
class Document:
    """A cleaned document, ready for extraction.

    ``sha256`` is the hash of the raw bytes (the document's identity for incremental builds);
    ``source`` is the path it came from (or ``bundled:NAME``); ``format`` names the loader
    (``text``, ``markdown``, ...); ``metadata`` holds what the file states about itself
    (front-matter ``Date``, ``Author``, ``Src``...).
    """

    text: str
    source: str
    sha256: str
    title: str = ""
    format: str = "text"
    date: str | None = None
    encoding: str = "utf-8"
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Stable identifier: the first 16 hex digits of the raw content hash."""
        return self.sha256[:16]

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]
