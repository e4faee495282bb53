"""HTML: a web page or an HTML export of a report, read into the same blocks as text.

The page is parsed by selectolax's Lexbor engine, an HTML5 parser (it builds the tree a browser
builds from the same bytes, broken markup included) written in C, so that a large page costs
milliseconds. lxml was measured and not taken: its libxml2 parser is not an HTML5 parser and
silently drops the text of elements nested more than 256 deep; BeautifulSoup on html5lib
parses correctly but is pure Python, some fifty times slower.

What is read: the page's ``<main>``, else its one ``<article>``, else its ``<body>``; scripts,
styles, navigation, forms and hidden elements are dropped, and so are a body's page header and
footer. Headings (``h1``-``h6``, with their level), paragraphs, list items (``-`` or their
number), table rows (cells joined by `` | ``), definition terms and ``Label: value`` lines
(``Chair: ...``) become the document's blocks. The title is the ``<title>`` (else the first
``h1``); the date comes from the page's metadata (``<meta name="date">``, Dublin Core,
``article:published_time``, ``citation_publication_date``) or its first ``<time datetime>``.

>>> layout, meta = read_html("<title>EMN conference</title><nav>Home</nav><h1>Opening</h1>"
...     "<p>Frontex and <b>Europol</b> signed\\n an agreement.<script>x()</script></p>"
...     "<ul><li>JOT Mare</li><li>EMPACT</li></ul>")
>>> meta["title"], layout.text
('EMN conference', 'Opening\\n\\nFrontex and Europol signed an agreement.\\n\\n- JOT Mare\\n- EMPACT')
>>> [(b.kind, b.level) for b in layout.blocks]
[('heading', 1), ('paragraph', 0), ('list_item', 0), ('list_item', 0)]
"""

from __future__ import annotations

import re

from actorgraph.errors import DocumentError
from actorgraph.loaders.clean import strip_markup
from actorgraph.loaders.patterns import LABEL_LINE
from actorgraph.loaders.structure import Layout, Part, build_layout

__all__ = ["read_html", "MAX_DEPTH"]

#: Elements nested deeper than this are refused: HTML5 parsing of such a page takes time that
#: grows with the square of its depth (200,000 nested ``div`` took two minutes), and no report
#: nests more than a few dozen.
MAX_DEPTH = 10_000

_DROP = ("script, style, noscript, template, nav, form, button, select, textarea, svg, iframe, "
         "object, canvas, [hidden], [role=navigation], [aria-hidden=true]")
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCKS = frozenset(
    "p div section article main aside header footer blockquote pre address figure figcaption "
    "table thead tbody tfoot tr caption ul ol dl dt dd li h1 h2 h3 h4 h5 h6 hr center details "
    "summary fieldset legend body html".split()
)
_CELLS = frozenset(("td", "th"))
_DATE_META = ("date", "dcterms.date", "dc.date", "dcterms.issued", "dc.date.issued", "citation_publication_date",
              "citation_date", "article:published_time", "og:published_time", "publication_date", "pubdate")

# Opening and closing tags, for the depth check; elements that need no closing tag are left out.
# "[^<>]" not "[^>]": a "<" that no ">" closes must not make every later "<" scan to the end
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
_UNCLOSED = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    "option optgroup thead tbody tfoot colgroup rp rt html head body".split()
)


def _too_deep(text: str) -> int:
    """How deep the page's elements nest, if more than :data:`MAX_DEPTH` (else 0)."""
    if text.count("<") < MAX_DEPTH:
        return 0
    depth = deepest = 0
    for m in _TAG.finditer(text):
        if m.group(2).lower() in _UNCLOSED or m.group(3):
            continue
        depth = max(depth - 1, 0) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest if deepest > MAX_DEPTH else 0


