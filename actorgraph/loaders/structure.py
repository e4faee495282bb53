"""Structure: the lines of a cleaned text become headings, paragraphs, list items and labels.

Two readers share one output. :func:`text_parts` reads text exported from PDF or typed by
hand: a paragraph may be one long line or hard-wrapped lines, and headings are guessed from
their shape. :func:`markdown_parts` reads Markdown: ``#`` headings, ``*`` lists, tables, and
hard-wrapped paragraphs. Both recognise label lines (``Chair: Name (Org)``) and the lines that
continue them (the second and third panellist). :func:`build_layout` then cleans each block's
inline markup, places the blocks in the final text and records their spans.

The final text is written block by block: a blank line between blocks, one newline between
consecutive list items or labels, a list item's marker before its span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from actorgraph.loaders.clean import strip_markup
from actorgraph.loaders.document import Block
from actorgraph.loaders.patterns import (
    HEADING_PATTERN,
    LABEL_LINE,
    LIST_ITEM,
    TABLE_RULE,
    TERMINAL,
    ends_open,
    is_table_row,
)

__all__ = [
    "Layout",
    "Part",
    "build_layout",
    "looks_like_heading",
    "markdown_parts",
    "text_parts",
    "wrap_width",
]


@dataclass
class Part:
    """A block before its text is cleaned and placed: what the readers produce."""

    kind: str
    content: str
    level: int = 0
    marker: str = ""
    lines: int = 1  # source lines joined into it (a heading is one or two)


@dataclass
class Layout:
    """The cleaned text and its blocks; spans are offsets into ``text``."""

    text: str
    blocks: list[Block]


_ATX = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_RULE = re.compile(r"^([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^(```|~~~)")
_LINK_DEFINITION = re.compile(r"^\[[^\]^]+\]:\s*\S+")  # "[ref]: http://..." -- not text
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]]+\]:\s*")  # "[^1]: text" -- keep the text
_ENTRY = re.compile(r"^[^()]{2,100}\(.+\)$")  # "Name (Organisation)"
_HYPHEN_WRAP = re.compile(r"[^\W\d_]-$")


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at, or None if its paragraphs are single lines.

    >>> wrap_width(["x" * 72] * 9 + ["short"]), wrap_width(["x" * 700] * 10)
    (72, None)
    """
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < 8:
        return None
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    return p90 if 40 <= p90 <= 130 else None


def _continues(prev: str, cur: str, width: int | None) -> bool:
    """Does line ``cur`` continue the paragraph whose last line is ``prev``?"""
    if cur[0].islower() or cur[0] in "&%),;:":
        return True
    if ends_open(prev) or _HYPHEN_WRAP.search(prev):
        return True
    if width:
        n = len(prev.rstrip())
        if TERMINAL.search(prev) and len(cur) < 0.6 * width and not TERMINAL.search(cur):
            return False  # a sentence ended; a short line without one is a heading or caption
        return n >= 0.85 * width or (n >= 0.6 * width and not TERMINAL.search(prev))
    return False


def _join(lines: list[str]) -> str:
    out = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        # "first-" + "ever": a hyphen at a wrap is a real one in Markdown and in text whose
        # soft hyphenation :func:`~actorgraph.loaders.clean.join_broken_lines` has removed
        glue = "" if _HYPHEN_WRAP.search(out) and line[:1].isalpha() else " "
        out += glue + line
    return out


def _heading_pattern(s: str) -> bool:
    return bool(HEADING_PATTERN.match(s)) and len(s) <= 300 and not (
        s.endswith(".") and len(s.split()) > 20
    )


class _Reader:
    """State shared by both readers: the open paragraph, list item and label group."""

    def __init__(self, width: int | None = None):
        self.parts: list[Part] = []
        self.para: list[str] = []
        self.item: Part | None = None
        self.item_lines: list[str] = []
        self.label: str | None = None  # marker of the open label group
        self.label_entries = False  # does the group list "Name (Org)" entries?
        self.width = width

    def flush(self) -> None:
        if self.para:
            self.parts.append(Part("paragraph", _join(self.para), lines=len(self.para)))
            self.para = []
        if self.item is not None:
            self.item.content = _join(self.item_lines)
            self.parts.append(self.item)
            self.item, self.item_lines = None, []

    def add(self, part: Part) -> None:
        self.flush()
        self.parts.append(part)
        if part.kind != "label":
            self.label = None

    def start_item(self, m: re.Match) -> None:
        self.flush()
        self.label = None
        marker = m.group(2)
        if "\ue000" <= marker <= "\uf8ff":
            marker = "•"  # a Symbol or Wingdings bullet from a PDF font
        self.item = Part("list_item", "", marker=marker)
        self.item_lines = [m.group(3)]

    def try_label(self, s: str, light: str, blank: bool) -> bool:
        """Open a label group, or continue the open one; True if the line was taken."""
        m = LABEL_LINE.match(light)
        if m:
            marker = " ".join(m.group(1).split())
            self.add(Part("label", s, marker=marker))
            self.label = marker
            value = (m.group(2) or "").strip()
            self.label_entries = not value or bool(_ENTRY.match(value))
            return True
        if self.label is None or _heading_pattern(light) or LIST_ITEM.match(s):
            return False
        last = self.parts[-1] if self.parts and self.parts[-1].kind == "label" else None
        if last is not None and not blank and (
            last.content.count("(") > last.content.count(")") or light[0].islower()
        ):
            last.content += " " + s  # the value wrapped onto this line
            return True
        shaped = bool(_ENTRY.match(light))
        if blank:
            taken = self.label_entries and shaped
        else:
            taken = len(light) <= 200 and not (
                TERMINAL.search(light) and light.rstrip()[-1] != ")" and len(light.split()) > 12
            )
        if taken:
            self.add(Part("label", s, marker=self.label))
            self.label_entries = self.label_entries and shaped
        return taken