class _Blocks:
    """Collects the text of the block being read and closes it into a :class:`Part`."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.words: list[str] = []
        self.cells: list[str] = []

    def add_text(self, text: str) -> None:
        if text:
            self.words.append(text)

    def close(self, kind: str = "paragraph", level: int = 0, marker: str = "") -> None:
        content = " ".join("".join(self.words).split())
        self.words = []
        if not content:
            return
        if kind == "paragraph":
            m = LABEL_LINE.match(content)
            if m and len(content) <= 300:
                kind, marker = "label", " ".join(m.group(1).split())
        self.parts.append(Part(kind, content, level=level, marker=marker))

    def close_cell(self) -> None:
        content = " ".join("".join(self.words).split())
        self.words = []
        if content:
            self.cells.append(content)

    def close_row(self) -> None:
        self.close_cell()
        if self.cells:
            self.parts.append(Part("paragraph", " | ".join(self.cells)))
        self.cells = []


def _root(tree):
    main = tree.css_first("main")
    if main is not None:
        return main
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0]
    body = tree.body
    if body is not None:
        for node in body.css("body > header, body > footer"):
            node.decompose()
    return body


def _marker(li) -> str:
    """``-`` in an unordered list, the item's number in an ordered one."""
    parent = li.parent
    if parent is None or parent.tag != "ol":
        return "-"
    try:
        n = int(parent.attributes.get("start") or 1)
    except ValueError:
        n = 1
    sibling = li.prev
    while sibling is not None:
        if sibling.tag == "li":
            n += 1
        sibling = sibling.prev
    return f"{n}."


def _context(node) -> tuple[str, int, str]:
    """The kind of block an element's text belongs to."""
    tag = node.tag
    if tag in _HEADINGS:
        return "heading", _HEADINGS[tag], ""
    if tag == "li":
        return "list_item", 0, _marker(node)
    return "paragraph", 0, ""


def _walk(root) -> list[Part]:
    """Read the blocks, depth first, without recursion (a page may nest deeply)."""
    out = _Blocks()
    contexts: list[tuple[str, int, str]] = [("paragraph", 0, "")]
    # (node, entering): a block element is visited twice, on entering and on leaving it
    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag
        if tag == "-text":
            out.add_text(node.text_content or "")
            continue
        if tag in ("-comment", "_comment") or tag is None:
            continue
        block = tag in _BLOCKS
        if not entering:
            if tag in _CELLS:
                out.close_cell()
            elif tag == "tr":
                out.close_row()
            elif block:
                out.close(*contexts.pop())
            continue
        if tag == "br":
            out.close(*contexts[-1])
            continue
        if tag in _CELLS:
            out.close_cell()
        elif tag == "tr":
            out.close_row()
        elif block:
            out.close(*contexts[-1])
            # a heading or list item gives its kind to the blocks inside it (<li><p>..</p></li>)
            contexts.append(_context(node) if tag in _HEADINGS or tag == "li" else contexts[-1])
        if block or tag in _CELLS or tag == "tr":
            stack.append((node, False))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, True) for c in reversed(children))
    out.close(*contexts[-1])
    return out.parts


def _meta(tree) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = tree.css_first("title")
    if title is not None:
        meta["title"] = " ".join(title.text(deep=True).split())
    if not meta.get("title"):
        h1 = tree.css_first("h1")
        if h1 is not None:
            meta["title"] = " ".join(h1.text(deep=True).split())
    if not meta.get("title"):
        meta.pop("title", None)
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        name = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        content = (attrs.get("content") or "").strip()
        if name and content:
            found.setdefault(name, content)
    for name in _DATE_META:
        if found.get(name):
            meta["date"] = found[name]
            break
    else:
        time = tree.css_first("time[datetime]")
        if time is not None and time.attributes.get("datetime"):
            meta["date"] = time.attributes["datetime"]
    for key, names in (("author", ("author", "dc.creator", "dcterms.creator", "citation_author")),
                       ("description", ("description", "og:description")),
                       ("publisher", ("dc.publisher", "dcterms.publisher", "og:site_name"))):
        value = next((found[n] for n in names if found.get(n)), None)
        if value:
            meta[key] = value
    return meta


def read_html(text: str) -> tuple[Layout, dict[str, str]]:
    """An HTML page's blocks and metadata (see the module docstring)."""
    from selectolax.lexbor import LexborHTMLParser

    depth = _too_deep(text)
    if depth:
        raise DocumentError(f"HTML elements nested {depth:,} deep (over {MAX_DEPTH:,}); "
                            "this is not a report page: save it as text first")
    tree = LexborHTMLParser(text)
    meta = _meta(tree)
    for node in tree.css(_DROP):
        node.decompose()
    root = _root(tree)
    if root is None:
        return Layout("", []), meta
    return build_layout(_walk(root), strip_markup), meta