def text_parts(lines: list[str]) -> list[Part]:
    """Read the blocks of a plain-text document (PDF export, typed report).

    >>> [(p.kind, p.marker, p.content) for p in text_parts(
    ...     ["Workshop 1: Exchange of information", "", "Chair: Pawel Suchanek (Frontex)", "",
    ...      "Panellists: Ralph Markert (Interpol)", "Morgane Nicot (UNODC)", "",
    ...      "- Better use of existing tools;", "Co-funded by the", "European Union"])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('heading', '', 'Workshop 1: Exchange of information'),
     ('label', 'Chair', 'Chair: Pawel Suchanek (Frontex)'),
     ('label', 'Panellists', 'Panellists: Ralph Markert (Interpol)'),
     ('label', 'Panellists', 'Morgane Nicot (UNODC)'),
     ('list_item', '-', 'Better use of existing tools;'),
     ('paragraph', '', 'Co-funded by the European Union')]
    """
    r = _Reader(wrap_width(lines))
    blank = True
    for line in lines:
        s = line.strip()
        if not s:
            r.flush()
            blank = True
            continue
        light = strip_markup(s) or s
        atx = _ATX.match(s)
        if atx and atx.group(2):
            r.add(Part("heading", atx.group(2), level=len(atx.group(1))))
        elif r.try_label(s, light, blank):
            pass
        elif (m := LIST_ITEM.match(s)) is not None:
            r.start_item(m)
        elif _heading_pattern(light):
            r.add(Part("heading", s))
        elif r.item is not None and not blank and _continues(r.item_lines[-1], s, r.width):
            r.item_lines.append(s)
        elif r.para and not blank and _continues(r.para[-1], s, r.width):
            r.para.append(s)
        else:
            r.flush()
            r.label = None
            r.para = [s]
        blank = False
    r.flush()
    return _numbered_headings(r.parts)


_SECTION_NUMBER = re.compile(r"^\d{1,2}[.)]?$")


def _numbered_headings(parts: list[Part]) -> list[Part]:
    """A numbered line that looks like a heading ("2. Situational picture") and has no
    numbered neighbour is a section heading, not a one-item list."""
    def numbered(j: int) -> bool:
        return 0 <= j < len(parts) and parts[j].kind == "list_item" and bool(
            _SECTION_NUMBER.match(parts[j].marker))

    for i, part in enumerate(parts):
        if (
            numbered(i)
            and not numbered(i - 1)
            and not numbered(i + 1)
            and looks_like_heading(strip_markup(part.content))
        ):
            parts[i] = Part("heading", f"{part.marker} {part.content}")
    return parts


def markdown_parts(lines: list[str]) -> list[Part]:
    """Read the blocks of a Markdown document.

    Hard-wrapped lines of a paragraph are joined; a line ending in two spaces or a backslash
    (a Markdown line break) ends its paragraph; tables give one paragraph per row, their rule
    rows and horizontal rules are dropped, block quotes are read as their content.

    >>> [(p.kind, p.level, p.content) for p in markdown_parts(
    ...     ["## History", "The IOM was founded", "in 1951.", "", "  * Afghanistan",
    ...      "  * Albania", "", "first-", "ever agreement"])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('heading', 2, 'History'), ('paragraph', 0, 'The IOM was founded in 1951.'),
     ('list_item', 0, 'Afghanistan'), ('list_item', 0, 'Albania'),
     ('paragraph', 0, 'first-ever agreement')]
    """
    r = _Reader()
    blank, fence = True, False
    for line in lines:
        hard_break = line.endswith("  ") or line.rstrip().endswith("\\")
        s = line.strip()
        if _FENCE.match(s):
            r.flush()
            fence = not fence
            continue
        if fence:
            if s:
                r.add(Part("paragraph", s))
            continue
        while s.startswith(">"):
            s = s[1:].strip()
        if not s:
            r.flush()
            blank = True
            continue
        if hard_break and s.endswith("\\"):
            s = s[:-1].rstrip()
        if _LINK_DEFINITION.match(s):
            continue
        s = _FOOTNOTE_DEFINITION.sub("", s) or s
        light = strip_markup(s) or s
        atx = _ATX.match(s)
        setext = _SETEXT.match(s)
        if atx:
            if atx.group(2):
                r.add(Part("heading", atx.group(2), level=len(atx.group(1))))
        elif setext and r.para and not blank:
            title, r.para = _join(r.para), []
            r.add(Part("heading", title, level=1 if s[0] == "=" else 2))
        elif _RULE.match(s) or TABLE_RULE.match(s):
            r.flush()
        elif is_table_row(s):
            cells = (c.strip() for c in s.strip().strip("|").split("|"))
            r.add(Part("paragraph", " | ".join(c for c in cells if c)))
        elif r.try_label(s, light, blank):
            pass
        elif (m := LIST_ITEM.match(s)) is not None:
            r.start_item(m)
        elif r.item is not None and not blank:
            r.item_lines.append(s)
        elif r.para and not blank:
            r.para.append(s)
        else:
            r.flush()
            r.label = None
            r.para = [s]
        blank = False
        if hard_break:
            r.flush()
    r.flush()
    return r.parts


# -- headings guessed from their shape -------------------------------------------------------------

_KEY_VALUE = re.compile(r"^[\w-]+(?:\s[\w-]+)?\s*:")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]")
# A quoted title inside a heading counts as one word: "Presentation of the study 'Smuggling of
# migrants: characteristics, responses and cooperation with third countries'".
_QUOTED = re.compile(r"(?:(?<=\s)|^)['\"“‘][^'\"“”‘’\n]{2,}['\"”’](?=\s|$|[,.;:!?)])")
_SMALL_WORDS = frozenset("a an the and or of in on at to for with by from as vs per via".split())


def looks_like_heading(s: str) -> bool:
    """Is this single line, standing as a paragraph, a heading?

    A heading is short, does not end like a sentence, and is in capitals, in title case,
    numbered ("3.2 Routes"), or very short ("Opening remarks").

    >>> [looks_like_heading(s) for s in ("CONCLUSIONS AND SUMMARY", "Opening remarks",
    ...  "Smuggling Routes and Modi Operandi", "2.1 Western Balkans", "Source: AFP",
    ...  "Presentation of the study 'Smuggling of migrants: characteristics, responses and "
    ...  "cooperation with third countries'",
    ...  "Panel I focused on the cooperation between the EU agencies and the member states",
    ...  "These conclusions included the following:", "10,000,000")]
    [True, True, True, True, False, True, False, False, False]
    """
    if not s or len(s) > 200 or s[-1] in ".!?;,:" or "|" in s:
        return False
    words = _QUOTED.sub("Q", s).split()
    if len(words) > 20 or sum(c.isalpha() for c in s) < 3:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘("):
        return False
    if _KEY_VALUE.match(s):
        return False
    if s[0].isdigit():
        return bool(_NUMBERED_HEADING.match(s)) and len(words) <= 15
    letters = [c for c in s if c.isalpha()]
    if sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return True
    content = [w.strip("()[]\"'“”‘’,") for w in words]
    content = [w for w in content if w and w.lower() not in _SMALL_WORDS]
    capitalised = sum(w[0].isupper() for w in content)
    if len(words) <= 15 and content and capitalised >= 0.75 * len(content):
        return True
    return len(words) <= 8


# -- placing the blocks ----------------------------------------------------------------------------


def build_layout(
    parts: list[Part], clean: Callable[[str], str], guess_headings: bool = True
) -> Layout:
    """Clean each part's text, guess headings, and write the blocks into one text.

    ``clean`` repairs a block's inline text (markup, split words). With ``guess_headings``,
    a paragraph of one or two short lines that looks like a heading becomes one.

    >>> layout = build_layout([Part("heading", "Next steps"), Part("list_item", "A **b**;",
    ...                        marker="-"), Part("list_item", "C.", marker="-")], strip_markup)
    >>> layout.text
    'Next steps\\n\\n- A b;\\n- C.'
    >>> [(b.kind, layout.text[b.start:b.end], b.marker) for b in layout.blocks]
    [('heading', 'Next steps', ''), ('list_item', 'A b;', '-'), ('list_item', 'C.', '-')]
    """
    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    prev_kind = None
    for part in parts:
        content = clean(part.content)
        if not content:
            continue
        kind = part.kind
        if kind == "paragraph" and guess_headings and part.lines <= 2:
            kind = "heading" if looks_like_heading(content) else kind
        if prev_kind is None:
            sep = ""
        elif kind == prev_kind and kind in ("list_item", "label"):
            sep = "\n"
        else:
            sep = "\n\n"
        prefix = f"{part.marker} " if kind == "list_item" else ""
        chunks.append(sep + prefix)
        pos += len(sep) + len(prefix)
        chunks.append(content)
        blocks.append(Block(pos, pos + len(content), kind, part.level, part.marker))
        pos += len(content)
        prev_kind = kind
    return Layout("".join(chunks), blocks)
